"""Rendering: the template environment, the interface language and the marked-up article text.

Scraped text is untrusted: templates autoescape everything, and
:func:`highlight` escapes the text before it adds its own tags.
"""

from __future__ import annotations

import html
import re
from functools import partial
from pathlib import Path
from urllib.parse import urlencode
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from ..display_names import display_name
from ..group.titles import clean_headline
from ._i18n import counted, edit_note, text_for

__all__ = ["Renderer", "date_span", "highlight", "html_response", "ui_lang"]

_HERE = Path(__file__).resolve().parent


_SWITCH = {"de": 'class="lang" href="?lang=en"', "en": 'class="lang" href="?lang=de"'}
# a link to a page of the site (not to static files or downloads) that names no language yet
_PAGE_LINK = re.compile(r'href="(/(?!static/|api/|charts/)[^"#]*?)(#[^"]*)?"')


def ui_lang(request: Request) -> str:
    """``en`` with ``?lang=en`` or an English ``Accept-Language``; German otherwise."""
    q = request.query_params.get("lang")
    if q in ("de", "en"):
        return q
    accept = request.headers.get("accept-language", "")
    return "en" if accept.lower().startswith("en") else "de"


def html_response(request: Request, html_text: str) -> HTMLResponse:
    """A page's HTML for this request, in one language throughout.

    A language chosen with ``?lang=`` (not the browser's) is carried by every link to another
    page (an actor in the marked-up text, a facet, a cited source), so a click never falls back
    to the other language; the language switch keeps the page's other parameters (a search
    stays a search).
    """
    lang = ui_lang(request)
    chosen = request.query_params.get("lang")
    if chosen in ("de", "en"):
        html_text = _PAGE_LINK.sub(partial(_with_lang, chosen), html_text)
    others = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
    if others:
        query = html.escape(urlencode([*others, ("lang", "en" if lang == "de" else "de")]), quote=True)
        html_text = html_text.replace(_SWITCH[lang], f'class="lang" href="?{query}"', 1)
    return HTMLResponse(html_text)


def _with_lang(lang: str, m: re.Match[str]) -> str:
    url, anchor = m.group(1), m.group(2) or ""
    if re.search(r"[?&;]lang=", url):
        return m.group(0)
    return f'href="{url}{"&amp;" if "?" in url else "?"}lang={lang}{anchor}"'


class Renderer:
    """The page templates (autoescaped), rendered with the interface text of the request's language."""

    def __init__(self) -> None:
        self.templates = Jinja2Templates(directory=str(_HERE / "templates"))
        self.templates.env.autoescape = True
        # the templates ship with the package and do not change while it runs
        self.templates.env.auto_reload = False
        # an event's title is its first headline as the feed wrote it; shown as the briefing and
        # `lagebild stories` show it (no closing full stop or semicolon, no source labels)
        self.templates.env.filters["headline"] = _headline
        self.templates.env.filters["when"] = _when

    def page(self, request: Request, name: str, **ctx: Any) -> HTMLResponse:
        """``templates/name`` with ``t`` (the interface text), ``lang``, ``lang_q``, ``n`` (counted
        nouns) and ``ename`` (an entity's name in the interface language: ``European Union``)."""
        return html_response(request, self.render(name, ui_lang(request), **ctx))

    def render(self, name: str, lang: str, **ctx: Any) -> str:
        """The page's HTML text (depends only on the arguments: the templates do not read the request)."""
        return self.templates.get_template(name).render(
            t=text_for(lang), lang=lang, lang_q="&lang=en" if lang == "en" else "", n=partial(counted, lang=lang),
            note=partial(edit_note, lang=lang), ename=partial(display_name, lang=lang),
            span=partial(date_span, undated=text_for(lang)["undated"]), **ctx,
        )


def date_span(start: str | None, end: str | None, undated: str) -> str:
    """A group's dates as one phrase: ``2016-03-01 – 2016-05-27``; one day once (``2016-07-05``,
    not ``2016-07-05 – 2016-07-05``); ``undated`` once when it has no date at all."""
    if not start and not end:
        return undated
    if start == end or not end:
        return str(start)
    return f"{start or undated} – {end}"


def _headline(title: str | None) -> str:
    return clean_headline(title or "") or (title or "")


def highlight(article: Any) -> list[str]:
    """The cleaned text as HTML paragraphs, entities, dates and quotes marked (all text escaped)."""
    text = article.text
    spans: list[tuple[int, int, str, str]] = []  # start, end, open tag, close tag
    for q in article.quotes:
        title = f"{q.kind}: {q.speaker_text or '?'}" + (f" ({q.cue})" if q.cue else "")
        spans.append((q.start, q.end, f'<span class="quote q-{q.kind}" title="{html.escape(title)}">', "</span>"))
    for e in article.entities:
        href = f"/entities/{html.escape(e.id)}"
        for m in e.mentions:
            spans.append((m.start, m.end, f'<a class="ent ent-{e.type}" href="{href}" title="{html.escape(e.name)}">', "</a>"))
    for t in article.times:
        spans.append((t.start, t.end, f'<time class="tx" title="{html.escape(t.value)}">', "</time>"))
    # a span over a paragraph break would break the markup: keep it unmarked
    spans = [sp for sp in spans if "\n" not in text[sp[0] : sp[1]]]
    spans.sort(key=lambda s: (s[0], -s[1]))
    # keep only properly nested spans; an inner span crossing an outer boundary is dropped
    kept: list[tuple[int, int, str, str]] = []
    stack: list[tuple[int, int, str, str]] = []
    for sp in spans:
        while stack and stack[-1][1] <= sp[0]:
            stack.pop()
        if stack and sp[1] > stack[-1][1]:
            continue
        if any(k[0] < sp[1] and sp[0] < k[1] and not (k[0] <= sp[0] and sp[1] <= k[1]) for k in stack):
            continue
        kept.append(sp)
        stack.append(sp)
    events: list[tuple[int, int, int, str]] = []
    for i, (s, e, o, c) in enumerate(kept):
        events.append((s, 1, i, o))  # opens in order
        events.append((e, 0, -i, c))  # closes before opens, innermost first
    events.sort(key=lambda x: (x[0], x[1], x[2]))
    out: list[str] = []
    pos = 0
    for at, _kind, _i, tag in events:
        out.append(html.escape(text[pos:at]))
        out.append(tag)
        pos = at
    out.append(html.escape(text[pos:]))
    return "".join(out).split("\n")


def _when(value: str | None, lang: str) -> str | None:
    """A timeline date as the briefing writes it: ``2024-FA`` -> ``Herbst 2024`` / ``autumn 2024``."""
    from ..present.phrases import phrases

    return phrases(lang).date(value) if value else value
