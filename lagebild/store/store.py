"""The :class:`Store`: one connection to a SQLite file or a PostgreSQL database.

Every store module takes the SQLAlchemy connection, :attr:`Store.db`, on both
dialects: the article layer (``articles.py``) and the enrichment rows
(``enrichment.py``) through SQLAlchemy Core, the entity merge, grouping, search and
the web's queries as named-parameter SQL (``_sql.py``; on SQLite straight on the
``sqlite3`` driver under the SQLAlchemy connection, their hot path).  What runs on
PostgreSQL is :data:`PG_FEATURES` (:meth:`Store.supports`).  :attr:`Store.conn`, the raw
``sqlite3`` connection, is left for SQLite-only code (benchmarks, tests, migrations); on
PostgreSQL asking for it raises a :class:`StoreError` that names the feature.

Each :meth:`Store.add` is one transaction, so a crash loses nothing that was
committed, and adding the same input again changes nothing.
"""

from __future__ import annotations

import copy
import logging
import os
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa

from ..errors import InputError, StoreError
from ..model import Article
from . import articles as _articles
from .engine import Target, create_engine, parse_target
from .enrichment import load_enrichment, replace_enrichment, save_enrichment
from .migrate import migrate_postgresql, migrate_sqlite

__all__ = ["PG_FEATURES", "WAL_CHECKPOINT_BYTES", "Store"]

log = logging.getLogger(__name__)

# The WAL is checkpointed and truncated by the writer once past this many bytes.
WAL_CHECKPOINT_BYTES = 64 * 1024 * 1024
# How long the writer waits for readers to move past the WAL before it gives up (for now).
_CHECKPOINT_WAIT_MS = 2000

# What runs on PostgreSQL so far, by feature name (see Store.supports); SQLite runs everything.
PG_FEATURES: frozenset[str] = frozenset(
    {
        "articles",  # reading, cleaning, storing, listing
        "enrichment",  # entities, quotes, times, embeddings per article
        "grouping",  # duplicates, events, storylines, timelines (one writer at a time)
        "merge",  # one entity id per actor across articles (lagebild merge/split/entities)
        "web",  # the web UI and HTTP API, export, briefings, plots (several serve workers)
        "search",  # keyword (tsvector), semantic (pgvector HNSW), hybrid, did-you-mean
    }
)

# What a caller outside the article layer is doing, by its module (for the PostgreSQL message).
_FEATURES = (
    ("lagebild.group", "grouping (duplicates, events, storylines)"),
    ("lagebild._cli_group", "grouping (duplicates, events, storylines)"),
    ("lagebild.store.grouping", "grouping (duplicates, events, storylines)"),
    ("lagebild.store.redirects", "grouping (duplicates, events, storylines)"),
    ("lagebild.search", "search"),
    ("lagebild.store.search", "search"),
    ("lagebild.web", "the web UI"),
    ("lagebild._cli_web", "search and the web UI"),
    ("lagebild.store.browse", "the web UI"),
    ("lagebild.present", "briefings, timelines and plots"),
    ("lagebild.store.briefing", "briefings, timelines and plots"),
    ("lagebild.enrich", "enrichment (entities, quotes, times, embeddings)"),
    ("lagebild.store.enrichment", "enrichment (entities, quotes, times, embeddings)"),
    ("lagebild.store.entities", "entity merging"),
    ("lagebild._cli_entities", "entity merging"),
    ("lagebild.load", "loading Parquet rows"),
    ("lagebild.pipeline", "enrichment (entities, quotes, times, embeddings)"),
)


def _caller_feature() -> str:
    """The feature of the first caller outside this module (best effort, for a message)."""
    frame = sys._getframe(2)  # noqa: SLF001 (only on the error path)
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module not in (__name__, "contextlib"):
            for prefix, feature in _FEATURES:
                if module == prefix or module.startswith(prefix):
                    return feature
            return f"this feature ({module})"
        frame = frame.f_back  # type: ignore[assignment]
    return "this feature"


class Store:
    """All persistent state of lagebild, behind one class.

    Args:
        path: a SQLite file, ``sqlite:///FILE`` or ``postgresql://user@host/db``
            (default: ``$LAGEBILD_DB``, else ``./lagebild.db``).

    Raises:
        StoreError: the database cannot be opened or is not a lagebild store.
    """

    # The writer checkpoints the WAL (and truncates it) once it has grown past this.
    wal_checkpoint_bytes: int = WAL_CHECKPOINT_BYTES

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.target: Target = parse_target(path)
        self.path: str = self.target.shown
        self.dialect: str = self.target.dialect
        self._readonly = False
        self._open(self.target)
        try:
            if self.dialect == "sqlite":
                migrate_sqlite(self._raw, self.path, self._sqlite_write)  # type: ignore[arg-type]
                self._sync_search()
            else:
                migrate_postgresql(self._sa, self.path)
                self._sync_search()
            self._fill_content_keys()
        except sqlite3.DatabaseError as exc:
            self._close_connection()
            raise StoreError(f"Cannot use {self.path!r} as a lagebild database: {exc}") from None
        except sa.exc.DBAPIError as exc:
            self._close_connection()
            raise StoreError(
                f"Cannot use {self.path!r} as a lagebild database: {_reason(exc)}"
            ) from None
        except BaseException:
            self._close_connection()
            raise

    def _open(self, target: Target, *, readonly: bool = False, same_thread: bool = True) -> None:
        self._engine = create_engine(target, readonly=readonly, same_thread=same_thread, spare=True)
        try:
            self._sa = self._engine.connect()
        except sa.exc.DBAPIError as exc:
            self._engine.dispose()
            raise StoreError(f"Cannot open database {self.path!r}: {_reason(exc)}") from None
        dbapi = self._sa.connection.dbapi_connection
        self._raw: sqlite3.Connection | None = (
            dbapi if isinstance(dbapi, sqlite3.Connection) else None
        )

    @classmethod
    def open_readonly(cls, path: str | os.PathLike[str]) -> Store:
        """A store on a read-only connection (no migrations), e.g. one per web request.

        SQLite opens the file read-only (``mode=ro``); PostgreSQL connects as usual and makes
        every transaction of the session read-only (``default_transaction_read_only``).
        """
        self = cls.__new__(cls)
        self.target = parse_target(path)
        self.path = self.target.shown
        self.dialect = self.target.dialect
        if self.dialect == "sqlite" and not os.path.exists(self.path):
            raise StoreError(f"No database at {self.path!r}: run `lagebild ingest` first.")
        self._readonly = True
        self._open(self.target, readonly=True, same_thread=False)
        if self.dialect == "postgresql":
            self._sa.exec_driver_sql("SET default_transaction_read_only = on")
        return self

    # -- the raw connection (features not on SQLAlchemy yet) -----------------
    @property
    def conn(self) -> sqlite3.Connection:
        """The ``sqlite3`` connection, for what is not on SQLAlchemy Core yet.

        Raises:
            StoreError: on PostgreSQL, naming the feature that asked.
        """
        if self._raw is None:
            raise self.not_on_postgresql(_caller_feature())
        return self._raw

    @property
    def db(self) -> sa.Connection:
        """The SQLAlchemy connection, on either dialect: what the store modules take once they
        run on both (``store.conn`` is the raw ``sqlite3`` one, SQLite only). Writes go inside
        :meth:`begin`."""
        return self._sa

    def supports(self, feature: str) -> bool:
        """Whether this store's database runs ``feature`` ("merge", "grouping", "search",
        "web", ...): always on SQLite, on PostgreSQL what :data:`PG_FEATURES` names."""
        return self.dialect == "sqlite" or feature in PG_FEATURES

    def not_on_postgresql(self, feature: str) -> StoreError:
        """The error for a feature that needs SQLite for now."""
        return StoreError(
            f"{feature[0].upper()}{feature[1:]} is not yet available on PostgreSQL ({self.path}); "
            "use a SQLite store (--db FILE) for it. docs/scale.md says what runs on PostgreSQL."
        )

    def sqlite(self, feature: str) -> sqlite3.Connection:
        """The ``sqlite3`` connection; on PostgreSQL a StoreError naming ``feature``."""
        if self._raw is None:
            raise self.not_on_postgresql(feature)
        return self._raw

    # -- lifecycle ---------------------------------------------------------
    def _close_connection(self) -> None:
        try:
            self._sa.close()
        finally:
            self._engine.dispose()

    def close(self) -> None:
        if self._raw is not None and not self._readonly:
            # Planner statistics, as SQLite advises before closing: without them a filter like
            # `duplicate_of IS NULL` goes through its index over every article (80 ms vs 0.1 ms
            # at 20 000 articles). analysis_limit bounds the cost on a big store.
            try:
                self._raw.execute("PRAGMA analysis_limit=400")
                self._raw.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass
        self._close_connection()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _sqlite_write(self) -> Iterator[sqlite3.Connection]:
        conn = self._raw
        assert conn is not None
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        self._bound_wal()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """A write transaction on the ``sqlite3`` connection (SQLite only, for now)."""
        if self._raw is None:
            raise self.not_on_postgresql(_caller_feature())
        with self._sqlite_write() as conn:
            yield conn

    @contextmanager
    def begin(self) -> Iterator[sa.Connection]:
        """A write transaction on the SQLAlchemy connection, on either dialect.

        SQLite: ``BEGIN IMMEDIATE`` (one writer at a time, readers go on);
        PostgreSQL: ``BEGIN`` (read committed).
        """
        if self._raw is not None:
            with self._sqlite_write():
                yield self._sa
            return
        self._sa.exec_driver_sql("BEGIN")
        try:
            yield self._sa
        except BaseException:
            self._sa.exec_driver_sql("ROLLBACK")
            raise
        self._sa.exec_driver_sql("COMMIT")

    def _bound_wal(self) -> None:
        """Checkpoint and truncate the WAL once it is past ``wal_checkpoint_bytes``.

        SQLite's own checkpoints never shrink the file, and while readers (the web
        UI) keep overlapping transactions open it is never restarted either, so it
        grows for as long as an ingest runs.  A RESTART checkpoint waits (briefly:
        readers' transactions are short) until readers have moved past the WAL; then
        the next write starts it from the beginning, and ``journal_size_limit``
        truncates it.  A reader that holds on longer only postpones it to a later commit.
        """
        try:
            size = os.stat(self.path + "-wal").st_size
        except OSError:
            return
        if size <= self.wal_checkpoint_bytes:
            return
        conn = self.conn
        conn.execute(f"PRAGMA busy_timeout={_CHECKPOINT_WAIT_MS}")
        try:
            busy, _, _ = conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy:
                log.debug("WAL checkpoint postponed: a reader holds on (%d bytes)", size)
        except sqlite3.OperationalError:  # busy or locked: try again after a later commit
            log.debug("WAL checkpoint failed", exc_info=True)
        finally:
            conn.execute("PRAGMA busy_timeout=30000")

    def wal_size(self) -> int:
        """Bytes in the write-ahead log now (0 when there is none, or on PostgreSQL)."""
        if self._raw is None:
            return 0
        try:
            return os.stat(self.path + "-wal").st_size
        except OSError:
            return 0

    def _sync_search(self) -> None:
        """Index articles stored before the search index existed (cheap when none)."""
        from ..search import sync_index

        with self.begin() as conn:
            n = sync_index(conn)
        if n:
            log.info("indexed %d articles for search", n)

    def _fill_content_keys(self) -> None:
        """Give articles stored before identity v2 their content key (cheap when none lack it)."""
        a = _articles.articles.c
        rows = self._sa.execute(sa.select(a.id, a.text).where(a.content_key.is_(None))).all()
        if not rows:
            return
        from ..clean import content_key

        with self.begin() as conn:
            conn.execute(
                _articles.articles.update()
                .where(a.id == sa.bindparam("aid"))
                .values(content_key=sa.bindparam("key")),
                [{"aid": r[0], "key": content_key(r[1])} for r in rows],
            )
        log.info("computed the content key of %d articles", len(rows))

    @property
    def migrations(self) -> list[str]:
        """Names of the applied migrations, in the order they were applied."""
        from .tables import migrations

        return list(
            self._sa.execute(sa.select(migrations.c.name).order_by(migrations.c.id)).scalars()
        )

    # -- writing -----------------------------------------------------------
    def reader(self) -> sa.Connection:
        """A second, read-only connection that may be used from another thread."""
        engine = create_engine(self.target, readonly=True, same_thread=False)
        return engine.connect()

    def known_origin(
        self, origin: str, raw_bytes: bytes, conn: sa.Connection | None = None
    ) -> str | None:
        """The article id already stored for these exact bytes from this origin."""
        return _articles.known_origin(conn or self._sa, origin, raw_bytes)

    def add(self, article: Article) -> str:
        """Store a cleaned article in one transaction.

        The same body (by :func:`lagebild.clean.content_key`) is one article: a
        second origin is added to it, with its own title, URL, source and date.
        ``article.id`` is set to the stored article's id (which may be an id of
        identity version 1, see migration ``0007_content_key``).  Its enrichment,
        the entity merge's record of it and its search index are written in the same
        transaction, on both dialects.

        Returns:
            ``"added"`` for a new article, ``"new-origin"`` when the same article
            was known under another origin, ``"new-origin-metadata"`` when that
            origin also gave other metadata (kept with the origin), ``"known"``
            when nothing changed.
        """
        if not article.id:
            raise ValueError("article has no id: clean it before storing")
        with self.begin() as conn:
            return self._add_in(conn, article, _key(article))

    def _add_in(self, conn: sa.Connection, article: Article, key: str) -> str:
        """:meth:`add` in the caller's transaction."""
        outcome, _ = _articles.add_article(conn, article, key)
        if outcome == "added":
            save_enrichment(conn, article)
            from ..search import index_article

            pre = (
                article.hints.get("fts_title"),
                article.hints.get("fts_body"),
                article.hints.get("fts_parts"),
            )
            index_article(
                conn, article.id, article.title, article.text, article.language,
                normalised=pre if None not in pre else None,  # type: ignore[arg-type]
                vector=article.embedding,
            )  # fmt: skip
        return outcome

    def add_many(self, articles: Sequence[Article]) -> list[str | Exception]:
        """Store many cleaned articles, as :meth:`add` stores each, in one transaction.

        PostgreSQL: the articles new to the store go in with ``COPY`` (``store/bulk_pg.py``),
        the others (a known body under another origin) through :meth:`add`; SQLite: one
        transaction for all.  When the transaction fails (a row another writer stored
        meanwhile, a hash collision), every article is stored on its own with :meth:`add`,
        so one bad article fails alone.

        Returns:
            for each article, what :meth:`add` returns, or the exception that kept it out
            (:class:`InputError`: PostgreSQL cannot store its text).
        """
        out: list[str | Exception | None] = [None] * len(articles)
        todo: list[tuple[int, str]] = []
        for i, article in enumerate(articles):
            if not article.id:
                raise ValueError("article has no id: clean it before storing")
            try:
                _articles.check_text(self.dialect, article)
            except InputError as exc:
                out[i] = exc
                continue
            todo.append((i, _key(article)))
        kept = {i: (list(articles[i].entities), [copy.copy(q) for q in articles[i].quotes]) for i, _ in todo}
        later: list[int] = []
        try:
            with self.begin() as conn:
                if self.dialect == "postgresql":
                    later = self._copy_new(conn, articles, todo, out)
                else:
                    for i, key in todo:
                        out[i] = self._add_in(conn, articles[i], key)
        except Exception:  # noqa: BLE001 (each article is tried on its own below)
            log.info("storing %d articles at once failed; storing them one by one", len(todo), exc_info=True)
            for i, _ in todo:
                articles[i].entities, articles[i].quotes = kept[i]
            later = [i for i, _ in todo]
        for i in later:
            try:
                out[i] = self.add(articles[i])
            except Exception as exc:  # noqa: BLE001 (reported for this article alone)
                out[i] = exc
        return out  # type: ignore[return-value]

    def _copy_new(
        self, conn: sa.Connection, articles: Sequence[Article], todo: list[tuple[int, str]],
        out: list[str | Exception | None],
    ) -> list[int]:  # fmt: skip
        """PostgreSQL: the new articles of ``todo`` with ``COPY``; returns the others' places."""
        from ..search._index import index_text, spelling_pairs
        from . import bulk_pg

        at = {id(articles[i]): i for i, _ in todo}
        items = [
            bulk_pg.Prepared(
                articles[i], key, index_text(articles[i]),
                spelling_pairs(f"{articles[i].title} {articles[i].text}"),
            )  # fmt: skip
            for i, key in todo
        ]
        new, other = bulk_pg.new_among(conn, items)
        bulk_pg.add_new(conn, new)
        for p in new:
            out[at[id(p.article)]] = "added"
        return [at[id(p.article)] for p in other]

    def origin_records(self, ref: str) -> list[dict[str, str | None]]:
        """Every origin of an article with the metadata it gave (``None``: stored before
        origins kept their own metadata)."""
        return _articles.origin_records(self._sa, self.resolve_id(ref))

    def resolve_storyline(self, sid: str) -> str | None:
        """The current id of a (maybe merged-away) storyline id; see ``store/redirects.py``."""
        from .redirects import resolve_storyline

        return resolve_storyline(self._sa, sid)

    def grouping_pending(self) -> int:
        """How many stored articles are not grouped yet (0: the grouping is complete).

        Non-zero after a crash during ``regroup``/``enrich``/``ingest`` (until the
        next ingest catches up) or after ``ingest --no-enrich``; the web UI says so.
        """
        from .grouping import count_pending

        return count_pending(self._sa)

    def update_enrichment(self, article: Article) -> None:
        """Replace an article's enrichment (after a model update) in one transaction."""
        with self.begin() as conn:
            replace_enrichment(conn, article)

    def update_enrichments(self, articles: Sequence[Article]) -> None:
        """:meth:`update_enrichment` for a few articles, in order, in one transaction
        (the same rows; one commit instead of one per article)."""
        if articles:
            with self.begin() as conn:
                for article in articles:
                    replace_enrichment(conn, article)

    # -- reading -----------------------------------------------------------
    def count(self) -> int:
        """How many articles are stored."""
        return _articles.count(self._sa)

    def article_ids(self) -> list[str]:
        """Every article id, in storage order."""
        a = _articles.articles.c
        return list(self._sa.execute(sa.select(a.id).order_by(a.seq)).scalars())

    def resolve_id(self, ref: str) -> str:
        """A full article id from an id or a unique prefix of at least 4 characters."""
        return _articles.resolve_id(self._sa, ref, self.path)

    def get(self, ref: str, *, full: bool = True) -> Article:
        """One article with raw bytes, edits and enrichment. Raises NotFound.

        ``full=False``: the cleaned article and its metadata only (what enrichment reads).
        """
        article = _articles.load_article(self._sa, self.resolve_id(ref), full=full)
        if full:
            load_enrichment(self._sa, article)
        return article

    def get_many(self, ids: Sequence[str]) -> list[Article]:
        """``get(aid, full=False)`` for each of these full ids, in their order, read together
        (``lagebild enrich`` reads 16 at a time for its workers). Raises NotFound."""
        return _articles.load_articles(self._sa, ids)

    def iter_articles(self, *, full: bool = True) -> Iterator[Article]:
        """All articles, newest publication date first (undated last), then by id."""
        for article in _articles.iter_articles(self._sa, full=full):
            if full:
                load_enrichment(self._sa, article)
            yield article

    def stats(self) -> dict[str, object]:
        """Counts for an overview: articles, origins, by source and language, date range."""
        return _articles.stats(self._sa)


def _key(article: Article) -> str:
    from ..clean import content_key

    return article.hints.get("content_key") or content_key(article.text)


def _reason(exc: sa.exc.DBAPIError) -> str:
    """The driver's message without SQLAlchemy's statement and background link."""
    orig: Any = exc.orig
    text = str(orig) if orig is not None else str(exc)
    return " ".join(text.split())[:300]
