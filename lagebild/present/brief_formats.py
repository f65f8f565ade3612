"""A briefing written out: Markdown, a standalone HTML page, or a PDF.

All three keep the citations: every item ends with its ``[n]`` and the sources
are listed under their numbers (in HTML and PDF the numbers link to the list).
Scraped text is untrusted: Markdown escapes its markup characters, the HTML page
escapes everything and forbids scripts and remote resources by its own
Content-Security-Policy, and the PDF is drawn by fpdf2 as text in an embedded
DejaVu Sans (matplotlib's copy; Bitstream Vera licence, free to embed), never
written by hand.  Headings come with the briefing (its ``lang``).
"""

from __future__ import annotations

import html
import importlib.util
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import LagebildError
from .phrases import phrases

if TYPE_CHECKING:
    from .brief import Briefing

__all__ = ["FORMATS", "render_briefing", "to_html", "to_markdown", "to_pdf"]

# format -> (media type, file extension)
FORMATS = {
    "md": ("text/markdown; charset=utf-8", "md"),
    "html": ("text/html; charset=utf-8", "html"),
    "pdf": ("application/pdf", "pdf"),
}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x84\x86-\x9f]")
_BREAKS = re.compile(r"[\r\n\x85\u2028\u2029]")  # every line break Unicode knows


def render_briefing(b: Briefing, fmt: str = "md") -> str | bytes:
    """The briefing as ``md`` or ``html`` text, or ``pdf`` bytes.

    Raises:
        ValueError: another format.
        LagebildError: PDF without fpdf2 installed.
    """
    if fmt == "md":
        return to_markdown(b)
    if fmt == "html":
        return to_html(b)
    if fmt == "pdf":
        return to_pdf(b)
    raise ValueError(f"Cannot write a briefing as {fmt!r}: expected one of {', '.join(FORMATS)}.")


def _line(text: str) -> str:
    """One line: line breaks as spaces, control characters dropped."""
    return _CONTROL.sub("", _BREAKS.sub(" ", text))


def _cites(cites: list[int]) -> list[int]:
    return list(dict.fromkeys(cites))


# -- Markdown ----------------------------------------------------------------------------------


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", _line(text))


def to_markdown(b: Briefing) -> str:
    """The briefing as Markdown: ``#`` title, one ``##`` section each, numbered sources."""
    p = phrases(b.lang)
    out = [f"# {_md_escape(b.title)}", "", f"*{_md_escape(b.subtitle)}*", ""]
    for heading, items in b.sections:
        out += [f"## {heading}", ""]
        if not items:
            out.append(f"- {p.nothing}")
        for it in items:
            lead = f"**{_md_escape(it.lead)}**: " if it.lead else ""
            out.append(f"- {lead}{_md_escape(it.text)} {''.join(f'[{n}]' for n in _cites(it.cites))}")
        out.append("")
    out += [f"## {p.sources}", ""]
    for s in b.sources:
        out.append(
            f"{s['n']}. {_md_escape(_label(s, b.lang))}, {s['published'] or p.undated}: "
            f"{_md_escape(str(s['title']))} (`{s['article']}`)"
        )
    return "\n".join(out) + "\n"


def _label(s: dict[str, object], lang: str) -> str:
    return str(s.get("label") or s.get("source") or phrases(lang).unknown_source)


# -- HTML --------------------------------------------------------------------------------------

_STYLE = (
    "body{font-family:sans-serif;max-width:50em;margin:2em auto;padding:0 1em;line-height:1.4}"
    "sup a{text-decoration:none}.meta{color:#555}code{color:#777;font-size:.85em}"
)
# Nothing may load or run: no scripts, no remote images, fonts or styles, no forms.
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'"


def to_html(b: Briefing) -> str:
    """The briefing as one standalone HTML page; every piece of scraped text escaped."""
    e = html.escape
    p = phrases(b.lang)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{e(b.lang)}"><head><meta charset="utf-8" />',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}" />',
        '<meta name="referrer" content="no-referrer" />',
        f"<title>{e(_line(b.title))}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>{e(_line(b.title))}</h1>",
        f'<p class="meta">{e(_line(b.subtitle))}</p>',
    ]
    for heading, items in b.sections:
        out.append(f"<h2>{e(heading)}</h2><ul>")
        if not items:
            out.append(f"<li>{e(p.nothing)}</li>")
        for it in items:
            lead = f"<strong>{e(_line(it.lead))}</strong>: " if it.lead else ""
            cites = "".join(f'<sup><a href="#src{n}">[{n}]</a></sup>' for n in _cites(it.cites))
            out.append(f"<li>{lead}{e(_line(it.text))} {cites}</li>")
        out.append("</ul>")
    out.append(f"<h2>{e(p.sources)}</h2><ol>")
    for s in b.sources:
        title = e(_line(str(s["title"])))
        url = str(s["url"] or "")
        if url.startswith(("http://", "https://")):
            title = f'<a href="{e(url, quote=True)}" rel="noopener noreferrer">{title}</a>'
        out.append(
            f'<li id="src{int(str(s["n"]))}">{e(_line(_label(s, b.lang)))}, {e(str(s["published"] or p.undated))}: '
            f"{title} <code>{e(str(s['article']))}</code></li>"
        )
    out.append("</ol></body></html>")
    return "\n".join(out) + "\n"


# -- PDF ---------------------------------------------------------------------------------------


def _font_dir() -> Path:
    """matplotlib's bundled fonts (DejaVu Sans), found without importing matplotlib."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        raise LagebildError("PDF briefings need matplotlib's DejaVu Sans font: pip install matplotlib.")
    return Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"


def to_pdf(b: Briefing) -> bytes:
    """The briefing as a PDF (A4, DejaVu Sans embedded, citations linked to the source list).

    Raises:
        LagebildError: fpdf2 or the font is not installed.
    """
    try:
        from fpdf import FPDF
    except ImportError:
        raise LagebildError("PDF briefings need fpdf2: pip install fpdf2.") from None
    p = phrases(b.lang)
    fonts = _font_dir()
    pdf = FPDF(format="A4")
    try:
        pdf.add_font("DejaVu", "", str(fonts / "DejaVuSans.ttf"))
        pdf.add_font("DejaVu", "B", str(fonts / "DejaVuSans-Bold.ttf"))  # no italic: each font costs ~80 ms
    except FileNotFoundError as exc:
        raise LagebildError(f"Cannot write a PDF briefing: font missing ({exc.filename}).") from None
    pdf.set_title(_line(b.title))
    pdf.set_lang(b.lang)
    pdf.set_creator("lagebild")
    pdf.set_auto_page_break(True, margin=15)
    pdf.alias_nb_pages()
    pdf.set_margins(18, 18, 18)
    page_word = p.page

    def footer() -> None:
        pdf.set_y(-12)
        pdf.set_font("DejaVu", "", 8)
        pdf.set_text_color(120)
        pdf.cell(0, 5, f"{page_word} {pdf.page_no()}/{{nb}}", align="C")
        pdf.set_text_color(0)

    pdf.footer = footer  # type: ignore[method-assign]
    pdf.add_page()
    left = pdf.l_margin
    links = {int(str(s["n"])): pdf.add_link() for s in b.sources}

    pdf.set_font("DejaVu", "B", 16)
    pdf.multi_cell(0, 8, _line(b.title), new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("DejaVu", "", 9)
    pdf.set_text_color(80)
    pdf.multi_cell(0, 5, _line(b.subtitle), new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0)
    for heading, items in b.sections:
        pdf.ln(3)
        pdf.set_font("DejaVu", "B", 12)
        pdf.multi_cell(0, 7, heading, new_x="LMARGIN", new_y="NEXT")
        if not items:
            _bullet(pdf, left, "", p.nothing, [], links)
        for it in items:
            _bullet(pdf, left, _line(it.lead), _line(it.text), _cites(it.cites), links)
    pdf.ln(3)
    pdf.set_font("DejaVu", "B", 12)
    pdf.multi_cell(0, 7, p.sources, new_x="LMARGIN", new_y="NEXT")
    for s in b.sources:
        n = int(str(s["n"]))
        pdf.set_link(links[n], page=pdf.page_no(), y=pdf.get_y())
        pdf.set_font("DejaVu", "", 9)
        pdf.set_x(left)
        pdf.set_left_margin(left + 7)
        pdf.write(5, f"{n}. ")
        pdf.set_x(left + 7)
        pdf.write(5, f"{_line(_label(s, b.lang))}, {s['published'] or p.undated}: ")
        url = str(s["url"] or "")
        pdf.write(5, _line(str(s["title"])), link=url if url.startswith(("http://", "https://")) else "")
        pdf.set_text_color(120)
        pdf.write(5, f" ({s['article']})")
        pdf.set_text_color(0)
        pdf.set_left_margin(left)
        pdf.ln(6)
    return bytes(pdf.output())


def _bullet(pdf: Any, left: float, lead: str, text: str, cites: list[int], links: dict[int, int]) -> None:
    """One list item: a bullet, an optional bold lead, the text and its linked citations."""
    pdf.set_left_margin(left + 5)  # wrapped lines hang under the text, not the bullet
    pdf.set_x(left)
    pdf.set_font("DejaVu", "", 10)
    pdf.write(5, "•")
    pdf.set_x(left + 5)
    if lead:
        pdf.set_font("DejaVu", "B", 10)
        pdf.write(5, f"{lead}: ")
        pdf.set_font("DejaVu", "", 10)
    pdf.write(5, text + " ")
    pdf.set_text_color(30, 70, 140)
    for n in cites:
        pdf.write(5, f"[{n}]", link=links.get(n, ""))
    pdf.set_text_color(0)
    pdf.set_left_margin(left)
    pdf.ln(6)
