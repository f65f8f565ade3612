"""An undated article joins no dated event or storyline from before the years it names
(the stop-32 audit: a 10kGNAD FIFA report joined an NZZ page of 1888, the undated TOI report
of 2024 a North Korea story of 2016)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import lagebild.group._features as features_mod
import lagebild.group.placement as placement_mod
import lagebild.group.storylines as storylines_mod
from lagebild.group import GroupOptions, group_fields, rebuild
from lagebild.group._features import year_floor
from lagebild.group.events import EventOptions
from lagebild.model import Article, TimeExpr
from lagebild.pipeline import ingest
from lagebild.store import Store

pytestmark = pytest.mark.both_stores

OLD = (
    "Der Weltfußballverband Fifa hat in Zürich einen neuen Präsidenten gewählt. "
    "Der Schweizer Gianni Infantino setzte sich im zweiten Wahlgang gegen Scheich Salman durch. "
    "Infantino versprach den Delegierten eine Reform des Verbandes und mehr Geld für die "
    "Mitgliedsverbände. Der Kongress in Zürich stimmte zuvor einem Reformpaket zu."
)
NEW = (
    "Gianni Infantino ist neuer Präsident der Fifa. Beim Kongress des Weltfußballverbandes in "
    "Zürich gewann der Schweizer im zweiten Wahlgang klar gegen Scheich Salman aus Bahrain. "
    "Der neue Präsident kündigte Reformen an und will den Mitgliedsverbänden mehr Geld geben. "
    "Zuvor hatten die Delegierten in Zürich ein Reformpaket beschlossen. "
)
YEARS = (
    "Die Ermittlungen gegen Funktionäre laufen seit Mai 2015. "
    "Die Wahl am 26. Februar 2016 galt als Neuanfang."
)


def _feed(tmp_path: Path, extra: str) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    old = {"title": "Fifa wählt neuen Präsidenten in Zürich", "text": OLD,
           "published": "1888-12-08", "language": "de"}  # fmt: skip
    new = {"title": "Infantino ist neuer Fifa-Präsident", "text": NEW + extra, "language": "de"}
    (d / "a.json").write_text(json.dumps(old), encoding="utf-8")
    (d / "b.json").write_text(json.dumps(new), encoding="utf-8")
    return d


def _placed(store: Store, feed: Path) -> list[dict]:
    report = ingest([str(feed)], store, workers=1)
    assert len(report.added) == 2 and report.ok
    look = group_fields(store)
    return [look(a) for a in sorted(report.added)]


def test_undated_report_naming_2016_stays_out_of_an_1888_event(store: Store, tmp_path: Path):
    a, b = _placed(store, _feed(tmp_path, YEARS))
    assert a["event"] != b["event"] and a["storyline"] != b["storyline"]
    assert rebuild(store) == 2  # a rebuild places them as online grouping did
    look = group_fields(store)
    again = [look(x) for x in sorted(store.article_ids())]
    assert again[0]["event"] != again[1]["event"]


def test_without_the_rule_the_same_report_would_join(store: Store, tmp_path: Path, monkeypatch):
    """The control: the two texts are alike enough to join; only the years keep them apart."""
    monkeypatch.setattr(placement_mod, "too_early", lambda feats, day: False)
    monkeypatch.setattr(storylines_mod, "too_early", lambda feats, day: False)
    a, b = _placed(store, _feed(tmp_path, YEARS))
    assert a["event"] == b["event"]


def test_undated_report_naming_no_year_may_join(store: Store, tmp_path: Path):
    a, b = _placed(store, _feed(tmp_path, ""))
    assert a["event"] == b["event"]


OTHER = {  # a dated report of another matter: it sets the feed's present to 2016
    "title": "Bundestag beschließt den Haushalt",
    "text": "Der Bundestag hat den Haushalt für das kommende Jahr beschlossen. Die Koalition "
    "stimmte geschlossen dafür, die Opposition dagegen. Der Finanzminister sprach von einem "
    "soliden Haushalt ohne neue Schulden. Die Grünen kritisierten fehlende Investitionen.",
    "published": "2016-03-01", "language": "de",
}  # fmt: skip


def _present_feed(tmp_path: Path, names: tuple[str, str, str]) -> Path:
    """The 1888 page, the 2016 report and the undated Fifa report naming no year, stored
    in the order of ``names`` (file names sort in storage order)."""
    d = tmp_path / "in"
    d.mkdir()
    old = {"title": "Fifa wählt neuen Präsidenten in Zürich", "text": OLD,
           "published": "1888-12-08", "language": "de"}  # fmt: skip
    new = {"title": "Infantino ist neuer Fifa-Präsident", "text": NEW, "language": "de"}
    for name, rec in zip(names, (old, OTHER, new), strict=True):
        (d / name).write_text(json.dumps(rec), encoding="utf-8")
    return d


def _by_title(store: Store) -> dict[str, dict]:
    look = group_fields(store)
    return {store.get(a).title[:8]: look(a) for a in store.article_ids()}


@pytest.mark.parametrize("names", [("a.json", "b.json", "c.json"), ("c.json", "a.json", "b.json")])
def test_no_year_no_date_is_the_present_not_1888(store: Store, tmp_path: Path, names):
    """An undated report naming no year joins no storyline of 1888 once the feed holds 2016
    (first order); nor does the 1888 page join the undated report placed before it (second
    order: the undated report is taken for one of the present, 2016)."""
    report = ingest([str(_present_feed(tmp_path, names))], store, workers=1)
    assert len(report.added) == 3 and report.ok
    got = _by_title(store)
    fifa_1888, fifa_now = got["Fifa wäh"], got["Infantin"]
    assert fifa_1888["event"] != fifa_now["event"]
    assert fifa_1888["storyline"] != fifa_now["storyline"]
    assert rebuild(store) == 3  # a rebuild places them as online grouping did
    assert _by_title(store) == got
    # the control: without the rule the two Fifa reports are one event
    rebuild(store, GroupOptions(events=EventOptions(undated_recent=0)))
    got = _by_title(store)
    assert got["Fifa wäh"]["event"] == got["Infantin"]["event"]


def _art(*values: str, kind: str = "DATE") -> Article:
    return Article(times=[TimeExpr(text=v, value=v, start=0, end=1, type=kind) for v in values])


@pytest.mark.parametrize(
    ("values", "floor"),
    [
        ((), None),
        (("XXXX-WXX-5", "P3D"), None),  # nothing with a year
        (("2016-02-26", "2015-05", "2015"), 2014),  # median 2015
        (("2006", "2023-12", "2024-06-24"), 2022),  # a background year does not decide
        (("1888-12-08",), 1887),
    ],
)
def test_year_floor_is_the_median_named_year_less_one(values, floor):
    assert year_floor(_art(*values)) == floor


def test_year_floor_ignores_durations_and_sets():
    assert year_floor(_art("P2016Y", kind="DURATION")) is None
    assert features_mod.too_early(features_mod.Features(None, [], {}, {}, None, None, "none",
                                                        year_floor=2015), None) is False  # fmt: skip


def test_timeline_dedupe_merges_only_same_date_near_copies():
    """The per-date buckets and the size bound keep the old result: first near copy wins."""
    from lagebild.group.timelines import Citation, Entry, _dedupe

    def entry(date, text, aid):
        return Entry(date, "text", text, None, [Citation(aid, 0, None, "", None)])

    a = entry("2024-06-24", "Seoul Tokio Washington vereinbaren Manöver im Juni", "a")
    b = entry("2024-06-24", "Seoul Tokio Washington vereinbaren Manöver", "b")  # near copy of a
    c = entry("2024-06-25", "Seoul Tokio Washington vereinbaren Manöver", "c")  # other date
    d = entry("2024-06-24", "Manöver", "d")  # far smaller: never a copy of a
    out = _dedupe([a, b, c, d])
    assert out == [a, c, d] and [x.article for x in a.citations] == ["a", "b"]
