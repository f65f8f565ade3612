"""Hostile and odd input (issue 15): one bad item is one named error, the batch goes on,
nothing hangs, nothing is read past the size limit, raw bytes are kept as read."""

from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import pytest

from lagebild.errors import InputError, MalformedInput, RefusedInput, TooLarge
from lagebild.ingest import ReadOptions, read, read_bytes
from lagebild.model import Article
from lagebild.pipeline import ingest

BODY = (
    "Die Regierung in Seoul hat am Montag neue Sanktionen gegen Nordkorea angekündigt. "
    "Präsident Yoon sprach von einer wachsenden Bedrohung für die ganze Region.\n"
)

posix_only = pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX file system features")
# the tests that take `store` run on SQLite and on PostgreSQL (conftest.py)
pytestmark = pytest.mark.both_stores


class _Hang(BaseException):
    """Not an Exception: the readers' guards must not turn a hang into an input error."""


@pytest.fixture
def deadline():
    """Fail, instead of hanging the suite, if a read blocks (a FIFO, /dev/zero)."""

    def expired(*_):
        raise _Hang("ingest blocked")

    old = signal.signal(signal.SIGALRM, expired)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def _good(folder: Path, n: int) -> list[str]:
    names = []
    for i in range(n):
        p = folder / f"gut_{i:03d}.txt"
        p.write_text(f"Meldung Nummer {i} aus Seoul\n{BODY}Meldung {i}.\n", encoding="utf-8")
        names.append(p.name)
    return names


def _origins(store) -> set[str]:
    return {a.origins[0] for a in store.iter_articles(full=False)} | {
        o for a in store.iter_articles(full=False) for o in a.origins
    }


@posix_only
def test_ingest_reliability_bad_items_never_cost_the_batch(store, tmp_path: Path, deadline):
    """Issue 15 item 1: every one of these used to abort the whole batch."""
    inp = tmp_path / "in"
    inp.mkdir()
    good = _good(inp, 70)  # more than the 64 items read before the first store
    (inp / "deep.json").write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}")
    (inp / "deep_list.json").write_text("[" * 100_000)
    (inp / "bignum.json").write_text(json.dumps({"text": BODY + "Zahl."})[:-1] + ', "n": ' + "7" * 5000 + "}")
    (inp / "surrogate.json").write_text('{"title": "Kaputt \\ud800", "text": "Lone \\udc00 ' + BODY.strip() + '"}')
    name = os.fsencode(str(inp)) + b"/caf\xe9.txt"
    with open(name, "wb") as fh:
        fh.write(("Titel aus einem Windows-Archiv\n" + BODY).encode("utf-8"))
    os.mkfifo(inp / "pipe.txt")
    os.symlink("/dev/zero", inp / "zero.txt")

    report = ingest([str(inp)], store, workers=1, enriched=False)

    failed = {Path(e.origin).name: e for e in report.failed}
    assert set(failed) == {"deep.json", "deep_list.json", "pipe.txt", "zero.txt"}, failed
    assert "nested too deeply" in failed["deep.json"].reason
    assert isinstance(failed["pipe.txt"], RefusedInput) and "FIFO" in failed["pipe.txt"].reason
    assert isinstance(failed["zero.txt"], RefusedInput) and "outside the input folder" in failed["zero.txt"].reason
    followed = list(read([str(inp / "zero.txt"), str(inp / "pipe.txt")], options=ReadOptions(follow_symlinks=True)))
    assert [type(e).__name__ for e in followed] == ["RefusedInput"] * 2
    assert "character device" in followed[0].reason and "FIFO" in followed[1].reason
    stored = {Path(o).name for o in _origins(store)}
    assert set(good) <= stored
    assert {"bignum.json", "surrogate.json", "caf\\xe9.txt"} <= stored
    article = next(a for a in store.iter_articles() if a.origins[0].endswith("surrogate.json"))
    assert "\ufffd" in article.text and "\\ud800" in article.raw  # repaired; the raw keeps the escape
    # a second run knows the non-UTF-8 name (Store.known_origin) instead of failing
    again = ingest([str(inp)], store, workers=1, enriched=False)
    assert not again.added and len(again.failed) == 4


def test_ingest_reliability_reader_exception_is_named_and_rest_goes_on(monkeypatch, tmp_path: Path):
    """Any exception of a reader (here MemoryError) becomes an InputError for that item."""
    from lagebild.ingest import _markup

    def boom(*_a, **_k):
        raise MemoryError

    monkeypatch.setattr(_markup, "read_html", boom)
    (tmp_path / "a.html").write_text("<html><body><p>" + BODY + "</p></body></html>")
    (tmp_path / "b.txt").write_text("Titel\n" + BODY)
    items = list(read([str(tmp_path)]))
    assert [type(x).__name__ for x in items] == ["TooLarge", "Article"]
    assert items[0].origin.endswith("a.html") and "memory" in items[0].reason


def test_ingest_reliability_feed_item_failure_keeps_other_items(monkeypatch):
    from lagebild.ingest import _markup

    real = _markup.html_to_text

    def flaky(fragment: str) -> str:
        if "ZWEI" in fragment:
            raise RecursionError
        return real(fragment)

    monkeypatch.setattr(_markup, "html_to_text", flaky)
    feed = "<rss><channel>" + "".join(
        f"<item><title>{t}</title><description>{t} {BODY}</description></item>" for t in ("EINS", "ZWEI", "DREI")
    ) + "</channel></rss>"  # fmt: skip
    items = list(read_bytes(feed.encode(), "f.xml", fmt="feed"))
    assert [type(x).__name__ for x in items] == ["Article", "MalformedInput", "Article"]
    assert items[1].origin == "f.xml#2" and "nested too deeply" in items[1].reason


@posix_only
def test_ingest_reliability_reads_are_bounded_whatever_stat_says(tmp_path: Path):
    """/proc files say st_size 0: the limit still holds (read limit + 1 bytes at most)."""
    status = "/proc/self/status"
    if not os.path.exists(status):
        pytest.skip("no /proc")
    [err] = list(read([status], options=ReadOptions(max_bytes=64)))
    assert isinstance(err, TooLarge) and "more than" in err.reason


@posix_only
def test_ingest_reliability_devices_are_refused_when_named(deadline):
    [err] = list(read(["/dev/zero"]))
    assert isinstance(err, RefusedInput) and "character device" in err.reason


@posix_only
def test_ingest_reliability_unreadable_subfolder_is_a_failure(monkeypatch, tmp_path: Path, capsys):
    from lagebild.cli import main

    (tmp_path / "ok").mkdir()
    (tmp_path / "ok" / "a.txt").write_text("Titel\n" + BODY)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("Titel B\n" + BODY)
    real_scandir = os.scandir

    def scandir(path="."):  # root ignores file modes: refuse like a chmod 000 folder does
        if os.fspath(path) == str(locked):
            raise PermissionError(13, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    items = list(read([str(tmp_path)]))
    [err] = [x for x in items if isinstance(x, InputError)]
    assert err.origin == str(locked) and "cannot read folder" in err.reason and "Permission denied" in err.reason
    assert len([x for x in items if isinstance(x, Article)]) == 1
    code = main(["ingest", str(tmp_path), "--no-enrich", "--db", str(tmp_path / "x.db")])
    out, errout = capsys.readouterr()
    assert code == 1 and "failed 1" in out and f"failed: {locked}: cannot read folder" in errout


@posix_only
def test_ingest_reliability_symlinks_outside_the_input_need_follow(tmp_path: Path, capsys):
    from lagebild.cli import main

    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("Geheim\n" + BODY)
    inp = tmp_path / "in"
    inp.mkdir()
    (inp / "a.txt").write_text("Titel A\n" + BODY)
    os.symlink(outside / "secret.txt", inp / "link.txt")
    os.symlink(inp / "a.txt", inp / "inside.txt")  # inside the tree: read
    os.symlink(outside, inp / "dir")  # a linked folder outside: not walked
    items = list(read([str(inp)]))
    [err] = [x for x in items if isinstance(x, InputError)]
    assert isinstance(err, RefusedInput) and err.origin.endswith("link.txt") and "--follow-symlinks" in err.reason
    assert sorted(Path(a.origins[0]).name for a in items if isinstance(a, Article)) == ["a.txt", "inside.txt"]
    followed = list(read([str(inp)], options=ReadOptions(follow_symlinks=True)))
    assert all(isinstance(x, Article) for x in followed) and len(followed) == 4
    assert isinstance(next(read([str(inp / "link.txt")])), Article)  # named explicitly: read
    globbed = list(read([str(inp / "*")]))  # a glob's folder is the input folder too
    refused = sorted(Path(e.origin).name for e in globbed if isinstance(e, RefusedInput))
    assert refused == ["dir", "link.txt"] and sum(isinstance(a, Article) for a in globbed) == 2
    db = str(tmp_path / "x.db")
    assert main(["ingest", str(inp), "--no-enrich", "--db", db]) == 1
    assert main(["ingest", str(inp), "--no-enrich", "--follow-symlinks", "--db", db]) == 0
    capsys.readouterr()


def test_ingest_reliability_store_files_in_the_input_are_skipped(tmp_path: Path):
    from lagebild.store import Store

    (tmp_path / "a.txt").write_text("Titel A\n" + BODY)
    with Store(tmp_path / "lagebild.db") as store:
        first = ingest([str(tmp_path)], store, workers=1, enriched=False)
        assert (tmp_path / "lagebild.db-wal").exists()  # WAL mode: the store's files lie beside it
        second = ingest([str(tmp_path)], store, workers=1, enriched=False)
    assert len(first.added) == 1 and not first.failed
    assert not second.failed and not second.added
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.db").write_bytes(b"SQLite format 3\x00")
    (other / "x.db-wal").write_bytes(b"\x37\x7f\x06\x82" + b"\x00" * 100)
    assert [Path(e.origin).name for e in read([str(other)])] == ["x.db"]  # another database: named, not its WAL
    (other / "x.db-vectors").mkdir()  # its semantic search index (lagebild/search/_vectors.py)
    (other / "x.db-vectors" / "rows.i8").write_bytes(b"\x01" * 512)
    assert [Path(e.origin).name for e in read([str(other)])] == ["x.db"]
    (other / "x.db").unlink()  # a folder of that name beside no database is read as usual
    assert sorted(Path(e.origin).name for e in read([str(other)])) == ["rows.i8", "x.db-wal"]


def test_ingest_reliability_feed_raw_is_byte_exact_in_declared_encoding():
    feed = (
        '<?xml version="1.0" encoding="ISO-8859-1"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Kanal</title>\n'
        "  <item><title>Größere Übung</title>\n"
        "    <content:encoded><![CDATA[<p>" + BODY + "</p>]]></content:encoded></item>\n"
        "  <item><title>Zweite</title><description>&lt;p&gt;" + BODY + "&lt;/p&gt;</description></item>\n"
        "</channel></rss>\n"
    ).encode("latin-1")
    items = list(read_bytes(feed, "f.xml"))
    assert all(isinstance(a, Article) for a in items) and len(items) == 2
    first = items[0]
    assert first.raw_bytes.startswith(b"<item><title>Gr\xf6\xdfere") and first.raw_bytes.endswith(b"</item>")
    assert b"<content:encoded><![CDATA[<p>" in first.raw_bytes and first.raw_bytes in feed
    assert first.raw_bytes.decode(first.encoding) == first.raw
    assert first.title_raw == "Größere Übung" and "angekündigt" in first.base
    assert items[1].raw_bytes in feed and b"&lt;p&gt;" in items[1].raw_bytes
    from lagebild.clean import clean

    assert not any("mojibake" in e.reason for e in clean(first).edits)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig"])
def test_ingest_reliability_feed_in_other_encodings_keeps_bytes(encoding: str):
    text = (
        f'<?xml version="1.0" encoding="{encoding.replace("-sig", "")}"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>K</title><entry><title>Größe</title><content>" + BODY + "</content></entry></feed>"
    )
    data = text.encode(encoding)
    [a] = list(read_bytes(data, "f.atom", fmt="feed"))
    assert a.raw_bytes in data and a.raw_bytes.decode(a.encoding).startswith("<entry>") and a.title_raw == "Größe"


def test_ingest_reliability_json_list_items_keep_their_bytes():
    data = (
        '{"status": "ok", "articles": [\n  {"title": "Eins",  "text": "' + BODY.strip() + ' \\u00fc"},\n'
        '  {"title":"Zwei","text":"' + BODY.strip() + '", "extra": [1, 2.50, {"a": null}]}\n]}'
    ).encode("utf-8")
    items = list(read_bytes(data, "list.json"))
    assert len(items) == 2 and all(isinstance(a, Article) for a in items)
    assert items[0].raw_bytes == ('{"title": "Eins",  "text": "' + BODY.strip() + ' \\u00fc"}').encode()
    assert items[1].raw_bytes.endswith(b'"extra": [1, 2.50, {"a": null}]}') and items[1].raw_bytes in data
    top = b'\xef\xbb\xbf[{"text": "' + BODY.strip().encode() + b'"} , {"text" : "' + BODY.strip().encode() + b' 2"}]'
    a, b = read_bytes(top, "bom.json")
    assert a.raw_bytes == b'{"text": "' + BODY.strip().encode() + b'"}' and b.raw_bytes.startswith(b'{"text" :')


def test_ingest_reliability_control_characters_in_one_json_record_do_not_cost_the_list():
    # found by the fuzz test: a JSON list whose strings hold raw control characters was refused
    # whole as "binary data", losing its good records
    bad = '{"title": "Kaputt", "text": "\x01\x02\x03\x04"}'
    good = '{"title": "Gut", "text": "' + BODY.strip() + '"}'
    data = ("[" + good + ", " + bad + ", " + good.replace("Gut", "Auch gut") + "]").encode()
    items = list(read_bytes(data, "list.json"))
    assert sum(isinstance(a, Article) for a in items) >= 2, items
    assert all(isinstance(a, Article | InputError) for a in items)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_ingest_reliability_utf16_jsonl_lines_keep_their_bytes(encoding: str, tmp_path: Path):
    lines = [json.dumps({"title": f"T{i}", "text": BODY.strip() + f" {i} ü"}, ensure_ascii=False) for i in range(3)]
    data = "\r\n".join(lines).encode(encoding)
    p = tmp_path / "u.jsonl"
    p.write_bytes(data)
    items = list(read([str(p)]))
    assert [type(x).__name__ for x in items] == ["Article"] * 3
    for line, a in zip(lines, items):
        assert a.raw_bytes in data and a.raw_bytes.decode(a.encoding).lstrip("\ufeff") == line == a.raw
    assert b"".join(a.raw_bytes for a in items) == data.replace("\r\n".encode(encoding.replace("16", "16-le") if encoding == "utf-16" else encoding), b"")


def test_ingest_reliability_nul_bytes_anywhere_are_removed_with_an_edit():
    from lagebild.clean import clean

    data = ("Titel über Korea\n" + BODY * 120 + "Ende\x00 der\x00\x00 Meldung.\n").encode()
    assert len(data) > 8192 + 100  # past the binary sniffing window
    [a] = list(read_bytes(data, "nul.txt"))
    a = clean(a)
    assert "\x00" not in a.text and "Ende der Meldung." in a.text
    assert any(e.reason == "control character" and e.before == "\x00\x00" for e in a.edits)


def test_ingest_reliability_deep_html_says_too_deeply_nested():
    html = "<html><body>" + "<div>" * 400 + "<p>" + BODY * 3 + "</p>" + "</div>" * 400 + "</body></html>"
    [err] = list(read_bytes(html.encode(), "deep.html"))
    assert isinstance(err, MalformedInput) and "too deeply nested" in err.reason


@pytest.mark.parametrize("bad", [5, None, True, {"x": 1}, [1, 2], ""])
def test_ingest_reliability_non_string_text_does_not_shadow_body(bad):
    data = json.dumps({"title": "T", "text": bad, "body": BODY}).encode()
    [a] = list(read_bytes(data, "r.json"))
    assert isinstance(a, Article) and a.base == BODY


def test_ingest_reliability_huge_number_does_not_lose_the_record():
    data = ('{"text": "' + BODY.strip() + '", "views": ' + "9" * 5000 + "}").encode()
    [a] = list(read_bytes(data, "n.json"))
    assert isinstance(a, Article) and a.raw_bytes == data


@posix_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads any folder")
def test_ingest_reliability_chmod_000_subfolder_is_a_failure(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Titel\n" + BODY)
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "b.txt").write_text("Titel B\n" + BODY)
    locked.chmod(0)
    try:
        items = list(read([str(tmp_path)]))
    finally:
        locked.chmod(0o755)
    [err] = [x for x in items if isinstance(x, InputError)]
    assert err.origin == str(locked) and "cannot read folder" in err.reason
