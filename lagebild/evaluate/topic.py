"""Score the topic-section model on 10kGNAD (or any gold/predicted label lists).

10kGNAD (DER STANDARD, CC BY-NC-SA 4.0) is used for evaluation only; no model
trained on it is shipped.  Its labels map onto lagebild's sections one to one
except ``Web`` → ``Web/Technik`` and ``Etat`` → ``Etat/Medien``.

    python -c "from lagebild.evaluate.topic import evaluate_gnad; \
print(evaluate_gnad('/work/shared/data/10kGNAD/articles.csv'))"
"""

from __future__ import annotations

import csv
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["GNAD_LABELS", "evaluate_gnad", "read_gnad", "scores"]

GNAD_LABELS = {
    "Web": "Web/Technik",
    "Panorama": "Panorama",
    "International": "International",
    "Wirtschaft": "Wirtschaft",
    "Sport": "Sport",
    "Inland": "Inland",
    "Etat": "Etat/Medien",
    "Wissenschaft": "Wissenschaft",
    "Kultur": "Kultur",
}


def read_gnad(path: str | Path) -> list[tuple[str, str]]:
    """``(section, text)`` pairs from a 10kGNAD CSV (``Label;'text'`` per line)."""
    out = []
    with open(path, encoding="utf-8", newline="") as fh:
        for row in csv.reader(fh, delimiter=";", quotechar="'"):
            if len(row) < 2 or row[0] not in GNAD_LABELS:
                continue
            out.append((GNAD_LABELS[row[0]], ";".join(row[1:])))
    return out


def scores(gold: Sequence[str], pred: Sequence[str | None]) -> dict[str, Any]:
    """Accuracy, macro-F1 over the gold labels, and per-class precision/recall/F1.

    A ``None`` prediction counts as wrong.
    """
    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
    labels = sorted(set(gold))
    per_class: dict[str, dict[str, float]] = {}
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if g == label and p == label)
        n_pred = sum(1 for p in pred if p == label)
        n_gold = sum(1 for g in gold if g == label)
        precision = tp / n_pred if n_pred else 0.0
        recall = tp / n_gold if n_gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_class[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": n_gold,
        }
    correct = sum(1 for g, p in zip(gold, pred, strict=True) if g == p)
    return {
        "n": len(gold),
        "accuracy": round(correct / len(gold), 4) if gold else 0.0,
        "macro_f1": round(sum(c["f1"] for c in per_class.values()) / len(labels), 4)
        if labels
        else 0.0,
        "per_class": per_class,
    }


def evaluate_gnad(
    path: str | Path, min_confidence: float | None = None, every: int = 1
) -> dict[str, Any]:
    """Score the shipped model on a 10kGNAD CSV.

    Args:
        path: the CSV (``Label;'text'`` per line).
        min_confidence: the floor for ``coverage`` (default: the model's own).
        every: score every n-th article only (a quick sample; 1 = all).

    Returns:
        ``accuracy``/``macro_f1``/``per_class`` use the top label whatever its
        probability; ``coverage`` is the share of articles at or above the
        confidence floor and ``confident_accuracy`` the accuracy on those; also
        ``n``, ``seconds`` and ``articles_per_second``.
    """
    from lagebild.enrich import topic

    data = read_gnad(path)[:: max(every, 1)]
    if not data:
        raise ValueError(f"{path}: no 10kGNAD rows (expected lines like Label;'text')")
    gold = [g for g, _ in data]
    t0 = time.perf_counter()
    raw = topic.predict_sections([("", text) for _, text in data], lang="de", min_confidence=0.0)
    seconds = time.perf_counter() - t0
    floor = topic._get()["min_confidence"] if min_confidence is None else min_confidence
    result = scores(gold, [label for label, _ in raw])
    confident = [(g, label) for g, (label, p) in zip(gold, raw, strict=True) if p >= floor]
    result["min_confidence"] = floor
    result["coverage"] = round(len(confident) / len(gold), 4)
    result["confident_accuracy"] = (
        round(sum(1 for g, p in confident if g == p) / len(confident), 4) if confident else 0.0
    )
    result["seconds"] = round(seconds, 2)
    result["articles_per_second"] = round(len(gold) / seconds, 1) if seconds else 0.0
    return result
