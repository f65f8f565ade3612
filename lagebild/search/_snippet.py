"""Snippets: an HTML-escaped window of the original text with the matching words marked."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable

from ._text import FOLD, WORD, norm_word

__all__ = ["snippet"]

# The stemmer may turn `ue` into `u`: a stem letter stands for its umlaut spellings too.
_UNFOLD = {"ae": "(?:ae|ä)", "oe": "(?:oe|ö)", "ue": "(?:ue|ü)", "ss": "(?:ss|ß)",
           "a": "(?:ae|a|ä)", "o": "(?:oe|o|ö)", "u": "(?:ue|u|ü)"}  # fmt: skip


@functools.lru_cache(maxsize=512)
def _head_finder(terms: frozenset[str]) -> re.Pattern[str] | None:
    """A regex for word starts that fold to the first letters of any term."""
    alts = set()
    for t in terms:
        head = t[:4]
        alts.add(re.sub("ae|oe|ue|ss|.", lambda m: _UNFOLD.get(m.group(), re.escape(m.group())), head))
    if not alts:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(sorted(alts)) + ")", re.IGNORECASE)


def snippet(text: str, terms: Iterable[str], lang: str | None = "de", width: int = 220) -> str:
    """An HTML-escaped window of ``text`` around the first matching word, matches in <mark>."""
    want = {t for t in terms if t}
    lang = lang if lang in ("de", "en") else "de"
    spans = []
    finder = _head_finder(frozenset(want))
    if finder is not None:
        # Only words that start like a term can stem to it: find those with one regex.
        for m in finder.finditer(text):
            w = WORD.match(text, m.start())
            if w is None:
                continue
            word = w.group()
            folded = word.casefold().translate(FOLD)
            if norm_word(word, lang) in want or norm_word(word, "de") in want or any(
                folded.startswith(t) and len(t) >= 3 for t in want
            ):
                spans.append((w.start(), w.end()))
                if len(spans) > 40:
                    break
    start = max(0, spans[0][0] - width // 3) if spans else 0
    end = min(len(text), start + width)
    if start > 0:
        start = text.find(" ", start) + 1 or start
    out: list[str] = ["…" if start > 0 else ""]
    pos = start
    for s, e in spans:
        if s < start or e > end:
            continue
        out += [html.escape(text[pos:s]), "<mark>", html.escape(text[s:e]), "</mark>"]
        pos = e
    out.append(html.escape(text[pos:end]))
    if end < len(text):
        out.append("…")
    return "".join(out).replace("\n", " ")
