"""Error classes of the German quote finder on SpkAtt-2023 news dev (measure only).

Counts every gold top-level quote with a Source in one part of the dev split
(:mod:`news_dev_split`) by what the quote finder did with it (right speaker
shown / held back, wrong speaker, quote found without a speaker, quote missed)
and, for missed quotes, by a surface class read off the gold annotation (the
cue words and the shape of the sentence).  Nothing is fitted; the listing
(``--show CLASS``) is for reading errors to write general rules.  ``gap`` breaks the
coverage gap down by :func:`gap_class` (not found, found without a speaker, right speaker
held back, speaker span mismatch, wrong speaker) and counts the found quotes whose message
span differs (overlap F1 below 0.5).

Usage::

    .venv/bin/python training/quotes/news_dev_errors.py [--part other] [--show missed:so]
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
from lagebild.evaluate.quotes import (
    _addr,
    _match,
    _overlap_f1,
    _read_spkatt,
    quotes_to_groups,
    spkatt_gold,
)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from news_dev_split import DEV, PARTS, part_files  # noqa: E402

_QUOTE_MARKS = set("„“”\"»«")


def miss_class(ann: dict, toks: list[str], sent_start: list[int], msg: set[int]) -> str:
    """A surface class for a gold quote the finder missed."""
    cue = [toks[_addr(x, sent_start)] for x in ann.get("Cue", [])]
    cue_l = [c.lower() for c in cue]
    form = ann.get("Form", "")
    sents = {int(x.split(":")[0]) for x in ann["Message"]}
    if any(t in _QUOTE_MARKS for t in (toks[i] for i in msg)) or form == "Direct":
        return "direct"
    if "so" in cue_l:
        return "so"
    if any(c in ("laut", "zufolge", "nach", "angaben", "demnach") for c in cue_l):
        return "source_phrase"
    if not cue:
        return f"no_cue/{form}"
    if len(sents) > 1:
        return "multi_sentence"
    if form == "Reported":
        return "reported"
    if ":" in [toks[i] for i in range(min(msg) - 2, min(msg)) if i >= 0]:
        return "colon"
    return f"cue/{form}"


# nouns of what was said or decided that SpkAtt marks as the Source when no one is named
# ("schloss mit dem Appell, …", "Hinweise, dass …", "die Annahme, dass …")
_ACT_NOUN_SOURCES = frozenset(
    """appell warnung hinweis hinweise andeutung annahme frage botschaft entscheidung
    forderung forderungen vorschlag erklärung ankündigung mahnung behauptung""".split()
)


def not_found_class(
    form: str, cue: list[str], toks: list[str], msg: set[int], src: set[int], beside_quote: bool
) -> str:
    """A finer class for a gold quote with a Source that no system quote matches (stop 34,
    task C3), to tell what a general rule could still find: ``form`` and ``cue`` (its words)
    from the annotation, ``msg`` and ``src`` token ids into ``toks``.

    ``beside_quote``: a system quote lies in a sentence of the gold message or its Source
    but was matched to another gold quote (the finder split or joined the report otherwise,
    or stopped before a continuation such as ``Die Stellenkürzungen sollen …``).  Then, in order: ``term``
    (a short quoted word or chant, ``„Gesindel“``), ``direct`` (other quotation marks),
    ``source_phrase`` (so, laut, zufolge, nach Angaben, demnach), ``act_noun_source`` (the
    Source is a noun of what was said, no one named), and for quotes without a cue word
    ``sollen`` (a ``soll``/``sollen`` main clause), ``intention`` (``will``/``wollen``),
    ``reported_verb`` (a verb with its object: ``Die PAD kritisierte …``), ``cue_less``;
    with a cue ``cue_clause``.
    """
    if beside_quote:
        return "beside_quote"
    words = [toks[i] for i in sorted(msg)]
    low = [w.lower() for w in words]
    cue = [c.lower() for c in cue]
    marks = [w for w in words if w in _QUOTE_MARKS]
    if marks:
        inner = [w for w in words if w not in _QUOTE_MARKS]
        if words[0] in _QUOTE_MARKS and words[-1] in _QUOTE_MARKS and len(inner) <= 6:
            return "term"
        return "direct"
    if any(c in ("so", "laut", "zufolge", "nach", "angaben", "demnach") for c in cue):
        return "source_phrase"
    src_words = [toks[i] for i in sorted(src)]
    if src_words and not any(w[:1].isupper() for w in src_words[1:-1]) and (
        src_words[-1].lower() in _ACT_NOUN_SOURCES
    ):
        return "act_noun_source"
    if cue:
        return "cue_clause"
    clause = low[: low.index(",")] if "," in low else low
    if any(w in ("soll", "sollen") for w in clause[1:]):
        return "sollen"
    if any(w in ("will", "wollen", "wollte", "wollten") for w in clause):
        return "intention"
    if form == "Reported":
        return "reported_verb"
    return "cue_less"


def gap_class(found: bool, has_speaker: bool, speaker_f1: float, shown: bool) -> str:
    """Why a gold quote with a Source is (or is not) shown with its right speaker.

    ``not_found`` (no system quote overlaps its message), ``no_speaker`` (found, no speaker
    proposed), ``held_right`` (the right speaker, below the threshold), ``speaker_span``
    (a speaker that overlaps the gold Source but with overlap F1 below 0.5: a span
    mismatch), ``wrong_speaker`` (someone else), ``shown_right`` (covered; no gap).
    """
    if not found:
        return "not_found"
    if not has_speaker:
        return "no_speaker"
    if speaker_f1 >= 0.5:
        return "shown_right" if shown else "held_right"
    return "speaker_span" if speaker_f1 > 0 else "wrong_speaker"


def analyse(files: list[Path]) -> tuple[Counter, dict[str, list[str]]]:
    counts: Counter = Counter()
    examples: dict[str, list[str]] = {}
    for f in files:
        doc, text, flat_offs, flat_toks, sent_start = _read_spkatt(f)
        gold = spkatt_gold(doc, sent_start)
        anns = [a for a in doc["Annotations"] if not a.get("IsNested") and a.get("Message")]
        quotes = find_quotes(text, split_sentences(text), lang="de", min_confidence=0.0)
        groups = quotes_to_groups(quotes, flat_offs, flat_toks)
        system = [(set(m), set(sp), str(i)) for i, (m, sp, _f) in enumerate(groups)]

        def span(ids: set[int]) -> str:
            return " ".join(flat_toks[i] for i in sorted(ids))

        def sent_ids(ids: set[int]) -> set[int]:
            return {bisect.bisect_right(sent_start, i) - 1 for i in ids}

        def sent_of(ids: set[int]) -> str:
            if not ids:
                return ""
            lo, hi = min(ids), max(ids)
            s0 = bisect.bisect_right(sent_start, lo) - 1
            s1 = bisect.bisect_right(sent_start, hi) - 1
            return " ".join(flat_toks[sent_start[s0] : sent_start[s1 + 1]])

        for g, s in _match(gold, system):
            if g[0] and not g[1]:
                continue  # gold quote without a Source: not counted
            if g[0]:
                a = anns[int(g[2])]
                if s[0]:
                    shown_ = quotes[int(s[2])].confidence >= SPEAKER_THRESHOLD
                    gap = gap_class(True, bool(s[1]), _overlap_f1(g[1], s[1]), shown_)
                    if _overlap_f1(g[0], s[0]) < 0.5:  # found, but the message span differs
                        counts["gap_message_span_below_0.5:" + gap] += 1
                else:
                    gap = gap_class(False, False, 0.0, False)
                counts["gap:" + gap] += 1
                if not s[0]:
                    cls = "missed:" + miss_class(a, flat_toks, sent_start, g[0])
                    sents = sent_ids(g[0] | g[1])
                    beside = any(m and sent_ids(m) & sents for m, _sp, _i in system)
                    cue_w = [flat_toks[_addr(x, sent_start)] for x in a.get("Cue", [])]
                    nf = not_found_class(a.get("Form", ""), cue_w, flat_toks, g[0], g[1], beside)
                    counts["not_found:" + nf] += 1
                    examples.setdefault("not_found:" + nf, []).append(
                        f"{f.name[:5]} [{a.get('Form')}] src={span(g[1])!r}\n"
                        f"   MSG: {span(g[0])}"
                    )
                else:
                    q = quotes[int(s[2])]
                    shown = q.confidence >= SPEAKER_THRESHOLD
                    if not s[1]:
                        cls = "found_no_speaker"
                    elif _overlap_f1(g[1], s[1]) >= 0.5:
                        cls = "right_shown" if shown else "right_held:" + q.evidence
                    else:
                        cls = ("wrong_shown:" if shown else "wrong_held:") + q.evidence
                cue = span({_addr(x, sent_start) for x in a.get("Cue", [])})
                line = (
                    f"{f.name[:5]} [{a.get('Form')}] cue={cue!r}"
                    f" src={span(g[1])!r} sys_src={span(s[1])!r}\n   S: {sent_of(g[0] | g[1])}"
                )
            else:
                q = quotes[int(s[2])]
                if not s[1]:
                    continue
                shown = q.confidence >= SPEAKER_THRESHOLD
                cls = ("spurious_shown:" if shown else "spurious_held:") + q.evidence
                line = f"{f.name[:5]} sys_src={span(s[1])!r}\n   S: {sent_of(s[0])}"
            counts[cls] += 1
            examples.setdefault(cls, []).append(line)
    return counts, examples


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--dev", type=Path, default=DEV)
    ap.add_argument("--part", choices=PARTS, default="other")
    ap.add_argument("--show", default="", help="print the cases whose class starts with this")
    args = ap.parse_args(argv)
    counts, examples = analyse(part_files(args.dev, args.part))
    coarse: Counter = Counter()
    gaps = {k.split(":", 1)[1]: v for k, v in counts.items() if k.startswith("gap:")}
    spans = {k.split(":", 1)[1]: v for k, v in counts.items() if k.startswith("gap_message")}
    nf = {k.split(":", 1)[1]: v for k, v in counts.items() if k.startswith("not_found:")}
    counts = Counter(
        {k: v for k, v in counts.items() if not k.startswith(("gap", "not_found:"))}
    )
    for k, v in counts.items():
        coarse[k.split(":")[0]] += v
    out = {
        "part": args.part,
        # every gold quote with a Source by gap_class, and those of them whose message
        # overlaps the system quote's with F1 below 0.5
        "gap": dict(sorted(gaps.items(), key=lambda kv: -kv[1])),
        "gap_message_span_below_0.5": dict(sorted(spans.items(), key=lambda kv: -kv[1])),
        # the not-found quotes by not_found_class
        "not_found": dict(sorted(nf.items(), key=lambda kv: -kv[1])),
        "coarse": dict(coarse.most_common()),
        "classes": dict(counts.most_common()),
    }
    sys.stdout.write(json.dumps(out, ensure_ascii=False, indent=1) + "\n")
    if args.show:
        sizes = {**counts, **{"not_found:" + k: v for k, v in nf.items()}}
        for k in sorted(examples):
            if k.startswith(args.show):
                sys.stdout.write(f"\n== {k} ({sizes[k]})\n")
                for line in examples[k]:
                    sys.stdout.write(line + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
