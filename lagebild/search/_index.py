"""Keeping the search index: the normalised words of each article, and how words are spelled.

The store calls :func:`index_article` inside the transaction that stores an article and
:func:`sync_index` when it opens; :func:`prepare` does the costly part in a worker process.
The statements are the store's (:mod:`lagebild.store.search_index`).
"""

from __future__ import annotations

from typing import Any

from ..store import search_index as db
from ._text import WORD, compound_heads, norm_word, normalise

__all__ = ["index_article", "index_text", "prepare", "remember_spellings", "spelling_pairs", "sync_index"]

_UMLAUTS = frozenset("äöüß")


def index_article(
    conn: db.Connection, article_id: str, title: str, text: str, lang: str | None,
    normalised: tuple[str, ...] | None = None, vector: bytes | None = None,
) -> None:  # fmt: skip
    """(Re)index one article; call inside the transaction that stores it.

    ``normalised`` is ``(normalise(title), normalise(text)[, compound_heads(...)])`` when a
    worker process computed it already (see :func:`prepare`).  ``vector``: the article's
    embedding, for a store whose database holds the vector index (PostgreSQL).
    """
    seq = db.article_seq(conn, article_id)
    if seq is None:
        return
    norm_title, norm_text = normalised[:2] if normalised else (normalise(title, lang), normalise(text, lang))
    parts = normalised[2] if normalised and len(normalised) > 2 else compound_heads(f"{title} {text}", lang)
    db.write_text(conn, seq, norm_title, norm_text, parts)
    if vector is not None:
        db.write_vector(conn, seq, vector)
    remember_spellings(conn, f"{title} {text}")


def prepare(article: Any) -> None:
    """Normalise an article's title and text for the index (in a worker, off the writer's path)."""
    article.hints["fts_parts"] = ""  # (set first: a failure below leaves an indexable article)
    article.hints["fts_title"] = normalise(article.title, article.language)
    article.hints["fts_body"] = normalise(article.text, article.language)
    names = {w for e in article.entities for n in (e.name, *e.aliases) for w in WORD.findall(n)}
    names |= {w for e in article.entities for m in e.mentions for w in WORD.findall(getattr(m, "text", "") or "")}
    article.hints["fts_parts"] = compound_heads(f"{article.title} {article.text}", article.language, names)


def sync_index(conn: db.Connection) -> int:
    """Index articles that are not indexed yet (stored before search existed): their words and,
    on PostgreSQL, their embeddings. Returns the number of articles whose words were indexed."""
    rows = db.unindexed_articles(conn)
    for seq, title, text, lang in rows:
        parts = compound_heads(f"{title} {text}", lang)
        db.write_text(conn, seq, normalise(title, lang), normalise(text, lang), parts)
        remember_spellings(conn, f"{title} {text}")
    db.sync_vectors(conn)
    return len(rows)


def remember_spellings(conn: db.Connection, text: str) -> None:
    """Keep how the text's words with umlauts or ß are spelled (see :func:`restore_umlauts`)."""
    pairs = spelling_pairs(text)
    if pairs:
        db.add_spellings(conn, pairs)


def spelling_pairs(text: str) -> list[tuple[str, str]]:
    """(normalised form, word) of the text's words with umlauts or ß (what
    :func:`remember_spellings` keeps)."""
    words = {w for w in WORD.findall(text.casefold()) if _UMLAUTS.intersection(w) and len(w) > 2}
    return [(norm_word(w, "de"), w) for w in words]


def index_text(article: Any) -> tuple[str, str, str]:
    """(title, body, compound heads) as :func:`index_article` indexes them: the worker's
    (:func:`prepare`) when the article carries them, else normalised here."""
    hints = article.hints
    pre = (hints.get("fts_title"), hints.get("fts_body"), hints.get("fts_parts"))
    if None not in pre:
        return pre  # type: ignore[return-value]
    lang = article.language
    title, text = article.title, article.text
    return normalise(title, lang), normalise(text, lang), compound_heads(f"{title} {text}", lang)
