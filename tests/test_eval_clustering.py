"""The clustering metrics of bench/eval_clustering.py on hand-made labelings (no external data)."""

from __future__ import annotations

import importlib.util
import itertools
import random
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parent.parent / "bench" / "eval_clustering.py"
_spec = importlib.util.spec_from_file_location("eval_clustering", _PATH)
assert _spec is not None and _spec.loader is not None
ec = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ec)


def labels(groups: list[str]) -> dict[str, str]:
    """'abc de' -> a, b, c in cluster 0; d, e in cluster 1."""
    return {item: str(k) for k, g in enumerate(groups) for item in g}


def approx(values, expected):
    assert values == pytest.approx(expected, abs=1e-9)


def test_identical_clusterings_score_one():
    gold = labels(["abc", "de", "f"])
    approx(ec.bcubed(gold, gold), (1.0, 1.0, 1.0))
    approx(ec.pairwise(gold, gold), (1.0, 1.0, 1.0))


def test_cluster_names_do_not_matter():
    gold = labels(["abc", "de"])
    pred = {i: "x" + c for i, c in gold.items()}
    approx(ec.bcubed(pred, gold), (1.0, 1.0, 1.0))


def test_one_item_moved():
    # gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}
    gold, pred = labels(["abc", "de"]), labels(["ab", "cde"])
    # BCubed precision per item: a 1, b 1, c 1/3, d 2/3, e 2/3 -> 11/15
    # BCubed recall per item: a 2/3, b 2/3, c 1/3, d 1, e 1 -> 11/15
    approx(ec.bcubed(pred, gold), (11 / 15, 11 / 15, 11 / 15))
    # pairs predicted together: ab, cd, ce, de (4); gold: ab, ac, bc, de (4); both: ab, de
    approx(ec.pairwise(pred, gold), (0.5, 0.5, 0.5))


def test_all_singletons():
    gold = labels(["abcd"])
    pred = {i: i for i in gold}
    approx(ec.bcubed(pred, gold), (1.0, 0.25, 0.4))
    approx(ec.pairwise(pred, gold), (1.0, 0.0, 0.0))  # no predicted pair: precision 1 by convention


def test_everything_in_one_cluster():
    gold = labels(["a", "b", "c"])
    pred = {i: "all" for i in gold}
    approx(ec.bcubed(pred, gold), (1 / 3, 1.0, 0.5))
    approx(ec.pairwise(pred, gold), (0.0, 1.0, 0.0))  # no gold pair: recall 1 by convention


def _brute(pred: dict[str, str], gold: dict[str, str]):
    items = sorted(gold)
    p = r = 0.0
    for i in items:
        sp = {j for j in items if pred[j] == pred[i]}
        sg = {j for j in items if gold[j] == gold[i]}
        p += len(sp & sg) / len(sp)
        r += len(sp & sg) / len(sg)
    tp = fp = fn = 0
    for a, b in itertools.combinations(items, 2):
        same_p, same_g = pred[a] == pred[b], gold[a] == gold[b]
        tp += same_p and same_g
        fp += same_p and not same_g
        fn += same_g and not same_p
    return (p / len(items), r / len(items)), (
        tp / (tp + fp) if tp + fp else 1.0,
        tp / (tp + fn) if tp + fn else 1.0,
    )


def test_counting_matches_the_definition_on_random_labelings():
    rng = random.Random(5)
    for _ in range(30):
        items = [f"i{k}" for k in range(rng.randint(2, 40))]
        gold = {i: str(rng.randrange(6)) for i in items}
        pred = {i: str(rng.randrange(6)) for i in items}
        (bp, br), (pp, pr) = _brute(pred, gold)
        approx(ec.bcubed(pred, gold)[:2], (bp, br))
        approx(ec.pairwise(pred, gold)[:2], (pp, pr))


def test_scores_counts_clusters():
    gold, pred = labels(["abc", "de"]), labels(["ab", "c", "de"])
    s = ec.scores(pred, gold)
    assert (s["items"], s["clusters"], s["gold_clusters"], s["singletons"], s["largest"]) == (
        5,
        3,
        2,
        1,
        2,
    )


def test_an_item_without_prediction_is_an_error():
    with pytest.raises(KeyError):
        ec.bcubed({"a": "0"}, labels(["ab"]))


def test_split_is_disjoint_and_stable():
    names = [f"story-{k}" for k in range(200)]
    dev = {n for n in names if ec._keep(n, "dev")}
    test = {n for n in names if ec._keep(n, "test")}
    assert dev and test and not dev & test and dev | test == set(names)
    assert dev == {n for n in names if ec._keep(n, "dev")}


def test_day_shuffled_keeps_the_days_in_order_and_shuffles_within_a_day():
    ids = [f"a{k}" for k in range(30)]
    days = {i: f"2016-01-{1 + k // 10:02d}" for k, i in enumerate(ids)}
    days["a29"] = None  # an undated article stays among its neighbours of the same key
    one, again, other = (ec.day_shuffled(ids, days, s) for s in (1, 1, 2))
    assert one == again and one != other and sorted(one) == sorted(ids)
    for order in (one, other):
        assert [days[i] for i in order] == [days[i] for i in ids]  # day blocks in place
    assert one[:10] != ids[:10] and set(one[:10]) == set(ids[:10])


def test_uci_converter_orders_by_time_and_skips_truncated_rows(tmp_path):
    csv_text = (
        "ID,TITLE,URL,PUBLISHER,CATEGORY,STORY,HOSTNAME,TIMESTAMP\n"
        '2,"Later, headline",http://b.example/x,B,b,s1,b.example,1394470371207\n'
        "1,Earlier headline,http://a.example/y,A,b,s2,a.example,1394470370698\n"
        "3,Cut off,http://c.example/z\n"
    )
    path = tmp_path / "uci.csv"
    path.write_text(csv_text, encoding="utf-8")
    recs = ec.convert_uci(path, "all")
    assert [r["text"] for r in recs] == ["Earlier headline", "Later, headline"]
    assert [r["gold"] for r in recs] == ["s2", "s1"]
    assert recs[0]["date"] == "2014-03-10T16:52:50Z" and recs[0]["language"] == "en"
