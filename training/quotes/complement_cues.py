"""Shown speakers of ``complement`` quotes per cue word, right / wrong (measure only).

Issue 11 §2 (precision): a verb that opens a ``dass`` clause or a colon is not always a
speech act ("Der ORF hat entschieden, dass …", "Das Album ruft in Erinnerung, dass …").
For each part of SpkAtt-2023 news (``--part other`` = dev120, ``train300``; see
:mod:`news_dev_split`) every quote the finder shows (confidence at or above the shipped
threshold) whose evidence starts with ``complement`` is paired with gold as in
:func:`lagebild.evaluate.quotes.speaker_decisions` and counted under its cue lemma: right
(paired, speaker overlap F1 >= 0.5), wrong speaker, or no gold quote / no gold Source.
``--gnad`` adds the judged 10kGNAD quotes of ``bench/quotes_news_sample.py`` rounds 1-4.
Nothing is fitted; the table is for deciding which cues are not speech.

    .venv/bin/python training/quotes/complement_cues.py --part other --part train300 [--gnad]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

from lagebild.enrich.quotes import SPEAKER_THRESHOLD, find_quotes
from lagebild.enrich.sentences import split_sentences
from lagebild.evaluate.quotes import (
    _match,
    _overlap_f1,
    _read_spkatt,
    quotes_to_groups,
    spkatt_gold,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from news_dev_split import DEV, part_files  # noqa: E402


def spkatt_rows(files: list[Path], part: str) -> list[dict]:
    """Every shown ``complement`` quote in SpkAtt task-2 ``files``: cue, verdict, sentence."""
    out = []
    for f in files:
        doc, text, flat_offs, flat_toks, sent_start = _read_spkatt(f)
        gold = spkatt_gold(doc, sent_start)
        quotes = find_quotes(text, split_sentences(text), lang="de", min_confidence=0.0)
        groups = quotes_to_groups(quotes, flat_offs, flat_toks)
        system = [(set(m), set(sp), str(i)) for i, (m, sp, _f) in enumerate(groups)]
        paired = {sg[2]: g for g, sg in _match(gold, system) if sg[0]}
        for i, q in enumerate(quotes):
            if not q.evidence.startswith("complement") or not q.speaker_text:
                continue
            if q.confidence < SPEAKER_THRESHOLD:
                continue
            g = paired.get(str(i))
            if g is None or not g[1]:
                verdict = "noquote"
            elif _overlap_f1(g[1], system[i][1]) >= 0.5:
                verdict = "right"
            else:
                verdict = "wrong"
            out.append({"part": part, "cue": (q.cue or "").lower(), "verdict": verdict,
                        "text": text[max(0, q.start - 120):q.start + 60].replace("\n", " ")})
    return out


def gnad_rows() -> list[dict]:
    """The judged 10kGNAD quotes (rounds 1-4) that are shown ``complement`` quotes."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    import quotes_news_sample as qns
    from lagebild.model import Article
    from lagebild.pipeline import process

    texts = qns.load_gnad()
    out = []
    for rnd in (1, 2, 3, 4):
        qns.ROUND = rnd
        judged = qns._judged()
        for part in ("dev", "test"):
            for row in qns.sample(part):
                t = texts[row][1]
                a = process(Article(id=f"gnad-{row}", raw=t, base=t, format="text"))
                for q in a.quotes:
                    if not q.evidence.startswith("complement") or not q.speaker_text:
                        continue
                    mark = judged.get((row, q.start, q.end, q.speaker_text))
                    if mark == "missed":
                        mark = "right"
                    out.append({"part": "10kgnad", "cue": (q.cue or "").lower(),
                                "verdict": mark or "unjudged",
                                "text": a.text[max(0, q.start - 120):q.start + 60]
                                .replace("\n", " ")})
    return out


def table(rows: list[dict]) -> dict[str, dict[str, Counter]]:
    """cue -> part -> Counter of verdicts."""
    t: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for r in rows:
        t[r["cue"]][r["part"]][r["verdict"]] += 1
    return t


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--part", action="append", default=[])
    ap.add_argument("--gnad", action="store_true")
    ap.add_argument("--show", help="list the sentences of this cue")
    args = ap.parse_args(argv)
    rows = [r for p in (args.part or ["other"]) for r in spkatt_rows(part_files(DEV, p), p)]
    if args.gnad:
        rows += gnad_rows()
    parts = sorted({r["part"] for r in rows})
    t = table(rows)
    print(f"{'cue':18}" + "".join(f" {p + ' r/w/nq':>20}" for p in parts))
    for cue, per in sorted(t.items(), key=lambda kv: -sum(sum(c.values()) for c in kv[1].values())):
        cells = "".join(
            f" {per[p]['right']:>8}/{per[p]['wrong']}/{per[p]['noquote']:<6}"
            + (f"?{per[p]['unjudged']}" if per[p]["unjudged"] else "  ")
            for p in parts)
        print(f"{cue:18}{cells}")
    tot = {p: Counter(r["verdict"] for r in rows if r["part"] == p) for p in parts}
    print(f"{'(all)':18}" + "".join(
        f" {tot[p]['right']:>8}/{tot[p]['wrong']}/{tot[p]['noquote']:<6}"
        + (f"?{tot[p]['unjudged']}" if tot[p]["unjudged"] else "  ") for p in parts))
    if args.show:
        for r in rows:
            if r["cue"] == args.show:
                print(r["part"], r["verdict"], "|", r["text"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
