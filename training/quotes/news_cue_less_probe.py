"""How often two cue-less report shapes are gold quotes on SpkAtt-2023 news (measure only).

Stop 34, task C3: two classes of the gold quotes the finder does not find at all
(``news_dev_errors.py``, key ``not_found``) have no cue word.  Before writing a rule for one,
this counts, over the sentences that no system quote touches, how many of those the rule
would take are gold quotes (and, for ``sollen``, with the speaker it would give):

* ``sollen``: a main clause with ``soll``/``sollen`` (before its first comma, not opening
  the sentence, no question) one or two sentences after a quote shown with a speaker
  (``Die Stellenkürzungen sollen vor allem die Verwaltung treffen.``), with that speaker;
* ``intention``: ``will``/``wollen`` in a sentence (``Die SPD will … fördern.``), no speaker
  proposed (only whether a gold quote is there).

Nothing is fitted.  Usage::

    .venv/bin/python training/quotes/news_cue_less_probe.py --part other --rule sollen [--show]
"""

from __future__ import annotations

import argparse
import bisect
import json
import sys
from collections import Counter
from pathlib import Path

from lagebild.enrich.quotes import SPEAKER_THRESHOLD, find_quotes
from lagebild.enrich.sentences import split_sentences
from lagebild.evaluate.quotes import _addr, _overlap_f1, _read_spkatt, quotes_to_groups

sys.path.insert(0, str(Path(__file__).resolve().parent))
from news_dev_split import DEV, PARTS, part_files  # noqa: E402

RULES = ("sollen", "intention")


def takes(rule: str, words: list[str]) -> bool:
    """Would ``rule`` take this sentence (its tokens)?"""
    low = [w.lower() for w in words]
    if not low or words[-1] == "?":
        return False
    if rule == "sollen":
        clause = low[: low.index(",")] if "," in low else low
        return low[0] not in ("sollte", "wenn", "falls") and any(
            w in ("soll", "sollen") for w in clause[1:]
        )
    return any(w in ("will", "wollen") for w in low)


def probe(files: list[Path], rule: str, show: bool) -> Counter:
    counts: Counter = Counter()
    for f in files:
        doc, text, offs, toks, ss = _read_spkatt(f)
        gold = [
            ({_addr(x, ss) for x in a["Message"]}, {_addr(x, ss) for x in a.get("Source", [])})
            for a in doc["Annotations"]
            if not a.get("IsNested") and a.get("Message")
        ]
        quotes = find_quotes(text, split_sentences(text), lang="de", min_confidence=0.0)
        groups = quotes_to_groups(quotes, offs, toks)
        covered = {i for m, _sp, _f in groups for i in m}
        shown_in = {}  # sentence -> speaker ids of a quote shown with a speaker ending in it
        for q, (m, sp, _f) in zip(quotes, groups):
            if m and sp and q.confidence >= SPEAKER_THRESHOLD:
                shown_in[bisect.bisect_right(ss, max(m)) - 1] = set(sp)
        for si in range(len(ss) - 1):
            ids = set(range(ss[si], ss[si + 1]))
            words = toks[ss[si] : ss[si + 1]]
            if ids & covered or not takes(rule, words):
                continue
            speaker: set[int] = set()
            if rule == "sollen":
                back = next((b for b in (1, 2) if si - b in shown_in), None)
                if back is None:
                    continue
                speaker = shown_in[si - back]
            hit = [g for g in gold if g[0] & ids]
            if not hit:
                tag = "no_gold"
            elif not speaker:
                tag = "gold"
            elif max(_overlap_f1(g[1], speaker) for g in hit) >= 0.5:
                tag = "gold_right_speaker"
            else:
                tag = "gold_wrong_speaker"
            counts[tag] += 1
            if show:
                src = " | ".join(" ".join(toks[i] for i in sorted(g[1])) for g in hit)
                sys.stdout.write(f"{tag} {f.name[:5]} gold_src={src!r}\n   {' '.join(words)}\n")
    return counts


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--part", choices=PARTS, default="other")
    ap.add_argument("--rule", choices=RULES, required=True)
    ap.add_argument("--show", action="store_true", help="print every sentence taken")
    args = ap.parse_args(argv)
    counts = probe(part_files(args.dev, args.part), args.rule, args.show)
    out = {"part": args.part, "rule": args.rule, "taken": sum(counts.values()), **counts}
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
