"""Train the BiLSTM German NER student (``lagebild/models/ner-de-lstm``) on teacher labels + gold.

    OMP_NUM_THREADS=1 PYTHONPATH=. nice -n 10 python training/ner_lstm/train.py \
        --teacher-dir /work/data/nerlstm/teacher --out /work/data/nerlstm/run1 --minutes 40

Data: the ``*.npz`` files of ``teacher.py`` (GermEval 2014 train with gold, transfer text and
damaged copies without).  Loss per word: ``(1 - alpha) * CE(gold) + alpha * T^2 * KL(teacher_T ||
student_T)`` where there is gold, the KL alone elsewhere (``--alpha 0``: gold only, no
transfer text).  The model is the one :mod:`lagebild.enrich.ner_lstm` runs: per word the e5
input embeddings of its pieces (first, mean, last; frozen, projected), a char CNN and a
shape class -> tanh -> BiLSTM -> linear.  Checkpoints each epoch (weights.npz + config.json,
the loader's format), scored with the numpy loader on GermEval dev[:600] (the selection
set; never trained on); ``best/`` keeps the best one.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from lagebild.enrich.ner_lstm import SHAPES, Tagger as NpTagger, char_ids, e5_features, shape_class  # noqa: E402
from lagebild.enrich.ner_accurate import E5Source  # noqa: E402
from lagebild.evaluate import ner as ner_eval  # noqa: E402


class Student(nn.Module):
    def __init__(self, n_labels: int, n_chars: int, e5_dim: int, dim: int, hidden: int, layers: int,
                 char_dim: int = 24, filters: int = 64, width: int = 3, dropout: float = 0.3, vocab: int = 0,
                 ctx_dim: int = 0):
        super().__init__()
        # static vectors from the fast model's contextual states (a table), projected; a
        # learnt vector stands in for a word outside the table
        self.ctx = nn.Linear(ctx_dim, dim, bias=False) if ctx_dim else None
        self.ctx_missing = nn.Parameter(torch.zeros(dim)) if ctx_dim else None
        # trainable vectors of frequent words (row 0: any other word), added to the rest
        self.vocab = nn.Embedding(vocab, dim) if vocab else None
        if self.vocab is not None:
            nn.init.zeros_(self.vocab.weight)
        self.e5 = nn.Linear(e5_dim, dim, bias=False)
        self.chars = nn.Embedding(n_chars, char_dim, padding_idx=0)
        self.conv = nn.Conv1d(char_dim, filters, width)
        self.char = nn.Linear(filters, dim, bias=False)
        self.shapes = nn.Embedding(len(SHAPES), dim)
        self.bias = nn.Parameter(torch.zeros(dim))
        self.lstm = nn.LSTM(dim, hidden, num_layers=layers, bidirectional=True, batch_first=True,
                            dropout=dropout if layers > 1 else 0.0)
        self.out = nn.Linear(2 * hidden, n_labels)
        self.drop = nn.Dropout(dropout)
        self.width = width

    def words(self, e5: torch.Tensor, cid: torch.Tensor, clen: torch.Tensor, shp: torch.Tensor,
              vid: torch.Tensor | None = None, ctx: torch.Tensor | None = None,
              has_ctx: torch.Tensor | None = None) -> torch.Tensor:
        """Word vectors (N, dim) from e5 features, padded char ids (+ lengths), shape ids, vocabulary ids."""
        ce = self.chars(cid).transpose(1, 2)  # (N, C, T)
        conv = F.relu(self.conv(ce))  # (N, F, T - w + 1)
        t = conv.shape[2]
        valid = torch.arange(t)[None, :] < (clen[:, None] - self.width + 1).clamp(min=1)
        conv = conv.masked_fill(~valid[:, None, :], 0.0).max(2).values
        x = self.e5(e5) + self.char(conv) + self.shapes(shp) + self.bias
        if self.vocab is not None and vid is not None:
            x = x + self.vocab(vid)
        if self.ctx is not None and ctx is not None:
            x = x + self.ctx(ctx) + (1 - has_ctx[:, None]) * self.ctx_missing
        return torch.tanh(x)

    def forward(self, wv: torch.Tensor, lens: torch.Tensor) -> torch.Tensor:
        x = self.drop(wv)
        packed = nn.utils.rnn.pack_padded_sequence(x, lens, batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=wv.shape[1])
        return self.out(self.drop(h))


def load_teacher(tdir: Path, names: list[str]):
    """Sentences (words), gold tag lists (None: no gold), teacher logits, labels."""
    sents, golds, tl, labels = [], [], [], None
    for name in names:
        f = tdir / f"{name}.npz"
        if not f.is_file():
            print(f"(no {f}; skipped)", flush=True)
            continue
        z = np.load(f, allow_pickle=False)
        labels = list(z["labels"])
        offs, lg = z["offs"], z["logits"]
        for i, (ws, tg) in enumerate(zip(z["words"], z["tags"], strict=True)):
            sents.append(str(ws).split("\u0001"))
            golds.append(str(tg).split(" ") if str(tg) else None)
            tl.append(lg[offs[i] : offs[i + 1]])
        print(f"{name}: {len(z['words'])} sentences", flush=True)
    return sents, golds, tl, labels


def save(model: Student, out: Path, cfg: dict, vocab_words: list[str] | None = None,
         ctx_table: tuple[np.ndarray, list[str]] | None = None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    sd = {k: v.detach().numpy() for k, v in model.state_dict().items()}
    w = {
        "enc.e5.w": sd["e5.weight"].T, "enc.chars": sd["chars.weight"],
        "enc.conv.w": sd["conv.weight"].transpose(2, 1, 0),  # (k, C, F)
        "enc.conv.b": sd["conv.bias"], "enc.char.w": sd["char.weight"].T,
        "enc.shapes": sd["shapes.weight"], "enc.b": sd["bias"],
        "out.w": sd["out.weight"].T, "out.b": sd["out.bias"],
    }
    for k, v in sd.items():
        if k.startswith("lstm."):
            w[k] = v
    if "ctx.weight" in sd:
        w["enc.ctx.w"] = sd["ctx.weight"].T
        w["enc.ctx.missing"] = sd["ctx_missing"]
        w["enc.ctx"] = ctx_table[0]
        w["ctx.words"] = np.array(ctx_table[1])
    if "vocab.weight" in sd:
        w["enc.vocab"] = sd["vocab.weight"]
        w["vocab.words"] = np.array(vocab_words)
    np.savez_compressed(out / "weights.npz", **{k: (v if v.dtype.kind == "U" else
                                     np.ascontiguousarray(v, dtype=np.float16 if cfg.get("fp16") else np.float32))
                                     for k, v in w.items()})
    (out / "config.json").write_text(json.dumps(cfg, indent=1, ensure_ascii=False), encoding="utf-8")


def load_init(model: Student, z) -> None:
    """Load the loader's ``weights.npz`` (the inverse of :func:`save`) into ``model``."""
    names = {"e5.weight": ("enc.e5.w", True), "chars.weight": ("enc.chars", False),
             "conv.bias": ("enc.conv.b", False), "char.weight": ("enc.char.w", True),
             "shapes.weight": ("enc.shapes", False), "bias": ("enc.b", False),
             "out.weight": ("out.w", True), "out.bias": ("out.b", False),
             "ctx.weight": ("enc.ctx.w", True), "ctx_missing": ("enc.ctx.missing", False),
             "vocab.weight": ("enc.vocab", False)}
    sd = model.state_dict()
    new = {}
    for k, v in sd.items():
        if k.startswith("lstm."):
            arr = z[k]
        elif k == "conv.weight":
            arr = z["enc.conv.w"].transpose(2, 1, 0)
        else:
            src, tr = names[k]
            arr = z[src].T if tr else z[src]
        assert arr.shape == tuple(v.shape), (k, arr.shape, tuple(v.shape))
        new[k] = torch.from_numpy(np.ascontiguousarray(arr, dtype=np.float32))
    model.load_state_dict(new)


def dev_f1(out: Path, src: E5Source, dev: str, lo: int, hi: int | None) -> dict:
    tagger = NpTagger(out, source=src)
    sents = ner_eval.read_conll(dev)[lo:hi]
    pred = tagger.tag([s.tokens for s in sents])
    return ner_eval.score([ner_eval.chunks(s.tags) for s in sents], [ner_eval.chunks(p) for p in pred], "main")


def ctx_inputs(words, ctab: dict, cvec: np.ndarray | None, drop: float = 0.0):
    """(vectors, has) tensors of the ctx table for ``words`` (None, None without a table)."""
    if cvec is None:
        return None, None
    rows = np.array([ctab.get(w, -1) for w in words])
    if drop:
        rows = np.where(np.random.random(len(rows)) < drop, -1, rows)
    has = rows >= 0
    vec = np.where(has[:, None], cvec[np.maximum(rows, 0)], 0.0).astype(np.float32)
    return torch.from_numpy(vec), torch.from_numpy(has.astype(np.float32))


def ctx_rows_inputs(rows: np.ndarray, cvec: np.ndarray | None, drop: float):
    if cvec is None:
        return None, None
    rows = np.where(np.random.random(len(rows)) < drop, -1, rows)
    has = rows >= 0
    vec = np.where(has[:, None], cvec[np.maximum(rows, 0)], 0.0).astype(np.float32)
    return torch.from_numpy(vec), torch.from_numpy(has.astype(np.float32))


def check_numpy(model: Student, out: Path, src: E5Source, sents: list[list[str]], cmap: dict, max_chars: int,
                vmap: dict, ctab: dict, cvec: np.ndarray | None) -> float:
    """Largest |numpy loader - torch| logit difference over ``sents`` (the export is right)."""
    tagger = NpTagger(out, source=src)
    words = sorted({w for s in sents for w in s})
    ix = {w: i for i, w in enumerate(words)}
    ids = [char_ids(w, cmap, max_chars) for w in words]
    cid = np.zeros((len(words), max_chars + 2), dtype=np.int64)
    for i, c in enumerate(ids):
        cid[i, : len(c)] = c
    with torch.no_grad():
        wv = model.words(torch.from_numpy(e5_features(src, words)), torch.from_numpy(cid),
                         torch.tensor([len(c) for c in ids]), torch.tensor([shape_class(w) for w in words]),
                         torch.tensor([vmap.get(w, 0) for w in words]), *ctx_inputs(words, ctab, cvec))
        diff = 0.0
        for s, lg in zip(sents, tagger.logits(sents), strict=True):
            x = wv[torch.tensor([ix[w] for w in s])][None]
            ref = model(x, torch.tensor([len(s)]))[0].numpy()
            diff = max(diff, float(np.abs(ref - lg).max()))
    return diff


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--teacher-dir", default="/work/data/nerlstm/teacher")
    ap.add_argument("--sources", nargs="*", default=["germeval_train", "europarl_train", "debates", "damaged"])
    ap.add_argument("--dev", default="/work/shared/data/germeval2014/dev.tsv")
    ap.add_argument("--dev-limit", type=int, default=600)
    ap.add_argument("--out", required=True)
    ap.add_argument("--alpha", type=float, default=0.7)
    ap.add_argument("--temp", type=float, default=2.0)
    ap.add_argument("--dim", type=int, default=128)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--layers", type=int, default=1)
    ap.add_argument("--dropout", type=float, default=0.3)
    ap.add_argument("--max-chars", type=int, default=20)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--minutes", type=float, default=60)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--vocab-min", type=int, default=0, help="trainable vectors for words seen this often (0: none)")
    ap.add_argument("--ctx", default=None, help="ctx_vectors.py output: static vectors from the fast model")
    ap.add_argument("--ctx-min", type=int, default=2, help="table words seen this often")
    ap.add_argument("--ctx-dim", type=int, default=128, help="PCA dimensions kept of the table")
    ap.add_argument("--ctx-drop", type=float, default=0.3, help="chance a batch's word is looked up as outside the table")
    ap.add_argument("--vocab-drop", type=float, default=0.1, help="chance a batch's word uses the 'other word' row")
    ap.add_argument("--time-schedule", action="store_true",
                    help="decay lr by max(step / planned steps, elapsed / --minutes) and stop (mid-epoch too, "
                         "then a last checkpoint) when that reaches 1: the schedule ends within the time budget")
    ap.add_argument("--init", default=None,
                    help="a model folder (weights.npz + config.json) to continue from: its weights, word and ctx tables")
    ap.add_argument("--keep-tables", action="store_true",
                    help="with --init and new sources: keep its char and word tables (new words use the "
                         "'other word' row, new characters <unk>) instead of requiring the same text")
    ap.add_argument("--warmup", type=int, default=0, help="steps of linear lr warm-up (fresh Adam state on --init)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    out = Path(a.out)
    src = E5Source()
    sources = a.sources if a.alpha > 0 else ["germeval_train"]
    sents, golds, tl, labels = load_teacher(Path(a.teacher_dir), sources)
    lab_ix = {lab: i for i, lab in enumerate(labels)}

    # word types: e5 features (float16), char ids, shapes
    counts = Counter(w for s in sents for w in s)
    types = sorted(counts)
    tix = {w: i for i, w in enumerate(types)}
    cc = Counter(c for w in types for c in w)
    chars = ["<pad>", "<unk>", "<w>", "</w>"] + sorted(c for c, n in cc.items() if n >= 3)
    init = np.load(Path(a.init) / "weights.npz") if a.init else None
    init_cfg = json.loads((Path(a.init) / "config.json").read_text()) if a.init else None
    if init is not None and a.keep_tables:  # new text: the --init model's chars and words, others fall back
        chars = list(init_cfg["chars"])
    cmap = {c: i for i, c in enumerate(chars) if i >= 4}
    t0 = time.time()
    e5 = np.concatenate([e5_features(src, types[k : k + 4096]).astype(np.float16) for k in range(0, len(types), 4096)])
    cid_l = [char_ids(w, cmap, a.max_chars) for w in types]
    width = 3
    tmax = a.max_chars + width - 1
    cid = np.zeros((len(types), tmax), dtype=np.int64)
    for i, c in enumerate(cid_l):
        cid[i, : len(c)] = c
    clen = np.array([len(c) for c in cid_l])
    shp = np.array([shape_class(w) for w in types])
    vocab_words = [w for w in types if a.vocab_min and counts[w] >= a.vocab_min]
    if init is not None and a.keep_tables:
        vocab_words = [str(w) for w in init["vocab.words"]]
    vmap = {w: i + 1 for i, w in enumerate(vocab_words)}
    vid = np.array([vmap.get(w, 0) for w in types])
    ctab, cvec, ctx_words = {}, None, []
    if a.ctx:
        z = np.load(a.ctx)
        keep = z["counts"] >= a.ctx_min
        ctx_words = [str(w) for w in z["words"][keep]]
        v = z["vectors"][keep]
        mu = v.mean(0)
        _u, sv, vt = np.linalg.svd(v - mu, full_matrices=False)
        cvec = ((v - mu) @ vt[: a.ctx_dim].T).astype(np.float16).astype(np.float32)
        ctab = {w: i for i, w in enumerate(ctx_words)}
        var = (sv[: a.ctx_dim] ** 2).sum() / (sv**2).sum()
        print(f"ctx table: {len(ctx_words)} words, {a.ctx_dim} dims keep {var:.3f} of the variance", flush=True)
    if init is not None:  # continue: the same tables as the model continued from
        assert [str(w) for w in init["vocab.words"]] == vocab_words, "vocabulary differs from --init"
        assert init_cfg["chars"] == chars, "chars differ from --init"
        if a.ctx:
            ctx_words = [str(w) for w in init["ctx.words"]]
            ctab = {w: i for i, w in enumerate(ctx_words)}
            cvec = init["enc.ctx"].astype(np.float32)
    type_ctx_rows = np.array([ctab.get(w, -1) for w in types])
    print(f"{len(sents)} sentences, {len(types)} word types, {len(chars)} chars; features {time.time() - t0:.0f} s", flush=True)

    data = []  # (type ids, gold ids or None, teacher logits)
    for s, g, lg in zip(sents, golds, tl, strict=True):
        if not s or len(s) > 150:
            continue
        data.append((np.array([tix[w] for w in s]), None if g is None else np.array([lab_ix[x] for x in g]),
                     lg.astype(np.float32)))
    n_gold = sum(d[1] is not None for d in data)

    model = Student(len(labels), len(chars), e5.shape[1], a.dim, a.hidden, a.layers, dropout=a.dropout,
                    vocab=len(vocab_words) + 1 if vocab_words else 0, ctx_dim=a.ctx_dim if a.ctx else 0)
    if init is not None:
        load_init(model, init)
    opt = torch.optim.Adam(model.parameters(), lr=a.lr)
    cfg = dict(labels=labels, chars=chars, max_chars=a.max_chars, hidden=a.hidden, layers=a.layers, dim=a.dim,
               alpha=a.alpha, temperature=a.temp, train_sentences=n_gold, other_sentences=len(data) - n_gold,
               sources=sources, vocab=len(vocab_words), ctx_words=len(ctx_words), fp16=True, distilled_from="ner-de-accurate" if a.alpha > 0 else None)
    if init is not None:  # the continued model as exported again: its dev[:600] score (a check)
        model.eval()
        save(model, out, cfg, vocab_words, (cvec.astype(np.float16), ctx_words) if a.ctx else None)
        print(f"INIT {a.init}: dev[:{a.dev_limit}] F1 {dev_f1(out, src, a.dev, 0, a.dev_limit)['f1']:.4f}", flush=True)
    steps_per_epoch = (len(data) + a.batch - 1) // a.batch
    total = steps_per_epoch * a.epochs
    T = a.temp
    t0 = time.time()
    step, best, log, progress = 0, -1.0, [], 0.0
    for ep in range(a.epochs):
        # length buckets: shuffle, sort chunks of 50 batches by length, shuffle the batches
        order = list(range(len(data)))
        rng.shuffle(order)
        bl = []
        for k in range(0, len(order), a.batch * 50):
            chunk = sorted(order[k : k + a.batch * 50], key=lambda i: len(data[i][0]))
            bl += [chunk[j : j + a.batch] for j in range(0, len(chunk), a.batch)]
        rng.shuffle(bl)
        model.train()
        for idx in bl:
            lens = [len(data[i][0]) for i in idx]
            t = max(lens)
            tid = np.zeros((len(idx), t), dtype=np.int64)
            for r, i in enumerate(idx):
                tid[r, : lens[r]] = data[i][0]
            uniq, inv = np.unique(tid, return_inverse=True)
            wv = model.words(torch.from_numpy(e5[uniq].astype(np.float32)), torch.from_numpy(cid[uniq]),
                             torch.from_numpy(clen[uniq]), torch.from_numpy(shp[uniq]),
                             torch.from_numpy(np.where(np.random.random(len(uniq)) < a.vocab_drop, 0, vid[uniq])),
                             *ctx_rows_inputs(type_ctx_rows[uniq], cvec, a.ctx_drop))
            x = wv[torch.from_numpy(inv.reshape(tid.shape))]
            logits = model(x, torch.tensor(lens))
            mask = np.zeros((len(idx), t), dtype=bool)
            gmask = np.zeros((len(idx), t), dtype=bool)
            gold = np.zeros((len(idx), t), dtype=np.int64)
            tgt = np.zeros((len(idx), t, len(labels)), dtype=np.float32)
            for r, i in enumerate(idx):
                mask[r, : lens[r]] = True
                tgt[r, : lens[r]] = data[i][2]
                if data[i][1] is not None:
                    gmask[r, : lens[r]] = True
                    gold[r, : lens[r]] = data[i][1]
            m = torch.from_numpy(mask)
            loss = torch.zeros(())
            if a.alpha > 0:
                s = logits[m] / T
                tt = torch.from_numpy(tgt)[m] / T
                kl = F.kl_div(F.log_softmax(s, -1), F.log_softmax(tt, -1), log_target=True, reduction="batchmean")
                loss = loss + a.alpha * T * T * kl
            if gmask.any():
                gm = torch.from_numpy(gmask)
                ce = F.cross_entropy(logits[gm], torch.from_numpy(gold)[gm])
                loss = loss + (1 - a.alpha) * ce * (gm.sum() / m.sum())
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            progress = step / total
            if a.time_schedule:
                progress = max(progress, (time.time() - t0) / (a.minutes * 60))
            for g in opt.param_groups:
                g["lr"] = a.lr * max(0.02 if a.time_schedule else 0.05, 1 - progress) * min(1.0, (step + 1) / (a.warmup + 1))
            opt.step()
            step += 1
            if a.time_schedule and progress >= 1:
                break
            if step % 200 == 0:
                print(f"step {step} ep {ep} loss {loss.item():.4f} {(time.time() - t0) / 60:.1f} min", flush=True)
        model.eval()
        save(model, out, cfg, vocab_words, (cvec.astype(np.float16), ctx_words) if a.ctx else None)
        if ep == 0:
            chk = [s.tokens for s in ner_eval.read_conll(a.dev)[:40]]
            print(f"numpy loader vs torch: max logit difference {check_numpy(model, out, src, chk, cmap, a.max_chars, vmap, ctab, cvec):.2e}",
                  flush=True)
        r = dev_f1(out, src, a.dev, 0, a.dev_limit)
        pt = {k: round(v["f1"], 4) for k, v in r["per_type"].items()}
        print(f"EPOCH {ep + 1} step {step}: dev[:{a.dev_limit}] F1 {r['f1']:.4f} {pt} {(time.time() - t0) / 60:.1f} min",
              flush=True)
        log.append(dict(epoch=ep + 1, step=step, minutes=round((time.time() - t0) / 60, 1), f1=r["f1"], per_type=pt))
        (out / "log.json").write_text(json.dumps(log, indent=1))
        if r["f1"] > best:
            best = r["f1"]
            (out / "best").mkdir(exist_ok=True)
            for fn in ("weights.npz", "config.json"):
                shutil.copy(out / fn, out / "best" / fn)
        if time.time() - t0 > a.minutes * 60 or (a.time_schedule and progress >= 1):
            break


if __name__ == "__main__":
    main()
