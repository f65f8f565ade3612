"""Round 17 of the names guard (issue 10 §2): names in English headlines.

English headlines are written in title case (``Maria Hinojosa Explained Why She Felt
"Invisible" As A Child.``) or in capitals (``U.N. PANEL RULES FOR WIKILEAKS FOUNDER.``), so the
English model's capital-letter cue fails there: it lists verbs and common nouns glued to names
(``Maria Hinojosa Explained``, ``TALIBAN CLOSING``) or alone (``Redefine Masculinity``,
``Hate``, ``TOO``).  Rules for English articles only:

* ``en_title_line``: in a line of title case (three words or more, every word of four letters
  or more capitalised, not all in capitals, and two capitalised common words or more outside
  the line's spans) a span is kept when the article's other lines name it too; else it is
  cut to its longest beginning of two words or more that they name (``Maria Hinojosa
  Explained`` -> ``Maria Hinojosa``), or dropped (``Redefine Masculinity``, ``Hollywood's
  Latino Problem``).  A line of names (a credit ``Contributing: Iris Ouyang, Grant Miller``)
  is no headline.
* ``en_caps_run``: a span in capitals inside a run of four words or more in capitals (a
  headline or a shouted phrase) is kept when the article writes it in mixed case elsewhere
  (``caps_fold`` then names it so); else the English words at its edges are cut off
  (``TALIBAN CLOSING`` -> ``TALIBAN``, ``U.N. PANEL RULES`` -> ``U.N.``), and a span of English
  words only is dropped (``TOO``, ``BOWL``, ``PENCHANT FOR``).
* ``en_dash_cut``: a span across a spaced dash (``NEW HAMPSHIRE - Since``: a headline and its
  text's first word) ends before the dash.

Each rule asks its switch in :mod:`lagebild.enrich.names_rules`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lagebild.enrich import names_rules as _rules
from lagebild.enrich.names_english_types import _english_word, _simplemma, is_english

Span = tuple[int, int, str]

_LINE = re.compile(r"[^\n]+")
_WORD = re.compile(r"[^\W\d_][\w’'.&\-]*")
_DASH = re.compile(r"\s[-–—]\s")
_TOKEN = re.compile(r"\S+")


def _title_lines(text: str, spans: list[Span]) -> list[tuple[int, int]]:
    """The lines of *text* written in title case (not in capitals) that hold, outside the
    spans and past their first word, two capitalised common words or more (``Explained Why
    She Felt``; a credit line ``Contributing: Iris Ouyang, Grant Miller`` holds names only)."""
    out = []
    starts = sorted(spans)
    for m in _LINE.finditer(text):
        line = m.group()
        if len(line) > 200 or line.isupper():
            continue
        words = _WORD.findall(line)
        long = [w for w in words if len(w) >= 4]
        if len(words) < 3 or not long or not all(w[0].isupper() for w in long):
            continue
        la, lb = m.start(), m.end()
        inside = [(a, b) for a, b, _lab in starts if la <= a and b <= lb]
        common = 0
        for w in _WORD.finditer(text, la, lb):
            if w.start() == la or re.search(r"[;:(]\s*$", text[la : w.start()]):
                continue
            if any(a <= w.start() < b for a, b in inside):
                continue
            if _capitalised_common(w.group()):
                common += 1
        if common >= 2:
            out.append((la, lb))
    return out


@lru_cache(maxsize=8192)
def _capitalised_common(w: str) -> bool:
    if not (len(w) >= 3 and w.isalpha() and w[0].isupper()) or not _english_word(w):
        return False
    s = _simplemma()
    return s is not None and s.lemmatize(w.lower(), lang="en")[:1].islower()


def _named_in(body: str, name: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(name) + r"(?!\w)", body) is not None


def _title_line(text: str, spans: list[Span]) -> list[Span]:
    lines = _title_lines(text, spans)
    if not lines:
        return spans
    body = list(text)
    for a, b in lines:
        body[a:b] = " " * (b - a)
    rest = "".join(body)
    out: list[Span] = []
    for a, b, lab in spans:
        line = next(((la, lb) for la, lb in lines if la <= a and b <= lb), None)
        if line is None:
            out.append((a, b, lab))
            continue
        name = text[a:b]
        if _named_in(rest, name):
            out.append((a, b, lab))
            continue
        ends = [m.end() for m in _TOKEN.finditer(name)]
        for k in range(len(ends) - 1, 1, -1):
            head = name[: ends[k - 1]]
            if _named_in(rest, head):
                out.append((a, a + len(head), lab))  # "Maria Hinojosa Explained"
                break
    return out


def _caps_words(text: str, a: int, b: int) -> int:
    """How many words in capitals the run around ``text[a:b]`` holds."""
    n = len(text[a:b].split())
    for m in re.finditer(r"\S+", text[max(0, a - 120) : a][::-1]):
        w = m.group()[::-1]
        if not (any(c.isalpha() for c in w) and w.isupper()):
            break
        n += 1
    for m in re.finditer(r"\S+", text[b : b + 120]):
        w = m.group()
        if not (any(c.isalpha() for c in w) and w.isupper()):
            break
        n += 1
    return n


def _mixed_elsewhere(text: str, name: str) -> bool:
    return any(
        not m.group().isupper()
        for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", text, re.I)
    )


def _caps_run(text: str, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for a, b, lab in spans:
        name = text[a:b]
        if not name.isupper() or _caps_words(text, a, b) < 4 or _mixed_elsewhere(text, name):
            out.append((a, b, lab))
            continue
        toks = [(m.start(), m.end()) for m in _TOKEN.finditer(name)]
        common = [w.isalpha() and _english_word(w) for w in (name[s:e] for s, e in toks)]
        i, j = 0, len(toks)
        while i < j and common[i]:
            i += 1
        while j > i and common[j - 1]:
            j -= 1
        if i < j:  # "TALIBAN CLOSING" -> "TALIBAN"
            out.append((a + toks[i][0], a + toks[j - 1][1], lab))
    return out


def _dash_cut(text: str, spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for a, b, lab in spans:
        m = _DASH.search(text, a, b)
        if m is not None and text[a : m.start()].strip():
            out.append((a, m.start(), lab))  # "NEW HAMPSHIRE - Since"
        else:
            out.append((a, b, lab))
    return out


def english_headlines(text: str, spans: list[Span]) -> list[Span]:
    """The rules of this module, on an English article's spans (others pass unchanged)."""
    if not spans or not is_english(text):
        return spans
    if _rules.on("en_dash_cut"):
        spans = _dash_cut(text, spans)
    if _rules.on("en_caps_run"):
        spans = _caps_run(text, spans)
    if _rules.on("en_title_line"):
        spans = _title_line(text, spans)
    return spans
