"""Storyline pairs at the end of a run: can a learned link over *combined* signals join the
fragments of a thread that no single signal joins? (issue 12 §2; bench only, nothing shipped).

Reads kept stores grouped in different arrival orders (``bench/trace_merges.py --db PATH
--order-seed N`` leaves the store grouped in order N), changes nothing, and for every pair of
final storylines whose days come within 14 days of each other computes the features of
:data:`FEATURES` from their member articles: embedding cosine of the means and the highest one
over member pairs, the TF-IDF cosine of their words, the rare words, rare phrases
(``thread_phrases``), headline words, resolved entities and quoted speakers the two share
(IDF x the smaller share of articles holding it, summed), the principal actors both have among
their five most named, outlet overlap, the days between them and their sizes.

A pair is *good* when both storylines hold a dev article of one gold thread, *bad* when both hold
labelled dev articles and share none (unthreaded ones count as their own label), else unknown
(a side without a dev label: the feed's other reports, the test split's among them).  A
logistic regression (standardised features, L2, Newton steps) is fitted on the labelled pairs of
all stores pooled and scored by **cross-validation over gold labels**: each label is in one of
``--folds`` folds (a hash of its name), a pair is scored in the fold of its smallest label and
the model of that fold never saw a pair touching any label of the fold.  Printed:

* the AUC of each feature alone and of the cross-validated model, and the good pairs the model
  finds at pair precision 0.95 / 0.9 / 0.8 / 0.7 (the decision the brief asks for);
* per store, a greedy join on the out-of-fold probabilities (the most probable pair first; a
  pair whose sides were already joined to others is scored again on the joined storylines, so
  that no chain passes on an old link), each threshold scored as BCubed over thread members
  and precision over all labelled articles, with the largest storyline.

Usage:
    .venv/bin/python bench/storyline_pairs.py --gold polnear --db /tmp/o0/pol.db --db /tmp/o1/pol.db

Dev only: the test split's labels are never read.
"""

from __future__ import annotations

import argparse
import heapq
import math
import pickle
import sys
import zlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from thread_gaps import bcubed  # noqa: E402
from thread_phrases import DAYS, phrases, single_words  # noqa: E402

FEATURES = (
    "emb_mean", "emb_max", "terms_cos", "rare_words", "phrases", "headline", "entities",
    "principal", "speakers", "outlets", "gap_days", "overlap", "size_min", "size_max",
    "rare_entities", "art_terms_max", "art_terms_mean", "art_entities_max",
)  # fmt: skip
RARE = 3.0  # IDF floor of the rare words and phrases


@dataclass
class Art:
    id: str
    day: int
    emb: np.ndarray | None
    words: set[str]
    phrases: set[str]
    title: set[str]
    entities: set[str]
    speakers: set[str]
    source: str


@dataclass
class Side:
    """The aggregates of one storyline (a set of articles) the features are computed from."""

    arts: list[str]
    rows: np.ndarray  # the members' rows in the feed's article-pair matrices
    first: int
    last: int
    emb: np.ndarray  # rows: the members' unit embeddings
    counts: dict[str, Counter] = field(default_factory=dict)
    sources: set[str] = field(default_factory=set)
    vec: dict[str, float] = field(default_factory=dict)
    norm: float = 0.0


class Feed:
    """The articles of one store, their signals and the feed's IDF tables."""

    def __init__(self, arts: Sequence[Art]) -> None:
        self.arts = {a.id: a for a in arts}
        n = len(arts)
        self.idf: dict[str, dict[str, float]] = {}
        for kind in ("words", "phrases", "title", "entities", "speakers"):
            df = Counter(x for a in arts for x in getattr(a, kind))
            self.idf[kind] = {x: math.log((n + 1) / (c + 1)) for x, c in df.items()}
        self.row = {a.id: i for i, a in enumerate(arts)}
        self.terms = self._cosines(arts, "words", 1.0)
        self.ents = self._cosines(arts, "entities", 1.0)

    def _cosines(self, arts: Sequence[Art], kind: str, floor: float) -> np.ndarray:
        """Article x article cosine of IDF-weighted presence vectors (``kind``, IDF >= floor)."""
        idf = self.idf[kind]
        vocab = {x: i for i, x in enumerate(sorted(x for x, v in idf.items() if v >= floor))}
        m = np.zeros((len(arts), len(vocab)), dtype=np.float32)
        for r, a in enumerate(arts):
            for x in getattr(a, kind):
                if x in vocab:
                    m[r, vocab[x]] = idf[x]
        m /= np.linalg.norm(m, axis=1, keepdims=True) + 1e-9
        return m @ m.T

    def side(self, ids: Sequence[str]) -> Side:
        arts = [self.arts[i] for i in ids]
        embs = [a.emb for a in arts if a.emb is not None]
        s = Side(
            list(ids), np.array([self.row[i] for i in ids]),
            min(a.day for a in arts), max(a.day for a in arts),
            np.stack(embs) if embs else np.zeros((0, 1), dtype=np.float32),
        )  # fmt: skip
        for kind in ("words", "phrases", "title", "entities", "speakers"):
            s.counts[kind] = Counter(x for a in arts for x in getattr(a, kind))
        s.sources = {a.source for a in arts}
        idf = self.idf["words"]
        s.vec = {w: c * idf[w] for w, c in s.counts["words"].items() if idf[w] >= 1.0}
        s.norm = math.sqrt(sum(v * v for v in s.vec.values())) or 1.0
        return s

    def shared(self, a: Side, b: Side, kind: str, floor: float = 0.0) -> float:
        ca, cb, idf = a.counts[kind], b.counts[kind], self.idf[kind]
        na, nb = len(a.arts), len(b.arts)
        if len(ca) > len(cb):
            ca, cb = cb, ca
        return sum(
            idf[x] * min(ca[x] / na, cb[x] / nb)
            for x in ca
            if x in cb and idf[x] >= floor
        )

    def features(self, a: Side, b: Side) -> list[float]:
        if a.emb.shape[0] and b.emb.shape[0]:
            ma, mb = a.emb.mean(0), b.emb.mean(0)
            emb_mean = float(ma @ mb / (np.linalg.norm(ma) * np.linalg.norm(mb) + 1e-9))
            emb_max = float((a.emb @ b.emb.T).max())
        else:
            emb_mean = emb_max = 0.0
        small, big = (a.vec, b.vec) if len(a.vec) <= len(b.vec) else (b.vec, a.vec)
        terms = sum(v * big[w] for w, v in small.items() if w in big) / (a.norm * b.norm)
        top_a, top_b = _principal(a), _principal(b)
        gap = max(a.first, b.first) - min(a.last, b.last)
        na, nb = len(a.arts), len(b.arts)
        return [
            emb_mean, emb_max, terms,
            math.log1p(self.shared(a, b, "words", RARE)),
            math.log1p(self.shared(a, b, "phrases", RARE)),
            math.log1p(self.shared(a, b, "title", 2.0)),
            math.log1p(self.shared(a, b, "entities", 1.0)),
            float(len(top_a & top_b)),
            math.log1p(self.shared(a, b, "speakers", 1.0)),
            len(a.sources & b.sources) / len(a.sources | b.sources),
            float(max(gap, 0)), float(gap <= 0),
            math.log(min(na, nb)), math.log(max(na, nb)),
            math.log1p(self.shared(a, b, "entities", RARE)),
            float(self.terms[np.ix_(a.rows, b.rows)].max()),
            float(self.terms[np.ix_(a.rows, b.rows)].mean()),
            float(self.ents[np.ix_(a.rows, b.rows)].max()),
        ]  # fmt: skip


def _principal(s: Side, k: int = 5) -> set[str]:
    """The ``k`` entities most of the storyline's articles name (ties by id: the same in every
    run, whatever the hash seed of the sets the counts came from)."""
    return {x for x, _ in sorted(s.counts["entities"].items(), key=lambda e: (-e[1], e[0]))[:k]}


def load(db: Path, corpus: str) -> tuple[Feed, dict[str, str], dict[str, str]]:
    """The store's feed, every article's storyline, and the dev labels (``solo:`` unthreaded)."""
    from gold_corpora import load_gold, load_records, split_of

    from lagebild.store import Store
    from lagebild.store import grouping as _db

    recs = load_records(corpus)
    labels = load_gold(corpus)
    line_key = {str(n): r["key"] for n, r in enumerate(recs, 1)}
    arts: list[Art] = []
    placed: dict[str, str] = {}
    gold: dict[str, str] = {}
    with Store(db) as store:
        conn = store.conn
        origin = dict(conn.execute("SELECT article_id, origin FROM origins").fetchall())
        for a in store.iter_articles(full=True):
            p = _db.placement(conn, a.id)
            if p is None or not p.storyline_id or a.published is None:
                continue
            placed[a.id] = p.storyline_id
            key = line_key.get(origin.get(a.id, "").rsplit("#L", 1)[-1])
            x = labels.get(key) if key else None
            if x is not None and split_of(x.storyline) == "dev":
                gold[a.id] = x.storyline
            text = f"{a.title or ''} . {a.text}"
            arts.append(Art(
                a.id, a.published.toordinal(),
                np.frombuffer(a.embedding, dtype=np.float32) if a.embedding else None,
                single_words(text), phrases(text), single_words(a.title or ""),
                {e.id for e in a.entities},
                {s for q in a.quotes for s in q.speaker_entities},
                a.source or "",
            ))  # fmt: skip
    return Feed(arts), placed, gold


def fit(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 30) -> np.ndarray:
    """Logistic regression by Newton steps; ``x`` standardised with a bias column first."""
    w = np.zeros(x.shape[1])
    reg = np.full(x.shape[1], l2)
    reg[0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x @ w))
        grad = x.T @ (p - y) + reg * w
        hess = (x * (p * (1 - p))[:, None]).T @ x + np.diag(reg) + 1e-9 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def auc(score: np.ndarray, y: np.ndarray) -> float:
    order = np.argsort(score, kind="mergesort")
    ranks = np.empty(len(score))
    ranks[order] = np.arange(1, len(score) + 1)
    for v in np.unique(score):  # ties share their mean rank
        m = score == v
        ranks[m] = ranks[m].mean()
    pos = y == 1
    n1, n0 = pos.sum(), (~pos).sum()
    return float((ranks[pos].sum() - n1 * (n1 + 1) / 2) / (n1 * n0)) if n1 and n0 else 0.5


def fold_of(label: str, k: int) -> int:
    return zlib.crc32(label.encode()) % k


class Model:
    """Standardised features (and, ``quadratic``, their pairwise products), logistic."""

    def __init__(self, x: np.ndarray, y: np.ndarray, l2: float, quadratic: bool = False) -> None:
        self.mu, self.sd = x.mean(0), x.std(0) + 1e-9
        self.quadratic = quadratic
        self.w = fit(self._design(x), y, l2)

    def _design(self, x: np.ndarray) -> np.ndarray:
        z = (x - self.mu) / self.sd
        parts = [np.ones((len(x), 1)), z]
        if self.quadratic:
            i, j = np.triu_indices(z.shape[1])
            parts.append(z[:, i] * z[:, j])
        return np.hstack(parts)

    def prob(self, x: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-self._design(np.atleast_2d(x)) @ self.w))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--gold", choices=("spkatt", "polnear"), required=True)
    ap.add_argument("--db", type=Path, action="append", required=True)
    ap.add_argument("--cache", type=Path, help="keep each store's loaded signals here (pickle)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--quadratic", action="store_true", help="add the features' pairwise products")
    ap.add_argument("--thresholds", type=float, nargs="+",
                    default=[0.5, 0.6, 0.7, 0.8, 0.9, 0.95])  # fmt: skip
    args = ap.parse_args(argv)
    k = args.folds

    stores = []
    for db in args.db:
        cached = None
        if args.cache:
            cached = args.cache / (str(db).strip("/").replace("/", "_") + ".pkl")
        if cached is not None and cached.exists():
            feed, placed, gold = pickle.loads(cached.read_bytes())
        else:
            feed, placed, gold = load(db, args.gold)
            if cached is not None:
                cached.write_bytes(pickle.dumps((feed, placed, gold)))
        sl: dict[str, list[str]] = defaultdict(list)
        for a, s in sorted(placed.items()):
            sl[s].append(a)
        sides = {s: feed.side(v) for s, v in sl.items()}
        labs = {s: {gold[a] for a in v if a in gold} for s, v in sl.items()}
        thr = {s: {x for x in v if not x.startswith("solo:")} for s, v in labs.items()}
        tag = zlib.crc32(repr((FEATURES, k)).encode())
        pcache = cached.with_suffix(f".{tag}.pairs") if cached else None
        if pcache is not None and pcache.exists():
            rows, kinds, folds, pairs = pickle.loads(pcache.read_bytes())
        else:
            rows, kinds, folds, pairs = _pairs(feed, sides, labs, thr, k)
            if pcache is not None:
                pcache.write_bytes(pickle.dumps((rows, kinds, folds, pairs)))
        stores.append((db, feed, placed, gold, sides, rows, kinds, folds, pairs))
        n = Counter(kinds)
        print(f"{db}: {len(placed)} placed, {len(sides)} storylines, {len(pairs)} pairs within"
              f" {DAYS} days: good {n[1]}, bad {n[0]}, unknown {n[-1]}", flush=True)

    x = np.vstack([s[5] for s in stores])
    kinds = np.concatenate([s[6] for s in stores])
    folds = [f for s in stores for f in s[7]]
    lab = kinds >= 0
    print("\nAUC of 'same thread' over the labelled pairs (all stores pooled):")
    for j, name in enumerate(FEATURES):
        print(f"  {name:11s} {auc(x[lab, j], kinds[lab]):.3f}")
    models = []
    for f in range(k):
        train = np.array([kd >= 0 and f not in touch for kd, (_, touch) in zip(kinds, folds)])
        models.append(Model(x[train], kinds[train].astype(float), args.l2, args.quadratic))
    oof = np.empty(len(x))
    for i, (home, _) in enumerate(folds):
        oof[i] = models[home].prob(x[i])[0]
    y, p = kinds[lab], oof[lab]
    print(f"  cross-validated model {auc(p, y):.3f}")
    full = Model(x[lab], y.astype(float), args.l2, args.quadratic)
    print("  whole-dev coefficients (standardised): " + ", ".join(
        f"{n} {w:+.2f}" for n, w in zip(("bias",) + FEATURES, full.w)))
    fitted = full.prob(x[lab])
    print(f"  whole-dev model on its own pairs (fitted, not cross-validated):"
          f" AUC {auc(fitted, y):.3f}")
    for name, score in (("cross-validated", p), ("fitted on these pairs", fitted)):
        order = np.argsort(-score)
        tp = np.cumsum(y[order] == 1)
        prec = tp / np.arange(1, len(order) + 1)
        print(f"  {name}: good pairs found (of {int(y.sum())}; {len(y)} labelled pairs) at pair"
              " precision >= " + ", ".join(
                  f"{want}: {int(tp[ok.max()]) if len(ok := np.nonzero(prec >= want)[0]) else 0}"
                  for want in (0.95, 0.9, 0.8, 0.7, 0.5)))

    offset = 0
    summary: dict[float, list[tuple]] = defaultdict(list)
    for db, feed, placed, gold, sides, rows, kinds_s, folds_s, pairs in stores:
        probs = oof[offset : offset + len(pairs)]
        offset += len(pairs)
        members = [a for a in gold if not gold[a].startswith("solo:")]
        every = list(gold)
        now = bcubed(members, placed, gold), bcubed(every, placed, gold)[0]
        print(f"\n{db}: now thread members {now[0][0]:.3f} / {now[0][1]:.3f} / {now[0][2]:.3f},"
              f" all labelled P {now[1]:.3f}")
        summary[-1].append((*now[0], now[1], max(Counter(placed.values()).values()), 0))
        for t in args.thresholds:
            joined, n = greedy(feed, sides, pairs, probs, folds_s, models, t)
            j = {a: joined.get(s, s) for a, s in placed.items()}
            bc, allp = bcubed(members, j, gold), bcubed(every, j, gold)[0]
            big = max(Counter(j.values()).values())
            summary[t].append((*bc, allp, big, n))
            print(f"  greedy p >= {t}: {n} joins, thread members {bc[0]:.3f} / {bc[1]:.3f} /"
                  f" {bc[2]:.3f}, all labelled P {allp:.3f}, largest {big}", flush=True)
    print(f"\nmean over {len(stores)} stores (thread members P / R / F1; all labelled P;"
          " largest; joins):")
    for t, runs in sorted(summary.items()):
        m = np.array(runs).mean(0)
        name = "now" if t < 0 else f"p >= {t}"
        print(f"  {name:9s} {m[0]:.3f} / {m[1]:.3f} / {m[2]:.3f}; {m[3]:.3f}"
              f" (min {min(r[3] for r in runs):.3f}); {int(max(r[4] for r in runs))};"
              f" {m[5]:.1f}")


def _pairs(feed, sides, labs, thr, k):  # type: ignore[no-untyped-def]
    """The candidate pairs within DAYS, their features, kind (1 good, 0 bad, -1 unknown) and
    folds (the fold scoring it, the folds of every label it touches)."""
    ids = sorted(sides)
    rows: list[list[float]] = []
    kinds: list[int] = []
    folds: list[tuple[int, frozenset[int]]] = []
    pairs: list[tuple[str, str]] = []
    for i, s in enumerate(ids):
        for t in ids[i + 1 :]:
            a, b = sides[s], sides[t]
            if max(a.first, b.first) - min(a.last, b.last) > DAYS:
                continue
            kind = -1  # unknown: a side without a dev label
            if thr[s] & thr[t]:
                kind = 1
            elif labs[s] and labs[t] and not labs[s] & labs[t]:
                kind = 0
            both = labs[s] | labs[t]
            first = min(both) if both else f"{s}|{t}"
            rows.append(feed.features(a, b))
            kinds.append(kind)
            folds.append((fold_of(first, k), frozenset(fold_of(x, k) for x in both)))
            pairs.append((s, t))
    return np.array(rows), np.array(kinds), folds, pairs


def greedy(
    feed: Feed,
    sides: Mapping[str, Side],
    pairs: Sequence[tuple[str, str]],
    probs: np.ndarray,
    folds: Sequence[tuple[int, frozenset[int]]],
    models: Sequence[Model],
    threshold: float,
) -> tuple[dict[str, str], int]:
    """Join the most probable pairs first; a pair whose sides are already part of joined
    storylines is scored again on them (the model of the pair's fold).  Returns each joined
    storyline's survivor and the number of joins."""
    par: dict[str, str] = {}
    cur = dict(sides)

    def find(x: str) -> str:
        while par.get(x, x) != x:
            x = par[x]
        return x

    heap = [(-p, i) for i, p in enumerate(probs) if p >= threshold]
    heapq.heapify(heap)
    n = 0
    while heap:
        _, i = heapq.heappop(heap)
        s, t = pairs[i]
        a, b = find(s), find(t)
        if a == b:
            continue
        if (a, b) != (s, t) and (a, b) != (t, s):
            sa, sb = cur[a], cur[b]
            if max(sa.first, sb.first) - min(sa.last, sb.last) > DAYS:
                continue
            if models[folds[i][0]].prob(np.array(feed.features(sa, sb)))[0] < threshold:
                continue
        keep, gone = sorted((a, b))
        par[gone] = keep
        cur[keep] = feed.side(cur[keep].arts + cur.pop(gone).arts)
        n += 1
    return {s: find(s) for s in sides}, n


if __name__ == "__main__":
    main()
