"""What grouping compares: shingles and MinHash, TF-IDF terms, entity weights, event day.

All features are computed from the stored record alone (cleaned text, title,
sentences, entities, embedding, publication date), so that grouping an article
online and grouping it again in a rebuild give the same result.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import math
import operator
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from .._deferred import stand_ins
from ..clean.steps import lead_title
from ..model import Article

__all__ = ["Features", "event_day", "features", "cosine_terms", "day_str"]

NUM_PERM = 64
BANDS = 16  # 16 bands of 4 rows: pairs with Jaccard >= ~0.5 meet in a band
ROWS = NUM_PERM // BANDS
SHINGLE = 4  # words per shingle
TOP_TERMS = 60  # TF-IDF terms kept per article
MAX_TERMS = 120  # per event or storyline centroid
_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_FULL_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")

# Function words of German and English that carry no topic (TF-IDF would weigh them down
# anyway once the corpus is large; on a small corpus they would dominate).
STOP = frozenset(
    """
    aber alle allem allen aller alles als also am an auch auf aus bei beim bereits bis bisher da
    dabei damit dann das dass dem den denen der des dessen die dies diese diesem diesen dieser
    dieses doch dort durch ein eine einem einen einer eines einige er es etwa für gegen gibt habe
    haben hat hatte hatten hier ihr ihre ihrem ihren ihrer ist jedoch jetzt kann kein keine man
    mehr mit muss nach nicht noch nun nur ob oder ohne seit sei seien sein seine seinem seinen
    seiner sich sie sind so soll sollen sowie über um und uns unter vom von vor war waren wie
    wieder wird wurde wurden zu zum zur zwei drei sagte sagten laut heute gestern wegen
    the and for that with from this have has had was were are been will would their they them
    its his her who which what when where said says not but also into than more after over about
    there these those other some such only our out new one two three says told
    """.split()
)


@dataclass(slots=True)
class Features:
    """What the grouping step knows about one article."""

    minhash: np.ndarray | None  # uint64[NUM_PERM], None when the text has no shingle
    bands: list[int]
    tf: Counter[str]  # raw term counts (TF-IDF weights need the corpus df)
    entities: dict[str, int]  # entity id -> mentions
    emb: np.ndarray | None  # float32[512], L2-normalised
    day: int | None
    day_from: str  # text | published | none
    title: str = ""
    names: dict[str, str] = field(default_factory=dict)  # entity id -> name
    places: frozenset[str] = frozenset()  # ids of the entities that are places (LOC)
    persons: frozenset[str] = frozenset()  # ids of the entities that are persons (PER)
    german: bool = False  # terms are German stems (``stem``)
    language: str | None = None  # the article's language (``de``, ``en``), None if unknown
    # undated articles only: no dated event before this year (:func:`year_floor`)
    year_floor: int | None = None
    # set when placed (``EventOptions.undated_recent``), from the feed's latest dated day:
    # undated articles that name no year: no dated event or storyline before this day
    day_floor: int | None = None
    # dated articles: long before the feed's present, so no undated event or storyline
    long_before: bool = False


def words(text: str) -> list[str]:
    return [w.casefold() for w in _WORD.findall(text)]


# Inflection endings of German stripped from a term (``Blockaden``/``Blockade``,
# ``Taxifahrern``/``Taxifahrer``, ``Hongkongs``/``Hongkong``): one thread's reports use one word in
# different forms; TF-IDF would count them as different terms.  German only: on the English dev
# feed the same stripping merged different happenings (event pairwise F1 0.747 -> 0.659).
_ENDINGS = ("ern", "en", "er", "es", "e", "s", "n")


@lru_cache(maxsize=1 << 16)  # ~200 words per article, most of them seen before
def stem(word: str) -> str:
    """A light stem: one inflection ending off a word of at least 6 letters (stem >= 4)."""
    if len(word) < 6:
        return word
    for end in _ENDINGS:
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[: -len(end)]
    return word


def _minhash(tokens: list[str]) -> np.ndarray | None:
    """The MinHash (``NUM_PERM`` values, seed 1) of the text's ``SHINGLE``-word shingles:
    what datasketch's ``MinHash.update_batch`` gives.  With its 32-bit SHA-1 hash (the
    default of datasketch 1.x and of 2.x's ``affine32`` scheme) the shingles' hash values
    come from one ``numpy`` buffer instead of one ``struct.unpack`` call each (~330
    shingles per article), and the permutations' minima are computed here as
    ``update_batch`` computes them on the CPU (any order of the values gives the same
    minima)."""
    shingles = {" ".join(tokens[i : i + SHINGLE]) for i in range(max(1, len(tokens) - SHINGLE + 1))}
    shingles.discard("")
    if not shingles:
        return None
    proto = _prototype()
    mod = sys.modules[type(proto).__module__]
    scheme = getattr(proto, "scheme", "legacy")
    if proto.hashfunc is not getattr(mod, "sha1_hash32", None) or scheme not in ("legacy", "affine32"):
        mh = type(proto)(num_perm=NUM_PERM, seed=1, permutations=proto.permutations, scheme=scheme)
        mh.update_batch([s.encode("utf-8") for s in sorted(shingles)])
        return np.asarray(mh.hashvalues, dtype=np.uint64)
    sha1 = hashlib.sha1
    # sha1_hash32: the digest's first 4 bytes, little-endian
    hv = np.frombuffer(b"".join([sha1(s.encode("utf-8")).digest()[:4] for s in shingles]), dtype="<u4")
    a, b = proto.permutations
    if scheme == "legacy":
        phv = np.bitwise_and((hv.astype(np.uint64)[:, None] * a + b) % mod._mersenne_prime, mod._max_hash)
    else:
        phv = mod._fmix(hv.astype(np.uint32)[:, None], 32) * a + b
    return np.asarray(np.minimum(proto.hashvalues, phv.min(axis=0)), dtype=np.uint64)


_PROTO: list = []


def _prototype():  # noqa: ANN202 (datasketch's MinHash, imported late)
    """``MinHash(num_perm=NUM_PERM, seed=1)``, made once per process: its permutations are
    shared by every sketch (each new sketch drew them from the seed again: ~0.25 CPU ms
    per article), as datasketch's ``copy`` shares them."""
    if not _PROTO:
        _PROTO.append(_import_minhash()(num_perm=NUM_PERM, seed=1))
    return _PROTO[0]


def _import_minhash():  # noqa: ANN202
    """``from datasketch import MinHash`` without importing ``scipy.integrate`` along.

    datasketch's package imports its LSH classes, which import SciPy's integrator at module
    level (``quad``, only called to choose LSH parameters, which lagebild never does): ~0.85
    CPU s of a command's start, the largest part of what grouping loads.  While datasketch is
    imported, ``scipy.integrate`` is a stand-in whose ``quad`` imports the real one when
    called; afterwards ``import scipy.integrate`` works as usual.  Where datasketch or
    ``scipy.integrate`` is imported already, nothing is changed."""
    if "datasketch" in sys.modules or "scipy.integrate" in sys.modules:
        from datasketch import MinHash

        return MinHash
    with stand_ins({"scipy.integrate": ("quad",)}):
        from datasketch import MinHash

    return MinHash


def _bands(sig: np.ndarray | None) -> list[int]:
    if sig is None:
        return []
    out = []
    for b in range(BANDS):
        h = hashlib.blake2b(sig[b * ROWS : (b + 1) * ROWS].tobytes(), digest_size=8).digest()
        out.append(int.from_bytes(h, "little", signed=True))
    return out


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """MinHash estimate of the Jaccard similarity of two shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)


def event_day(article: Article) -> tuple[int | None, str]:
    """The day an article reports on, as a proleptic ordinal, and where it came from.

    A full date stated in one of the first three sentences (``am Montag
    (24.06.2024)``) wins when it is within 30 days of the publication date (or
    there is none); else the publication date; else ``(None, "none")``.
    """
    pub = article.published
    for s in article.sentences[:3]:
        if s.date_from != "text" or not s.date:
            continue
        m = _FULL_DATE.match(s.date)
        if not m:
            continue
        try:
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
        except ValueError:
            continue
        if pub is None or abs((d - pub).days) <= 30:
            return d.toordinal(), "text"
    if pub is not None:
        return pub.toordinal(), "published"
    return None, "none"


_YEAR = re.compile(r"(\d{4})(?!\d)")


def year_floor(article: Article) -> int | None:
    """For an article without a date: the year before which it cannot report (the median of
    the years its date expressions name, less one), else None.  A report of 2016 that names
    2014-2016 is no report of an 1888 happening, however alike the words (a FIFA report
    joined an 1888 newspaper page, a 2024 Korea report a story of 2016).  The median, not
    the lowest: background years (``seit 2006``) are a minority of a report's dates."""
    years = sorted(
        int(m[1])
        for t in article.times
        if t.type in ("DATE", "TIME") and (m := _YEAR.match(t.value)) and int(m[1]) >= 1000
    )
    if not years:
        return None
    return years[(len(years) - 1) // 2] - 1


def too_early(feats: Features, day: int | None) -> bool:
    """Is a dated event or storyline (``day``) too early for the undated article ``feats``
    (before the year its dates name, :func:`year_floor`; or, naming none, long before the
    feed's present, ``Features.day_floor``)?  Or is an undated one (``day`` None) no match
    for the dated article ``feats`` from long before the present (``Features.long_before``:
    undated material that names no year is taken for a report of the present)?"""
    if day is None:
        return feats.long_before
    if feats.day_floor is not None and day < feats.day_floor:
        return True
    return feats.year_floor is not None and dt.date.fromordinal(day).year < feats.year_floor


def day_str(day: int | None) -> str | None:
    return dt.date.fromordinal(day).isoformat() if day is not None else None


def features(article: Article) -> Features:
    """Compute the grouping features of a stored (cleaned, maybe enriched) article."""
    tokens = words(article.text)
    sig = _minhash(tokens)
    norm = stem if (article.language or "").startswith("de") else str
    tf = Counter(map(norm, [w for w in words(article.title) + tokens if w not in STOP]))
    ents = {e.id: max(1, len(e.mentions)) for e in article.entities}
    emb = None
    if article.embedding:
        emb = np.frombuffer(article.embedding, dtype=np.float32)
    day, day_from = event_day(article)
    # a store from before titles were given to untitled articles (27cc43b) holds empty ones:
    # the same first-sentence title a fresh ingest gives, so a regroup names events alike
    title = article.title or lead_title(article.text, article.dateline)
    names = {e.id: e.name for e in article.entities}
    places = frozenset(e.id for e in article.entities if e.type == "LOC")
    persons = frozenset(e.id for e in article.entities if e.type == "PER")
    return Features(
        sig, _bands(sig), tf, ents, emb, day, day_from, title, names, places, persons,
        norm is stem, article.language, year_floor(article) if day is None else None,
    )  # fmt: skip


def tfidf(tf: Counter[str], df: dict[str, int], n_docs: int) -> dict[str, float]:
    """L2-normalised TF-IDF weights of the article's top terms."""
    w = {
        t: (1 + math.log(c)) * math.log((n_docs + 1) / (df.get(t, 0) + 1) + 1)
        for t, c in tf.items()
    }
    top = sorted(w.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS]
    norm = math.sqrt(sum(v * v for _, v in top)) or 1.0
    return {t: v / norm for t, v in top}


# the last ``a`` of cosine_terms and its norm: an article's terms are compared with ~30
# candidate groups in a row (term vectors are never changed in place, see add_terms)
_LAST_NORM: tuple[dict[str, float] | None, float] = (None, 1.0)


def cosine_terms(a: dict[str, float], b: dict[str, float], b_norm: float | None = None) -> float:
    """Cosine of two sparse term vectors (``b_norm``: the precomputed norm of ``b``)."""
    global _LAST_NORM
    if not a or not b:
        return 0.0
    # the same products summed in the same order as a generator over ``a.items()``
    dot = sum(map(operator.mul, a.values(), map(b.get, a, itertools.repeat(0.0))))
    last = _LAST_NORM
    if last[0] is a:
        na = last[1]
    else:
        values = a.values()
        na = math.sqrt(sum(map(operator.mul, values, values))) or 1.0
        _LAST_NORM = (a, na)
    nb = b_norm if b_norm else (math.sqrt(sum(v * v for v in b.values())) or 1.0)
    return dot / (na * nb)


def add_terms(acc: dict[str, float], vec: dict[str, float]) -> dict[str, float]:
    """Add a term vector to a centroid and keep its MAX_TERMS heaviest terms."""
    out = dict(acc)
    for t, v in vec.items():
        out[t] = out.get(t, 0.0) + v
    if len(out) > MAX_TERMS:
        out = dict(sorted(out.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS])
    return {t: round(v, 5) for t, v in out.items()}


def entity_weight(df: int, n_docs: int) -> float:
    """Rare entities say more than ``USA``: an IDF weight."""
    return math.log((n_docs + 1) / (df + 1)) + 1.0


def entity_overlap(
    article: dict[str, float],
    group: dict[str, int],
    places: frozenset[str] = frozenset(),
    place_only: float = 1.0,
) -> float:
    """Weighted share of the article's entities the group has seen (0..1).

    When every shared entity is a place (``places``), the share is multiplied by
    ``place_only``: a Koblenz fire and a concert in Koblenz share a place, not a happening.
    """
    total = sum(article.values())
    if not total or not group:
        return 0.0
    shared = [e for e in article if e in group]
    share = sum(article[e] for e in shared) / total
    if shared and places and all(e in places for e in shared):
        share *= place_only
    return share
