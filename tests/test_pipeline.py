"""Pipeline reliability (issue 11 §1, issue 15 items 3 and 4): no article is ever lost
to a failing stage, one giant article costs bounded time, odd publication dates are
flagged instead of crashing."""

from __future__ import annotations

import datetime as dt
import json
import time

import pytest

from lagebild import pipeline
from lagebild._meta import parse_date, plausible_date
from lagebild.cli import main
from lagebild.enrich import MAX_ENRICH_CHARS, enrich
from lagebild.model import Article

# the tests that take `store` run on SQLite and on PostgreSQL (conftest.py)
pytestmark = pytest.mark.both_stores

TEXT = (
    "Merkel trifft Macron in Berlin\n\n"
    "Bundeskanzlerin Angela Merkel hat am Montag in Berlin den französischen Präsidenten "
    "Emmanuel Macron getroffen. „Wir stehen fest zusammen“, sagte Merkel nach dem Treffen.\n\n"
    "Am 3. Juni 2024 wollen beide in Paris erneut über die Lage in der Ukraine beraten.\n"
)


def _boom(*args, **kwargs):
    raise RuntimeError("boom")


# stage name in the flag -> (module, attribute) that runs it
STAGES = {
    "clean": ("lagebild.pipeline", "clean"),
    "sentences": ("lagebild.enrich.sentences", "split_sentences"),
    "times": ("lagebild.enrich.timex", "find_times"),
    "ner": ("lagebild.enrich.ner", "recognize_many_detailed"),
    "entities": ("lagebild.enrich.resolve", "resolve"),
    "quotes": ("lagebild.enrich.quotes", "find_quotes"),
    "embedding": ("lagebild.enrich.embed", "embed"),
    "search": ("lagebild.pipeline", "prepare_search"),
}


@pytest.mark.parametrize("stage", sorted(STAGES))
def test_pipeline_stage_failure_stores_the_article_flagged(stage, tmp_path, store, monkeypatch):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    module, name = STAGES[stage]
    monkeypatch.setattr(f"{module}.{name}", _boom)
    report = pipeline.ingest([str(path)], store, workers=1)
    assert len(report.added) == 1 and not report.failed
    assert report.partial == [(str(path), f"{stage}: RuntimeError: boom")]
    assert not report.ok
    article = store.get(report.added[0])
    assert f"stage-failed:{stage}: RuntimeError: boom" in article.flags
    # the other stages still ran
    if stage not in ("sentences", "clean"):
        assert article.sentences
    if stage not in ("times",):
        assert any(t.value == "2024-06-03" for t in article.times)
    if stage not in ("ner", "entities"):
        assert any(e.name == "Angela Merkel" for e in article.entities)
    if stage not in ("quotes", "sentences"):
        assert article.quotes
    if stage == "clean":
        assert article.text == article.base and not article.edits


def test_pipeline_stage_failure_in_cli_summary_and_export(tmp_path, monkeypatch, capsys):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    db = str(tmp_path / "x.db")
    monkeypatch.setattr("lagebild.enrich.quotes.find_quotes", _boom)
    assert main(["ingest", str(path), "--db", db]) == 1  # the exit code says something failed
    out, err = capsys.readouterr()
    assert "added 1 (1 stored, partly enriched)" in out
    assert f"partly enriched: {path}: quotes: RuntimeError: boom" in err
    assert "Traceback" not in out + err
    assert main(["export", "--db", db]) == 0
    rec = json.loads(capsys.readouterr().out.splitlines()[0])
    assert "stage-failed:quotes: RuntimeError: boom" in rec["flags"]


def test_pipeline_a_failing_batch_step_costs_only_its_article(monkeypatch):
    import lagebild.enrich.ner as ner

    real = ner.recognize_many_detailed

    def recognize(texts, *a, **k):
        if any("Gift" in t for t in texts):
            raise RuntimeError("bad text")
        return real(texts, *a, **k)

    monkeypatch.setattr(ner, "recognize_many_detailed", recognize)
    good = Article(language="de", title="A", text="Angela Merkel sprach am Montag in Berlin.")
    bad = Article(language="de", title="B", text="Olaf Scholz sprach über Gift.")
    from lagebild.enrich import enrich_many

    enrich_many([good, bad])
    assert good.entities and not any(f.startswith("stage-failed") for f in good.flags)
    assert "stage-failed:ner: RuntimeError: bad text" in bad.flags and bad.sentences


def test_pipeline_giant_article_is_enriched_in_bounded_time(tmp_path, store):
    para = (
        "Bundeskanzler Olaf Scholz sagte am Montag in Berlin, die Regierung werde "
        "„alles Nötige tun“. Der Minister Robert Habeck widersprach am 3. Juni 2024.\n"
    )
    text = "Eine sehr lange Meldung\n\n" + para * (3_000_000 // len(para))
    path = tmp_path / "big.txt"
    path.write_text(text, encoding="utf-8")
    start = time.monotonic()
    report = pipeline.ingest([str(path)], store, workers=1)
    took = time.monotonic() - start
    assert len(report.added) == 1 and report.ok, report.as_dict()
    article = store.get(report.added[0])
    assert "enrichment-truncated" in article.flags
    assert len(article.text) > 2_900_000  # stored in full
    assert article.entities and all(m.end <= MAX_ENRICH_CHARS for e in article.entities for m in e.mentions)
    assert max(s.end for s in article.sentences) <= MAX_ENRICH_CHARS
    assert took < 60, took


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (2024, None),
        (True, None),
        (False, None),
        (0, None),
        (1718064000, dt.date(2024, 6, 11)),
        (1718064000000, dt.date(2024, 6, 11)),
        ("2024-06-11T08:00:00Z", dt.date(2024, 6, 11)),
        ("0001-01-01T00:00:00Z", dt.date(1, 1, 1)),
    ],
)
def test_meta_parse_date_numbers_are_not_all_timestamps(value, expected):
    assert parse_date(value) == expected


def test_meta_plausible_date():
    today = dt.date.today()
    assert plausible_date(today + dt.timedelta(days=1)) and plausible_date(dt.date(1800, 1, 1))
    assert not plausible_date(today + dt.timedelta(days=2))
    assert not plausible_date(dt.date(1, 1, 1)) and not plausible_date(dt.date(9999, 12, 31))
    assert not plausible_date(None)
    # an archive page of 1798 (the audit of stop 32: two NZZ pages stored undated)
    assert plausible_date(dt.date(1798, 5, 3)) and not plausible_date(dt.date(1599, 12, 31))


def test_file_name_date_of_an_old_newspaper_page():
    from lagebild._names import meta_from_name

    assert meta_from_name("/in/nzz_1798-05-03_page1.txt") == (dt.date(1798, 5, 3), "nzz")


@pytest.mark.parametrize("published", ["0001-01-01T00:00:00Z", "9999-12-31", "1599-12-31", "2999-01-01"])
def test_pipeline_calendar_edge_dates_are_flagged_not_anchors(published, tmp_path, store):
    rec = {
        "title": "Treffen in Berlin",
        "text": "Gestern traf Angela Merkel in Berlin Emmanuel Macron. Nächste Woche folgt ein "
        "Treffen in Paris, morgen eines in Rom, in drei Jahren eines in Wien.",
        "published": published,
        "language": "de",
    }
    path = tmp_path / "a.json"
    path.write_text(json.dumps(rec), encoding="utf-8")
    report = pipeline.ingest([str(path)], store, workers=1)
    assert len(report.added) == 1 and report.ok, report.as_dict()
    article = store.get(report.added[0])
    assert article.published is None
    assert any(f.startswith("date-implausible:") for f in article.flags)
    assert article.times  # found, just not anchored to the bogus date


def test_enrich_never_anchors_on_an_implausible_stored_date():
    text = "Gestern traf Angela Merkel in Berlin Emmanuel Macron. Nächste Woche folgt Paris."
    for day in (dt.date(1, 1, 1), dt.date(9999, 12, 31)):
        article = enrich(Article(language="de", title="T", text=text, published=day))
        assert not any(f.startswith("stage-failed") for f in article.flags)
        assert not any(t.value.startswith(("0000", "0001", "9999", "10000")) for t in article.times)
