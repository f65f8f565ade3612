"""lagebild._lexicons: simplemma's dictionaries from a decoded cache file, the same entries."""

from __future__ import annotations

import pytest

from lagebild import _lexicons

df = pytest.importorskip("simplemma.strategies.dictionaries.dictionary_factory")
frontcode = pytest.importorskip("simplemma.strategies.dictionaries.frontcode")


def _args(lang: str) -> tuple:
    from simplemma import __version__

    return (lang, df.DATA_FOLDER / f"{lang}.plzma", __version__, df._read_decompressed, frontcode._decode_stream)


@pytest.fixture(scope="module")
def english() -> dict[bytes, bytes]:
    return frontcode._decode_stream(df._read_decompressed("en"))


def test_installed_on_import() -> None:
    import lagebild  # noqa: F401  (installs the loader)

    loader = df.DEFAULT_DICTIONARY_FACTORY._get_dictionary
    assert getattr(loader, _lexicons._MARK, False)
    assert _lexicons.install()  # a second call keeps it


def test_cached_dictionary_is_the_same(tmp_path, monkeypatch, english) -> None:
    monkeypatch.setenv("LAGEBILD_CACHE_DIR", str(tmp_path))
    first = _lexicons._load(*_args("en"))
    files = list(tmp_path.glob("simplemma-*-en-*.bin"))
    assert len(files) == 1
    again = _lexicons._load(*_args("en"))  # from the file
    assert first == english and again == english
    assert list(again.items())[:1000] == list(english.items())[:1000]


def test_cache_file_is_read_not_decoded(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LAGEBILD_CACHE_DIR", str(tmp_path))
    _lexicons._load(*_args("en"))

    def no_decode(_: bytes) -> dict:
        raise AssertionError("decoded although the cache file is there")

    lang, src, version, read, _ = _args("en")
    assert _lexicons._load(lang, src, version, read, no_decode)


def test_broken_or_unwritable_cache_is_ignored(tmp_path, monkeypatch, english) -> None:
    monkeypatch.setenv("LAGEBILD_CACHE_DIR", str(tmp_path))
    _lexicons._load(*_args("en"))
    (path,) = tmp_path.glob("simplemma-*-en-*.bin")
    path.write_bytes(path.read_bytes()[: 1000])  # truncated
    assert _lexicons._load(*_args("en")) == english
    assert _lexicons._load(*_args("en")) == english  # rewritten, read back
    blocked = tmp_path / "file"
    blocked.write_text("not a directory")
    monkeypatch.setenv("LAGEBILD_CACHE_DIR", str(blocked / "sub"))
    assert _lexicons._load(*_args("en")) == english


def test_lemmas_through_the_cache() -> None:
    import simplemma

    assert simplemma.lemmatize("Häuser", lang="de") == "Haus"
    assert simplemma.is_known("jeans", lang="en")
