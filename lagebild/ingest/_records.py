"""JSON and JSONL records with the field names common in the news ecosystem."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import BinaryIO

from .._meta import parse_date, source_from_url
from ..errors import EncodingError, InputError, MalformedInput, NoArticle, TooLarge
from ..model import Article
from ._decode import decode, detect_encoding
from ._guard import failure

__all__ = [
    "SOURCE_FROM", "apply_given", "read_json_bytes", "read_jsonl", "record_to_article", "source_from_host",
]  # fmt: skip

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


# Where a source came from, when it came from a URL's host: a label in the text or the file
# name still replaces it (the cleaner decides; docs/cli.md, "Metadata: where it comes from").
SOURCE_FROM = "source_from"


def source_from_host(article: Article) -> None:
    """Name the source after the host of ``article.url`` (``www.dw.com`` -> ``dw``), marked
    as the weakest kind of source."""
    source = source_from_url(article.url) if article.url else None
    if source:
        article.source = source
        article.hints[SOURCE_FROM] = "url"


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
        # a source the record names is kept as given (`derstandard` stays `derstandard`,
        # `Der Standard` stays `Der Standard`); only a URL or a bare domain (`en.yna.co.kr`,
        # news-please's source_domain) is turned into its site's name
        article.source = (source_from_url(s) or s) if "." in s and " " not in s else s
        article.hints.pop(SOURCE_FROM, None)
    elif article.url and (not article.source or article.hints.get(SOURCE_FROM) == "url"):
        source_from_host(article)
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
    agencies = given.get("agencies")  # lagebild's own export: the byline is no longer in the text
    if isinstance(agencies, list) and all(isinstance(x, str) for x in agencies):
        article.agencies = [x.strip() for x in agencies if x.strip()]
    title = _first(given, TITLE_KEYS)
    if isinstance(title, str) and title.strip() and label == "sidecar":
        article.title_raw = title.strip()
    article.hints.update({f"given:{k}": label for k in given})


def _body(rec: dict[str, object]) -> str | None:
    """The first body field that holds text (a number or null under ``text``
    does not hide a good ``body``)."""
    for key in BODY_KEYS:
        value = rec.get(key)
        if isinstance(value, list):
            value = "\n".join(x for x in value if isinstance(x, str))
        if isinstance(value, str) and value.strip():
            return value
    return None


def record_to_article(
    rec: object, raw: str, raw_bytes: bytes, encoding: str, origin: str
) -> Article:
    """Turn one JSON record into an Article (body text still to be cleaned)."""
    if not isinstance(rec, dict):
        raise MalformedInput(origin, f"expected a JSON object, found {type(rec).__name__}")
    body = _body(rec)
    if body is None:
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
    """A ``.json`` file: one record, a list of records, or {"articles": [...]}.

    A record of a list keeps as raw its own bytes of the file, as they were read.
    """
    try:
        doc = _loads(text)
    except json.JSONDecodeError as exc:
        hint = " (the file looks truncated)" if _truncated(exc, text) else ""
        raise MalformedInput(origin, f"invalid JSON at line {exc.lineno} column {exc.colno}: {exc.msg.removesuffix(' at')}{hint}") from None
    except RecursionError:
        raise MalformedInput(origin, "JSON nested too deeply (the parser's depth limit was reached)") from None
    list_key = None
    if isinstance(doc, dict):
        list_key = next((k for k in LIST_KEYS if doc.get(k) not in (None, "", [], {})), None)
        inner = doc.get(list_key) if list_key else None
        if isinstance(inner, list) and _body(doc) is None:
            doc = inner
        else:
            yield record_to_article(doc, text, data, encoding, origin)
            return
    if not isinstance(doc, list):
        raise MalformedInput(origin, "expected a JSON object or a list of objects")
    if not doc:
        raise NoArticle(origin, "the JSON list is empty")
    spans = _item_bytes(text, data, encoding, list_key, len(doc))
    for i, rec in enumerate(doc, 1):
        item_origin = f"{origin}#{i}"
        try:
            if spans is not None:
                item_raw, item_bytes, item_encoding = spans[i - 1]
            else:  # the file could not be walked item by item: the record as JSON
                item_raw = json.dumps(rec, ensure_ascii=False)
                item_bytes, item_encoding = item_raw.encode("utf-8", "surrogatepass"), "utf-8"
            yield record_to_article(rec, item_raw, item_bytes, item_encoding, item_origin)
        except Exception as exc:  # noqa: BLE001 -- one record's failure is its own
            yield failure(item_origin, exc)


_WS = re.compile(r"[ \t\n\r]*")


def _item_bytes(
    text: str, data: bytes, encoding: str, list_key: str | None, count: int
) -> list[tuple[str, bytes, str]] | None:
    """(raw text, raw bytes, encoding) of every item of the top-level list (or of
    the list under ``list_key``), cut from the file as read; None if that fails."""
    try:
        spans = _list_spans(text, list_key)
    except (ValueError, IndexError, RecursionError):
        return None
    if spans is None or len(spans) != count:
        return None
    codec, offset = _slice_codec(encoding, data)
    out = []
    pos_c, pos_b = 0, offset
    try:
        for start, end in spans:
            pos_b += len(text[pos_c:start].encode(codec))
            piece = text[start:end]
            size = len(piece.encode(codec))
            raw_bytes = data[pos_b : pos_b + size]
            if raw_bytes.decode(codec, "replace") != piece:  # the file's text is not what was decoded
                return None
            out.append((piece, raw_bytes, codec))
            pos_c, pos_b = end, pos_b + size
    except (UnicodeError, LookupError):
        return None
    return out


def _slice_codec(encoding: str, data: bytes) -> tuple[str, int]:
    """The codec that decodes a slice of ``data`` (no BOM) and the BOM's length."""
    import codecs

    for bom, name in (
        (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):  # fmt: skip
        if data.startswith(bom):
            return name, len(bom)
    return ("utf-8" if encoding == "utf-8-sig" else encoding), 0


def _list_spans(text: str, list_key: str | None) -> list[tuple[int, int]] | None:
    """Character spans of the items of the top-level array, or of the array
    that the top-level object holds under ``list_key`` (its last occurrence,
    as ``json.loads`` keeps it)."""
    decoder = json.JSONDecoder(parse_int=len, strict=False)  # values are skipped, not kept
    i = _WS.match(text, 0).end()
    if list_key is None:
        return _array_spans(text, i, decoder)[0] if text[i] == "[" else None
    if text[i] != "{":
        return None
    found = None
    i += 1
    while True:
        i = _WS.match(text, i).end()
        if text[i] == "}":
            return found
        if text[i] == ",":
            i += 1
            continue
        key, i = decoder.raw_decode(text, i)
        i = _WS.match(text, i).end()
        if text[i] != ":":
            return None
        i = _WS.match(text, i + 1).end()
        if key == list_key and text[i] == "[":
            found, i = _array_spans(text, i, decoder)
        else:
            _, i = decoder.raw_decode(text, i)


def _array_spans(text: str, i: int, decoder: json.JSONDecoder) -> tuple[list[tuple[int, int]], int]:
    """Spans of the items of the array at ``text[i]``, and where the array ends."""
    spans = []
    i += 1  # past "["
    while True:
        i = _WS.match(text, i).end()
        if text[i] == "]":
            return spans, i + 1
        if text[i] == ",":
            i += 1
            continue
        start = i
        _, i = decoder.raw_decode(text, i)
        spans.append((start, i))


def read_jsonl(fh: BinaryIO, origin: str, *, max_bytes: int) -> Iterator[Article | InputError]:
    """Stream a JSONL file: one record per line, each line read on its own.

    Every record keeps its line's bytes as read (UTF-16 and UTF-32 lines too).
    """
    head = fh.read(4096)
    fh.seek(0)
    if not head.strip():
        yield InputError(origin, "empty file (expected one JSON object per line)")
        return
    encoding = detect_encoding(head)
    wide = encoding.startswith("utf-16") or encoding.startswith("utf-32")
    if wide:
        codec, bom = _slice_codec(encoding, head)
        if codec.startswith("utf-8"):  # detect_encoding and the BOM disagree: sniffed, no BOM
            codec, bom = encoding, 0
        lines: Iterator[bytes | None] = _wide_lines(fh, max_bytes, "\n".encode(codec))
        encoding_out = codec
    else:
        lines = _binary_lines(fh, max_bytes)
        encoding_out = encoding
    seen_record = False
    for lineno, line in enumerate(lines, 1):
        item_origin = f"{origin}#L{lineno}"
        if line is None:
            yield TooLarge(item_origin, f"line longer than {max_bytes / 1048576:.1f} MB; skipped")
            continue
        try:
            item = _jsonl_record(line, lineno, item_origin, wide, encoding_out, bom if wide else 0)
        except Exception as exc:  # noqa: BLE001 -- one line's failure is its own
            item = failure(item_origin, exc)
        if item is None:
            continue
        seen_record = seen_record or isinstance(item, Article)
        yield item
    if not seen_record and encoding_out not in ("utf-8", "utf-8-sig"):
        yield EncodingError(origin, "no readable JSON records")


def _jsonl_record(
    line: bytes, lineno: int, item_origin: str, wide: bool, encoding: str, bom: int
) -> Article | InputError | None:
    if wide:
        unit = len("\n".encode(encoding))
        raw_bytes = line
        for end in ("\n", "\r"):
            e = end.encode(encoding)
            if raw_bytes.endswith(e):
                raw_bytes = raw_bytes[: -unit]
        enc = encoding
        if lineno == 1 and bom:
            enc = encoding.rsplit("-", 1)[0]  # the BOM is part of the first line's bytes
        try:
            text = raw_bytes.decode(enc)
        except UnicodeDecodeError as exc:
            return EncodingError(item_origin, f"invalid {encoding} at byte {exc.start} of the line")
        if not text.strip("\ufeff \t\r\n"):
            return None
    else:
        if not line.strip():
            return None
        raw_bytes = line.rstrip(b"\r\n")
        try:
            text, enc = decode(raw_bytes, item_origin)
        except InputError as exc:
            return exc
    if lineno == 1:
        text = text.lstrip("\ufeff")
    try:
        rec = _loads(text)
    except json.JSONDecodeError as exc:
        more = " (truncated?)" if _truncated(exc, text) else ""
        return MalformedInput(item_origin, f"line is not valid JSON: {exc.msg.removesuffix(' at')} at column {exc.colno}{more}")
    except RecursionError:
        return MalformedInput(item_origin, "line is JSON nested too deeply (the parser's depth limit was reached)")
    return record_to_article(rec, text, raw_bytes, enc, item_origin)


def _wide_lines(fh: BinaryIO, max_bytes: int, newline: bytes) -> Iterator[bytes | None]:
    """Lines of a UTF-16/UTF-32 file as bytes, split on whole code units only;
    None for a line over ``max_bytes`` (its rest is skipped)."""
    unit = len(newline)
    buf = bytearray()
    skipping = False
    eof = False
    while True:
        idx = buf.find(newline)
        while idx >= 0 and idx % unit:
            idx = buf.find(newline, idx + 1)
        if idx >= 0:
            if skipping:
                skipping = False
                yield None
            else:
                yield bytes(buf[: idx + unit])
            del buf[: idx + unit]
            continue
        if eof:
            if buf and not skipping:
                yield bytes(buf)
            elif skipping:
                yield None
            return
        if len(buf) > max_bytes:
            skipping = True
            del buf[: len(buf) - len(buf) % unit]
        chunk = fh.read(1 << 16)
        if not chunk:
            eof = True
        buf += chunk


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


def _loads(text: str) -> object:
    """``json.loads``, lenient where a parser limit is not the record's fault.

    An integer of more than 4 300 digits stays its digit string (Python refuses
    to convert it); lone surrogate escapes (``"\\ud800"``) become U+FFFD, because
    no UTF-8 text can hold them; raw control characters inside strings (invalid JSON, common
    in scraped dumps) are accepted and left to the cleaner, which removes them with a logged
    edit.  RecursionError (nesting) is the caller's.
    """
    hook = _repair_object if _SURROGATE_ESCAPE.search(text) else None
    return json.loads(text, parse_int=_int, object_hook=hook, strict=False)


_INT_DIGITS = 4000
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89abcdefABCDEF][0-9a-fA-F]{2}")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _int(digits: str) -> int | str:
    return int(digits) if len(digits) <= _INT_DIGITS else digits


def _repair(value: object) -> object:
    if isinstance(value, str) and _SURROGATE.search(value):
        return _SURROGATE.sub("\ufffd", value)
    if isinstance(value, list):
        return [_repair(v) if isinstance(v, str) else v for v in value]
    return value


def _repair_object(obj: dict[str, object]) -> dict[str, object]:
    return {_repair(k): _repair(v) for k, v in obj.items()}  # type: ignore[misc]


def _truncated(exc: json.JSONDecodeError, text: str) -> bool:
    """The JSON ends early: an unterminated string or a value missing at the very end."""
    return exc.msg.startswith("Unterminated") or exc.pos >= len(text.rstrip()) - 1
