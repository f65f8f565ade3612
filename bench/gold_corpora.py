"""Read the two grouping gold corpora into records (issue 12): German WikiNews, English PolNeAR.

The article texts stay in ``../shared/data`` (never copied into the repository); the gold labels
live in ``bench/gold/<corpus>.tsv`` and name articles by a *key*:

``spkatt``
    ``../shared/data/spkatt2023-news/{train,dev}/task2/<wikinews-id> - <title> (<date>).json``;
    key = the WikiNews id. Text = the detokenized sentences (the first sentence repeats the title
    in most files); date and title from the file name.
``polnear``
    ``../shared/data/polnear/{train,dev}/text/<publisher>_<date>_<slug>.txt`` with
    ``metadata.tsv``; key = the file name without ``.txt``. Title from the metadata (the text's
    first line is the title too), date and publisher from the metadata.

Records are returned in publication order (ties by key), the order a feed would bring them.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# LAGEBILD_DATA: where ../shared/data is when the checkout is elsewhere (a snapshot in /tmp)
DATA = Path(os.environ.get("LAGEBILD_DATA") or ROOT.parent / "shared" / "data")
GOLD = Path(__file__).resolve().parent / "gold"

_SPK_NAME = re.compile(r"^(\d+) - (.*) \((\d{4}-\d{2}-\d{2})\)\.json$")


@dataclass(frozen=True, slots=True)
class Label:
    """One labelled article: its storyline and event (``-`` = unthreaded, its own)."""

    key: str
    storyline: str
    event: str
    note: str = ""


def _spk_records(root: Path) -> Iterator[dict[str, str]]:
    import sys

    sys.path.insert(0, str(ROOT))
    from lagebild.evaluate.quotes import detokenize

    base = root / "spkatt2023-news"
    for split in ("train", "dev"):
        for path in sorted((base / split / "task2").glob("*.json")):
            m = _SPK_NAME.match(path.name)
            if not m:
                continue
            wid, title, date = m.groups()
            doc = json.loads(path.read_text(encoding="utf-8"))
            sents = [s["Tokens"] for s in doc.get("Sentences", [])]
            text, _ = detokenize(sents)
            rec = {"key": wid, "title": title, "text": text, "language": "de",
                   "source": "wikinews"}  # fmt: skip
            if not date.startswith("0001"):
                rec["date"] = date
            yield rec


def _pol_records(root: Path) -> Iterator[dict[str, str]]:
    base = root / "polnear"
    meta: dict[str, dict[str, str]] = {}
    with open(base / "metadata.tsv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            meta[row["filename"]] = row
    for split in ("train", "dev"):
        for path in sorted((base / split / "text").glob("*.txt")):
            key = path.name[: -len(".txt")]
            m = meta.get(key, {})
            text = path.read_text(encoding="utf-8")
            lines = text.split("\n", 1)
            title = (m.get("title") or lines[0]).strip()
            body = lines[1].strip() if len(lines) > 1 and lines[0].strip() == title else text
            yield {"key": key, "title": title, "text": body, "language": "en",
                   "date": m.get("publication_date") or key.split("_")[1],
                   "source": m.get("publisher") or key.split("_")[0]}  # fmt: skip


def load_records(corpus: str, root: Path = DATA) -> list[dict[str, str]]:
    """All articles of ``corpus`` (``spkatt`` or ``polnear``) in publication order."""
    if corpus == "spkatt":
        recs = list(_spk_records(root))
    elif corpus == "polnear":
        recs = list(_pol_records(root))
    else:
        raise ValueError(f"unknown corpus {corpus!r} (expected spkatt or polnear)")
    if not recs:
        raise SystemExit(f"no articles found under {root} for {corpus} (see ../shared/data)")
    recs.sort(key=lambda r: (r.get("date", "0000"), r["key"]))
    return recs


def load_gold(corpus: str, gold_dir: Path = GOLD) -> dict[str, Label]:
    """``bench/gold/<corpus>.tsv``: key, storyline, event (tab-separated, ``#`` comments).

    ``-`` as storyline (or event) marks an article checked to belong to no thread (no other
    report of its happening); it gets a cluster of its own named after its key.
    """
    labels: dict[str, Label] = {}
    with open(gold_dir / f"{corpus}.tsv", encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.split("\t")
            key, st, ev = parts[0].strip(), parts[1].strip(), parts[2].strip()
            note = parts[3].strip() if len(parts) > 3 else ""
            if st == "-":
                st = f"solo:{key}"
            if ev == "-":
                ev = f"solo:{key}"
            else:
                ev = f"{st}/{ev}"
            if key in labels:
                raise ValueError(f"{corpus}.tsv: {key} labelled twice")
            labels[key] = Label(key, st, ev, note)
    return labels


def split_of(storyline: str) -> str:
    """``test`` for about one third of the storylines (by a hash of the storyline id), else ``dev``.

    A whole storyline (and so every event in it) is on one side; unthreaded articles are split by
    their own key the same way.
    """
    h = int(hashlib.sha1(storyline.encode("utf-8")).hexdigest(), 16)
    return "test" if h % 3 == 0 else "dev"
