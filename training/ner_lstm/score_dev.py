"""F1 of a BiLSTM model folder on the development sets (never the test split).

    PYTHONPATH=. python training/ner_lstm/score_dev.py MODEL_DIR

GermEval 2014 dev split in the selection part dev[:600] and the rest dev[600:] (never used
for any choice), XGLUE (CoNLL-2003 de) dev and Europarl dev, through the same loader and
scorer as ``lagebild --ner lstm eval ner`` (outer chunks; GermEval ``main`` scheme).
"""
import os
import sys

os.environ["LAGEBILD_NER_LSTM_MODEL"] = sys.argv[1]

from lagebild.enrich import ner_lstm  # noqa: E402
from lagebild.evaluate import ner as ner_eval  # noqa: E402

D = "/work/shared/data"
dev = ner_eval.read_conll(f"{D}/germeval2014/dev.tsv")
tagger = ner_lstm.get_tagger()
for name, sents in (("GermEval dev[:600]", dev[:600]), ("GermEval dev[600:]", dev[600:])):
    pred = tagger.tag([s.tokens for s in sents])
    r = ner_eval.score([ner_eval.chunks(s.tags) for s in sents], [ner_eval.chunks(p) for p in pred], "main")
    pt = {k: round(v["f1"], 3) for k, v in r["per_type"].items()}
    print(f"{name}: P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.4f} {pt}", flush=True)
for name, path in (("XGLUE dev", f"{D}/xglue-ner-de/dev.txt"), ("Europarl dev", f"{D}/europarl-ner-de/dev.tsv")):
    r = ner_eval.evaluate(path, ner="lstm")
    print(f"{name} ({r['scheme']}): P {r['precision']:.3f} R {r['recall']:.3f} F1 {r['f1']:.4f}", flush=True)
