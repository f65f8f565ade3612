"""Batched enrichment (issue 3 speed): the same results as one article at a time, and one
article's failure never costs the others of its batch."""

from __future__ import annotations

import json

import pytest

from lagebild import pipeline
from lagebild.clean import clean
from lagebild.enrich import enrich, enrich_many, ner
from lagebild.errors import InputError
from lagebild.ingest import read
from lagebild.model import Article
from lagebild.present.export import to_record

from .conftest import ARTICLES, EXAMPLES

# the tests that take `store` run on SQLite and on PostgreSQL (conftest.py)
pytestmark = pytest.mark.both_stores

KEYS = ("entities", "quotes", "times", "sentences", "flags", "section_predicted", "embedding")


def _items() -> list[Article]:
    return [x for x in read([str(EXAMPLES), str(ARTICLES)]) if isinstance(x, Article)]


def _record(a: Article) -> str:
    r = to_record(a)
    return json.dumps({k: r.get(k) for k in KEYS} | {"vec": (a.embedding or b"").hex()}, sort_keys=True)


@pytest.fixture(scope="module")
def cleaned() -> list[Article]:
    out = [clean(x) for x in _items()]
    assert {a.language for a in out} >= {"de", "en"}
    return out


def test_enrich_many_equals_one_by_one(cleaned):
    import copy

    extra = [
        Article(language="fr", title="Le titre", text="Emmanuel Macron a dit lundi à Paris: « Bien. »"),
        Article(language="de", title="Leer", text="   "),
        # longer than the NER's piece size: cut into pieces, offsets shifted back
        Article(language="de", title="Lang", text=("Olaf Scholz sprach in Berlin. " * 800).strip()),
    ]
    arts = cleaned + extra
    one = [_record(enrich(copy.deepcopy(a))) for a in arts]
    many = [_record(a) for a in enrich_many(copy.deepcopy(arts))]
    assert many == one
    long = enrich_many([copy.deepcopy(extra[2])])[0]
    assert any(m.start > 20_000 and long.text[m.start : m.end] == m.text for e in long.entities for m in e.mentions)


def test_recognize_many_detailed_equals_single_calls():
    texts = ["Angela Merkel traf Emmanuel Macron in Paris.", "", "  \n", "Die UNO tagt in New York."]
    assert ner.recognize_many_detailed(texts, batch_size=2) == [ner.recognize_detailed(t) for t in texts]


def test_a_failing_article_does_not_cost_its_batch(monkeypatch):
    import lagebild.enrich.resolve as resolve_mod

    items = _items()
    bad_text = clean(items[1]).text
    real = resolve_mod.resolve

    def resolve(text, spans):
        if text == bad_text:
            raise RuntimeError("boom")
        return real(text, spans)

    monkeypatch.setattr(resolve_mod, "resolve", resolve)
    good = [_record(enrich(clean(x))) for i, x in enumerate(_items()) if i != 1]
    out = pipeline._process_chunk([*_items(), InputError("x.txt", "unreadable")])
    # the culprit is kept, without entities, flagged (issue 11 §1: never lose an article)
    assert isinstance(out[1], Article) and not out[1].entities
    assert "stage-failed:entities: RuntimeError: boom" in out[1].flags and out[1].times
    assert isinstance(out[-1], InputError) and out[-1].reason == "unreadable"
    rest = [x for i, x in enumerate(out[:-1]) if i != 1]
    assert all(isinstance(x, Article) and "fts_body" in x.hints for x in rest)
    assert [_record(x) for x in rest] == good  # type: ignore[arg-type]


def test_reenrich_keeps_a_failing_article_and_reports_it(store, monkeypatch):
    import lagebild.enrich.resolve as resolve_mod

    pipeline.ingest([str(EXAMPLES)], store)
    before = {aid: _record(store.get(aid)) for aid in store.article_ids()}
    victim = sorted(before)[0]
    victim_text = store.get(victim).text
    real = resolve_mod.resolve

    def resolve(text, spans):
        if text == victim_text:
            raise RuntimeError("boom")
        return real(text, spans)

    monkeypatch.setattr(resolve_mod, "resolve", resolve)
    seen: list[tuple[str, str]] = []
    assert pipeline.reenrich(store, workers=1, progress=lambda *x: seen.append(x)) == len(before) - 1
    assert (victim, "failed: internal error in entities: RuntimeError: boom") in seen
    after = {aid: _record(store.get(aid)) for aid in before}
    assert after == before  # the victim kept its enrichment; the others got the same again
