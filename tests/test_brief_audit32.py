"""German briefings as a new user met them in the stop-32 audit (10kGNAD articles: undated, the
actors written in inflected forms); each test failed on the old code."""

from __future__ import annotations

import pytest

from lagebild import ingest
from lagebild.group.timelines import resolve_ref
from lagebild.present.brief import build_briefing
from lagebild.store import Store

# a 10kGNAD-like report: no date, no source; the EU and North Macedonia only in inflected forms
BALKAN = """Menschen versuchten, den Grenzzaun bei Idomeni zu überwinden

Die Innenminister der Europäischen Union zeigten sich am Freitag zufrieden mit der Lage auf der Balkanroute.
Die Polizei Mazedoniens setzte an der Grenze zu Griechenland Tränengas ein, als Hunderte Menschen den Zaun überwinden wollten.
Nach Angaben der Europäischen Union kamen im April nur noch wenige Menschen über die Route.
Der Innenminister Mazedoniens sagte, die Grenze bleibe geschlossen.
"""


@pytest.fixture(scope="module")
def balkan(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("balkan")
    (tmp / "balkan.txt").write_text(BALKAN, encoding="utf-8")
    with Store(tmp / "t.db") as s:
        assert ingest([str(tmp / "balkan.txt")], s, workers=1).ok
        (aid,) = [r[0] for r in s.conn.execute("SELECT id FROM articles")]
        (sid,) = [r[0] for r in s.conn.execute(
            "SELECT e.storyline_id FROM group_articles g JOIN events e ON e.id = g.event_id WHERE g.article_id = ?",
            (aid,))]  # fmt: skip
        kind, gid = resolve_ref(s.db, sid)
        yield build_briefing(s, kind, gid, lang="de")


def test_brief_audit32_an_undated_storyline_says_undated_once(balkan) -> None:
    assert "undatiert bis undatiert" not in balkan.subtitle  # was: Handlungsstrang · undatiert bis undatiert
    assert balkan.subtitle.startswith("Handlungsstrang · undatiert · ")


def test_brief_audit32_german_actors_keep_their_nominative_names(balkan) -> None:
    who = [i.lead for i in dict(balkan.sections)["Wer beteiligt war"]]
    assert "Europäische Union" in who, who
    assert "Europäischen Union" not in who and "Mazedoniens" not in who, who  # was: the inflected forms
