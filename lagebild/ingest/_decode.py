"""Bytes to text: refuse binaries, find the encoding, say clearly what failed."""

from __future__ import annotations

import codecs
import re

from ..errors import BinaryInput, EmptyInput, EncodingError, MalformedInput

__all__ = ["decode", "sniff_binary", "detect_encoding"]

_MAGIC: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive or Office document"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x7fELF", "executable (ELF)"),
    (b"MZ", "executable (Windows)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"\x00\x00\x00\x18ftyp", "MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "MP4 video"),
    (b"\x00\x00\x00\x1cftyp", "MP4/HEIC file"),
    (b"wOFF", "web font"),
]

_BOMS: list[tuple[bytes, str]] = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]

# C0 control characters other than tab, newline, carriage return and form feed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def sniff_binary(head: bytes) -> str | None:
    """Name the kind of binary file ``head`` starts with, or None."""
    for magic, kind in _MAGIC:
        if head.startswith(magic):
            if kind == "executable (Windows)" and b"\x00" not in head[:256]:
                continue  # "MZ" is also how some text starts
            return kind
    return None


def detect_encoding(data: bytes) -> str:
    """Guess the encoding of ``data`` (a prefix is enough) without decoding it all."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    sample = data[:4096]
    if len(sample) >= 16 and b"\x00" in sample:
        even_nul = sample[0::2].count(0) / max(1, len(sample[0::2]))
        odd_nul = sample[1::2].count(0) / max(1, len(sample[1::2]))
        if odd_nul > 0.3 and even_nul < 0.05:
            return "utf-16-le"
        if even_nul > 0.3 and odd_nul < 0.05:
            return "utf-16-be"
    return "utf-8"


def decode(data: bytes, origin: str) -> tuple[str, str]:
    """Decode the bytes of one input item.

    Returns:
        (text, encoding) with the BOM removed.

    Raises:
        EmptyInput, BinaryInput, EncodingError, MalformedInput.
    """
    if not data.strip():
        raise EmptyInput(origin, "empty file (expected article text, HTML or JSON)")
    kind = sniff_binary(data[:64])
    if kind:
        raise BinaryInput(origin, f"binary file: {kind} (expected text, HTML, JSON or a feed)")
    encoding = detect_encoding(data)
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        raise BinaryInput(origin, "binary data: contains NUL bytes (expected text, HTML or JSON)")
    text: str | None = None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding != "utf-8":
            raise EncodingError(origin, f"invalid {encoding} at byte {exc.start}") from None
        if exc.reason == "unexpected end of data" and exc.start >= len(data) - 3:
            raise MalformedInput(
                origin, "truncated: the file ends inside a UTF-8 character (incomplete download?)"
            ) from None
        encoding, text = _decode_legacy(data, origin)
    if encoding.startswith("utf-8"):
        encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise EmptyInput(origin, "empty file (only whitespace)")
    controls = len(_CONTROL.findall(text[:20000]))
    # JSON decides for itself (a control character inside one record's string is that record's
    # problem, not the file's); text, HTML and feeds with many control characters are binary
    looks_json = text.lstrip()[:1] in ("[", "{")
    if not looks_json and controls > max(2, len(text[:20000]) // 200):
        raise BinaryInput(
            origin, f"binary data: {controls} control characters (expected text, HTML or JSON)"
        )
    if text.count("\ufffd") > max(3, len(text) // 100):
        raise EncodingError(origin, "undecodable text: too many replacement characters (U+FFFD)")
    return text, encoding


def _decode_legacy(data: bytes, origin: str) -> tuple[str, str]:
    """Decode text that is not UTF-8: Windows-1252 when it fits, else ask charset-normalizer."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and _looks_like_text(text):
        return "cp1252", text
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.chaos > 0.3:
        raise EncodingError(
            origin, "undecodable text: not UTF-8, UTF-16 or Windows-1252, and no other encoding fits"
        )
    try:
        return best.encoding, data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        raise EncodingError(origin, f"undecodable text: invalid {best.encoding}") from None


def _looks_like_text(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    controls = len(_CONTROL.findall(sample))
    letters = sum(ch.isalpha() or ch.isspace() for ch in sample)
    return controls <= len(sample) // 200 and letters / len(sample) > 0.7
