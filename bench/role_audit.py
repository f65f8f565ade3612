"""Roles an analyst sees on entity pages (issue 10 §3): every role lagebild gives, judged by hand.

Usage:
    .venv/bin/python bench/role_audit.py list [--part dev|heldout|all] > /tmp/roles.tsv
    .venv/bin/python bench/role_audit.py score [--part dev|heldout|all]

``list`` runs clean + enrich on three samples and prints one row per (article, entity, role):
sample, part, article, entity, role, verdict from the judgement file (``?`` if not judged yet) and
the text around the mention that gave the role.  ``score`` prints role precision (judged ``y`` over
judged) per sample and part, and how many roles are not judged yet.

Samples (all measure-only data, never copied into the repository):

* ``feed``: the mixed analyst feed of 2026-12-06 (``analyst_audit.py build-mixed`` seed 13: 150
  10kGNAD + 150 PolNeAR train articles) plus ``examples/`` and ``demo/``, read from ``--feed``
  (default ``/tmp/E/in``, rebuilt there when missing);
* ``polnear``: the 84 PolNeAR dev articles;
* ``spkatt``: the first 100 SpkAtt-2023 news dev articles (sorted by name), detokenised.

Each article goes to the held-out part when the SHA-1 of its name, as a number, is 0, 1 or 2
modulo 10 (about 30 %); rules are read off the dev part only.  Judgements live in
``bench/data/role_judgements.tsv`` (article, entity, role, y/n, note): ``y`` when the role is a
title, office or function of that person in that article ("Präsident", "senator from Texas",
"campaign manager"), ``n`` otherwise (a verb form, another person's name, a place, a sentence
fragment, somebody else's role).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
JUDGED = ROOT / "bench" / "data" / "role_judgements.tsv"


def part_of(name: str) -> str:
    return "heldout" if int(hashlib.sha1(name.encode()).hexdigest(), 16) % 10 < 3 else "dev"


def _articles(feed: Path):
    """(sample, name, Article) for the three samples."""
    from lagebild.evaluate.quotes import detokenize
    from lagebild.ingest import read
    from lagebild.model import Article

    if not (feed / "gnad").is_dir():
        sys.path.insert(0, str(ROOT / "bench"))
        from analyst_audit import build_mixed  # type: ignore[import-not-found]

        build_mixed(feed)
    for path in (ROOT / "examples", ROOT / "demo", feed / "gnad", feed / "pol"):
        for a in read([str(path)]):
            if isinstance(a, Article):
                yield "feed", Path(a.origins[0]).name if a.origins else a.id, a
    for a in read([str(DATA / "polnear" / "dev" / "text")]):
        if isinstance(a, Article):
            yield "polnear", Path(a.origins[0]).name if a.origins else a.id, a
    for path in sorted((DATA / "spkatt2023-news" / "dev" / "task2").glob("*.json"))[:100]:
        doc = json.loads(path.read_text(encoding="utf-8"))
        text, _ = detokenize([s["Tokens"] for s in doc.get("Sentences", [])])
        art = Article(
            id=path.stem[:16], origins=[path.name], raw=text, base=text, text=text, language="de"
        )
        yield "spkatt", path.name, art


def _judgements() -> dict[tuple[str, str, str], str]:
    out = {}
    if JUDGED.exists():
        for line in JUDGED.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            f = line.split("\t")
            out[(f[0], f[1], f[2])] = f[3]
    return out


def roles(feed: Path, part: str):
    """(sample, part, article, entity, role, context) for every entity with a role."""
    from lagebild.enrich.roles import find_role
    from lagebild.pipeline import process

    for sample, name, art in _articles(feed):
        p = part_of(name)
        if part != "all" and p != part:
            continue
        art = process(art)
        for e in art.entities:
            if not e.role:
                continue
            ctx = ""
            for m in e.mentions:
                if find_role(art.text, m.start, m.end) == e.role:
                    ctx = art.text[max(0, m.start - 90) : m.end + 60]
                    break
            yield sample, p, name, e.name, e.role, " ".join(ctx.split())


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("cmd", choices=("list", "score"))
    ap.add_argument("--part", default="dev", choices=("dev", "heldout", "all"))
    ap.add_argument("--feed", type=Path, default=Path("/tmp/E/in"))
    args = ap.parse_args()
    judged = _judgements()
    counts: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0])
    for sample, p, name, ent, role, ctx in roles(args.feed, args.part):
        v = judged.get((name, ent, role), "?")
        if args.cmd == "list":
            print("\t".join((sample, p, name, ent, role, v, ctx)))
        c = counts[(sample, p)]
        c[{"y": 0, "n": 1}.get(v, 2)] += 1
    if args.cmd == "score":
        tot = [0, 0, 0]
        for (sample, p), (y, n, u) in sorted(counts.items()):
            tot = [tot[0] + y, tot[1] + n, tot[2] + u]
            prec = y / (y + n) if y + n else float("nan")
            print(f"{sample:8} {p:8} roles {y + n + u:4}  right {y:4}  wrong {n:4}  "
                  f"unjudged {u:3}  precision {prec:.3f}")
        y, n, u = tot
        print(f"{'all':8} {args.part:8} roles {y + n + u:4}  right {y:4}  wrong {n:4}  "
              f"unjudged {u:3}  precision {y / max(1, y + n):.3f}")


if __name__ == "__main__":
    main()
