"""What a briefing and an actor network read: article references, sentences, quotes, actor ties.

The only SQL of :mod:`lagebild.present.brief` and :mod:`lagebild.present.plot`.
Every function takes a connection (the store's, or the web's read-only one per
request) and returns typed records; statements are plain parameterised SQL.
SQLite-only constructs left: ``json_each``/``json_group_array`` over the JSON
array of a group speaker's entity ids (``SPEAKERS_OF``), ``substr``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from . import SPEAKERS_OF
from ._params import chunks
from .grouping import Connection

__all__ = [
    "ActorArticles", "ArticleRef", "PlannedSentence", "QuoteRow", "SentenceText",
    "actor_articles", "article_head", "article_refs", "article_sentences",
    "planned_sentences", "quote_ties", "quotes_of", "sentence_text", "sentence_time_types",
    "article_entity_ids",
]  # fmt: skip



@dataclass(slots=True, frozen=True)
class ArticleRef:
    """What a citation shows of an article."""

    article: str
    title: str
    source: str | None
    published: str | None
    url: str | None
    language: str | None


@dataclass(slots=True, frozen=True)
class SentenceText:
    seq: int
    text: str  # the sentence as stored (with its dateline, if any)


@dataclass(slots=True, frozen=True)
class PlannedSentence:
    """A sentence about a scheduled date (``date_from = planned``)."""

    date: str
    article: str
    seq: int
    text: str


@dataclass(slots=True, frozen=True)
class QuoteRow:
    text: str
    kind: str  # direct | indirect | ...
    speaker_text: str | None
    speaker_entity: str | None
    speaker_name: str | None  # the speaker entity's name
    speaker_type: str | None  # PER, ORG, LOC ...
    members: tuple[str, ...]  # names of a group speaker's member entities


@dataclass(slots=True, frozen=True)
class ActorArticles:
    role: str | None  # the actor's role in one of the articles (e.g. Außenminister), if any
    articles: tuple[str, ...]  # the articles of the given ones that name the actor


def article_refs(conn: Connection, ids: list[str]) -> dict[str, ArticleRef]:
    """Title, source, date, URL and language of each stored article of ``ids`` (unknown ids left out)."""
    out: dict[str, ArticleRef] = {}
    for chunk in chunks(list(dict.fromkeys(ids))):
        marks = ",".join("?" * len(chunk))
        for aid, title, source, published, url, language in conn.execute(
            f"SELECT id, title, source, published, url, language FROM articles WHERE id IN ({marks})", chunk
        ):
            out[aid] = ArticleRef(aid, title or "", source, published, url, language)
    return out


def sentence_text(conn: Connection, aid: str, seq: int) -> str | None:
    """The text of sentence ``seq`` of an article, or None when there is no such sentence."""
    r = conn.execute(
        'SELECT substr(a.text, s.start + 1, s."end" - s.start) FROM sentences s JOIN articles a'
        " ON a.id = s.article_id WHERE s.article_id = ? AND s.seq = ?",
        (aid, seq),
    ).fetchone()
    return r[0] if r else None


def article_head(conn: Connection, aid: str, chars: int = 300) -> str:
    """The first ``chars`` characters of an article's cleaned text ('' for an unknown article)."""
    r = conn.execute("SELECT substr(text, 1, ?) FROM articles WHERE id = ?", (chars, aid)).fetchone()
    return (r[0] or "") if r else ""


def article_sentences(conn: Connection, aid: str) -> list[SentenceText]:
    """Every sentence of an article, in order."""
    r = conn.execute("SELECT text FROM articles WHERE id = ?", (aid,)).fetchone()
    if r is None:
        return []
    text = r[0] or ""
    return [
        SentenceText(seq, text[start:end])
        for seq, start, end in conn.execute(
            'SELECT seq, start, "end" FROM sentences WHERE article_id = ? ORDER BY seq', (aid,)
        )
    ]


def planned_sentences(conn: Connection, ids: list[str]) -> list[PlannedSentence]:
    """The sentences about a scheduled date of the articles ``ids``, by date, article order, seq."""
    rows: list[PlannedSentence] = []
    for aid in ids:
        rows += [
            PlannedSentence(date, aid, seq, text or "")
            for seq, date, text in conn.execute(
                'SELECT s.seq, s.date, substr(a.text, s.start + 1, s."end" - s.start) FROM sentences s'
                " JOIN articles a ON a.id = s.article_id WHERE s.article_id = ? AND s.date_from = ?"
                " ORDER BY s.seq",
                (aid, "planned"),
            )
        ]
    return sorted(rows, key=lambda r: (r.date or "", r.article, r.seq))


def sentence_time_types(conn: Connection, aid: str, seq: int) -> set[str] | None:
    """The TIMEX3 types (DATE, TIME, ...) of the time expressions inside one sentence.

    Returns None when the article has no such sentence.
    """
    span = conn.execute(
        'SELECT start, "end" FROM sentences WHERE article_id = ? AND seq = ?', (aid, seq)
    ).fetchone()
    if span is None:
        return None
    return {
        t
        for (t,) in conn.execute(
            'SELECT type FROM times WHERE article_id = ? AND start >= ? AND "end" <= ?', (aid, span[0], span[1])
        )
    }


def actor_articles(conn: Connection, entity_id: str, ids: list[str]) -> ActorArticles:
    """Which of the articles ``ids`` name an entity, and its role in one of them (a stated role first)."""
    role: str | None = None
    found: list[str] = []
    for chunk in chunks(ids):
        marks = ",".join("?" * len(chunk))
        for aid, r in conn.execute(
            f"SELECT article_id, role FROM article_entities WHERE entity_id = ? AND article_id IN ({marks})",
            [entity_id, *chunk],
        ):
            found.append(aid)
            if role is None and r:
                role = r
    return ActorArticles(role, tuple(found))


def quotes_of(conn: Connection, aid: str) -> list[QuoteRow]:
    """The quotes of an article in order, with the speaker entity's name and type, and group members."""
    out = []
    for text, kind, sp_text, sp_ent, sp_name, sp_type, group_names in conn.execute(
        "SELECT q.text, q.kind, q.speaker_text, q.speaker_entity, e.name, e.type,"
        " (SELECT json_group_array(m.name) FROM json_each(q.speaker_entities) j"
        "  JOIN entities m ON m.id = j.value) FROM quotes q"
        " LEFT JOIN entities e ON e.id = q.speaker_entity WHERE q.article_id = ? ORDER BY q.seq",
        (aid,),
    ):
        members = tuple(json.loads(group_names)) if group_names else ()
        out.append(QuoteRow(text or "", kind or "", sp_text, sp_ent, sp_name, sp_type, members))
    return out


# -- actor network (its member articles: stories.canonical_members) ------------------------


def article_entity_ids(conn: Connection, aid: str) -> set[str]:
    """The ids of the entities an article names."""
    return {r[0] for r in conn.execute("SELECT entity_id FROM article_entities WHERE article_id = ?", (aid,))}


def quote_ties(conn: Connection, aid: str, among: set[str]) -> list[tuple[str, str]]:
    """(speaker, named) for each quote of an article: a speaker of ``among`` naming another of ``among``.

    One pair per quote, speaker and distinct entity mentioned inside the quote.
    """
    ties = []
    for speaker, start, end in conn.execute(
        f'SELECT j.value, q.start, q."end" FROM quotes q, {SPEAKERS_OF} j'
        " WHERE q.article_id = ? AND q.speaker_entity IS NOT NULL",
        (aid,),
    ):
        if speaker not in among:
            continue
        for (other,) in conn.execute(
            "SELECT DISTINCT entity_id FROM mentions WHERE article_id = ? AND start >= ? AND start < ?",
            (aid, start, end),
        ):
            if other in among and other != speaker:
                ties.append((speaker, other))
    return ties
