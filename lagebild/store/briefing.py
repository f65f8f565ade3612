"""What a briefing and an actor network read: article references, sentences, quotes, actor ties.

The only SQL of :mod:`lagebild.present.brief` and :mod:`lagebild.present.plot`.
Every function takes a SQLAlchemy connection (the store's ``store.db``, or the
web's read-only one per request) and returns typed records; statements are
plain SQL with named parameters and run on SQLite and PostgreSQL.  The one
dialect bit: the JSON array of a group speaker's entity ids (``json_each`` /
``jsonb_array_elements_text``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa

from ._params import chunks

Connection = sa.Connection

__all__ = [
    "ActorArticles", "ArticleRef", "PlannedSentence", "QuoteRow", "SentenceText",
    "actor_articles", "actor_articles_of", "article_head", "article_refs", "article_sentences",
    "planned_sentences", "quote_ties", "quote_ties_of", "quotes_of", "quotes_of_many", "sentence_text",
    "sentence_time_types", "sentence_times",
    "article_entity_ids", "article_entity_sets", "article_texts", "entity_forms", "entity_newest",
]  # fmt: skip


def _run(conn: Connection, sql: str, params: dict[str, Any]) -> sa.CursorResult[Any]:
    return conn.execute(sa.text(sql), params)


def _in(sql: str) -> sa.TextClause:
    """A statement with an expanding ``:ids`` list."""
    return sa.text(sql).bindparams(sa.bindparam("ids", expanding=True))


def _speakers_of(conn: Connection) -> str:
    """SQL table expression ``j(value)``: every speaker entity id of quote ``q``."""
    if conn.dialect.name == "postgresql":
        return ("jsonb_array_elements_text(coalesce(q.speaker_entities, jsonb_build_array(q.speaker_entity)))"
                " AS j(value)")  # fmt: skip
    return "json_each(coalesce(q.speaker_entities, json_array(q.speaker_entity))) AS j"


def _speakers_at(conn: Connection) -> tuple[str, str]:
    """``(table expression, position)``: every speaker entity id ``j.value`` of quote ``q`` and
    its place in the quote's speaker list (a column to order by)."""
    if conn.dialect.name == "postgresql":
        return ("jsonb_array_elements_text(coalesce(q.speaker_entities, jsonb_build_array(q.speaker_entity)))"
                " WITH ORDINALITY AS j(value, n)", "j.n")  # fmt: skip
    return "json_each(coalesce(q.speaker_entities, json_array(q.speaker_entity))) AS j", "j.key"


def _member_names(conn: Connection) -> str:
    """SQL: the JSON list of the names of quote ``q``'s group members, in their order (NULL: none)."""
    if conn.dialect.name == "postgresql":
        return ("(SELECT jsonb_agg(m.name ORDER BY j.n) FROM jsonb_array_elements_text(q.speaker_entities)"
                " WITH ORDINALITY AS j(value, n) JOIN entities m ON m.id = j.value)")  # fmt: skip
    return ("(SELECT json_group_array(m.name) FROM json_each(q.speaker_entities) j"
            " JOIN entities m ON m.id = j.value)")  # fmt: skip


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
    # the other forms each of those articles names it by (``White House`` for Weißes Haus)
    forms: tuple[tuple[str, ...], ...] = ()


def article_refs(conn: Connection, ids: list[str]) -> dict[str, ArticleRef]:
    """Title, source, date, URL and language of each stored article of ``ids`` (unknown ids left out)."""
    out: dict[str, ArticleRef] = {}
    stmt = _in("SELECT id, title, source, published, url, language FROM articles WHERE id IN :ids")
    for chunk in chunks(list(dict.fromkeys(ids))):
        for aid, title, source, published, url, language in conn.execute(stmt, {"ids": chunk}):
            out[aid] = ArticleRef(aid, title or "", source, published, url, language)
    return out


def sentence_text(conn: Connection, aid: str, seq: int) -> str | None:
    """The text of sentence ``seq`` of an article, or None when there is no such sentence."""
    r = _run(conn,
        'SELECT substr(a.text, s.start + 1, s."end" - s.start) FROM sentences s JOIN articles a'
        " ON a.id = s.article_id WHERE s.article_id = :aid AND s.seq = :seq",
        {"aid": aid, "seq": seq},
    ).first()  # fmt: skip
    return r[0] if r else None


def article_head(conn: Connection, aid: str, chars: int = 300) -> str:
    """The first ``chars`` characters of an article's cleaned text ('' for an unknown article)."""
    r = _run(conn, "SELECT substr(text, 1, :n) FROM articles WHERE id = :aid", {"n": chars, "aid": aid}).first()
    return (r[0] or "") if r else ""


def article_sentences(conn: Connection, aid: str) -> list[SentenceText]:
    """Every sentence of an article, in order."""
    r = _run(conn, "SELECT text FROM articles WHERE id = :aid", {"aid": aid}).first()
    if r is None:
        return []
    text = r[0] or ""
    return [
        SentenceText(seq, text[start:end])
        for seq, start, end in _run(
            conn, 'SELECT seq, start, "end" FROM sentences WHERE article_id = :aid ORDER BY seq', {"aid": aid}
        )
    ]


def planned_sentences(conn: Connection, ids: list[str]) -> list[PlannedSentence]:
    """The sentences about a scheduled date of the articles ``ids``, by date, article order, seq."""
    rows: list[PlannedSentence] = []
    for aid in ids:
        rows += [
            PlannedSentence(date, aid, seq, text or "")
            for seq, date, text in _run(conn,
                'SELECT s.seq, s.date, substr(a.text, s.start + 1, s."end" - s.start) FROM sentences s'
                " JOIN articles a ON a.id = s.article_id WHERE s.article_id = :aid AND s.date_from = 'planned'"
                " ORDER BY s.seq",
                {"aid": aid},
            )  # fmt: skip
        ]
    return sorted(rows, key=lambda r: (r.date or "", r.article, r.seq))


def sentence_time_types(conn: Connection, aid: str, seq: int) -> set[str] | None:
    """The TIMEX3 types (DATE, TIME, ...) of the time expressions inside one sentence.

    Returns None when the article has no such sentence.
    """
    times = sentence_times(conn, aid, seq)
    return None if times is None else {t for t, _ in times}


def sentence_times(conn: Connection, aid: str, seq: int) -> list[tuple[str, str]] | None:
    """``(type, text)`` of the time expressions inside one sentence (``("TIME", "9:34 p.m.")``).

    Returns None when the article has no such sentence.
    """
    span = _run(
        conn, 'SELECT start, "end" FROM sentences WHERE article_id = :aid AND seq = :seq', {"aid": aid, "seq": seq}
    ).first()
    if span is None:
        return None
    return [
        (t or "", x or "")
        for t, x in _run(conn,
            'SELECT type, text FROM times WHERE article_id = :aid AND start >= :a AND "end" <= :b ORDER BY start',
            {"aid": aid, "a": span[0], "b": span[1]},
        )  # fmt: skip
    ]


def actor_articles(conn: Connection, entity_id: str, ids: list[str], lang: str | None = None) -> ActorArticles:
    """Which of the articles ``ids`` name an entity, and its role in one of them (a stated role first).

    With ``lang`` the role comes only from an article in that language: a German briefing does
    not describe an actor with the role word of an English article (``chief``)."""
    role: str | None = None
    found: list[str] = []
    forms: list[tuple[str, ...]] = []
    # in id order on both databases (without it each picks its plan's order, and so the role)
    stmt = _in(
        "SELECT ae.article_id, ae.role, ae.aliases, a.language FROM article_entities ae"
        " JOIN articles a ON a.id = ae.article_id"
        " WHERE ae.entity_id = :eid AND ae.article_id IN :ids"
        " ORDER BY ae.article_id, ae.role"  # (NULL roles sort apart on the two; the first role is alike)
    )
    for chunk in chunks(ids):
        for aid, r, aliases, language in conn.execute(stmt, {"eid": entity_id, "ids": chunk}):
            found.append(aid)
            names = json.loads(aliases) if isinstance(aliases, str) else (aliases or [])
            forms.append(tuple(a for a in names if isinstance(a, str)))
            if role is None and r and (lang is None or language == lang):
                role = r
    return ActorArticles(role, tuple(found), tuple(forms))


def actor_articles_of(
    conn: Connection, entity_ids: list[str], ids: list[str], lang: str | None = None
) -> dict[str, ActorArticles]:
    """:func:`actor_articles` of each entity of ``entity_ids`` (one statement per 500 articles,
    not one per entity); the same records, an entity that none of ``ids`` names included."""
    found: dict[str, list[str]] = {e: [] for e in entity_ids}
    forms: dict[str, list[tuple[str, ...]]] = {e: [] for e in entity_ids}
    roles: dict[str, str | None] = {e: None for e in entity_ids}
    if not entity_ids:
        return {}
    stmt = sa.text(
        "SELECT ae.entity_id, ae.article_id, ae.role, ae.aliases, a.language FROM article_entities ae"
        " JOIN articles a ON a.id = ae.article_id"
        " WHERE ae.entity_id IN :eids AND ae.article_id IN :ids"
        " ORDER BY ae.entity_id, ae.article_id, ae.role"  # per entity the order of actor_articles
    ).bindparams(sa.bindparam("eids", expanding=True), sa.bindparam("ids", expanding=True))
    for chunk in chunks(ids):  # the chunks of actor_articles: the same order where there are several
        for eid, aid, r, aliases, language in conn.execute(stmt, {"eids": sorted(set(entity_ids)), "ids": chunk}):
            found[eid].append(aid)
            names = json.loads(aliases) if isinstance(aliases, str) else (aliases or [])
            forms[eid].append(tuple(a for a in names if isinstance(a, str)))
            if roles[eid] is None and r and (lang is None or language == lang):
                roles[eid] = r
    return {e: ActorArticles(roles[e], tuple(found[e]), tuple(forms[e])) for e in entity_ids}


def entity_forms(conn: Connection, entity_id: str, lang: str, limit: int = 500) -> dict[str, int]:
    """How many articles in language ``lang`` (the first ``limit`` by id) write an entity in
    each form other than its stored name (``United Kingdom``: 6, ``UK``: 5)."""
    out: dict[str, int] = {}
    for (aliases,) in _run(
        conn,
        "SELECT ae.aliases FROM article_entities ae JOIN articles a ON a.id = ae.article_id"
        " WHERE ae.entity_id = :eid AND a.language = :lang ORDER BY ae.article_id LIMIT :n",
        {"eid": entity_id, "lang": lang, "n": limit},
    ):
        names = json.loads(aliases) if isinstance(aliases, str) else (aliases or [])
        for form in {a for a in names if isinstance(a, str)}:
            out[form] = out.get(form, 0) + 1
    return out


def article_texts(conn: Connection, ids: list[str]) -> dict[str, str]:
    """The cleaned text of each stored article of ``ids``."""
    out: dict[str, str] = {}
    stmt = _in("SELECT id, text FROM articles WHERE id IN :ids")
    for chunk in chunks(list(dict.fromkeys(ids))):
        for aid, text in conn.execute(stmt, {"ids": chunk}):
            out[aid] = text or ""
    return out


def quotes_of(conn: Connection, aid: str) -> list[QuoteRow]:
    """The quotes of an article in order, with the speaker entity's name and type, and group members."""
    out = []
    for text, kind, sp_text, sp_ent, sp_name, sp_type, group_names in _run(conn,
        f"SELECT q.text, q.kind, q.speaker_text, q.speaker_entity, e.name, e.type, {_member_names(conn)}"
        " FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_entity WHERE q.article_id = :aid ORDER BY q.seq",
        {"aid": aid},
    ):  # fmt: skip
        if isinstance(group_names, str):
            group_names = json.loads(group_names)
        members = tuple(group_names) if group_names else ()
        out.append(QuoteRow(text or "", kind or "", sp_text, sp_ent, sp_name, sp_type, members))
    return out


def quotes_of_many(conn: Connection, ids: list[str]) -> dict[str, list[QuoteRow]]:
    """:func:`quotes_of` of each article of ``ids`` (one statement per 500 articles; an article
    without quotes is left out)."""
    out: dict[str, list[QuoteRow]] = {}
    stmt = _in(
        f"SELECT q.article_id, q.text, q.kind, q.speaker_text, q.speaker_entity, e.name, e.type, {_member_names(conn)}"
        " FROM quotes q LEFT JOIN entities e ON e.id = q.speaker_entity WHERE q.article_id IN :ids"
        " ORDER BY q.article_id, q.seq"
    )
    for chunk in chunks(list(dict.fromkeys(ids))):
        for aid, text, kind, sp_text, sp_ent, sp_name, sp_type, group_names in conn.execute(stmt, {"ids": chunk}):
            if isinstance(group_names, str):
                group_names = json.loads(group_names)
            members = tuple(group_names) if group_names else ()
            out.setdefault(aid, []).append(QuoteRow(text or "", kind or "", sp_text, sp_ent, sp_name, sp_type, members))
    return out


# -- actor network (its member articles: stories.canonical_members) ------------------------


def article_entity_ids(conn: Connection, aid: str) -> set[str]:
    """The ids of the entities an article names."""
    return {r[0] for r in _run(conn, "SELECT entity_id FROM article_entities WHERE article_id = :aid", {"aid": aid})}


def article_entity_sets(conn: Connection, ids: list[str], among: set[str]) -> dict[str, set[str]]:
    """The entities of ``among`` each article of ``ids`` names (one statement per 500 articles;
    an article that names none of them is left out)."""
    out: dict[str, set[str]] = {}
    if not among:
        return out
    stmt = sa.text(
        "SELECT article_id, entity_id FROM article_entities WHERE article_id IN :ids AND entity_id IN :among"
    ).bindparams(sa.bindparam("ids", expanding=True), sa.bindparam("among", expanding=True))
    for chunk in chunks(list(dict.fromkeys(ids))):
        for aid, eid in conn.execute(stmt, {"ids": chunk, "among": sorted(among)}):
            out.setdefault(aid, set()).add(eid)
    return out


def entity_newest(conn: Connection, entity_id: str, limit: int = 200) -> tuple[str, list[str]] | None:
    """An entity's name and its newest ``limit`` articles, in the order of the entity page's list
    (``browse.entity_detail``: newest first, undated last); None when there is no such entity."""
    row = _run(conn, "SELECT name FROM entities WHERE id = :eid", {"eid": entity_id}).first()
    if row is None:
        return None
    ids = [r[0] for r in _run(conn,
        "SELECT a.id FROM article_entities ae JOIN articles a ON a.id = ae.article_id WHERE ae.entity_id = :eid"
        " ORDER BY a.published IS NULL, a.published DESC, a.id LIMIT :n",
        {"eid": entity_id, "n": limit},
    )]  # fmt: skip
    return row[0], ids


def quote_ties(conn: Connection, aid: str, among: set[str]) -> list[tuple[str, str]]:
    """(speaker, named) for each quote of an article: a speaker of ``among`` naming another of ``among``.

    One pair per quote, speaker and distinct entity mentioned inside the quote.
    """
    return quote_ties_of(conn, [aid], among).get(aid, [])


def quote_ties_of(conn: Connection, ids: list[str], among: set[str]) -> dict[str, list[tuple[str, str]]]:
    """:func:`quote_ties` of each article of ``ids`` (one statement per 500 articles, not three
    per article); an article without such a tie is left out.

    Per article the pairs come by quote order, then the speaker's place in a group speaker's
    list, then the named entity's id.
    """
    out: dict[str, list[tuple[str, str]]] = {}
    if not among:
        return out
    speakers, pos = _speakers_at(conn)
    # SQLite would read the mentions of each actor in the whole store (mentions_entity), a cost
    # that grows with the store; those of the quote's article are few
    by_article = " INDEXED BY mentions_article" if conn.dialect.name == "sqlite" else ""
    # a mention is inside a quote when it starts inside it
    stmt = sa.text(
        f"SELECT DISTINCT q.article_id, q.seq, {pos} AS pos, j.value, m.entity_id FROM quotes q, {speakers},"
        f" mentions m{by_article} WHERE q.article_id IN :ids AND q.speaker_entity IS NOT NULL AND j.value IN :among"
        ' AND m.article_id = q.article_id AND m.start >= q.start AND m.start < q."end"'
        " AND m.entity_id IN :among AND m.entity_id <> j.value"
        " ORDER BY q.article_id, q.seq, pos, m.entity_id"
    ).bindparams(sa.bindparam("ids", expanding=True), sa.bindparam("among", expanding=True))
    for chunk in chunks(list(dict.fromkeys(ids))):
        for aid, _seq, _pos, speaker, other in conn.execute(stmt, {"ids": chunk, "among": sorted(among)}):
            out.setdefault(aid, []).append((speaker, other))
    return out
