"""How many sentences of the SpkAtt-2023 WikiNews articles are dated after their article's
publication (issue 11): typed ``text`` (unflagged, wrong) or ``planned`` (scheduled dates).

Usage: .venv/bin/python bench/timex_after_publication.py [DATA_DIR]
(default ../shared/data/spkatt2023-news; the publication date is in each file name).
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import re
import sys
from collections import Counter

from lagebild.enrich.sentences import split_sentences
from lagebild.enrich.timex import find_times, sentence_dates


def _first(value: str | None) -> dt.date | None:
    m = re.match(r"(\d{4})(?:-(\d\d))?(?:-(\d\d))?", value or "")
    return dt.date(int(m[1]), int(m[2] or 1), int(m[3] or 1)) if m else None


def main(root: str) -> dict[str, int]:
    counts: Counter[str] = Counter()
    for path in sorted(glob.glob(f"{root}/*/task2/*.json") + glob.glob(f"{root}/trial/*.json")):
        m = re.search(r"\((\d{4}-\d\d-\d\d)\)\.json$", path)
        if not m:
            continue
        pub = dt.date.fromisoformat(m[1])
        doc = json.loads(open(path, encoding="utf-8").read())
        text = " ".join(" ".join(s["Tokens"]) for s in doc["Sentences"])
        spans = split_sentences(text, "de")
        counts["articles"] += 1
        for value, source in sentence_dates(text, spans, find_times(text, anchor=pub), anchor=pub):
            first = _first(value) if source in ("text", "planned") else None
            after = first is not None and first > pub
            counts[f"{source}{' after publication' if after else ''}"] += 1
    return dict(counts)


if __name__ == "__main__":
    result = main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/spkatt2023-news")
    sys.stdout.write(json.dumps(result, indent=1, sort_keys=True) + "\n")
