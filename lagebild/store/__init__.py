"""The store: one SQLite file (the default) or a PostgreSQL database, schema by named migrations.

The face of the package; the code lives in modules named for what they hold:

* ``engine.py``      — a path or URL (``$LAGEBILD_DB``) -> a SQLAlchemy engine with the store's settings
* ``tables.py``      — the article and enrichment tables as one SQLAlchemy ``MetaData``
* ``migrate.py``     — named, append-only migrations (``_schema*.py`` hold SQLite's scripts)
* ``json_lists.py``  — JSON lists in a column (``jsonb`` on PostgreSQL, JSON text on SQLite)
* ``articles.py``    — raws, articles, origins, edits on both dialects (SQLAlchemy Core)
* ``enrichment.py``  — entities, mentions, sentences, quotes, times, embeddings of an article
* ``store.py``       — :class:`Store`, one connection and its transactions
* ``entities.py``, ``names.py``, ``redirects.py`` — canonical entity ids and the merge map,
  lookup by what an analyst types, stable storyline ids (SQLite for now)
* ``grouping.py``, ``stories.py``, ``timelines.py``, ``outlets.py``, ``redirects.py`` — what
  grouping writes (one writer at a time: an advisory lock on PostgreSQL) and what storylines,
  events, timelines and the independent-sources count read, on both dialects (plain SQL with
  named parameters through ``_sql.py``; PostgreSQL tables in ``tables_group.py``)
* ``search_index.py`` — what search asks, on both dialects: ``search_fts.py`` (the one module
  with FTS5 SQL) on SQLite, ``search_pg.py`` (``tsvector`` and pgvector HNSW; tables in
  ``tables_search.py``) on PostgreSQL
* ``briefing.py``, ``browse.py``, ``generation.py`` — what briefings and the web ask (SQLite for now)

Nothing above this package writes SQL; PostgreSQL holds articles and enrichment today, the
modules marked "SQLite for now" raise a clear ``StoreError`` there (see ``docs/scale.md``).

Tables (``tables.py`` and ``_schema*.py`` list every column): ``raws`` (original
bytes by hash), ``articles`` (cleaned text and metadata), ``origins`` (every
path or URL an article was read from), ``edits`` (the cleaner's log),
``migrations``, and the tables of enrichment, grouping and search.  Any SQLite
tool (sqlite3, datasette) can read a SQLite store.
"""

from __future__ import annotations

from .articles import decode_stored
from .engine import ENV_DB, WAL_LIMIT_BYTES, default_db_path, parse_target
from .enrichment import SPEAKERS_OF, SPOKEN_BY
from .store import WAL_CHECKPOINT_BYTES, Store

__all__ = [
    "ENV_DB",
    "SPEAKERS_OF",
    "SPOKEN_BY",
    "WAL_CHECKPOINT_BYTES",
    "WAL_LIMIT_BYTES",
    "Store",
    "decode_stored",
    "default_db_path",
    "parse_target",
]
