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
    (
        "0202_search_compounds_spellings",
        """
        -- A third column for the heads of German compounds (Wohnungsbrand -> brand), ranked
        -- below title and body; the table is rebuilt, and lagebild.search.sync_index fills it
        -- again when the store is opened.
        DROP TABLE search_fts;
        CREATE VIRTUAL TABLE search_fts USING fts5(title, body, parts, tokenize = 'unicode61');
        -- How the words of the articles are spelled with umlauts and ß, by their indexed
        -- (folded, stemmed) form: a query typed as Fluechtlinge is embedded as Flüchtlinge.
        CREATE TABLE search_spellings (key TEXT PRIMARY KEY, word TEXT NOT NULL) WITHOUT ROWID;
        -- The index's words, for "did you mean" (lagebild.search.suggest).
        CREATE VIRTUAL TABLE search_terms USING fts5vocab(search_fts, 'row');
        """,
    ),
    (
        "0203_search_filter_index",
        """
        -- Filtered keyword search (lagebild.store.search_fts) walks the matches of the full-text
        -- index and looks each one up here by seq (= rowid = search_fts.rowid on SQLite): a
        -- covering index of the filter columns, so the lookup reads ~50-byte index entries
        -- instead of the article row (whose text pushes source, language and section onto
        -- overflow pages: 3 us per match, 300 ms for a frequent word at 1 000 000 articles).
        CREATE INDEX articles_search_filters
            ON articles(seq, source, language, published, section, section_predicted);
        """,
    ),
]
