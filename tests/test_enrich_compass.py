"""A compass word that machine translation split off a place name joins the place again
(`Nord Kivu`, not the wrong place `Kivu`), whichever German NER mode ran."""

from __future__ import annotations

import pytest

from lagebild.enrich import ner
from lagebild.enrich.ner import EntitySpan
from lagebild.enrich.stage import EnrichOptions, _join_compass_splits, enrich_many
from lagebild.model import Article


def _span(text: str, word: str, label: str, subtype: str | None = None) -> EntitySpan:
    i = text.index(word)
    return EntitySpan(i, i + len(word), label, subtype, word)


def test_compass_word_and_place_join():
    text = "Kämpfe in Nord Kivu, in Süd Tirol und Nordost Syrien."
    spans = [_span(text, "Nord", "LOC"), _span(text, "Kivu", "LOC"),  # both tagged
             _span(text, "Tirol", "LOC"),  # the compass word left out
             _span(text, "Syrien", "LOC")]
    got = {(text[s.start:s.end], s.label) for s in _join_compass_splits(text, spans)}
    assert got == {("Nord Kivu", "LOC"), ("Süd Tirol", "LOC"), ("Nordost Syrien", "LOC")}


def test_other_spans_pass_unchanged():
    text = "Westfalen, der Nordpol, Anord Kivu, Süd-Tirol, Ost und Berlin, West Ham United."
    spans = [_span(text, "Kivu", "LOC"), _span(text, "Tirol", "LOC"),
             _span(text, "Berlin", "LOC"), _span(text, "Ham United", "ORG"),
             _span(text, "Westfalen", "LOC")]
    assert _join_compass_splits(text, spans) == sorted(spans, key=lambda s: s.start)
    # a compass word inside a longer span before the place is not taken from it
    text = "Die Region Nord Kivu"
    spans = [_span(text, "Region Nord", "LOC"), _span(text, "Kivu", "LOC")]
    assert _join_compass_splits(text, spans) == spans


@pytest.mark.parametrize("mode", ["cnn", "lstm"])
def test_enrichment_lists_the_whole_place(monkeypatch, mode):
    monkeypatch.setenv(ner.MODE_ENV_VAR, mode)
    a = Article(text="Die Kämpfe in Nord Kivu und in Süd Tirol gehen weiter. "
                     "In Nord Korea wurde eine Rakete getestet.", title="", language="de")
    enrich_many([a], EnrichOptions(embed=False))
    names = {(e.name, e.type) for e in a.entities}
    assert ("Nord Kivu", "LOC") in names and ("Süd Tirol", "LOC") in names, names
    assert ("Nordkorea", "LOC") in names, names
    assert not {"Kivu", "Tirol", "Korea", "Nord", "Süd"} & {n for n, _ in names}, names


def test_a_name_cut_before_its_connector_word_joins():
    text = "HOHENRIED AM INN - Am Mittwoch begann in Hohenried das Aufräumen."
    spans = [_span(text, "HOHENRIED", "ORG"), _span(text, "AM INN", "ORG"),
             _span(text, "Hohenried", "LOC")]
    got = [(text[s.start:s.end], s.label) for s in _join_compass_splits(text, spans)]
    assert got == [("HOHENRIED AM INN", "ORG"), ("Hohenried", "LOC")]
    # a connector word after a gap other than one space, or a span not starting with one: unchanged
    text = "Berlin, am Main und Frankfurt Amsterdam"
    spans = [_span(text, "Berlin", "LOC"), _span(text, "am Main", "LOC"),
             _span(text, "Frankfurt", "LOC"), _span(text, "Amsterdam", "LOC")]
    assert _join_compass_splits(text, spans) == spans
