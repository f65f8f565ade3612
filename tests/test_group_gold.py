"""Grouping against the issue-12 gold sets: the gold files, the scorer, and the rules the errors
pointed to (a shared place alone does not join; a happening has a date; no catch-all growth)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from lagebild.group._features import entity_overlap
from lagebild.group.events import EventOptions
from lagebild.group.storylines import StorylineOptions
from lagebild.pipeline import ingest
from lagebild.store import Store

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import eval_clustering  # noqa: E402
import gold_corpora  # noqa: E402


def test_group_gold_place_alone_weighs_less_than_an_actor():
    article = {"Q1": 1.0, "lb:per:jon": 1.0}  # Koblenz, a person
    places = frozenset({"Q1"})
    only_place = entity_overlap(article, {"Q1": 3}, places, 0.5)
    actor = entity_overlap(article, {"lb:per:jon": 1}, places, 0.5)
    both = entity_overlap(article, {"Q1": 1, "lb:per:jon": 1}, places, 0.5)
    assert only_place == pytest.approx(0.25)  # half of its share of 0.5
    assert actor == pytest.approx(0.5)
    assert both == pytest.approx(1.0)  # a place next to a shared actor counts fully
    assert entity_overlap(article, {"Q1": 3}) == pytest.approx(0.5)  # default: no damping


def test_group_gold_defaults_are_the_dev_choice():
    eo, so = EventOptions(), StorylineOptions()
    assert eo.threshold_for(500) == eo.threshold == 0.3
    assert eo.span == 3 and eo.place_only == 0.5
    assert eo.threshold + eo.undated_extra == pytest.approx(0.65)  # undated: clearly the same only
    assert eo.threshold_for(8) == eo.short_threshold < eo.threshold
    assert (so.threshold, so.core_terms, so.growth, so.decay) == (0.24, 0.2, 0.03, 0.1)


@pytest.mark.parametrize("corpus", ["spkatt", "polnear"])
def test_group_gold_files_parse_and_split(corpus: str):
    labels = gold_corpora.load_gold(corpus)
    assert len(labels) >= 300
    threads = {lab.storyline for lab in labels.values() if not lab.storyline.startswith("solo:")}
    assert len(threads) >= 30
    sides = {gold_corpora.split_of(s) for s in threads}
    assert sides == {"dev", "test"}
    test_share = sum(gold_corpora.split_of(s) == "test" for s in threads) / len(threads)
    assert 0.15 < test_share < 0.5
    for lab in labels.values():  # an event never spans two storylines
        assert lab.event.startswith(lab.storyline + "/") or lab.event.startswith("solo:")


@pytest.mark.parametrize("corpus", ["spkatt", "polnear"])
def test_group_gold_keys_exist_in_the_corpus(corpus: str):
    if not (gold_corpora.DATA / ("spkatt2023-news" if corpus == "spkatt" else "polnear")).exists():
        pytest.skip("../shared/data not present")
    keys = {r["key"] for r in gold_corpora.load_records(corpus)}
    assert set(gold_corpora.load_gold(corpus)) <= keys


def test_group_gold_scorer_bcubed_and_pairwise():
    gold = {"a": "x", "b": "x", "c": "y", "d": "z"}
    pred = {"a": "1", "b": "2", "c": "1", "d": "3"}
    s = eval_clustering.scores(pred, gold)
    # BCubed P: a 1/2, b 1, c 1/2, d 1 -> 0.75; R: a 1/2, b 1/2, c 1, d 1 -> 0.75
    assert s["bcubed_p"] == pytest.approx(0.75) and s["bcubed_r"] == pytest.approx(0.75)
    assert s["pairwise_p"] == 0.0 and s["pairwise_r"] == 0.0  # the one gold pair is split


_CONCERT = (
    "Die Band Bon Jovi hat ihre Europatournee in Koblenz eröffnet. Sänger Jon Bon Jovi spielte vor "
    "40.000 Zuschauern im Stadion Oberwerth. Die Tournee führt die Band Bon Jovi durch zwölf Länder; "
    "die Konzertveranstalter sprachen von einem ausverkauften Auftakt der Tournee."
)
_FIRE = (
    "Bei einem Wohnungsbrand in Koblenz ist ein Mensch ums Leben gekommen, sieben Bewohner wurden "
    "schwer verletzt. Die Feuerwehr Koblenz rettete mehrere Bewohner über Drehleitern aus dem "
    "brennenden Mehrfamilienhaus. Die Brandursache ist noch unklar; die Kriminalpolizei ermittelt."
)
_CONCERT2 = (
    "Nach dem Tourneeauftakt in Koblenz spielte die Band Bon Jovi am Sonntag in Düsseldorf. Jon Bon "
    "Jovi dankte den Zuschauern; die Tournee der Band Bon Jovi ist in allen zwölf Ländern "
    "ausverkauft, teilten die Konzertveranstalter mit."
)


def test_group_gold_shared_place_alone_does_not_join(tmp_path: Path):
    """The Koblenz fire stays apart from the concert in Koblenz; the tour's next concert joins."""
    src = tmp_path / "feed.jsonl"
    rows = [
        {"title": "Bon Jovi eröffnet Europatournee in Koblenz", "text": _CONCERT, "date": "2006-05-14"},
        {"title": "Koblenz: Ein Toter bei Wohnungsbrand", "text": _FIRE, "date": "2006-05-15"},
        {"title": "Bon Jovi spielt in Düsseldorf", "text": _CONCERT2, "date": "2006-05-21"},
    ]
    src.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    with Store(tmp_path / "g.db") as store:
        assert ingest([str(src)], store, workers=1).ok
        ev, st = eval_clustering._assignments(store)
    assert st["2"] != st["1"] and ev["2"] != ev["1"]
    assert st["3"] == st["1"]  # the same tour a week later: one storyline
    assert ev["3"] != ev["1"]  # but another happening
