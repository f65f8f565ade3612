"""Migrations of search and the web layer: names 02xx_*."""

from __future__ import annotations

MIGRATIONS: list[tuple[str, str]] = [
    (
        "0201_search",
        """
        -- Normalised (folded, transliterated, stemmed) title and text; rowid = articles.rowid.
        -- Filled by lagebild.search.index_article when an article is stored; articles stored
        -- before this migration are indexed by lagebild.search.sync_index on open.
        CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'unicode61');
        """,
    ),
]
