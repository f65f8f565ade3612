"""The 10kGNAD quote samples of ``bench/quotes_news_sample.py``: the third round (stop 34,
task C) draws 40 articles that neither earlier round drew, 20 dev and 20 held-out; the fourth
(stop 34, task C2) 40 that no earlier round drew."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[1] / "bench"
sys.path.insert(0, str(BENCH))
import _corpus  # noqa: E402
import quotes_news_sample as qs  # noqa: E402


@pytest.mark.skipif(not _corpus.GNAD.exists(), reason="10kGNAD not present")
def test_third_round_draws_new_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = {}
    for r in (1, 2, 3):
        monkeypatch.setattr(qs, "ROUND", r)
        rows[r] = (set(qs.sample("dev")), set(qs.sample("test")))
    dev3, test3 = rows[3]
    assert len(dev3) == len(test3) == 20 and not dev3 & test3
    earlier = set().union(*rows[1], *rows[2])
    assert not (dev3 | test3) & earlier
    monkeypatch.setattr(qs, "ROUND", 3)
    assert qs._tag() == "_r3"


@pytest.mark.skipif(not _corpus.GNAD.exists(), reason="10kGNAD not present")
def test_fourth_round_draws_new_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = {}
    for r in (1, 2, 3, 4):
        monkeypatch.setattr(qs, "ROUND", r)
        rows[r] = (set(qs.sample("dev")), set(qs.sample("test")))
    dev4, test4 = rows[4]
    assert len(dev4) == len(test4) == 20 and not dev4 & test4
    earlier = set().union(*rows[1], *rows[2], *rows[3])
    assert not (dev4 | test4) & earlier
    monkeypatch.setattr(qs, "ROUND", 4)
    assert qs._tag() == "_r4"
