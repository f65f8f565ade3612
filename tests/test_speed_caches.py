"""The speed caches of stop 30 give what the uncached code gave (and cannot be changed
through what they hand out)."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys

import pytest

from lagebild.enrich import names_spans
from lagebild.enrich.sentences import split_sentences
from lagebild.store import grouping


def test_split_sentences_hands_out_fresh_lists() -> None:
    text = "Erster Satz. Zweiter Satz.\nDritter Satz!"
    first = split_sentences(text)
    first.append((0, 1))
    assert split_sentences(text) == [(0, 12), (13, 26), (27, 40)]


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Merkel sagte. Merkels Rede.", "Merkels"),
        ("Die Merkel-Regierung. Merkels Rede.", "Merkels"),  # only inside a hyphenated run
        ("Hundstorfer_x und Hundstorfers", "Hundstorfers"),
        ("Ö-Ton Ö-Tons", "Ö-Tons"),
        ("Kein Name hier: Müllers", "Müllers"),
        ("Peter (Müller) und Müllers Hund", "Müllers"),
    ],
)
def test_genitive_of_as_the_regular_expression(text: str, word: str) -> None:
    bare = word[:-1]
    want = re.search(rf"(?<![\w-]){re.escape(bare)}(?![\w-])", text) is not None
    assert names_spans._genitive_of(text, word) is want


def test_decoded_centroid_json_is_a_fresh_copy() -> None:
    terms, ents = json.dumps({"wahl": 0.5, "partei": 0.25}), json.dumps({"e1": 2})
    a_terms, a_ents, a_norm = grouping._decoded(terms, ents)
    a_terms["wahl"] = 9.0
    a_ents.clear()
    b_terms, b_ents, b_norm = grouping._decoded(terms, ents)
    assert b_terms == {"wahl": 0.5, "partei": 0.25} and b_ents == {"e1": 2}
    assert list(b_terms) == ["wahl", "partei"]  # the order json.loads gives
    # the cached norm is the terms' own, not changed by the caller's edit
    assert a_norm == b_norm == pytest.approx((0.5**2 + 0.25**2) ** 0.5)


@pytest.mark.skipif(importlib.util.find_spec("torch") is None, reason="torch not installed")
def test_word_splitter_does_not_import_torch() -> None:
    code = (
        "import sys\n"
        "from lagebild.enrich.ner_accurate import _words\n"
        "assert _words('Angela Merkel sagte.') == [(0, 6), (7, 13), (14, 19), (19, 20)]\n"
        "print('torch' in sys.modules)\n"
        "import torch\n"
        "print(torch.zeros(1).shape[0])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "1"]
