"""Enrich a cleaned article: who is involved, who said what, and when.

:func:`enrich` is the stage ``Article -> Article``.  Its steps, in order:

1. language routing — German and English are enriched; any other language
   (or none detected) is stored unenriched with the flag ``unenriched``
2. sentences — ``sentences.split_sentences``
3. entities — the statistical NER (German: ``models/ner-de``, trained and
   shipped in this repository; English: spaCy's small English pipeline from a
   pinned package, ``ner_en``) plus the gazetteer ruler, resolved within the article and
   to corpus-wide ids (``resolve.resolve``)
4. quotes — direct and indirect, with speaker spans resolved to entities
   (``quotes.find_quotes``)
5. time — expressions normalised against the publication date
   (``timex.find_times``), and every sentence's event date
   (``timex.sentence_dates``)
6. embedding and topic — a multilingual vector of title and lead
   (``embed``), for event clustering and semantic search, and the predicted
   topic section from the same vectors (``topic``, model ``models/topic-de``)

All offsets refer to ``article.text``.  Text the cleaner removed (teasers,
labels, bylines) is not in ``article.text`` and so yields nothing.

:func:`enrich_many` does the same for a few articles at once, the NER batched
over their texts (``ingest`` and ``lagebild enrich`` hand their worker
processes 16 articles at a time); the results are those of :func:`enrich`.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass

from ..model import Article, Sentence

__all__ = ["EnrichOptions", "SUPPORTED", "enrich", "enrich_many"]

log = logging.getLogger(__name__)

SUPPORTED = ("de", "en")
# A pathological paragraph (a table of numbers, text without punctuation) is cut
# into pieces of at most this many characters before the NER sees it.
_MAX_NER_CHARS = 20_000


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
    todo = [a for a in articles if _start(a)]
    found: dict[int, list] = {}  # id(article) -> its NER spans
    if opts.ner:
        for lang in SUPPORTED:
            group = [a for a in todo if a.language == lang]
            if group:
                found.update(zip(map(id, group), _ner_many(group), strict=True))
    for a in todo:
        _finish(a, found.get(id(a), []), opts)
    return list(articles)


def _start(article: Article) -> bool:
    """Reset the enrichment; sentences and times.  False for an unsupported language."""
    from .sentences import split_sentences
    from .timex import find_times, sentence_dates

    article.flags = [f for f in article.flags if f not in ("unenriched", "ner-unavailable")]
    article.sentences, article.entities, article.quotes, article.times = [], [], [], []
    article.embedding = None
    article.section_predicted = None
    lang = article.language
    if lang not in SUPPORTED:
        article.flags.append("unenriched")
        return False
    text = article.text
    spans = split_sentences(text, lang)
    times = find_times(text, anchor=article.published, lang=lang)
    dates = sentence_dates(text, spans, times, anchor=article.published)
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
    article.entities = resolve(text, ner_spans)
    spans = [(s.start, s.end) for s in article.sentences]
    article.quotes = find_quotes(text, spans, lang=article.language or "de", entities=article.entities)
    if opts.embed:
        from . import topic
        from .embed import embed, to_bytes

        # One embedding call serves both: the first passage (title + lead) is the
        # article's vector, all passages together give its topic section.
        vecs = embed(topic.passages(article.title, text))
        if len(vecs):
            article.embedding = to_bytes(vecs[0])
            article.section_predicted = topic.section_from_vectors(vecs)[0]


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
    return out
