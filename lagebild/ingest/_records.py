"""JSON and JSONL records with the field names common in the news ecosystem."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import BinaryIO

from .._meta import parse_date, source_from_site, source_from_url
from ..errors import EncodingError, InputError, MalformedInput, NoArticle, TooLarge
from ..model import Article
from ._decode import decode, detect_encoding

__all__ = ["apply_given", "read_json_bytes", "read_jsonl", "record_to_article"]

BODY_KEYS = ("maintext", "text", "body", "content", "article", "article_text", "fulltext")
TITLE_KEYS = ("title", "headline", "title_page", "title_rss")
DATE_KEYS = (
    "published", "date_publish", "published_at", "publish_date", "publishedAt",
    "datePublished", "pubDate", "date", "date_published", "created_at",
)  # fmt: skip
URL_KEYS = ("url", "link", "source_url", "canonical_url")
SOURCE_KEYS = ("source", "source_domain", "sitename", "site", "publisher", "outlet")
LANG_KEYS = ("language", "lang")
SECTION_KEYS = ("section", "category", "categories", "rubric", "ressort")
LIST_KEYS = ("articles", "items", "data", "results", "records")


def _first(rec: dict[str, object], keys: tuple[str, ...]) -> object:
    for k in keys:
        v = rec.get(k)
        if v not in (None, "", [], {}):
            return v
    return None


def apply_given(article: Article, given: dict[str, object], *, label: str) -> None:
    """Set metadata that a record or sidecar gives; it wins over anything inferred."""
    url = _first(given, URL_KEYS)
    if isinstance(url, str):
        article.url = url.strip()
    source = _first(given, SOURCE_KEYS)
    if isinstance(source, dict):
        source = source.get("id") or source.get("name")
    if isinstance(source, str) and source.strip():
        s = source.strip()
        article.source = source_from_url(s) if "." in s and " " not in s else source_from_site(s)
    elif article.url and not article.source:
        article.source = source_from_url(article.url)
    published = parse_date(_first(given, DATE_KEYS))
    if published:
        article.published = published
        article.published_from = label
    lang = _first(given, LANG_KEYS)
    if isinstance(lang, str) and lang.strip():
        article.language = lang.strip().casefold()[:2]
    section = _first(given, SECTION_KEYS)
    if isinstance(section, list):
        section = next((x for x in section if isinstance(x, str) and x.strip()), None)
    if isinstance(section, str) and section.strip():
        article.section = section.strip()
    title = _first(given, TITLE_KEYS)
    if isinstance(title, str) and title.strip() and label == "sidecar":
        article.title_raw = title.strip()
    article.hints.update({f"given:{k}": label for k in given})


def record_to_article(
    rec: object, raw: str, raw_bytes: bytes, encoding: str, origin: str
) -> Article:
    """Turn one JSON record into an Article (body text still to be cleaned)."""
    if not isinstance(rec, dict):
        raise MalformedInput(origin, f"expected a JSON object, found {type(rec).__name__}")
    body = _first(rec, BODY_KEYS)
    if isinstance(body, list):
        body = "\n".join(str(x) for x in body if isinstance(x, str))
    if not isinstance(body, str) or not body.strip():
        fields = ", ".join(BODY_KEYS)
        raise NoArticle(origin, f"record has no article text (looked for: {fields})")
    article = Article(
        origins=[origin],
        format="json",
        raw=raw,
        raw_bytes=raw_bytes,
        encoding=encoding,
        base=body,
    )
    title = _first(rec, TITLE_KEYS)
    if isinstance(title, str):
        article.title_raw = title.strip()
    apply_given(article, rec, label="record")
    return article


def read_json_bytes(text: str, data: bytes, encoding: str, origin: str) -> Iterator[Article | InputError]:
    """A ``.json`` file: one record, a list of records, or {"articles": [...]}."""
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        hint = " (the file looks truncated)" if _truncated(exc, text) else ""
        raise MalformedInput(origin, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg}{hint}") from None
    if isinstance(doc, dict):
        inner = _first(doc, LIST_KEYS)
        if isinstance(inner, list) and not _first(doc, BODY_KEYS):
            doc = inner
        else:
            yield record_to_article(doc, text, data, encoding, origin)
            return
    if not isinstance(doc, list):
        raise MalformedInput(origin, "expected a JSON object or a list of objects")
    if not doc:
        raise NoArticle(origin, "the JSON list is empty")
    for i, rec in enumerate(doc, 1):
        item_raw = json.dumps(rec, ensure_ascii=False)
        try:
            yield record_to_article(rec, item_raw, item_raw.encode("utf-8"), "utf-8", f"{origin}#{i}")
        except InputError as exc:
            yield exc


def read_jsonl(fh: BinaryIO, origin: str, *, max_bytes: int) -> Iterator[Article | InputError]:
    """Stream a JSONL file: one record per line, each line read on its own."""
    head = fh.read(4096)
    fh.seek(0)
    if not head.strip():
        yield InputError(origin, "empty file (expected one JSON object per line)")
        return
    encoding = detect_encoding(head)
    if encoding.startswith("utf-16") or encoding.startswith("utf-32"):
        # Rare: decode the lines through a text wrapper (bytes re-encoded per line).
        import io

        lines: Iterator[bytes] = (
            line.encode("utf-8") for line in io.TextIOWrapper(fh, encoding=encoding)
        )
        encoding_out = "utf-8"
    else:
        lines = _binary_lines(fh, max_bytes)
        encoding_out = encoding
    seen_record = False
    for lineno, line in enumerate(lines, 1):
        item_origin = f"{origin}#L{lineno}"
        if line is None:
            yield TooLarge(item_origin, f"line longer than {max_bytes / 1048576:.1f} MB; skipped")
            continue
        if not line.strip():
            continue
        raw_bytes = line.rstrip(b"\r\n")
        try:
            text, enc = decode(raw_bytes, item_origin)
        except InputError as exc:
            yield exc
            continue
        if lineno == 1:
            text = text.lstrip("\ufeff")
        try:
            rec = json.loads(text)
        except json.JSONDecodeError as exc:
            more = " (truncated?)" if _truncated(exc, text) else ""
            yield MalformedInput(item_origin, f"line is not valid JSON: {exc.msg} at column {exc.colno}{more}")
            continue
        try:
            yield record_to_article(rec, text, raw_bytes, encoding_out if enc.startswith("utf") else enc, item_origin)
            seen_record = True
        except InputError as exc:
            yield exc
    if not seen_record and encoding_out not in ("utf-8", "utf-8-sig"):
        yield EncodingError(origin, "no readable JSON records")


def _binary_lines(fh: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """Lines of a binary file; None for a line over ``max_bytes`` (its rest is skipped)."""
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # skip the rest of the over-long line in bounded chunks
                rest = fh.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def _truncated(exc: json.JSONDecodeError, text: str) -> bool:
    """The JSON ends early: an unterminated string or a value missing at the very end."""
    return exc.msg.startswith("Unterminated") or exc.pos >= len(text.rstrip()) - 1
