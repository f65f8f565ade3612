"""HTML article pages (trafilatura) and RSS/Atom feeds (defusedxml)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from .._meta import parse_date, source_from_site, source_from_url
from ..errors import InputError, MalformedInput, NoArticle
from ..model import Article
from ._guard import failure
from ._records import source_from_host

__all__ = ["read_feed", "read_html", "html_to_text"]

log = logging.getLogger(__name__)



def read_html(text: str, data: bytes, encoding: str, origin: str) -> Article:
    """Main text and metadata of an HTML article page."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            text,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
        )
    except Exception as exc:  # trafilatura/lxml raise many kinds on broken markup
        raise MalformedInput(origin, f"HTML could not be parsed ({type(exc).__name__})") from None
    body = (getattr(doc, "text", None) or "").strip() if doc is not None else ""
    if not body or len(body) < 40:
        if _too_deep(text):
            raise MalformedInput(
                origin,
                f"HTML too deeply nested (more than {_MAX_DEPTH} levels of elements, where the parser stops); "
                "the page cannot be read",
            )
        raise NoArticle(origin, "HTML page without article text (navigation, empty or script-only page)")
    article = Article(
        origins=[origin], format="html", raw=text, raw_bytes=data, encoding=encoding, base=body
    )
    article.title_raw = (doc.title or "").strip()
    if doc.url:
        article.url = doc.url
    site = doc.sitename
    if site and _fold(site) == _fold(article.title_raw):
        # trafilatura names the site after the page's title when the <title> is ``Title | site``
        # with an unknown site: the site is the part after the bar, never the headline
        site = _title_site(text)
    if site:
        article.source = source_from_site(site)
    elif doc.url:
        source_from_host(article)
    published = parse_date(doc.date)
    if published:
        article.published = published
        article.published_from = "html"
    if doc.categories:
        cats = doc.categories if isinstance(doc.categories, list) else [doc.categories]
        article.section = next((c for c in cats if c), None)
    if getattr(doc, "language", None):
        article.language = str(doc.language)[:2].casefold()
    return article


def _fold(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.casefold()))


_TITLE_ELEMENT = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)


def _title_site(page: str) -> str | None:
    """The site part of the page's ``<title>`` (``Headline | site``), if it has one."""
    import html

    from ..clean.structure import split_title

    m = _TITLE_ELEMENT.search(page[:200_000])
    if not m:
        return None
    return split_title(html.unescape(" ".join(m.group(1).split())))[1]


_MAX_DEPTH = 255  # libxml2's limit without XML_PARSE_HUGE


def _too_deep(text: str) -> bool:
    """Did the HTML parser stop at its depth limit (where it drops the rest)?"""
    import lxml.etree

    parser = lxml.etree.HTMLParser(encoding="utf-8")
    try:
        lxml.etree.fromstring(text.encode("utf-8", "surrogatepass"), parser)
    except Exception:  # noqa: BLE001 -- only the error log matters here
        pass
    return any("Excessive depth" in e.message for e in parser.error_log)


_BLOCK = re.compile(r"(?is)<\s*(?:br|/p|/div|/h[1-6]|/li|/blockquote|/tr)\b[^>]*>")


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment (feed content), one block per line."""
    import lxml.html

    if "<" not in fragment:
        return fragment.strip()
    fragment = _BLOCK.sub(lambda m: m.group(0) + "\n", fragment)
    try:
        tree = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises ParserError and others on junk
        return re.sub(r"<[^>]*>", " ", fragment).strip()
    for bad in tree.xpath("//script|//style|//noscript|//iframe"):
        bad.drop_tree()
    lines = [re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in tree.text_content().split("\n")]
    return "\n".join(ln for ln in lines if ln)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].casefold()


def read_feed(data: bytes, text: str, encoding: str, origin: str) -> Iterator[Article | InputError]:
    """Items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed.

    The feed is parsed from its bytes, so the encoding it declares is the one
    used (an ISO-8859-1 feed stays ISO-8859-1); each item keeps as raw its own
    bytes of the file, exactly as read, CDATA and namespace prefixes included.
    """
    codec = _feed_codec(data)
    try:
        root, spans = _parse_feed(data)
        buf = None
    except _ParseFailed as first:
        # Bytes that do not match their declaration (a Windows-1252 feed that says
        # nothing or says UTF-8): parse the text as decoded, declared as UTF-8.
        buf = _XML_DECL_ENC.sub(rb"\1utf-8\2", text.encode("utf-8", "surrogatepass"), count=1)
        try:
            root, spans = _parse_feed(buf)
        except _ParseFailed:
            raise MalformedInput(origin, f"feed is not well-formed XML ({first})") from None
    items = [el for el in root.iter() if _local(el.tag) in ("item", "entry")]
    if not items:
        raise NoArticle(origin, "feed has no <item> or <entry> elements")
    feed_site = None
    for el in root.iter():
        if _local(el.tag) == "title":
            feed_site = (el.text or "").strip()
            break
    search_from = 0
    for i, item in enumerate(items, 1):
        item_origin = f"{origin}#{i}"
        try:
            if buf is None:
                raw_bytes, item_encoding = _item_slice(data, spans[id(item)], codec), codec
            else:
                raw_bytes, item_encoding, search_from = _refind(buf, spans[id(item)], data, encoding, search_from)
            article = _feed_item(item, raw_bytes, item_encoding, item_origin, feed_site)
        except Exception as exc:  # noqa: BLE001 -- one item's failure is its own
            yield failure(item_origin, exc)
            continue
        yield article


def _feed_item(item, raw_bytes: bytes, encoding: str, item_origin: str, feed_site: str | None) -> Article | InputError:  # noqa: ANN001
    fields: dict[str, str] = {}
    for child in item:
        name = _local(child.tag)
        if name == "link" and child.get("href"):
            fields.setdefault("link", child.get("href", ""))
        elif child.text and child.text.strip():
            fields.setdefault(name, child.text.strip())
    body_html = fields.get("encoded") or fields.get("content") or fields.get("description") or fields.get("summary") or ""
    body = html_to_text(body_html)
    if len(body) < 20:
        return NoArticle(item_origin, "feed item without text (only a title or a link)")
    article = Article(
        origins=[item_origin], format="feed", raw=raw_bytes.decode(encoding, "replace"), raw_bytes=raw_bytes,
        encoding=encoding, base=body,
    )  # fmt: skip
    article.title_raw = html_to_text(fields.get("title", ""))
    if fields.get("link"):
        article.url = fields["link"].strip()
        source_from_host(article)
    if not article.source and feed_site:
        article.source = source_from_site(feed_site)
    published = parse_date(fields.get("pubdate") or fields.get("published") or fields.get("date") or fields.get("updated"))
    if published:
        article.published = published
        article.published_from = "feed"
    if fields.get("category"):
        article.section = fields["category"]
    return article


class _ParseFailed(Exception):
    pass


_XML_DECL_ENC = re.compile(rb"""^(\s*<\?xml[^>]*?\bencoding\s*=\s*["'])[A-Za-z0-9._-]+(["'])""")


def _feed_codec(data: bytes) -> str:
    """The Python codec of the feed's bytes: BOM, else the XML declaration, else UTF-8."""
    import codecs

    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):  # fmt: skip
        if data.startswith(bom):
            return name
    if data.startswith(b"<\x00?\x00"):
        return "utf-16-le"
    if data.startswith(b"\x00<\x00?"):
        return "utf-16-be"
    m = re.match(rb"""\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._-]+)["']""", data[:256])
    if m:
        try:
            return codecs.lookup(m.group(1).decode("ascii")).name
        except LookupError:
            pass
    return "utf-8"


def _parse_feed(buf: bytes):  # noqa: ANN202 -- (Element, {id(item element): [start, end]})
    """Parse with defusedxml's parser (no entity expansion, no external entities)
    and note where each item or entry starts and ends in ``buf``."""
    from xml.etree.ElementTree import ParseError, TreeBuilder

    from defusedxml import DefusedXmlException
    from defusedxml.ElementTree import DefusedXMLParser

    parser = DefusedXMLParser(target=TreeBuilder())
    expat = parser.parser
    on_start, on_end = expat.StartElementHandler, expat.EndElementHandler
    spans: dict[int, list[int]] = {}

    def start(tag: str, attrs: object) -> object:
        elem = on_start(tag, attrs)
        if _local(tag) in ("item", "entry"):
            spans[id(elem)] = [expat.CurrentByteIndex, -1]
        return elem

    def end(tag: str) -> object:
        elem = on_end(tag)
        if id(elem) in spans:
            spans[id(elem)][1] = expat.CurrentByteIndex  # where its end tag starts
        return elem

    expat.StartElementHandler, expat.EndElementHandler = start, end
    try:
        parser.feed(buf)
        root = parser.close()
    except (ParseError, DefusedXmlException, ValueError, LookupError) as exc:
        raise _ParseFailed(str(exc)) from None
    return root, spans


def _item_slice(data: bytes, span: list[int], codec: str) -> bytes:
    """The item's bytes: from its start tag to the end of its end tag."""
    start, end_tag = span
    gt = ">".encode(codec)
    stop = data.find(gt, end_tag)
    while stop >= 0 and (stop - end_tag) % len(gt):
        stop = data.find(gt, stop + 1)
    return data[start : stop + len(gt) if stop >= 0 else len(data)]


def _refind(buf: bytes, span: list[int], data: bytes, encoding: str, search_from: int) -> tuple[bytes, str, int]:
    """An item parsed from the re-encoded text: its bytes in the file, found by
    encoding its text back; UTF-8 of its text if the file does not hold them."""
    piece = _item_slice(buf, span, "utf-8").decode("utf-8", "surrogatepass")
    enc = "utf-8" if encoding.startswith("utf-8") else encoding
    try:
        candidate = piece.encode(enc)
    except (UnicodeError, LookupError):
        candidate = b""
    at = data.find(candidate, search_from) if candidate else -1
    if at >= 0:
        return candidate, enc, at + len(candidate)
    return piece.encode("utf-8", "surrogatepass"), "utf-8", search_from
