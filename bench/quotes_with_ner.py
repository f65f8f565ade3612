"""German quotes scored with the entities of the selected NER mode (issue 10/11).

``lagebild eval quotes`` and ``training/quotes/news_dev_split.py`` call the quote finder
without entities, so their scores do not depend on the NER.  In the pipeline the finder
gets the article's resolved entities (NER + ``resolve``): a speaker is linked to an
entity, and a bare pronoun speaker with no entity to stand for is dropped.  This script
scores the same SpkAtt-2023 news dev part with those entities, for the NER mode of
``$LAGEBILD_NER`` (or ``--ner``), and counts how many shown speakers resolve to an entity.

    LAGEBILD_NER=cnn  .venv/bin/python bench/quotes_with_ner.py --part other   # the 120
    LAGEBILD_NER=lstm .venv/bin/python bench/quotes_with_ner.py --part other
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "training" / "quotes"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", default="other", help="news_dev_split part (other = the 120)")
    ap.add_argument("--ner", default=None, help="NER mode (default: $LAGEBILD_NER)")
    args = ap.parse_args(argv)
    if args.ner:
        os.environ["LAGEBILD_NER"] = args.ner

    import news_dev_split as nds  # type: ignore[import-not-found]

    from lagebild.enrich import ner
    from lagebild.enrich.quotes import SPEAKER_THRESHOLD, find_quotes
    from lagebild.enrich.resolve import resolve
    from lagebild.evaluate import quotes as evq

    counts = {"shown": 0, "with_entity": 0, "quotes": 0}
    ner_cpu = [0.0]

    def with_entities(text, sentences, lang="de", min_confidence=None, **kw):
        t0 = time.process_time()
        ents = resolve(text, ner.recognize_many_detailed([text])[0])
        ner_cpu[0] += time.process_time() - t0
        found = find_quotes(text, sentences, lang=lang, min_confidence=min_confidence,
                            entities=ents, **kw)
        if min_confidence is None:  # the shown quotes (evaluate's call)
            for q in found:
                counts["quotes"] += 1
                if q.speaker_text:
                    counts["shown"] += 1
                    counts["with_entity"] += bool(q.speaker_entity)
        return found

    evq.find_quotes = with_entities
    with tempfile.TemporaryDirectory() as tmp:
        for f in nds.part_files(nds.DEV, args.part):
            os.symlink(f.resolve(), Path(tmp) / f.name)
        scores = evq.evaluate(tmp)
        decided = evq.speaker_decisions(tmp)
    res = {
        "ner": ner.selected_mode(),
        "part": args.part,
        "files": scores["files"],
        "joint_f1": scores.get("joint_f1"),
        "msg_f1": scores.get("msg_f1"),
        "source_f1": scores.get("source_f1"),
        "curve": evq.speaker_curve(decided, (0.0, SPEAKER_THRESHOLD)),
        "quotes_shown": counts["quotes"],
        "speakers_shown": counts["shown"],
        "speakers_with_entity": counts["with_entity"],
        "ner_resolve_cpu_s": round(ner_cpu[0], 1),
    }
    sys.stdout.write(json.dumps(res, ensure_ascii=False, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
