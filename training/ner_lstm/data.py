"""Readers shared with the transformer training (training/ner_accurate), re-exported here."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "ner_accurate"))

from distill import damage, read_tokens  # noqa: E402,F401
from train import BASES, LABELS, read_bioes, read_gold  # noqa: E402,F401
