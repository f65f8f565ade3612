"""Helpers of the quote tests: every quote the rules find in a text, and an entity with all
its mentions (``tests/test_quotes_news_*.py``)."""

from __future__ import annotations

from lagebild.enrich.quotes import find_quotes
from lagebild.enrich.sentences import split_sentences
from lagebild.model import Entity, Mention


def quotes(text: str, entities=None):
    """The quotes of ``text`` at any confidence (abstained speakers included)."""
    return find_quotes(text, split_sentences(text), min_confidence=0.0, entities=entities)


def entity(text: str, name: str, typ: str, eid: str) -> Entity:
    """An entity named ``name`` with a mention at every place ``text`` writes it."""
    ms = []
    start = text.find(name)
    while start >= 0:
        ms.append(Mention(start=start, end=start + len(name), text=name))
        start = text.find(name, start + 1)
    return Entity(id=eid, name=name, type=typ, mentions=ms)
