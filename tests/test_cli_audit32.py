"""What a new user met in the stop-32 audit (docs/acceptance-13.md, "New-user audit,
2026-12-07 stop 32") in the command line and the web pages; each test failed on the old code."""

from __future__ import annotations

import argparse

from lagebild import _cli_group
from lagebild.web.templating import Renderer


class _Store:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_cli_audit32_entity_timeline_without_entries_says_where_its_articles_are(monkeypatch, capsys) -> None:
    # `timeline Bismarck` on the audit corpus: one undated article names him off its lead;
    # the command printed its header line and nothing else
    monkeypatch.setattr(_cli_group, "_open", lambda args: _Store())
    monkeypatch.setattr("lagebild.group.catch_up", lambda store: None)
    monkeypatch.setattr(
        _cli_group, "_timeline_entries", lambda store, ref: ("entity", "lb:per:bismarck", "Bismarck", [])
    )
    assert _cli_group._timeline(argparse.Namespace(ref="Bismarck", json=False, db=None, lang=None)) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "entity lb:per:bismarck: Bismarck"
    assert len(out) == 2 and "no dated sentence names it" in out[1]
    assert "lagebild search Bismarck --entity lb:per:bismarck" in out[1]


def _story(n_events: int) -> dict:
    events = [{"id": f"ev-{i:012x}", "date": f"2024-07-0{i + 1}", "title": f"Meldung {i}"} for i in range(n_events)]
    return {"id": "st-000000000001", "title": "Hochwasser am Inn", "start": "2024-07-01", "end": "2024-07-09",
            "events": events, "size": n_events, "sources": 2, "actors": ["Hohenried"]}  # fmt: skip


def _overview(n_events: int, lang: str) -> str:
    stats = {"articles": n_events, "first": "2024-07-01", "last": "2024-07-09"}
    return Renderer().render("overview.html", lang, stats=stats, n_stories=1, stories=[_story(n_events)], recent=[])


def test_web_audit32_one_more_event_is_singular() -> None:
    de, en = _overview(5, "de"), _overview(5, "en")
    assert "+1 weiteres Ereignis" in de and "weitere Ereignisse" not in de  # was: +1 weitere Ereignisse
    assert "+1 more event<" in en
    assert "+2 weitere Ereignisse" in _overview(6, "de") and "+2 more events" in _overview(6, "en")
