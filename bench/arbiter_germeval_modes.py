"""GermEval dev, one sentence at a time, for the cnn and the lstm: model, + gazetteer, + names guard,
each without and with the fast model's second opinion (lagebild.enrich.ner_arbiter) between the
model and the guard; outer chunks, F1.  Parts: dev[600:] (the lstm was selected on dev[:600]), the
cnn's 300 held-out sentences (it trained on the rest of dev) and their intersection.

    .venv/bin/python bench/arbiter_germeval_modes.py
"""
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from entity_guard_germeval import _char_spans, guard
from lagebild.enrich import ner, ner_lstm
from lagebild.enrich.ner import EntitySpan
from lagebild.enrich.ner_arbiter import ArbiterStats, arbitrate_many
from lagebild.evaluate.ner import _predict, chunks, read_conll, score, with_gazetteer

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "germeval2014" / "dev.tsv"

sents = read_conll(DEV)
idx = list(range(len(sents))); random.Random(13).shuffle(idx)
held = set(idx[:300])
parts = {"dev600+": [i for i in range(len(sents)) if i >= 600], "cnn_heldout300": sorted(held),
         "heldout300_and_600+": sorted(i for i in held if i >= 600)}
gold = [chunks(s.tags) for s in sents]
preds = {"cnn": _predict(ner.get_nlp(), sents)[0],
         "lstm": [chunks(t) for t in ner_lstm.get_tagger().tag([s.tokens for s in sents])]}
label = {("PER", None): "PER", ("ORG", None): "ORG", ("LOC", None): "LOC", ("MISC", None): "OTH"}
res = {}
for m, pred in preds.items():
    texts, spans = [], []
    for s, p in zip(sents, pred):
        text, starts = _char_spans(s.tokens); texts.append(text)
        sp = []
        for i, j, lab in p:
            base, sub = ner.split_label(lab)
            a, b = starts[i], starts[j - 1] + len(s.tokens[j - 1])
            sp.append(EntitySpan(a, b, base, sub, text[a:b]))
        spans.append(sp)
    stats = ArbiterStats()
    arb = arbitrate_many(texts, spans, [[(0, len(t))] for t in texts], stats)
    pred2 = []
    for s, sp in zip(sents, arb):
        _t, starts = _char_spans(s.tokens)
        at_start = {a: i for i, a in enumerate(starts)}
        at_end = {a + len(t): i + 1 for i, (a, t) in enumerate(zip(starts, s.tokens))}
        out = []
        for e in sp:
            lab = label.get((e.label, e.subtype), e.label + (e.subtype or ""))
            i, j = at_start.get(e.start), at_end.get(e.end)
            if i is not None and j is not None:
                out.append((i, j, lab))
        pred2.append(out)
    res[m + " decisions"] = stats.decisions
    for name, pr in ((m, pred), (m + "+arbiter", pred2)):
        g = [with_gazetteer(s.tokens, p) for s, p in zip(sents, pr)]
        gg = [guard(s.tokens, p) for s, p in zip(sents, g)]
        for part, ids in parts.items():
            for tag, P in (("model", pr), ("+gaz", g), ("+gaz+guard", gg)):
                sc = score([gold[i] for i in ids], [P[i] for i in ids], "main")
                res[f"{part} {name} {tag}"] = round(sc["f1"], 4)
for k, v in res.items():
    print(k, v)
