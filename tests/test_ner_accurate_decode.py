"""Decoding of the transformer NER models: constrained Viterbi over the word logits."""

from __future__ import annotations

import itertools

import numpy as np

from lagebild.enrich.ner_accurate import _decode, _decode_greedy

LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG"]


def _logits(rows: list[dict[str, float]]) -> np.ndarray:
    out = np.zeros((len(rows), len(LABELS)), dtype=np.float32)
    for t, row in enumerate(rows):
        for lab, v in row.items():
            out[t, LABELS.index(lab)] = v
    return out


def _valid(tags: list[str]) -> bool:
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            return False
        prev = tag
    return True


def test_orphan_inside_tag_takes_the_best_valid_path_not_a_new_chunk():
    # "Angela Merkel": PER start, then I-ORG barely above I-PER; greedy repair opens a new
    # ORG chunk, the constrained decoder continues the person
    lg = _logits([{"B-PER": 5.0}, {"I-ORG": 3.0, "I-PER": 2.9}])
    assert _decode_greedy(lg, [0, 1], LABELS) == ["B-PER", "B-ORG"]
    assert _decode(lg, [0, 1], LABELS) == ["B-PER", "I-PER"]


def test_a_sentence_cannot_start_inside_a_chunk():
    lg = _logits([{"I-PER": 4.0, "O": 3.0}, {"O": 5.0}])
    assert _decode(lg, [0, 1], LABELS) == ["O", "O"]


def test_valid_argmax_path_is_kept_and_word_without_pieces_is_outside():
    lg = _logits([{"B-ORG": 4.0}, {"I-ORG": 4.0}, {"O": 1.0}, {"I-ORG": 2.0, "B-ORG": 1.9}])
    # word 2 has no piece (-1): it is O, so word 3 cannot continue the ORG of words 0-1
    assert _decode(lg, [0, 1, -1, 3], LABELS) == ["B-ORG", "I-ORG", "O", "B-ORG"]
    assert _decode(lg[:2], [0, 1], LABELS) == _decode_greedy(lg[:2], [0, 1], LABELS)
    assert _decode(lg, [], LABELS) == []


def test_decoder_finds_the_best_valid_path_by_brute_force():
    rng = np.random.default_rng(0)
    for _ in range(200):
        n = int(rng.integers(1, 5))
        lg = rng.normal(size=(n, len(LABELS))).astype(np.float32) * 2
        got = _decode(lg, list(range(n)), LABELS)
        assert _valid(got)
        best = max((p for p in itertools.product(LABELS, repeat=n) if _valid(list(p))),
                   key=lambda p: sum(lg[t, LABELS.index(x)] for t, x in enumerate(p)))
        assert got == list(best)
