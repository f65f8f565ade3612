"""Timelines: dated entries per storyline or per entity, from the sentences' event dates.

An entry is a sentence with a date of its own (``date_from = text``: ``im
Dezember 2023``, ``am Montag (24.06.2024)``) or an article's lead with the
event day.  Entries saying the same thing on the same date in several sources
become one entry citing all of them.  Undated material (an undated article's
lead) is kept and marked ``undated``; when a dated sentence in another article
of the storyline clearly refers to it (many shared words), its date is taken
over and marked ``date_from = "cross-reference"``.
"""

from __future__ import annotations

import bisect

import datetime as dt
import re
from dataclasses import dataclass, field

from ..errors import NotFound
from ..store import timelines as _db
from ..store.grouping import Connection
from ._features import STOP, day_str, words

__all__ = ["Entry", "Citation", "date_key", "resolve_ref", "storyline_timeline", "entity_timeline"]

_MAX_ARTICLES = 300  # an entity timeline reads at most this many (newest) articles
_XREF = 0.35  # share of a dated sentence's words found in an undated article to take its date


@dataclass(slots=True)
class Citation:
    article: str
    sentence: int
    source: str | None
    title: str
    published: str | None


@dataclass(slots=True)
class Entry:
    date: str | None  # TIMEX3 value (2024-06-24, 2023-12, 2024-W25) or None = undated
    date_from: str  # text | published | event | cross-reference | none
    text: str
    event: str | None
    citations: list[Citation] = field(default_factory=list)

    @property
    def undated(self) -> bool:
        return self.date is None

    def as_dict(self) -> dict[str, object]:
        return {
            "date": self.date, "date_from": self.date_from, "undated": self.undated, "text": self.text,
            "event": self.event,
            "citations": [{"article": c.article, "sentence": c.sentence, "source": c.source,
                           "title": c.title, "published": c.published} for c in self.citations],
        }  # fmt: skip


_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?$")


def date_key(value: str | None) -> str | None:
    """A sortable ISO date for a TIMEX3 value (its first day); None if underspecified."""
    if not value:
        return None
    m = _DATE.match(value)
    if not m:
        return None
    y, mo, d, w = m.groups()
    try:
        if w:
            return dt.date.fromisocalendar(int(y), int(w), 1).isoformat()
        return dt.date(int(y), int(mo or 1), int(d or 1)).isoformat()
    except ValueError:
        return None


def _content(text: str) -> set[str]:
    return {w for w in words(text) if w not in STOP}


def resolve_ref(conn: Connection, ref: str) -> tuple[str, str]:
    """``("storyline"|"event"|"entity", id)`` for an id, an id prefix or an entity name."""
    ref = ref.strip()
    for kind, table, prefix in (("storyline", "storylines", "st-"), ("event", "events", "ev-")):
        if ref.startswith(prefix):
            rows = _db.group_ids_with_prefix(conn, table, ref)  # type: ignore[arg-type]
            if len(rows) == 1:
                return kind, rows[0]
            if not rows and kind == "storyline":
                from ..store.redirects import resolve_storyline

                cur = resolve_storyline(conn, ref)  # merged away: the storyline that absorbed it
                if cur is not None:
                    return kind, cur
            raise NotFound(
                f"No {kind} {ref!r}."
                if not rows
                else f"{kind.capitalize()} id {ref!r} is ambiguous."
                " `lagebild stories` lists storylines and events."
            )
    eid = _db.entity_id(conn, ref)
    if eid is None:
        raise NotFound(
            f"No storyline, event or entity {ref!r}: give st-…, ev-…, an entity id (Q423) or a name"
            " (Nordkorea). `lagebild stories` lists storylines."
        )
    return "entity", eid


# A line that is only a clock time heads a live-blog post; it says when the post went up.
_CLOCK_ONLY = re.compile(
    r"\W*\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?\s?m\.?|uhr|h)?\s*(?:\b(?:ET|EST|EDT|CET|MEZ|MESZ|GMT|UTC)\b)?\W*",
    re.IGNORECASE,
)


# Lower-case words a place name may hold (``Frankfurt am Main``, ``Rothenburg ob der Tauber``,
# ``Newcastle upon Tyne``): a short line of capitalised words and these states no event.
_PLACE_WORDS = frozenset(
    "am an auf bei im in ob der die das den dem des vom von zu zum zur und upon on of the and"
    " de du la le les sur sous del di da van".split()
)


def _informative(sentence: str, dateline: str | None = None) -> bool:
    """An event statement: not a live blog's time stamp, at least three words, not the
    article's dateline (``Hohenried am Inn.`` split off as a sentence of its own) and not a
    short line of names alone (a dateline of a store without one recorded)."""
    s = sentence.strip()
    tokens = re.findall(r"\w+", s)
    if _CLOCK_ONLY.fullmatch(s) or len(tokens) < 3:
        return False
    if dateline and s.rstrip(" .:,;–—-").casefold() == dateline.strip().casefold():
        return False
    return len(tokens) > 6 or any(t[0].islower() and t not in _PLACE_WORDS for t in tokens)


def _entries_for(
    meta: _db.ArticleMeta, sents: list[_db.SentenceRow], aid: str, event: str | None, day: int | None,
    span_filter=None,
) -> list[Entry]:
    """The entries of one article (``meta`` and ``sents`` read for all articles at once)."""
    text, source, title, published, dateline = meta
    out = []
    # the lead stands for the article: its first sentence that states something (not a
    # dateline "Seoul." / "Hohenried am Inn." or a section label "ABSTRACT." split off as a
    # sentence of its own)
    lead = next((r[0] for r in sents if _informative(text[r[1] : r[2]], dateline)), sents[0][0] if sents else 0)
    for seq, start, end, date, date_from in sents:
        if span_filter is not None and not span_filter(start, end):
            continue
        cite = Citation(aid, seq, source, title, published)
        sentence = text[start:end].strip()
        if seq != lead and not _informative(sentence, dateline):  # a time stamp ("6:05 p.m."), a place line
            continue
        if date_from == "text" and date_key(date):
            out.append(Entry(date, "text", sentence, event, [cite]))
        elif seq == lead or (span_filter is not None and date_from == "published"):
            if day is not None:
                out.append(Entry(day_str(day), "event", sentence, event, [cite]))
            else:
                out.append(Entry(None, "none", sentence, event, [cite]))
    if not sents and span_filter is None:  # unenriched article: its first line stands for it
        first = text.split("\n", 1)[0][:300]
        out.append(Entry(day_str(day), "event" if day else "none", first, event,
                         [Citation(aid, -1, source, title, published)]))  # fmt: skip
    return out


def _dedupe(entries: list[Entry]) -> list[Entry]:
    """One entry per (date, statement): near-identical sentences from several sources merge."""
    kept: list[Entry] = []
    by_date: dict[str | None, list[tuple[Entry, set[str]]]] = {}  # only one date's entries can merge
    for e in entries:
        words_e = _content(e.text)
        n = len(words_e)
        same = by_date.setdefault(e.date, [])
        for k, kw in same:
            # Jaccard <= min/max of the sizes: sets twice the other's size never reach 0.5
            if 2 * len(kw) < n or 2 * n < len(kw):
                continue
            if kw and words_e and len(kw & words_e) / len(kw | words_e) >= 0.5:
                k.citations.extend(c for c in e.citations if c not in k.citations)
                break
        else:
            same.append((e, words_e))
            kept.append(e)
    return kept


def _order(entries: list[Entry]) -> list[Entry]:
    return sorted(entries, key=lambda e: (date_key(e.date) is None, date_key(e.date) or "", e.date or "",
                                          e.citations[0].article, e.citations[0].sentence))  # fmt: skip


def storyline_timeline(conn: Connection, sid: str) -> list[Entry]:
    """The ordered, de-duplicated timeline of a storyline (or of one event: ``ev-…``)."""
    arts = _db.canonical_articles(conn, sid)
    ids = [a.article_id for a in arts]
    metas, sents = _db.article_metas(conn, ids), _db.sentence_rows_of(conn, ids)  # not per article
    entries: list[Entry] = []
    for aid, eid, day in arts:
        entries += _entries_for(metas[aid], sents.get(aid, []), aid, eid, day)
    _cross_reference(metas, entries)
    return _order(_dedupe(entries))


def _cross_reference(metas: dict[str, _db.ArticleMeta], entries: list[Entry]) -> None:
    """Date undated leads from dated sentences of other articles that describe them."""
    dated = [e for e in entries if e.date_from == "text" and date_key(e.date)]
    bodies: dict[str, set[str]] = {}
    for e in entries:
        if not e.undated:
            continue
        aid = e.citations[0].article
        if aid not in bodies:
            bodies[aid] = _content(metas[aid].text)
        body = bodies[aid]
        best = None
        for d in dated:
            if d.citations[0].article == aid or not _earlier_than_own_report(d):
                continue
            w = _content(d.text)
            if len(w) < 5:
                continue
            share = len(w & body) / len(w)
            if share >= _XREF and (best is None or share > best[0]):
                best = (share, d)
        if best is not None:
            e.date, e.date_from = best[1].date, "cross-reference"


def _earlier_than_own_report(entry: Entry) -> bool:
    """A sentence can date another article only when it recalls an earlier happening.

    A report's lead dated to its own publication month describes its own event
    (the DW piece of 24.06.2024); using it would date any older report on the
    same subject to that day.  Recollections ("Bereits im Dezember 2023 ...") are
    earlier than the report that makes them.
    """
    published = entry.citations[0].published
    return bool(entry.date and published and entry.date[:7] < published[:7])


def entity_timeline(conn: Connection, entity_id: str) -> list[Entry]:
    """Dated sentences that mention an entity, over its newest articles."""
    entries: list[Entry] = []
    arts = _db.entity_articles(conn, entity_id, _MAX_ARTICLES)
    spans_of = _db.mention_spans_of(conn, [a.article_id for a in arts], entity_id)  # not per article
    ids = [a.article_id for a in arts if spans_of.get(a.article_id)]
    metas, sents = _db.article_metas(conn, ids), _db.sentence_rows_of(conn, ids)
    for aid, eid, day in arts:
        spans = spans_of.get(aid)
        if not spans:
            continue

        starts = sorted(s for s, _ in spans)

        def mentions(start: int, end: int, starts=starts) -> bool:  # a span starts in [start, end)
            i = bisect.bisect_left(starts, start)
            return i < len(starts) and starts[i] < end

        entries += _entries_for(metas[aid], sents.get(aid, []), aid, eid, day, mentions)
    return _order(_dedupe(entries))
