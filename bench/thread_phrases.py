"""Rare multi-word phrases as a link between storyline fragments: the diagnosis behind
``bench/thread_gaps.py --phrases`` (issue 12 §2).

Single words such as ``convention``, ``debate`` or ``email`` are too frequent in a campaign feed
to be rare; phrases (``democratic national convention``, ``orlando nightclub``, ``private email
server``) are rare and look thread-specific.  This module measures, on a kept store and its gold,
whether the fragments of split gold threads share such phrases more often than storylines of
different threads do, before anything is built on them.  Bench only: nothing here is shipped.

A phrase is a run of 2 or 3 words (letters, an inner apostrophe) whose first and last words are
not function words (``STOP`` of the grouping features plus English fillers); a 3-word phrase
does not have ``and``/``the`` in the middle.  Document frequencies are counted over the store's
articles (the feed), IDF = ln((N + 1) / (df + 1)); phrases seen once are left out.  A storyline
*carries* a phrase when at least ``share`` of its articles hold it.  Nested phrases count once
(``senator ted`` inside ``senator ted cruz``).
"""

from __future__ import annotations

import itertools
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence

import numpy as np
from thread_gaps import bcubed

from lagebild.group._features import STOP
from lagebild.model import Article

_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_FILLERS = frozenset(
    """
    a an of in on at to by as is it be he she we you i or if so no do did does can could may might
    must shall should it's mr mrs ms dr just like very even because while though still yet then
    here how why all any each every most many much own same both either neither few whom whose
    being am re ve ll don didn doesn isn wasn aren weren won wouldn couldn shouldn monday tuesday
    wednesday thursday friday saturday sunday percent year years week weeks day days time last
    first next ago according people going get got make made think know want way back
    """.split()
)
_EDGE = STOP | _FILLERS
DAYS = 14  # the pairs looked at: storylines whose days come within two weeks (as the join pass)


def phrases(text: str) -> set[str]:
    """The 2- and 3-word phrases of a text (see the module docstring)."""
    toks = [t.casefold() for t in _TOKEN.findall(text)]
    out = set()
    for n in (2, 3):
        for i in range(len(toks) - n + 1):
            g = toks[i : i + n]
            if g[0] in _EDGE or g[-1] in _EDGE or len(g[0]) < 3 or len(g[-1]) < 3:
                continue
            if n == 3 and g[1] in ("the", "and", "said", "says"):
                continue
            out.add(" ".join(g))
    return out


def single_words(text: str) -> set[str]:
    """The words of at least 3 letters that are not function words (the baseline)."""
    return {t for t in (w.casefold() for w in _TOKEN.findall(text)) if len(t) >= 3} - _EDGE


def _outermost(ps: Sequence[str]) -> list[str]:
    out: list[str] = []
    for p in sorted(ps, key=len, reverse=True):
        if not any(p in q for q in out):
            out.append(p)
    return out


def diagnose(
    arts: Sequence[Article],
    placed: Mapping[str, str],
    gold: Mapping[str, str],
    emb_floors: Sequence[float] = (0.0, 0.6),
    say: Callable[[str], None] = print,
) -> None:
    """Print the pair counts, the ceiling and the greedy join for phrases and single words.

    ``placed``: every article's storyline; ``gold``: the labelled articles' gold storylines
    (``solo:`` = unthreaded).
    """
    members = [a for a in gold if not gold[a].startswith("solo:") and placed.get(a)]
    every = [a for a in gold if placed.get(a)]
    by_id = {a.id: a for a in arts}
    day = {a.id: a.published.toordinal() for a in arts if a.published is not None}
    sl: dict[str, list[str]] = defaultdict(list)
    for a, s in placed.items():
        if s and a in day:
            sl[s].append(a)
    span = {s: (min(day[a] for a in v), max(day[a] for a in v)) for s, v in sl.items()}
    ids = sorted(sl)
    near = [
        (s, t)
        for i, s in enumerate(ids)
        for t in ids[i + 1 :]
        if max(span[s][0], span[t][0]) - min(span[s][1], span[t][1]) <= DAYS
    ]
    thr = {s: {gold[a] for a in v if a in gold and not gold[a].startswith("solo:")}
           for s, v in sl.items()}  # fmt: skip
    labd = {s: {gold[a] for a in v if a in gold} for s, v in sl.items()}

    def kind(s: str, t: str) -> str:
        if thr[s] & thr[t]:
            return "good"
        return "bad" if labd[s] and labd[t] and not labd[s] & labd[t] else "unknown"

    def joined_score(pairs: Sequence[tuple[str, str]]) -> tuple[tuple, float, int]:
        par: dict[str, str] = {}

        def find(x: str) -> str:
            while par.get(x, x) != x:
                x = par[x]
            return x

        for s, t in pairs:
            par[find(s)] = find(t)
        j = {a: find(s) for a, s in placed.items() if s}
        return bcubed(members, j, gold), bcubed(every, j, gold)[0], max(Counter(j.values()).values())

    now = bcubed(members, placed, gold)
    n_good = sum(kind(s, t) == "good" for s, t in near)
    n_bad = sum(kind(s, t) == "bad" for s, t in near)
    say(f"{len(by_id)} articles, {len(sl)} storylines, {len(near)} pairs within {DAYS} days:"
        f" {n_good} hold one gold thread, {n_bad} only other labels; thread members now"
        f" P / R / F1 {now[0]:.3f} / {now[1]:.3f} / {now[2]:.3f},"
        f" all labelled P {bcubed(every, placed, gold)[0]:.3f}")  # fmt: skip
    sc = joined_score([(s, t) for s, t in near if kind(s, t) == "good"])
    say(f"ceiling, every good pair joined: F1 {sc[0][2]:.3f}")
    emb = {a.id: np.frombuffer(a.embedding, dtype=np.float32) for a in arts if a.embedding}
    for name, extract in (("phrases", phrases), ("single words", single_words)):
        feats = {a.id: extract(f"{a.title or ''} . {a.text}") for a in arts}
        df = Counter(p for f in feats.values() for p in f)
        n = len(feats)
        idf = {p: math.log((n + 1) / (c + 1)) for p, c in df.items() if c >= 2}
        say(f"-- {name}")
        for idf_min, share in itertools.product((3.0, 4.0), (0.5, 0.67)):
            carried = {}
            for s, v in sl.items():
                c = Counter(p for a in v for p in feats[a] if idf.get(p, 0.0) >= idf_min)
                carried[s] = {p for p, k in c.items() if k / len(v) >= share}
            flagged = [(s, t) for s, t in near if carried[s] & carried[t]]
            k = Counter(kind(s, t) for s, t in flagged)
            ceil = joined_score([p for p in flagged if kind(*p) == "good"])[0][2]
            say(f"   IDF >= {idf_min}, share >= {share}, one shared: flagged {len(flagged)},"
                f" good {k['good']}, bad {k['bad']}, unknown {k['unknown']};"
                f" ceiling (good ones only) F1 {ceil:.3f}")
        for idf_min, share, need, floor in itertools.product(
            (2.5, 3.0), (0.5, 0.67), (3.0, 6.0), emb_floors
        ):
            m, (bc, allp, big) = _greedy(sl, near, feats, idf, emb, placed, idf_min, share,
                                         need, floor, joined_score)  # fmt: skip
            say(f"   greedy IDF >= {idf_min}, share >= {share}, IDF x share >= {need},"
                f" embedding >= {floor}: {m} joins, thread members P / R / F1 {bc[0]:.3f} /"
                f" {bc[1]:.3f} / {bc[2]:.3f}, all labelled P {allp:.3f}, largest {big}")


def _greedy(sl, near, feats, idf, emb, placed, idf_min, share, need, floor, joined_score):  # type: ignore[no-untyped-def]
    """Join the strongest pairs first; the shared phrases are recomputed on the joined
    storylines (a chain of different phrases does not pass), the embedding of their means."""
    members = {s: list(v) for s, v in sl.items()}
    count = {s: Counter(p for a in v for p in feats[a] if idf.get(p, 0.0) >= idf_min)
             for s, v in sl.items()}  # fmt: skip
    mean = {s: np.mean([emb[a] for a in v if a in emb] or [np.zeros(1)], axis=0)
            for s, v in sl.items()}  # fmt: skip
    par: dict[str, str] = {}

    def find(x: str) -> str:
        while par.get(x, x) != x:
            x = par[x]
        return x

    def score(a: str, b: str) -> float:
        na, nb = len(members[a]), len(members[b])
        both = [p for p in count[a].keys() & count[b].keys()
                if count[a][p] / na >= share and count[b][p] / nb >= share]  # fmt: skip
        return sum(idf[p] * min(count[a][p] / na, count[b][p] / nb) for p in _outermost(both))

    todo = sorted((-x, s, t) for s, t in near if (x := score(s, t)) >= need)
    joins = []
    for _, s, t in todo:
        a, b = find(s), find(t)
        if a == b or score(a, b) < need:
            continue
        ea, eb = mean[a], mean[b]
        cos = float(ea @ eb / (np.linalg.norm(ea) * np.linalg.norm(eb) + 1e-9)) if ea.size > 1 else 0
        if cos < floor:
            continue
        keep, gone = sorted((a, b))
        par[gone] = keep
        members[keep] += members.pop(gone)
        count[keep] += count.pop(gone)
        mean[keep] = np.mean([emb[x] for x in members[keep] if x in emb] or [np.zeros(1)], axis=0)
        joins.append((s, t))
    return len(joins), joined_score(joins)
