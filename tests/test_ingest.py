"""Readers: formats, encodings, sidecars, and a clear error for every kind of bad input."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.errors import (
    BinaryInput,
    EmptyInput,
    EncodingError,
    InputError,
    MalformedInput,
    NoArticle,
    TooLarge,
)
from lagebild.ingest import ReadOptions, read, read_bytes
from lagebild.ingest._decode import decode
from lagebild.model import Article

from .conftest import ARTICLES, EXAMPLES

GERMAN = "Südkorea und Japan verurteilten das Abkommen. Die Regierung in Pjöngjang wies das zurück.\n"


def _items(paths, **kw):
    return list(read([str(p) for p in paths], **kw))


def _articles(items):
    return [x for x in items if isinstance(x, Article)]


def _errors(items):
    return [x for x in items if isinstance(x, InputError)]


@pytest.mark.parametrize(
    "encoding, label",
    [("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("cp1252", "cp1252"), ("latin-1", "cp1252")],
)
def test_ingest_decodes_encodings(encoding: str, label: str):
    text, enc = decode(("Titel\n" + GERMAN).encode(encoding), "x.txt")
    assert "Südkorea" in text and "Pjöngjang" in text and not text.startswith("\ufeff")
    assert enc == label


def test_ingest_decodes_utf16_without_bom():
    text, enc = decode(("Titel\n" + GERMAN).encode("utf-16-le"), "x.txt")
    assert enc == "utf-16-le" and "Südkorea" in text


@pytest.mark.parametrize(
    "data, error, words",
    [
        (b"", EmptyInput, "empty"),
        (b"   \n\n\t ", EmptyInput, "empty"),
        (b"\x89PNG\r\n\x1a\n" + os.urandom(200), BinaryInput, "PNG"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", BinaryInput, "PDF"),
        (b"PK\x03\x04" + b"\x00" * 50, BinaryInput, "ZIP"),
        (bytes(range(256)) * 8, BinaryInput, "binary"),
        ("Titel\nKorea ü".encode()[:-1], MalformedInput, "truncated"),
        (b"Titel\n\x81\x8d\x8f\x90\x9d" * 40 + b"\x00abc", BinaryInput, "binary"),
    ],
)
def test_ingest_bad_bytes_get_clear_errors(data: bytes, error: type, words: str):
    with pytest.raises(error) as info:
        decode(data, "bad.txt")
    assert "bad.txt" in str(info.value) and words.casefold() in str(info.value).casefold()


def test_ingest_random_bytes_never_crash():
    items = list(read_bytes(os.urandom(5000), "random.bin"))
    assert len(items) == 1 and isinstance(items[0], (BinaryInput, EncodingError))


def test_ingest_mojibake_file_is_repaired(tmp_path: Path):
    from lagebild.clean import clean

    p = tmp_path / "moji.txt"
    # UTF-8 read as cp1252 and saved again as UTF-8: classic mojibake
    p.write_text(("Titel zu Korea\n" + GERMAN).encode("utf-8").decode("cp1252"), encoding="utf-8")
    [a] = _articles(_items([p]))
    a = clean(a)
    assert "Südkorea" in a.text and "Pjöngjang" in a.text
    assert any("mojibake" in e.reason for e in a.edits)


def test_ingest_too_large_file_is_refused_without_reading(tmp_path: Path):
    p = tmp_path / "huge.txt"
    with open(p, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # a sparse 50 MB file
    [err] = _items([p])
    assert isinstance(err, TooLarge) and "50.0 MB" in err.reason


def test_ingest_jsonl_streams_lines_and_reports_bad_ones():
    items = _items([ARTICLES / "records.jsonl"])
    arts, errs = _articles(items), _errors(items)
    assert [a.origins[0].rsplit("#", 1)[1] for a in arts] == ["L1", "L2"]
    assert arts[0].title_raw == "Seoul und Tokio planen gemeinsame Übung"
    assert arts[0].published.isoformat() == "2024-02-07" and arts[0].published_from == "record"
    assert arts[0].source == "yonhap" and arts[1].source == "reuters"
    assert isinstance(errs[0], MalformedInput) and errs[0].origin.endswith("#L3") and "truncated" in errs[0].reason
    assert isinstance(errs[1], NoArticle) and errs[1].origin.endswith("#L4")


def test_ingest_jsonl_overlong_line_is_skipped(tmp_path: Path):
    p = tmp_path / "big.jsonl"
    rec = {"title": "Kurz", "text": "Ein kurzer Text über Berlin und Paris."}
    p.write_text(json.dumps(rec) + "\n" + json.dumps({"text": "x" * 5000}) + "\n" + json.dumps(rec) + "\n")
    items = _items([p], options=ReadOptions(max_bytes=1000))
    assert [type(x).__name__ for x in items] == ["Article", "TooLarge", "Article"]


def test_ingest_json_list_and_newsapi_shape(tmp_path: Path):
    p = tmp_path / "list.json"
    p.write_text(json.dumps({"articles": [
        {"title": "A", "content": "Erster Text über Wien.", "publishedAt": "2024-05-01T10:00:00Z",
         "source": {"id": None, "name": "Der Standard"}, "url": "https://www.derstandard.at/a"},
        {"title": "B", "description": "nur Anriss"},
    ]}))  # fmt: skip
    items = _items([p])
    [a], [err] = _articles(items), _errors(items)
    # a source the record names is stored as given (issue 13 §5)
    assert a.source == "Der Standard" and a.published.isoformat() == "2024-05-01"
    assert isinstance(err, NoArticle) and err.origin.endswith("#2")


def test_ingest_html_page_with_metadata_and_hostile_markup():
    [a] = _articles(_items([ARTICLES / "wien_budget.html"]))
    assert a.format == "html" and a.source == "standard"
    assert a.published.isoformat() == "2024-10-16" and a.published_from == "html"
    assert "Budgetentwurf" in a.base and "Tracking" not in a.base and "onerror" not in a.base
    assert "<script" in a.raw  # the raw page is kept whole


@pytest.mark.parametrize(
    "html",
    [
        "<html><body><nav><a href='/'>Start</a></nav></body></html>",
        "<html><body><script>" + "alert(1);" * 1000 + "</script></body></html>",
        "<html>" + "<div>" * 5000 + "x" + "</div>" * 5000 + "</html>",
        "<html><body><p>kurz</p>",
    ],
)
def test_ingest_html_without_article_is_an_error(tmp_path: Path, html: str):
    p = tmp_path / "page.html"
    p.write_text(html)
    [err] = _items([p])
    assert isinstance(err, (NoArticle, MalformedInput)) and "page.html" in str(err)


def test_ingest_feed_items():
    items = _items([ARTICLES / "feed.xml"])
    [a], [err] = _articles(items), _errors(items)
    assert a.title_raw.startswith("Wahl in Taiwan") and a.published.isoformat() == "2024-01-13"
    assert a.section == "International" and "Wahlbeteiligung" in a.base and "<p>" not in a.base
    assert isinstance(err, NoArticle) and err.origin.endswith("#2")


def test_ingest_feed_entity_expansion_is_refused(tmp_path: Path):
    p = tmp_path / "bomb.xml"
    p.write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>'
        "<rss><channel><item><title>&b;</title><description>&b;&b;&b;&b;</description></item></channel></rss>"
    )
    [err] = _items([p])
    assert isinstance(err, MalformedInput) and "bomb.xml" in str(err)


def test_ingest_directories_globs_and_missing_paths(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Titel A über Berlin\n" + GERMAN)
    (tmp_path / "sub" / "a.meta.json").write_text('{"source": "dw"}')
    (tmp_path / "b.txt").write_text("Titel B über Paris\n" + GERMAN)
    (tmp_path / ".hidden.txt").write_text("Titel\n" + GERMAN)
    items = _items([tmp_path])
    assert sorted(Path(a.origins[0]).name for a in _articles(items)) == ["a.txt", "b.txt"]
    items = list(read([str(tmp_path / "**" / "*.txt"), str(tmp_path / "nope.txt")]))
    assert len(_articles(items)) == 2
    [err] = _errors(items)
    assert "nope.txt" in err.origin and "no such file" in err.reason


def test_ingest_sidecar_wins_and_bad_sidecar_is_reported(tmp_path: Path):
    p = tmp_path / "x.txt"
    p.write_text("Titel – DW – 01.02.2024\n" + GERMAN)
    (tmp_path / "x.meta.json").write_text('{"published": "2024-03-01", "source": "yonhap", "language": "de"}')
    [a] = _articles(_items([p]))
    assert a.published.isoformat() == "2024-03-01" and a.published_from == "sidecar" and a.source == "yonhap"
    (tmp_path / "x.meta.json").write_text("{kaputt")
    items = _items([p])
    assert len(_articles(items)) == 1 and "sidecar" in _errors(items)[0].reason


def test_ingest_given_source_is_stored_as_given(tmp_path: Path):
    p = tmp_path / "r.jsonl"
    p.write_text(json.dumps({"title": "Titel", "text": GERMAN, "source": "derstandard"}) + "\n")
    [a] = _articles(_items([p]))
    assert a.source == "derstandard"


def test_ingest_stdin(monkeypatch):
    import io
    import sys

    data = (EXAMPLES / "001_784126eb85bf30a5.txt").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [a] = list(read(["-"]))
    assert a.origins == ["<stdin>"] and a.raw_bytes == data


@pytest.mark.parametrize("bad", ["kaputt", "{kaputt", "[1, 2]"])
def test_ingest_stdin_json_lines_keep_good_record_before_bad_line(monkeypatch, bad):
    """Piped JSON lines whose later line is broken: the good record is kept, the bad line is
    an error of its own (it was read as one JSON document and both were lost)."""
    import io
    import sys

    good = json.dumps({"title": "Eins", "text": GERMAN})
    data = (good + "\n" + bad + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    items = list(read(["-"]))
    kept = [a for a in items if isinstance(a, Article)]
    assert len(kept) == 1 and "Eins" in kept[0].raw
    errors = [e for e in items if not isinstance(e, Article)]
    assert len(errors) == 1 and "<stdin>" in str(errors[0])


def test_ingest_one_json_object_with_trailing_blank_lines_is_json():
    from lagebild.ingest.formats import _sniff

    assert _sniff(json.dumps({"title": "x", "text": "y"}) + "\n\n  \n") == "json"
    assert _sniff('{\n  "title": "x",\n  "text": "y"\n}\n') == "json"
    assert _sniff('{"a": 1}\n{"b": 2}\n') == "jsonl"


def test_ingest_many_files_stream_with_bounded_memory(tmp_path: Path):
    import tracemalloc

    for i in range(2000):
        (tmp_path / f"{i:05d}.txt").write_text(f"Titel {i}\n{GERMAN}Nummer {i}.\n")
    tracemalloc.start()
    n = 0
    for item in read([str(tmp_path)]):
        n += isinstance(item, Article)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert n == 2000 and peak < 20 * 1024 * 1024


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_ingest_property_any_bytes_give_article_or_clear_error(data: bytes):
    for item in read_bytes(data, "fuzz.txt"):
        assert isinstance(item, (Article, InputError))
        if isinstance(item, InputError):
            assert item.origin.startswith("fuzz.txt") and item.reason
        else:
            assert item.raw_bytes == data or item.format != "text"


@settings(max_examples=100, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_ingest_property_text_roundtrips_raw(text: str):
    data = text.encode("utf-8")
    for item in read_bytes(data, "t.txt", fmt="text"):
        if isinstance(item, Article):
            assert item.raw_bytes == data and item.raw.encode("utf-8") in (data, data[3:])


# -- which source wins (issue 13 §5): an explicit label before a URL's host ---------------------

_REUTERS = "https://www.reuters.com/world/asia/a-1"


@pytest.mark.parametrize(
    "name, body, sidecar, expected",
    [
        # the outlet the file name gives beats the host of a sidecar's URL
        ("abendpost_2024-07-02_x.txt", "Titel\n" + GERMAN, {"url": _REUTERS}, "abendpost"),
        # ... and of a record's URL
        ("abendpost_2024-07-02_x.jsonl", json.dumps({"title": "T", "text": GERMAN, "url": _REUTERS}), None,
         "abendpost"),
        # a label in the text beats the file name and the URL
        ("abendpost_2024-07-02_x.txt", "Titel\n" + GERMAN + "toi-allgemeines\n", {"url": _REUTERS}, "toi"),
        # the record's or sidecar's own source beats everything
        ("abendpost_2024-07-02_x.txt", "Titel\n" + GERMAN, {"url": _REUTERS, "source": "Reuters"}, "Reuters"),
        ("abendpost_2024-07-02_x.jsonl",
         json.dumps({"title": "T", "text": GERMAN, "url": _REUTERS, "source": "derstandard"}), None, "derstandard"),
        # with no label at all the URL's host names the source
        ("x.txt", "Titel\n" + GERMAN, {"url": _REUTERS}, "reuters"),
        ("x.jsonl", json.dumps({"title": "T", "text": GERMAN, "url": _REUTERS}), None, "reuters"),
    ],
)  # fmt: skip
def test_ingest_source_label_beats_url_host(tmp_path: Path, monkeypatch, name, body, sidecar, expected):
    from lagebild.clean import clean

    monkeypatch.delenv("LAGEBILD_NAME_PATTERN", raising=False)
    p = tmp_path / name
    p.write_text(body + "\n", encoding="utf-8")
    if sidecar:
        (tmp_path / (name + ".meta.json")).write_text(json.dumps(sidecar))
    [a] = _articles(_items([p]))
    a = clean(a)  # the cleaner settles the source: the readers keep what was given
    assert a.source == expected and a.url == _REUTERS
