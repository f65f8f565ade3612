"""Build benchmark corpora from real German news (10kGNAD, ../shared/data; never committed).

The 1 028 DER STANDARD articles are replicated with variations until the wanted size is
reached: each copy is written in the raw-article format of the seeds (title line, a folded
title copy, dateline, paragraphs, agency byline, a `source-section` label) with damage
added on purpose (a space before a full stop, a glued word, a capitalised `Und`), and a
variant number so that every copy is a distinct article.
"""

from __future__ import annotations

import csv
import os
import random
import re
from pathlib import Path

GNAD = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "10kGNAD" / "articles.csv"


def load_gnad(path: Path = GNAD) -> list[tuple[str, str]]:
    """(label, text) pairs of the 10kGNAD test split."""
    if not path.exists():
        raise SystemExit(f"benchmark data not found: {path} (see ../shared/data/README.md)")
    with open(path, encoding="utf-8", newline="") as fh:
        return [(row[0], row[1]) for row in csv.reader(fh, delimiter=";", quotechar="'") if len(row) >= 2]


_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"})


def as_raw_article(label: str, text: str, variant: int, rng: random.Random) -> str:
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ„])", text.strip())
    title = sentences[0][:160]
    body = sentences[1:] or [text]
    paras = [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
    if variant:
        paras[-1] += f" Fassung {variant}."
    if rng.random() < 0.5:
        paras[0] = paras[0].replace(" und ", " Und ", 1)
    if rng.random() < 0.5:
        paras[-1] = re.sub(r"\.$", " .", paras[-1])
    lines = [title, "", title.translate(_FOLD)[:80]]
    lines.append(rng.choice(["WIEN: ", "BERLIN: ", ""]) + paras[0])
    lines += paras[1:]
    lines += ["", rng.choice(["red (APA)", "ksh (dpa, afp)", "(Reuters)"]), "", f"standard-{label.casefold()}"]
    return "\n".join(lines) + "\n"


def write_text_corpus(out: Path, n: int, seed: int = 7) -> Path:
    """Write n raw-article files below out/ (1 000 per folder)."""
    rng = random.Random(seed)
    gnad = load_gnad()
    out.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        label, text = gnad[i % len(gnad)]
        sub = out / f"{i // 1000:03d}"
        if i % 1000 == 0:
            sub.mkdir(exist_ok=True)
        (sub / f"{i:06d}.txt").write_text(as_raw_article(label, text, i // len(gnad), rng), encoding="utf-8")
    return out


def corpus_texts(n: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    gnad = load_gnad()
    return [as_raw_article(*gnad[i % len(gnad)], i // len(gnad), rng) for i in range(n)]


def rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":  # pragma: no cover
    import sys

    write_text_corpus(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 10_000)
    print(os.listdir(sys.argv[1])[:3])
