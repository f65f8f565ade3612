"""Markup left in a plain-text body: character references (``&amp;``, ``&quot;``, ``&#8217;``)
and embed and HTML tags (``<tweet tweet-id="…">``, ``<a href=”…” target=”_blank”>``, ``</a>``,
``<br/>``).

A scraper that stores a page's HTML-escaped text as plain text leaves ``AT&amp;T`` and
``&lt;tweet …&gt;``: a reader sees ``AT&T`` and no tag.  Each complete reference (``&name;``,
``&#n;``, ``&#xh;``, with its semicolon) that HTML knows becomes its character, a logged
``repaired`` edit; an unknown name (``&T;``) or a bare ``&`` stays.

Scrapers that flatten a page to text keep the placeholders of embedded posts and a few
tags; they are no words of the article.  Only the tags go (a logged ``removed`` edit each);
the text between them, a tweet's own words, stays.  A tag is recognised by its form, not by
a list of names seen in some feed: a tag with attributes (``name="value"``), a closing or
self-closing tag (``</x>``, ``<x/>``), or an HTML element without attributes (``<p>``,
``<br>``); ``a < b > c`` and ``<Ironie>`` are no tags.
"""

from __future__ import annotations

import html
import re

from ._buffer import Change

__all__ = ["char_references", "embed_markup"]

_REFERENCE = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def char_references(text: str) -> list[Change]:
    """``AT&amp;T`` → ``AT&T``, ``&lt;tweet&gt;`` → ``<tweet>``: HTML character references in a
    plain-text body become their characters (one level: ``&amp;lt;`` → ``&lt;``; the cleaner
    repeats it for text escaped twice)."""
    if "&" not in text:
        return []
    out: list[Change] = []
    for m in _REFERENCE.finditer(text):
        after = html.unescape(m.group())
        if after != m.group():
            out.append(Change(m.start(), m.end(), after, "repaired", "character reference"))
    return out

# The elements of HTML (the WHATWG list), for tags without attributes.
_HTML_ELEMENTS = frozenset(
    """a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption
    cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 head header hgroup hr html i iframe img input ins
    kbd label legend li link main map mark menu meta meter nav noscript object ol optgroup option
    output p param picture pre progress q rp rt ruby s samp script search section select slot small
    source span strong style sub summary sup table tbody td template textarea tfoot th thead time
    title tr track u ul var video wbr center font""".split()
)
_VALUE = r"(?:\"[^\"<>\n]*\"|'[^'<>\n]*'|”[^”<>\n]*”|“[^“”<>\n]*”|[^\s\"'<>=`]+)"
_ATTR = rf"[A-Za-z_:][\w:.-]*(?:\s*=\s*{_VALUE})?"
_TAG = re.compile(
    rf"<(?P<close>/)?(?P<name>[A-Za-z][\w-]{{0,30}})(?P<attrs>(?:\s+{_ATTR}){{0,20}})\s*(?P<self>/)?>"
)


def _is_tag(m: re.Match[str]) -> bool:
    name = m["name"].lower()
    if m["close"] and m["self"]:
        return False
    if "=" in m["attrs"]:
        return True
    if m["attrs"].strip():  # `<Die Grünen>`: words, not attributes
        return False
    return bool(m["close"] or m["self"]) or name in _HTML_ELEMENTS


_PUNCT_ONLY = re.compile(r"[\s.,;:!?\[\]()]*")


def embed_markup(text: str) -> list[Change]:
    """``<tweet …>Text<tweet/>`` → ``Text``: embed and HTML tags out of a plain-text body.

    A line left with nothing but the full stop after an empty embed (``<tweet id=…><tweet/>.``)
    goes whole."""
    if "<" not in text:
        return []
    out: list[Change] = []
    pos = 0
    for line in text.split("\n"):
        tags = [m for m in _TAG.finditer(line) if _is_tag(m)] if "<" in line else []
        if tags:
            rest = _TAG.sub(lambda m: "" if _is_tag(m) else m.group(), line)
            if _PUNCT_ONLY.fullmatch(rest):
                out.append(Change(pos, pos + len(line), "", "removed", "markup tag"))
            else:
                out += [Change(pos + m.start(), pos + m.end(), "", "removed", "markup tag") for m in tags]
        pos += len(line) + 1
    return out
