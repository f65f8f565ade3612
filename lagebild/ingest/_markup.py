"""HTML article pages (trafilatura) and RSS/Atom feeds (defusedxml)."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from .._meta import parse_date, source_from_site, source_from_url
from ..errors import InputError, MalformedInput, NoArticle
from ..model import Article

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
        raise NoArticle(origin, "HTML page without article text (navigation, empty or script-only page)")
    article = Article(
        origins=[origin], format="html", raw=text, raw_bytes=data, encoding=encoding, base=body
    )
    article.title_raw = (doc.title or "").strip()
    if doc.url:
        article.url = doc.url
    if doc.sitename:
        article.source = source_from_site(doc.sitename)
    elif doc.url:
        article.source = source_from_url(doc.url)
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


def read_feed(text: str, encoding: str, origin: str) -> Iterator[Article | InputError]:
    """Items of an RSS 2.0, RSS 1.0 (RDF) or Atom feed."""
    from xml.etree.ElementTree import ParseError, tostring

    import defusedxml.ElementTree as DET
    from defusedxml import DefusedXmlException

    try:
        root = DET.fromstring(text.encode("utf-8") if text.lstrip().startswith("<?xml") else text)
    except (ParseError, DefusedXmlException, ValueError) as exc:
        raise MalformedInput(origin, f"feed is not well-formed XML ({exc})") from None
    items = [el for el in root.iter() if _local(el.tag) in ("item", "entry")]
    if not items:
        raise NoArticle(origin, "feed has no <item> or <entry> elements")
    feed_site = None
    for el in root.iter():
        if _local(el.tag) == "title":
            feed_site = (el.text or "").strip()
            break
    for i, item in enumerate(items, 1):
        item_origin = f"{origin}#{i}"
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
            yield NoArticle(item_origin, "feed item without text (only a title or a link)")
            continue
        raw = tostring(item, encoding="unicode")
        article = Article(
            origins=[item_origin], format="feed", raw=raw, raw_bytes=raw.encode("utf-8"),
            encoding="utf-8", base=body,
        )  # fmt: skip
        article.title_raw = html_to_text(fields.get("title", ""))
        if fields.get("link"):
            article.url = fields["link"].strip()
            article.source = source_from_url(article.url)
        if not article.source and feed_site:
            article.source = source_from_site(feed_site)
        published = parse_date(fields.get("pubdate") or fields.get("published") or fields.get("date") or fields.get("updated"))
        if published:
            article.published = published
            article.published_from = "feed"
        if fields.get("category"):
            article.section = fields["category"]
        yield article
