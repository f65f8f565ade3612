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


@pytest.mark.skipif(not _corpus.GNAD.exists(), reason="10kGNAD not present")
def test_fifth_round_draws_new_articles(monkeypatch: pytest.MonkeyPatch) -> None:
    rows = {}
    for r in (1, 2, 3, 4, 5):
        monkeypatch.setattr(qs, "ROUND", r)
        rows[r] = (set(qs.sample("dev")), set(qs.sample("test")))
    dev5, test5 = rows[5]
    assert len(dev5) == len(test5) == 20 and not dev5 & test5
    earlier = set().union(*rows[1], *rows[2], *rows[3], *rows[4])
    assert not (dev5 | test5) & earlier
    monkeypatch.setattr(qs, "ROUND", 5)
    assert qs._tag() == "_r5"


def test_evidence_table_counts_shown_speakers_per_kind() -> None:
    import quotes_news_evidence as qe

    rows = [
        {"speaker": "Sie", "shown": True, "judgement": "right",
         "evidence": "konjunktiv_chain/pronoun; entity by name"},
        {"speaker": "Sie", "shown": True, "judgement": "wrong",
         "evidence": "konjunktiv_chain/pronoun"},
        {"speaker": "Merkel", "shown": True, "judgement": "noquote",
         "evidence": "konjunktiv_chain/name"},
        {"speaker": "Merkel", "shown": True, "judgement": "unjudged",
         "evidence": "konjunktiv_chain/name"},
        {"speaker": "", "shown": False, "judgement": "none", "evidence": "complement"},
    ]
    by_rule = qe.table(rows, form=False)
    assert list(by_rule) == ["konjunktiv_chain"]
    assert by_rule["konjunktiv_chain"] == {
        "shown": 3, "right": 1, "wrong": 1, "noquote": 1, "precision": 0.333, "unjudged": 1,
    }
    by_form = qe.table(rows, form=True)
    assert by_form["konjunktiv_chain/pronoun"]["precision"] == 0.5
    assert by_form["konjunktiv_chain/name"]["shown"] == 1
