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

A failure in any step never loses the article: that step's output stays
empty and the article gets the flag ``stage-failed:<step>: <error>`` (steps:
``sentences``, ``times``, ``ner``, ``entities``, ``quotes``, ``embedding``);
the other steps still run.  A body longer than :data:`MAX_ENRICH_CHARS` is
enriched up to a paragraph break before that length only, flagged
``enrichment-truncated`` (what one article may cost stays bounded).  A
publication date before 1600 or more than a day ahead is no anchor for
relative expressions (see :func:`lagebild._meta.plausible_date`).

All offsets refer to ``article.text``.  Text the cleaner removed (teasers,
labels, bylines) is not in ``article.text`` and so yields nothing.

:func:`enrich_many` does the same for a few articles at once, the NER batched
over their texts (``ingest`` and ``lagebild enrich`` hand their worker
processes 16 articles at a time); the results are those of :func:`enrich`.
"""

from __future__ import annotations

from .stage import (
    MAX_ENRICH_CHARS,
    STAGE_FAILED,
    SUPPORTED,
    TRUNCATED,
    EnrichOptions,
    enrich,
    enrich_many,
    stage_failures,
)

__all__ = [
    "MAX_ENRICH_CHARS", "STAGE_FAILED", "SUPPORTED", "TRUNCATED", "EnrichOptions", "enrich", "enrich_many",
    "stage_failures",
]  # fmt: skip
