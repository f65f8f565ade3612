"""Listed-entity precision with the fast model's second opinion (lagebild.enrich.ner_arbiter).

Same samples and judgements as ``bench/entity_precision.py`` (10kGNAD, 15 articles per seed,
``bench/data/entity_precision.tsv``); three variants, each through ``resolve`` with the names
guard:

* ``cnn``: the default model's spans (what enrichment lists today);
* ``arbiter``: the cnn's spans, each doubtful one decided by the fast model on its sentence;
* ``fast``: the fast model on the whole article (the upper bound of asking it everything).

    .venv/bin/python bench/ner_arbiter_precision.py --seed 49 --seed 50
    .venv/bin/python bench/ner_arbiter_precision.py --seed 49 --unjudged   # rows to judge
    .venv/bin/python bench/ner_arbiter_precision.py --seed 53 --seed 54 --blind 5353 > f.tsv
        # the entities no one judged that any variant lists, shuffled, no mark of the variant
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from entity_precision import JUDGED, sample  # noqa: E402

VARIANTS = ("cnn", "arbiter", "fast")


def judged() -> dict[tuple[int, str, str], int]:
    out: dict[tuple[int, str, str], int] = {}
    if JUDGED.exists():
        for line in JUDGED.read_text(encoding="utf-8").splitlines():
            if line and not line.startswith("#"):
                i, name, typ, ok = line.split("\t")
                out[(int(i), name, typ)] = int(ok)
    return out


def listed(seeds: list[int], variants=VARIANTS, stats=None):
    from lagebild.enrich import ner
    from lagebild.enrich.ner_arbiter import arbitrate_many
    from lagebild.enrich.resolve import resolve
    from lagebild.enrich.sentences import split_sentences

    arts: dict[int, str] = {}
    for s in seeds:
        arts.update(sample(s))
    ids = sorted(arts)
    texts = [arts[i] for i in ids]
    out = {}
    cnn = ner.recognize_many_detailed(texts, mode="cnn")
    per = {"cnn": cnn}
    if "arbiter" in variants:
        per["arbiter"] = arbitrate_many(texts, cnn, [split_sentences(t) for t in texts], stats)
    if "fast" in variants:
        per["fast"] = ner.recognize_many_detailed(texts, mode="fast")
    for v in variants:
        out[v] = {
            i: sorted({(e.name, e.type) for e in resolve(t, sp)})
            for i, t, sp in zip(ids, texts, per[v], strict=True)
        }
    return out


def main(argv: list[str] | None = None) -> int:
    from lagebild.enrich.ner_arbiter import ArbiterStats

    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--seed", type=int, action="append")
    ap.add_argument("--germeval", help="a GermEval-style file: F1 with and without the arbiter")
    ap.add_argument(
        "--heldout", action="store_true", help="with --germeval: the cnn's held-out 300"
    )
    ap.add_argument("--unjudged", action="store_true", help="list the entities no one judged")
    ap.add_argument("--blind", type=int, help="shuffle the unjudged entities of all variants")
    ap.add_argument("--variants", default=",".join(VARIANTS))
    ap.add_argument("--diff", action="store_true", help="list what the arbiter changes against cnn")
    ap.add_argument("--labels", default="PER", help="cnn labels whose one-word spans are doubtful")
    args = ap.parse_args(argv)
    from lagebild.enrich import ner_arbiter

    ner_arbiter.DOUBT_LABELS = frozenset(args.labels.split(","))
    if args.germeval:
        print(json.dumps(germeval(args.germeval, args.heldout)))
        return 0
    stats = ArbiterStats()
    ents = listed(args.seed, tuple(args.variants.split(",")), stats)
    j = judged()
    if args.blind is not None:
        rows = sorted(
            {(i, nm, t) for es in ents.values() for i, e in es.items() for nm, t in e}
            - set(j)
        )
        random.Random(args.blind).shuffle(rows)
        for i, nm, t in rows:
            print(f"{i}\t{nm}\t{t}\t?")
        return 0
    if args.unjudged:
        seen = set()
        for v, es in ents.items():
            for i, e in es.items():
                for nm, t in e:
                    if (i, nm, t) not in j and (i, nm, t) not in seen:
                        seen.add((i, nm, t))
                        print(f"{i}\t{nm}\t{t}\t?\t{v}")
        return 0
    if args.diff:
        for i in ents["cnn"]:
            a, b = set(ents["cnn"][i]), set(ents["arbiter"][i])
            for nm, t in sorted(a - b):
                print(f"-\t{i}\t{nm}\t{t}\t{j.get((i, nm, t), '?')}")
            for nm, t in sorted(b - a):
                print(f"+\t{i}\t{nm}\t{t}\t{j.get((i, nm, t), '?')}")
    res = {}
    for v, es in ents.items():
        n = sum(len(e) for e in es.values())
        ok = sum(j.get((i, nm, t), 0) for i, e in es.items() for nm, t in e)
        un = sum((i, nm, t) not in j for i, e in es.items() for nm, t in e)
        res[v] = {
            "entities": n,
            "correct": ok,
            "unjudged": un,
            "precision": round(ok / n, 3) if n else None,
        }
    res["arbiter_stats"] = {
        "sentences": stats.sentences,
        "sent": stats.sent,
        "share_sentences": round(stats.sent / max(stats.sentences, 1), 3),
        "share_chars": round(stats.chars_sent / max(stats.chars, 1), 3),
        "decisions": stats.decisions,
    }
    print(json.dumps(res))
    return 0




def germeval(path: str, heldout: bool = False) -> dict:
    """GermEval dev, one sentence at a time: cnn (+ gazetteer) + guard, with and without the
    arbiter between the cnn and the guard (outer chunks, micro P/R/F1)."""
    from entity_guard_germeval import _char_spans, guard
    from spacy.tokens import Doc

    from lagebild.enrich import ner
    from lagebild.enrich.ner import EntitySpan
    from lagebild.enrich.ner_arbiter import ArbiterStats, arbitrate_many
    from lagebild.evaluate.ner import chunks, read_conll, score, with_gazetteer

    sents = read_conll(path)
    if heldout:  # the 300 GermEval dev sentences the cnn did not train on (training/ner/prepare.py)
        idx = list(range(len(sents)))
        random.Random(13).shuffle(idx)
        sents = [sents[i] for i in sorted(idx[:300])]
    gold = [chunks(s.tags) for s in sents]
    nlp = ner.get_nlp()
    pred = [
        [(e.start, e.end, e.label_) for e in doc.ents]
        for doc in nlp.pipe((Doc(nlp.vocab, words=s.tokens) for s in sents), batch_size=256)
    ]
    texts, spans = [], []
    for s, p in zip(sents, pred, strict=True):
        text, starts = _char_spans(s.tokens)
        texts.append(text)
        sp = []
        for i, j, lab in p:
            base, sub = ner.split_label(lab)
            a, b = starts[i], starts[j - 1] + len(s.tokens[j - 1])
            sp.append(EntitySpan(a, b, base, sub, text[a:b]))
        spans.append(sp)
    stats = ArbiterStats()
    arb = arbitrate_many(texts, spans, [[(0, len(t))] for t in texts], stats)
    label = {
        ("PER", None): "PER", ("ORG", None): "ORG", ("LOC", None): "LOC", ("MISC", None): "OTH"
    }
    pred2 = []
    for s, sp in zip(sents, arb, strict=True):
        _text, starts = _char_spans(s.tokens)
        at_start = {a: i for i, a in enumerate(starts)}
        at_end = {a + len(t): i + 1 for i, (a, t) in enumerate(zip(starts, s.tokens, strict=True))}
        out = []
        for e in sp:
            lab = label.get((e.label, e.subtype), e.label + (e.subtype or ""))
            i, j = at_start.get(e.start), at_end.get(e.end)
            if i is not None and j is not None:  # (a span off the gold tokens: lost)
                out.append((i, j, lab))
        pred2.append(out)
    res = {"sent": stats.sent, "sentences": len(sents), "decisions": stats.decisions}
    for name, pr in (("cnn", pred), ("arbiter", pred2)):
        pr = [with_gazetteer(s.tokens, p) for s, p in zip(sents, pr, strict=True)]
        sc = score(gold, [guard(s.tokens, p) for s, p in zip(sents, pr, strict=True)], "main")
        res[name] = {k: round(sc[k], 4) for k in ("precision", "recall", "f1")}
    return res


if __name__ == "__main__":
    raise SystemExit(main())
