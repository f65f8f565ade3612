"""Briefings: extractive, cited, German headings, claims and denials, escaped HTML; plots."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lagebild.cli import main
from lagebild.group.timelines import resolve_ref, storyline_timeline
from lagebild.pipeline import ingest
from lagebild.present.brief import build_briefing, to_html, to_markdown
from lagebild.present.plot import network_svg, timeline_svg
from lagebild.store import Store

from .conftest import DATA, EXAMPLES

HOSTILE = """Streit um <script>alert(1)</script> Pipeline-Projekt

BERLIN: Die Regierung hat am Dienstag (18.02.2025) den Bau der Pipeline <b>gestoppt</b> & alle Verträge gekündigt.
„Wir lassen uns nicht <img src=x onerror=alert(2)> erpressen“, sagte Energieminister Karl Brandt.
Der Betreiber bestritt, gegen Auflagen verstoßen zu haben, und wies die Vorwürfe zurück.
"""

# A live blog: its posts open with a clock time, which says when a post went up, not a date.
LIVEBLOG = """Iowa caucuses: live updates from Des Moines

DES MOINES: Voters in Iowa gathered on Monday for the first caucuses of the presidential race.

9:34 p.m.: Ted Cruz takes the stage in Des Moines and thanks his supporters for a long campaign.

9:52 p.m.: Marco Rubio tells the crowd that the result shows the party is uniting behind him.

10:15 p.m.: Hillary Clinton and Bernie Sanders are in a virtual tie, the state party reported.
"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    d = tmp_path_factory.mktemp("brief")
    (d / "in").mkdir()
    (d / "in" / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (d / "in" / "liveblog.txt").write_text(LIVEBLOG, encoding="utf-8")
    (d / "in" / "liveblog.meta.json").write_text(
        '{"source": "desmoinesregister", "published": "2016-02-01"}', encoding="utf-8"
    )
    path = d / "brief.db"
    with Store(path) as store:
        assert ingest([str(EXAMPLES), str(DATA / "stories"), str(d / "in")], store, workers=1).ok
    return path


@pytest.fixture
def conn(corpus: Path, tmp_path: Path):
    shutil.copy(corpus, tmp_path / "b.db")
    with Store(tmp_path / "b.db") as store:
        yield store.conn


def _event_of(conn, stem: str) -> str:
    return conn.execute(
        "SELECT g.event_id FROM group_articles g JOIN origins o ON o.article_id = g.article_id"
        " WHERE o.origin LIKE ?",
        (f"%{stem}%",),
    ).fetchone()[0]


def test_brief_markdown_every_line_cites_a_source(conn):
    kind, sid = resolve_ref(conn, "st-e86e")
    md = to_markdown(build_briefing(conn, kind, sid))
    for heading in ("Was geschah", "Wann", "Wer beteiligt war", "Was die Beteiligten sagten",
                    "Offene Behauptungen und Dementis", "Quellen"):  # fmt: skip
        assert f"## {heading}" in md
    body, sources = md.split("## Quellen", 1)
    n_sources = len(re.findall(r"^\d+\. ", sources, re.M))
    assert n_sources == 4  # the duplicate is not a source of its own
    for line in body.splitlines():
        if line.startswith("- ") and "(nichts gefunden)" not in line:
            cites = [int(n) for n in re.findall(r"\[(\d+)\]", line)]
            assert cites and all(1 <= n <= n_sources for n in cites), line


def test_brief_finds_claims_denials_and_quotes_with_speakers(conn):
    b = build_briefing(conn, "event", _event_of(conn, "muenchen_tagesschau"))
    sections = dict(b.sections)
    claims = " ".join(i.text for i in sections["Offene Behauptungen und Dementis"])
    assert "bestritt" in claims and "zurück" in claims
    assert "denied" in claims  # the English report is handled the same way
    said = sections["Was die Beteiligten sagten"]
    assert said and said[0].lead == "Marco Rubio" and "Atomwaffen" in said[0].text


def test_brief_html_escapes_scraped_text(conn):
    b = build_briefing(conn, "event", _event_of(conn, "hostile"))
    page = to_html(b)
    assert "<script>" not in page and "<img" not in page and "<b>" not in page
    assert "&lt;script&gt;" in page or "&lt;img" in page
    assert "&amp;" in page
    ET.fromstring(
        page.split("\n", 1)[1].replace('<meta charset="utf-8">', '<meta charset="utf-8"/>')
    )


def test_brief_cli_formats(conn, capsys):
    db = conn.execute("PRAGMA database_list").fetchone()[2]
    ev = _event_of(conn, "stromausfall")
    assert main(["brief", ev, "--format", "md", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("# ") and "Red Eléctrica" in out
    assert main(["brief", ev, "--format", "html", "--db", db]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")


def test_plot_svgs_escape_and_parse(conn):
    ev = _event_of(conn, "hostile")
    svg = timeline_svg(storyline_timeline(conn, ev), "<Titel & Co>")
    root = ET.fromstring(svg)
    assert root.tag.endswith("svg") and "&lt;Titel &amp; Co&gt;" in svg
    kind, sid = resolve_ref(conn, "st-e86e")
    net = network_svg(conn, sid, "Netz")
    assert ET.fromstring(net).tag.endswith("svg") and "Nordkorea" in net


def test_brief_group_speaker_is_shown_as_its_members(conn):
    # DW seed: the joint statement of the three governments, quoted at most twice
    b = build_briefing(conn, "event", _event_of(conn, "001_784126eb85bf30a5"))
    said = dict(b.sections)["Was die Beteiligten sagten"]
    joint = [i for i in said if i.lead and {"Südkorea", "Japan", "Vereinigte Staaten"} <= set(
        i.lead.replace(" und ", ", ").split(", "))]
    assert joint and len(joint) <= 2
    assert all(i.cites for i in joint)


def test_briefing_sentences_drop_the_dateline():
    from lagebild.present.brief import _without_dateline

    assert _without_dateline("SEOUL: Die Außenminister trafen sich am Samstag in Seoul.") == (
        "Die Außenminister trafen sich am Samstag in Seoul."
    )
    assert _without_dateline("MÜNCHEN (dpa) - Die Konferenz begann am Freitag.") == "Die Konferenz begann am Freitag."
    kept = "USA und Japan: Die Gespräche gehen weiter."  # not all capitals: no dateline
    assert _without_dateline(kept) == kept


# --- what the analyst sees (issue 12 section 3) ------------------------------------------------


def _all_groups(conn) -> list[tuple[str, str]]:
    return [("storyline", r[0]) for r in conn.execute("SELECT id FROM storylines")] + [
        ("event", r[0]) for r in conn.execute("SELECT id FROM events")
    ]


def test_brief_wann_is_the_storylines_own_events_in_order_background_apart(conn):
    from lagebild.group.timelines import date_key

    kind, sid = resolve_ref(conn, "st-e86e")
    b = build_briefing(conn, kind, sid)
    names = [h for h, _ in b.sections]
    assert names[-1] == "Hintergrund und Angekündigtes"  # background last
    sections = dict(b.sections)
    wann = sections["Wann"]
    keys = [date_key(i.lead.split(" ")[0]) for i in wann]
    assert wann and all(keys) and keys == sorted(keys)  # dated, in order
    assert all(k >= "2023-11" for k in keys)  # nothing from the 2018/2019 background
    background = " ".join(i.lead for i in sections["Hintergrund und Angekündigtes"])
    assert "2018" in background and "2019" in background
    happened = sections["Was geschah"]  # one line per event, with its date and outlets
    assert [i.lead for i in happened] == sorted(i.lead for i in happened)
    assert all("unabhängige Quelle" in i.text for i in happened)


def test_brief_planned_dates_are_announced_not_timeline(conn):
    eid = _event_of(conn, "haushalt_berlin")
    sid = conn.execute("SELECT storyline_id FROM events WHERE id = ?", (eid,)).fetchone()[0]
    sections = dict(build_briefing(conn, "storyline", sid).sections)
    assert not any("März" in i.text and "geplant" in i.text for i in sections["Wann"])
    announced = [i for i in sections["Hintergrund und Angekündigtes"] if "angekündigt" in i.lead]
    assert announced and all(i.lead.startswith("2025-03") for i in announced)


def test_brief_no_sentence_repeated_between_sections(conn):
    for kind, gid in _all_groups(conn):
        b = build_briefing(conn, kind, gid)
        seen: dict[str, str] = {}
        for heading, items in b.sections:
            if heading == "Wer beteiligt war":  # counts, not sentences
                continue
            for it in items:
                key = " ".join(re.findall(r"\w+", it.text.casefold()))[:80]
                assert key not in seen, (gid, heading, seen.get(key), it.text)
                seen[key] = heading


def test_brief_liveblog_timestamps_never_become_timeline_entries(conn):
    eid = _event_of(conn, "liveblog")
    for kind, gid in (("event", eid), ("storyline", conn.execute(
            "SELECT storyline_id FROM events WHERE id = ?", (eid,)).fetchone()[0])):  # fmt: skip
        sections = dict(build_briefing(conn, kind, gid).sections)
        entries = sections["Wann"] + sections["Hintergrund und Angekündigtes"]
        assert not any(re.match(r"\d{1,2}:\d{2}", i.text) for i in entries), entries
        assert not any("Cruz" in i.text or "Rubio" in i.text for i in entries)


def test_brief_claims_and_quotes_only_from_members(conn):
    for kind, gid in _all_groups(conn):
        members = {r[0] for r in conn.execute(
            "SELECT g.article_id FROM group_articles g JOIN events e ON e.id = g.event_id"
            f" WHERE {'e.storyline_id' if kind == 'storyline' else 'e.id'} = ?", (gid,))}  # fmt: skip
        b = build_briefing(conn, kind, gid)
        cited = {s["n"]: s["article"] for s in b.sources}
        for heading in ("Offene Behauptungen und Dementis", "Was die Beteiligten sagten"):
            for it in dict(b.sections)[heading]:
                assert {cited[n] for n in it.cites} <= members, (gid, it.text)


def _entry(date: str, text: str = "Etwas geschah in der Hauptstadt.", n: int = 1):
    from lagebild.group.timelines import Citation, Entry

    cites = [Citation(f"a{i}", 0, "src", "t", None) for i in range(n)]
    return Entry(date, "text", text, None, cites)


def test_plot_timeline_axis_not_stretched_by_an_outlier():
    from lagebild.present.plot import render, timeline_figure

    entries = [_entry("1982", "Bereits 1982 gab es einen Vertrag.")] + [
        _entry(f"2024-06-{d:02d}") for d in (3, 5, 9, 12, 17, 20, 24)
    ] + [_entry(None)]  # fmt: skip
    fig = timeline_figure(entries, "Ausreißer")
    info = fig.lagebild
    assert info["clipped"] == ["1982"] and info["rows"] == 8 and info["undated"] == 1
    assert "2024-05" <= info["xlim"][0] and info["xlim"][1] <= "2024-07"
    svg = render(fig).decode()
    assert "begrenzt" in svg and "1982" in svg and "undatierte" in svg
    # a tight timeline is shown whole
    close = timeline_figure([_entry(f"2024-06-{d:02d}") for d in (3, 5, 9, 30)], "dicht").lagebild
    assert close["clipped"] == [] and close["xlim"][0] <= "2024-06-03" <= "2024-06-30" <= close["xlim"][1]


def test_plot_storyline_timeline_and_network_structure(conn):
    from lagebild.present.plot import MAX_NODES, network_figure, render, timeline_figure

    kind, sid = resolve_ref(conn, "st-e86e")
    tl = timeline_figure(storyline_timeline(conn, sid), "Korea").lagebild
    assert set(tl["clipped"]) == {"2018", "2019"} and tl["xlim"][0] >= "2023-10"
    fig = network_figure(conn, sid, "Netz")
    net = fig.lagebild
    assert 2 <= len(net["nodes"]) <= MAX_NODES and "Nordkorea" in net["nodes"]
    in_edges = {n for a, b, *_ in net["edges"] for n in (a, b)}
    assert in_edges == set(net["nodes"])  # no actor without a tie is drawn
    degree = {n: sum(n in (a, b) for a, b, *_ in net["edges"]) for n in net["nodes"]}
    assert len(net["edges"]) <= 2 * len(net["nodes"]) and max(degree.values()) < len(net["nodes"]) - 1
    boxes = net["label_boxes"]
    assert len(boxes) == len(net["nodes"])
    for i, a in enumerate(boxes):  # no two labels overlap
        for b in boxes[i + 1 :]:
            assert not (a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3])
    assert render(fig, "png").startswith(b"\x89PNG")
    with pytest.raises(ValueError):
        render(fig, "pdf")


def test_plot_svg_escapes_scraped_text(conn):
    ev = _event_of(conn, "hostile")
    svg = timeline_svg(storyline_timeline(conn, ev), "<script>alert(1)</script> & Co")
    ET.fromstring(svg)
    assert "<script" not in svg and "<b>" not in svg and "&lt;script&gt;" in svg
