"""Shown speaker precision per evidence kind on every judged 10kGNAD quote (issue 11 §2).

All four rounds of ``bench/quotes_news_sample.py`` (dev and held-out parts; all are
development data now) go through the current pipeline; each quote it keeps whose key
(row, start, end, speaker) was judged is joined with the evidence kind and confidence the
current code gives it.  Per rule (``complement``) and per rule and speaker form
(``complement/description``): the shown speakers judged ``right`` / ``wrong`` / ``noquote``
(a shown speaker of a non-quote counts as wrong) and the precision.  A speaker below the
threshold is not shown (the pipeline drops it): its quote is listed without one, under a new
key, and counts as ``unjudged`` until judged again.

    .venv/bin/python bench/quotes_news_evidence.py            # table (text)
    .venv/bin/python bench/quotes_news_evidence.py --json     # the same as JSON
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quotes_news_sample as qns  # noqa: E402


def kind(evidence: str, form: bool) -> str:
    """``complement/name; entity by name`` -> ``complement`` (or ``complement/name``)."""
    rule = evidence.split(";")[0].strip()
    return rule if form else rule.split("/")[0]


def joined() -> list[dict]:
    """Every judged quote the current code keeps, with its judgement, evidence, confidence."""
    out = []
    for rnd in (1, 2, 3, 4):
        qns.ROUND = rnd
        judged = qns._judged()
        for part in ("dev", "test"):
            for row, (_t, qs) in qns.enriched(qns.sample(part)).items():
                for q in qs:
                    mark = judged.get((row, q["start"], q["end"], q["speaker"]))
                    if mark == "missed":
                        mark = "right" if q["speaker"] else "none"
                    if mark is None:
                        mark = "unjudged"
                    out.append({
                        "round": rnd, "part": part, "row": row, "judgement": mark,
                        "speaker": q["speaker"], "evidence": q["evidence"],
                        "confidence": q["confidence"],
                        "shown": bool(q["speaker"]),
                    })
    return out


def table(rows: list[dict], form: bool) -> dict[str, dict]:
    """Per evidence kind: shown right / wrong / noquote and precision."""
    c: dict[str, Counter] = defaultdict(Counter)
    for r in rows:
        if r["shown"]:
            c[kind(r["evidence"], form)][r["judgement"]] += 1
    out = {}
    for k, n in sorted(c.items(), key=lambda kv: -sum(kv[1].values())):
        shown = n["right"] + n["wrong"] + n["noquote"]
        out[k] = {
            "shown": shown, "right": n["right"], "wrong": n["wrong"], "noquote": n["noquote"],
            "precision": round(n["right"] / shown, 3) if shown else None,
            "unjudged": n["unjudged"],
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--save", help="write the joined rows (JSON lines) to this path")
    args = ap.parse_args(argv)
    rows = joined()
    if args.save:
        Path(args.save).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                                   encoding="utf-8")
    res = {"rule": table(rows, False), "rule_form": table(rows, True)}
    shown = [r for r in rows if r["shown"] and r["judgement"] != "unjudged"]
    res["all_shown"] = {"shown": len(shown),
                        "right": sum(r["judgement"] == "right" for r in shown),
                        "unjudged": sum(r["shown"] and r["judgement"] == "unjudged" for r in rows)}
    if args.json:
        print(json.dumps(res))
        return 0
    for name in ("rule", "rule_form"):
        print(f"{'evidence ' + name:34} shown right wrong noq  prec unjudged")
        for k, v in res[name].items():
            p = "" if v["precision"] is None else f"{v['precision']:.3f}"
            print(f"{k:34} {v['shown']:5} {v['right']:5} {v['wrong']:5} {v['noquote']:3} "
                  f"{p:>6} {v['unjudged']:5}")
        print()
    a = res["all_shown"]
    print(f"all shown, judged: {a['right']}/{a['shown']} = {a['right'] / max(a['shown'], 1):.3f}"
          f" (shown but unjudged: {a['unjudged']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
