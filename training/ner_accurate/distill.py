"""Distil the accurate German NER model (teacher) into the fast 3-layer one (student); CPU is enough.

    PYTHONPATH=/work/main python distill.py --out /work/data/nerdistil/run1 \
        --init-onnx ../../lagebild/models/ner-de-fast --minutes 60 --threads 1

Teacher: any model folder ``lagebild.enrich.ner_accurate.Tagger`` loads (default the shipped
accurate model, ``lagebild/models/ner-de-accurate``: its int8 ONNX graph, since the float
training checkpoint is not kept).  It labels every training sentence once: its logits at
the first piece of each word (the positions the student is trained and read on) are cached
in ``--teacher-cache`` (float16), so a second run skips this step.

Training text (only sets that may train a shipped model, see shared/data/README.md):

- GermEval 2014 train (gold + teacher): loss ``(1 - alpha) * CE(gold) + alpha * T^2 * KL(teacher_T || student_T)``;
- ``--transfer``: more German text without its gold (Europarl NER train tokens, the
  SpkAtt-2023 Bundestag debates ``*.json`` sentences of train, dev and trial): teacher KL only;
- ``--damage FRAC``: robustness copies of a random FRAC of all those sentences with
  machine-translation damage (:func:`damage`: glued words ``KoreaDie``, split compounds
  ``Nord Korea``, capitalised function words ``Und``, lower-cased sentences), labelled by
  the teacher too (teacher KL only: the gold tags no longer fit every word).

Student: ``--init-onnx DIR`` starts from a shipped int8 ONNX graph (weights dequantised back
to float, see ``from_onnx.py``), ``--init DIR`` from a training checkpoint
(weights.npz), neither: e5-small's first ``--layers`` layers.  Checkpoints (weights.npz +
config.json) every ``--ckpt-minutes`` and at the end, each scored on GermEval dev[:600]
(``--dev-limit``); ``best/`` keeps the best-scoring one (selection on dev[:600] only).
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, str(Path(__file__).resolve().parent))
from from_onnx import init_dir_from_onnx  # noqa: E402
from model import Tagger  # noqa: E402
from train import LABELS, batches, dev_f1, encode, read_bioes, read_gold, save  # noqa: E402

from lagebild.enrich.ner_accurate import E5Source  # noqa: E402
from lagebild.enrich.ner_accurate import Tagger as NpTagger  # noqa: E402
from lagebild.enrich.ner_accurate import pad_batch  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def read_tokens(path: str) -> list[list[str]]:
    """Sentences (word lists) of a transfer file: SpkAtt json (or a folder of them), else a CoNLL-like file."""
    p = Path(path)
    if p.is_dir():
        out = []
        for f in sorted(p.glob("*.json")):
            out += read_tokens(str(f))
        return out
    if p.suffix == ".json":
        doc = json.loads(p.read_text(encoding="utf-8"))
        return [list(s["Tokens"]) for s in doc.get("Sentences", []) if s.get("Tokens")]
    return [toks for toks, _tags in read_gold(path)]


def teacher_logits(teacher: NpTagger, data: list[tuple[list[int], list[int]]], first: list[list[int]],
                   batch: int = 32) -> list[np.ndarray]:
    """The teacher's logits (float16) at each sentence's first-piece positions."""
    out: list[np.ndarray] = [None] * len(data)  # type: ignore[list-item]
    order = sorted(range(len(data)), key=lambda i: len(data[i][0]))
    for k in range(0, len(order), batch):
        idx = order[k : k + batch]
        lg = teacher.logits(*pad_batch([data[i][0] for i in idx], teacher.src.pad))
        for r, i in enumerate(idx):
            out[i] = lg[r, first[i]].astype(np.float16)
    return out


DAMAGE_KINDS = ("glue", "split", "title", "lower")


def damage(words: list[str], rng: random.Random) -> tuple[str, list[str]]:
    """A copy of ``words`` with one kind of machine-translation damage (kind, words).

    ``glue``: one or two neighbouring words written together (``Nord KoreaDie``,
    ``Merkel,``), the second mostly a capitalised one; ``split``: a long capitalised word
    cut in two capitalised halves (``Nord Korea``, ``Bundes Regierung``); ``title``:
    about 40 % of the lower-case words capitalised (``Südkorea Und Japan``); ``lower``: the
    whole sentence lower-cased.  Where a sentence has no word for ``split`` it gets ``title``,
    where none for ``glue`` or ``title`` it is lower-cased.
    """
    kind = rng.choice(DAMAGE_KINDS)
    w = list(words)
    if kind == "glue" and len(w) >= 3:
        for _ in range(rng.choice((1, 1, 2))):
            if len(w) < 2:
                break
            caps = [i for i in range(len(w) - 1) if w[i + 1][:1].isupper()]
            i = rng.choice(caps) if caps and rng.random() < 0.7 else rng.randrange(len(w) - 1)
            w[i : i + 2] = [w[i] + w[i + 1]]
        return kind, w
    if kind == "split":
        kind = "title"  # the fallback where no word is long enough
        long = [i for i, x in enumerate(w) if len(x) >= 8 and x[:1].isupper() and x.isalpha()]
        if long:
            i = rng.choice(long)
            k = rng.randrange(3, len(w[i]) - 3)
            w[i : i + 1] = [w[i][:k], w[i][k].upper() + w[i][k + 1 :]]
            return "split", w
    if kind == "title":
        low = [i for i, x in enumerate(w) if x[:1].islower()]
        if low:
            for i in low:
                if rng.random() < 0.4:
                    w[i] = w[i][:1].upper() + w[i][1:]
            return kind, w
    return "lower", [x.lower() for x in w]


def encode_plain(src, sents: list[list[str]], max_pieces: int):
    """Piece ids of unlabelled sentences; label -1 at first pieces (scored by the teacher only)."""
    return encode(src, [(toks, ["O"] * len(toks)) for toks in sents], max_pieces)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--train", default="/work/data/germeval_train.bioes")
    ap.add_argument("--transfer", nargs="*", default=[
        "/work/shared/data/europarl-ner-de/train.tsv", "/work/shared/data/spkatt2023-debates/train/task1",
        "/work/shared/data/spkatt2023-debates/dev/task1", "/work/shared/data/spkatt2023-debates/trial/task1"],
        help="unlabelled text for the teacher only (sets that may train a shipped model)")
    ap.add_argument("--damage", type=float, default=0.0,
                    help="robustness copies (teacher-labelled) of this fraction of all sentences")
    ap.add_argument("--damage-seed", type=int, default=0)
    ap.add_argument("--teacher", default=str(ROOT / "lagebild/models/ner-de-accurate"))
    ap.add_argument("--teacher-cache", default="/work/data/nerdistil/teacher.npz")
    ap.add_argument("--dev", default="/work/shared/data/germeval2014/dev.tsv")
    ap.add_argument("--dev-limit", type=int, default=600)
    ap.add_argument("--out", required=True)
    ap.add_argument("--init", default=None, help="student from a checkpoint folder (weights.npz)")
    ap.add_argument("--init-onnx", default=None, help="student from an int8 model folder (model.int8.onnx)")
    ap.add_argument("--layers", type=int, default=3)
    ap.add_argument("--alpha", type=float, default=0.7, help="weight of the teacher KL (1 - alpha: gold CE)")
    ap.add_argument("--temp", type=float, default=2.0)
    ap.add_argument("--max-pieces", type=int, default=96)
    ap.add_argument("--batch-tokens", type=int, default=1600)
    ap.add_argument("--lr", type=float, default=1e-4)
    ap.add_argument("--head-lr", type=float, default=5e-4)
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--minutes", type=float, default=60)
    ap.add_argument("--max-epochs", type=float, default=6)
    ap.add_argument("--ckpt-minutes", type=float, default=15)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--time-steps", type=int, default=0, help="only time this many steps and exit")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    rng = random.Random(a.seed)
    out = Path(a.out)
    src = E5Source()

    gold = read_bioes(a.train)
    plain: list[list[str]] = []
    for f in a.transfer:
        plain += read_tokens(f)
    n_transfer = len(plain)
    if a.damage > 0:
        drng = random.Random(a.damage_seed)
        pool = [toks for toks, _tags in gold] + plain[:n_transfer]
        kinds: dict[str, int] = {}
        for toks in drng.sample(pool, int(len(pool) * a.damage)):
            kind, w = damage(toks, drng)
            kinds[kind] = kinds.get(kind, 0) + 1
            plain.append(w)
        print(f"{len(plain) - n_transfer} damaged copies {kinds}", flush=True)
    data = encode(src, gold, a.max_pieces) + encode_plain(src, plain, a.max_pieces)
    n_gold = len(gold)
    # first-piece positions of every sentence (where labels != -100)
    first = [[j for j, lab in enumerate(labs) if lab != -100] for _ids, labs in data]
    for i in range(n_gold, len(data)):  # no gold for transfer text
        data[i] = (data[i][0], [-100] * len(data[i][1]))
    print(f"{n_gold} gold + {n_transfer} transfer + {len(plain) - n_transfer} damaged sentences, {sum(len(d[0]) for d in data)} pieces", flush=True)

    cache = Path(a.teacher_cache)
    key = dict(teacher=str(Path(a.teacher).resolve()), n=len(data), pieces=sum(len(d[0]) for d in data),
               max_pieces=a.max_pieces, transfer=a.transfer, train=a.train)
    if a.damage > 0:
        key.update(damage=a.damage, damage_seed=a.damage_seed)
    tl = None
    if a.alpha == 0:  # the control: gold CE only, no teacher needed
        tl = [np.zeros((len(f), len(LABELS)), dtype=np.float16) for f in first]
    elif cache.is_file():
        z = np.load(cache, allow_pickle=False)
        if json.loads(str(z["key"])) == key:
            offs = z["offs"]
            flat = z["logits"]
            tl = [flat[offs[i] : offs[i + 1]] for i in range(len(data))]
            print(f"teacher logits from {cache}", flush=True)
    if tl is None:
        t0 = time.time()
        teacher = NpTagger(Path(a.teacher), source=src)
        tl = teacher_logits(teacher, data, first)
        offs = np.cumsum([0] + [len(x) for x in tl])
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, logits=np.concatenate(tl), offs=offs, key=np.array(json.dumps(key)))
        print(f"teacher labelled {len(data)} sentences in {(time.time() - t0) / 60:.1f} min -> {cache}", flush=True)
        del teacher

    if a.init_onnx:
        from export_onnx import from_npz

        model = from_npz(init_dir_from_onnx(Path(a.init_onnx), out / "init")).train()
    elif a.init:
        from export_onnx import from_npz

        model = from_npz(Path(a.init)).train()
    else:
        model = Tagger(len(LABELS), n_layers=a.layers)
    head = list(model.head.parameters())
    body = [p for n, p in model.named_parameters() if not n.startswith("head.")]
    opt = torch.optim.AdamW([{"params": body, "lr": a.lr}, {"params": head, "lr": a.head_lr}], weight_decay=0.01)
    base = [a.lr, a.head_lr]
    T = a.temp
    t0 = time.time()
    last_ckpt = t0
    step, total = 0, None
    epoch = 0.0
    log, best = [], -1.0
    done = False
    while not done:
        bl = batches(data, a.batch_tokens, rng)
        for bi, idx in enumerate(bl):
            if total is None and step == 30:
                per = (time.time() - t0) / 30
                total = min(int(a.minutes * 60 / per), int(a.max_epochs * len(bl)))
                print(f"{per:.2f} s/step, {len(bl)} steps/epoch (= {per * len(bl) / 60:.1f} min); "
                      f"schedule {total} steps", flush=True)
                if a.time_steps:
                    return
            model.train()
            t = max(len(data[i][0]) for i in idx)
            ids = np.full((len(idx), t), src.pad, dtype=np.int64)
            labs = np.full((len(idx), t), -100, dtype=np.int64)
            tmask = np.zeros((len(idx), t), dtype=bool)
            tgt = np.zeros((len(idx), t, len(LABELS)), dtype=np.float32)
            for r, i in enumerate(idx):
                n = len(data[i][0])
                ids[r, :n] = data[i][0]
                labs[r, :n] = data[i][1]
                tmask[r, first[i]] = True
                tgt[r, first[i]] = tl[i]
            emb = torch.from_numpy(src.embed(ids))
            logits, _ = model(emb, torch.from_numpy(ids != src.pad))
            labs_t = torch.from_numpy(labs)
            sel = torch.from_numpy(tmask)
            s = logits[sel] / T
            tt = torch.from_numpy(tgt)[sel] / T
            kl = F.kl_div(F.log_softmax(s, -1), F.log_softmax(tt, -1), log_target=True, reduction="batchmean") * T * T
            if (labs_t != -100).any():
                ce = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), labs_t.reshape(-1), ignore_index=-100)
                loss = (1 - a.alpha) * ce + a.alpha * kl
            else:
                ce = torch.zeros(())
                loss = a.alpha * kl
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            f = min(1.0, (step + 1) / a.warmup)
            if total:
                f *= max(0.0, 1 - step / total)
            for g, b in zip(opt.param_groups, base):
                g["lr"] = b * f
            opt.step()
            step += 1
            if step % 20 == 0:
                print(f"step {step} ep {epoch + bi / len(bl):.2f} loss {loss.item():.4f} ce {ce.item():.4f} "
                      f"kl {kl.item():.4f} {(time.time() - t0) / 60:.1f} min", flush=True)
            end = total is not None and step >= total
            if end or time.time() - last_ckpt > a.ckpt_minutes * 60:
                model.eval()
                extra = dict(steps=step, minutes=round((time.time() - t0) / 60, 1), train_sentences=n_gold,
                             transfer_sentences=n_transfer, damaged_sentences=len(plain) - n_transfer,
                             layers_used=model.cfg["layers"], lr=a.lr,
                             max_pieces_train=a.max_pieces, distilled_from=Path(a.teacher).name,
                             alpha=a.alpha, temperature=T)
                save(model, out, extra)
                r = dev_f1(out, src, a.dev, a.dev_limit)
                pt = {k: round(v["f1"], 4) for k, v in r["per_type"].items()}
                print(f"CKPT step {step}: dev[:{a.dev_limit}] F1 {r['f1']:.4f} {pt}", flush=True)
                log.append(dict(step=step, minutes=extra["minutes"], f1=r["f1"], per_type=pt))
                (out / "log.json").write_text(json.dumps(log, indent=1))
                if r["f1"] > best:
                    best = r["f1"]
                    (out / "best").mkdir(exist_ok=True)
                    for fn in ("weights.npz", "config.json"):
                        shutil.copy(out / fn, out / "best" / fn)
                last_ckpt = time.time()
            if end:
                done = True
                break
        epoch += 1


if __name__ == "__main__":
    main()
