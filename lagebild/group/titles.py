"""Titles of storylines and events from their articles' headlines.

A storyline is titled with the headline that best represents it, not with a bag
of actors and nouns: every canonical headline is cleaned (source labels, agency
tags, dates, live-blog and ticker labels, glued words and mojibake removed) and
scored by how much it shares with the other headlines and with the storyline's
heaviest terms.  Headlines in the storyline's main language win (an English
storyline gets an English title); a headline that still looks damaged by
machine translation or scraping loses against a clean one.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Protocol

from ..clean.structure import split_title
from ..store.grouping import Connection
from ..store.stories import canonical_headlines, first_event_title
from ._features import STOP, words

__all__ = ["clean_headline", "pick_headline", "headline_title"]

_MAX_HEADLINES = 60  # a storyline is titled from at most this many (oldest) canonical articles
_MAX_LEN = 160  # a title longer than this is cut at a word boundary

_AGENCIES = r"dpa|afp|reuters|ap|apa|epd|kna|dts|sid|ddp|upi|efe|ansa|xinhua|yonhap|tass|ria"
_MONTHS = (
    r"jan(?:uar|uary)?|feb(?:ruar|ruary)?|m(?:ä|ae)rz|march|mar|apr(?:il)?|mai|may|jun[ie]?|jul[iy]?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|okt(?:ober)?|oct(?:ober)?|nov(?:ember)?|dez(?:ember)?|dec(?:ember)?"
)
_DATE = (
    rf"(?:\d{{1,2}}\.\s?\d{{1,2}}\.(?:\s?\d{{2,4}})?|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|"
    rf"\d{{1,2}}\.?\s+(?:{_MONTHS})\.?(?:\s+\d{{4}})?|(?:{_MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?(?:\s+\d{{4}})?)"
)
_LABELS = (
    r"live(?:blog|ticker|-ticker|-blog)?|ticker|eilmeldung|breaking(?: news)?|exklusiv|exclusive|"
    r"kommentar|analyse|analysis|opinion|meinung|video|fotos?|audio|podcast|update|news|newsblog|"
    r"interview|faktencheck|fact check|watch|read|aktuell|just in"
)
_CLEAN_STEPS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\s*\+{2,}\s*"), " | "),  # ticker markers: +++ Eilmeldung +++ Erdbeben
    (re.compile(r"^[\s|]+|[\s|]+$"), ""),
    (re.compile(rf"^(?:(?:{_LABELS})(?:\s*[:|+]|\s+[–—-]\s)\s*)+", re.I), ""),
    (re.compile(rf"(?:\s*[:|]|\s+[–—-])\s*(?:{_LABELS})\s*$", re.I), ""),
    (re.compile(rf"\s*[\(\[](?:{_LABELS})[\)\]]", re.I), ""),
    (re.compile(rf"\s*[\(\[](?:{_AGENCIES})(?:[/,]\s*(?:{_AGENCIES}))*[\)\]]", re.I), ""),
    (re.compile(rf"^(?:{_AGENCIES})(?:\s*[:|]|\s+[–—-]\s)\s*", re.I), ""),
    (re.compile(rf"(?:\s*\||\s+[–—-])\s*(?:{_AGENCIES})\s*$", re.I), ""),
    (re.compile(rf"^(?:{_DATE})(?:\s*[:|]|\s+[–—-]\s)\s*", re.I), ""),
    (re.compile(rf"(?:\s*[|,]|\s+[–—-])\s*(?:{_DATE})\s*$", re.I), ""),
    (re.compile(rf"\s*[\(\[](?:{_DATE})[\)\]]", re.I), ""),
    (re.compile(r"\s+([,.;:!?])"), r"\1"),
    (re.compile(r"\s+"), " "),
)
# What machine translation and scraping leave in a headline: mojibake, a capitalised German
# function word inside it (``Südkorea Und Japan``), glued words (``KoreaDie``), ``??``.
_DAMAGE = re.compile(
    r"[ÃÂ�]|â€|(?<=[\w,] )(?:Und|Oder|Mit|Von|Für|Auf|Über|Gegen|Nach)\b|[a-zäöüß]{3}(?:Der|Die|Das|Und)\b|\?\?"
)


class _Group(Protocol):
    id: str
    terms: dict[str, float]


def clean_headline(title: str) -> str:
    """A headline without source labels, agency tags, dates, ticker labels or glued words.

    ``+++ Liveblog: Seoul verurteilt Pakt (dpa) – DW – 24.06.2024`` → ``Seoul verurteilt Pakt``.
    """
    t = title.replace("\u00ad", "").strip()
    try:
        import ftfy

        t = ftfy.fix_text(t, uncurl_quotes=False)  # „…“ and ‘…’ stay as written
    except ImportError:  # pragma: no cover - a declared dependency
        pass
    t = split_title(t)[0]
    for pattern, repl in _CLEAN_STEPS:
        t = pattern.sub(repl, t).strip()
    t = t.strip(" |–—-:").strip()
    t = _end_punctuation(t)
    if len(t) > _MAX_LEN:
        t = t[:_MAX_LEN].rsplit(" ", 1)[0].rstrip(",;:–—-") + "…"
    return t


# A headline has no closing full stop or semicolon (some feeds add one: ``Trump ducks on taxes.``,
# ``Ready for Trump vs. Clinton?;``); an abbreviation's point stays (``U.S.``, ``Martin Luther King Jr.``).
_ABBREVIATION = re.compile(
    r"(?:^|\s)(?:\w\.)+$|(?:^|[\s(])(?:jr|sr|st|dr|prof|inc|co|corp|ltd|bros|vs|etc|usw|bzw|ca|nr|str)\.$",
    re.IGNORECASE,
)
_CLOSING_QUOTES = "'’”\"“»«›‹)"


def _end_punctuation(t: str) -> str:
    """``Trump ducks on taxes.`` → ``Trump ducks on taxes``; ``… the words 'Islamic terrorist.'`` →
    ``… the words 'Islamic terrorist'``; ``?``, ``!`` and ``…`` stay."""
    t = t.rstrip(" ;,")
    tail = ""
    while t and t[-1] in _CLOSING_QUOTES:  # a point inside a closing quote mark
        tail, t = t[-1] + tail, t[:-1]
    if t.endswith(".") and not t.endswith("..") and not _ABBREVIATION.search(t):
        t = t[:-1].rstrip(" ;,")
    return t + tail


def _content(text: str) -> set[str]:
    return {w for w in words(text) if w not in STOP and len(w) > 2 and not w.isdigit()}


def pick_headline(
    headlines: list[tuple[str, str | None]], terms: dict[str, float] | None = None
) -> str | None:
    """The most representative cleaned headline of ``(title, language)`` pairs, or None.

    Args:
        headlines: the canonical articles' titles with their language codes, oldest first.
        terms: the group's term weights (its heaviest words); optional.

    Returns:
        The cleaned headline in the group's main language that shares most with the other
        headlines and the group's terms; a damaged-looking headline loses against a clean one.
    """
    cleaned = [(clean_headline(t or ""), lang or "") for t, lang in headlines]
    cleaned = [(t, lang) for t, lang in cleaned if len(_content(t)) >= 2]
    if not cleaned:
        return None
    main = Counter(lang for _, lang in cleaned).most_common(1)[0][0]
    pool = [t for t, lang in cleaned if lang == main]
    bags = [_content(t) for t in pool]
    df = Counter(w for bag in bags for w in bag)
    norm = math.sqrt(sum(v * v for v in (terms or {}).values())) or 1.0
    best: tuple[float, int, str] | None = None
    for i, (t, bag) in enumerate(zip(pool, bags, strict=True)):
        shared = sum(df[w] - 1 for w in bag) / (len(pool) - 1) / math.sqrt(len(bag)) if len(pool) > 1 else 0.0
        central = sum((terms or {}).get(w, 0.0) for w in bag) / norm / math.sqrt(len(bag))
        n_words = len(t.split())
        shape = 0.0 if 4 <= n_words <= 16 else -0.3  # a label or a paragraph is no headline
        damage = -1.0 if _DAMAGE.search(t) or t.isupper() else 0.0
        s = shared + central + shape + damage
        if best is None or s > best[0] + 1e-9:
            best = (s, i, t)
    return best[2] if best else None


def headline_title(conn: Connection, group: _Group) -> str:
    """The title of a storyline (``st-…``) or event (``ev-…``) from its canonical headlines."""
    title = pick_headline(canonical_headlines(conn, group.id, _MAX_HEADLINES), group.terms)
    if title:
        return title
    first = first_event_title(conn, group.id)
    return clean_headline(first) if first else "Ohne Titel"
