"""The article store: one SQLite file, WAL, schema versioned by named migrations.

Tables (see ``_schema.py`` for every column): ``raws`` (original bytes by
hash), ``articles`` (cleaned text and metadata), ``origins`` (every path or
URL an article was read from), ``edits`` (the cleaner's log) and
``migrations``.  Any SQLite tool (sqlite3, datasette) can read the file.

Each :meth:`Store.add` is one transaction, so a crash loses nothing that
was committed, and adding the same input again changes nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import NotFound, StoreError
from ..model import Article, Edit, Entity, Mention, Quote, Sentence, TimeExpr
from ._schema import MIGRATIONS
from .entities import canonical_entities, canonical_quote, save_refs, targets

__all__ = ["SPOKEN_BY", "SPEAKERS_OF", "Store", "default_db_path"]

# SQL: quote ``q`` was said by entity ``?`` (alone or as a member of a group speaker).
# Two parameters, both the entity id; both halves are index lookups (quotes_speaker and
# the partial index over the few group quotes).
SPOKEN_BY = (
    "q.rowid IN (SELECT rowid FROM quotes WHERE speaker_entity = ?"
    " UNION ALL SELECT rowid FROM quotes INDEXED BY quotes_groups WHERE speaker_entities IS NOT NULL"
    " AND speaker_entity IS NOT ? AND EXISTS (SELECT 1 FROM json_each(speaker_entities) WHERE value = ?))"
)
# SQL table-valued expression: every speaker entity id of quote ``q``.
SPEAKERS_OF = "json_each(coalesce(q.speaker_entities, json_array(q.speaker_entity)))"

log = logging.getLogger(__name__)

ENV_DB = "LAGEBILD_DB"
# The WAL is checkpointed and truncated by the writer once past this many bytes ...
WAL_CHECKPOINT_BYTES = 64 * 1024 * 1024
# ... and SQLite truncates a reset WAL back to this size.
WAL_LIMIT_BYTES = 16 * 1024 * 1024
# How long the writer waits for readers to move past the WAL before it gives up (for now).
_CHECKPOINT_WAIT_MS = 2000


def default_db_path() -> str:
    """``$LAGEBILD_DB`` if set, else ``./lagebild.db``."""
    return os.environ.get(ENV_DB) or "lagebild.db"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Store:
    """All persistent state of lagebild, behind one class."""

    # The writer checkpoints the WAL (and truncates it) once it has grown past this.
    wal_checkpoint_bytes: int = WAL_CHECKPOINT_BYTES

    def __init__(self, path: str | os.PathLike[str] | None = None) -> None:
        self.path = os.fspath(path) if path is not None else default_db_path()
        try:
            self.conn = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        except sqlite3.Error as exc:
            raise StoreError(f"Cannot open database {self.path!r}: {exc}") from None
        self.conn.row_factory = sqlite3.Row
        try:
            self.conn.execute("PRAGMA journal_mode=WAL")
            self.conn.execute("PRAGMA synchronous=NORMAL")
            self.conn.execute("PRAGMA foreign_keys=ON")
            # A WAL that was reset is truncated back to this size (else it stays at its peak).
            self.conn.execute(f"PRAGMA journal_size_limit={WAL_LIMIT_BYTES}")
            self._migrate()
            self._sync_search()
            self._fill_content_keys()
        except sqlite3.DatabaseError as exc:
            self.conn.close()
            raise StoreError(f"Cannot use {self.path!r} as a lagebild database: {exc}") from None

    @classmethod
    def open_readonly(cls, path: str | os.PathLike[str]) -> Store:
        """A store on a read-only connection (no migrations), e.g. one per web request."""
        self = cls.__new__(cls)
        self.path = os.fspath(path)
        if not os.path.exists(self.path):
            raise StoreError(f"No database at {self.path!r}: run `lagebild ingest` first.")
        self.conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30, check_same_thread=False)
        self.conn.row_factory = sqlite3.Row
        self._readonly = True
        return self

    # -- lifecycle ---------------------------------------------------------
    def close(self) -> None:
        if not getattr(self, "_readonly", False):
            # Planner statistics, as SQLite advises before closing: without them a filter like
            # `duplicate_of IS NULL` goes through its index over every article (80 ms vs 0.1 ms
            # at 20 000 articles). analysis_limit bounds the cost on a big store.
            try:
                self.conn.execute("PRAGMA analysis_limit=400")
                self.conn.execute("PRAGMA optimize")
            except sqlite3.Error:
                pass
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")
        self._bound_wal()

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
        self.conn.execute(f"PRAGMA busy_timeout={_CHECKPOINT_WAIT_MS}")
        try:
            busy, _, _ = self.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
            if busy:
                log.debug("WAL checkpoint postponed: a reader holds on (%d bytes)", size)
        except sqlite3.OperationalError:  # busy or locked: try again after a later commit
            log.debug("WAL checkpoint failed", exc_info=True)
        finally:
            self.conn.execute("PRAGMA busy_timeout=30000")

    def wal_size(self) -> int:
        """Bytes in the write-ahead log now (0 when there is none)."""
        try:
            return os.stat(self.path + "-wal").st_size
        except OSError:
            return 0

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, name TEXT UNIQUE NOT NULL,"
            " applied_at TEXT NOT NULL)"
        )
        done = {r[0] for r in self.conn.execute("SELECT name FROM migrations")}
        known = {name for name, _ in MIGRATIONS}
        if done - known:
            raise StoreError(
                f"Database {self.path!r} was written by a newer lagebild (migrations "
                f"{sorted(done - known)}); upgrade lagebild to open it."
            )
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction() as conn:
                for stmt in _statements(sql):
                    conn.execute(stmt)
                conn.execute("INSERT INTO migrations (name, applied_at) VALUES (?, ?)", (name, _now()))
            log.info("applied migration %s", name)

    def _sync_search(self) -> None:
        """Index articles stored before the search index existed (cheap when none)."""
        from ..search import sync_index

        with self.transaction() as conn:
            n = sync_index(conn)
        if n:
            log.info("indexed %d articles for search", n)

    def _fill_content_keys(self) -> None:
        """Give articles stored before identity v2 their content key (cheap when none lack it)."""
        rows = self.conn.execute("SELECT rowid, text FROM articles WHERE content_key IS NULL").fetchall()
        if not rows:
            return
        from ..clean import content_key

        with self.transaction() as conn:
            conn.executemany(
                "UPDATE articles SET content_key = ? WHERE rowid = ?", [(content_key(r[1]), r[0]) for r in rows]
            )
        log.info("computed the content key of %d articles", len(rows))

    @property
    def migrations(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM migrations ORDER BY id")]

    # -- writing -----------------------------------------------------------
    def reader(self) -> sqlite3.Connection:
        """A second, read-only connection that may be used from another thread."""
        conn = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, timeout=30, check_same_thread=False)
        return conn

    def known_origin(
        self, origin: str, raw_bytes: bytes, conn: sqlite3.Connection | None = None
    ) -> str | None:
        """The article id already stored for these exact bytes from this origin."""
        # a file name that is not UTF-8 arrives with surrogate escapes: its bytes as \xNN
        origin = origin.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
        sha = hashlib.sha256(raw_bytes).hexdigest()
        row = (conn or self.conn).execute(
            "SELECT article_id FROM origins WHERE origin = ? AND raw_sha256 = ?", (origin, sha)
        ).fetchone()
        return row[0] if row else None

    def add(self, article: Article) -> str:
        """Store a cleaned article in one transaction.

        The same body (by :func:`lagebild.clean.content_key`) is one article: a
        second origin is added to it, with its own title, URL, source and date.
        ``article.id`` is set to the stored article's id (which may be an id of
        identity version 1, see migration ``0007_content_key``).

        Returns:
            ``"added"`` for a new article, ``"new-origin"`` when the same article
            was known under another origin, ``"new-origin-metadata"`` when that
            origin also gave other metadata (kept with the origin), ``"known"``
            when nothing changed.
        """
        from ..clean import content_key

        if not article.id:
            raise ValueError("article has no id: clean it before storing")
        sha = hashlib.sha256(article.raw_bytes).hexdigest()
        key = article.hints.get("content_key") or content_key(article.text)
        now = _now()
        published = article.published.isoformat() if article.published else None
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT id, title, url, source, published FROM articles WHERE content_key = ?", (key,)
            ).fetchone()
            exists = row is not None
            if exists:
                article.id = row[0]
            elif conn.execute("SELECT 1 FROM articles WHERE id = ?", (article.id,)).fetchone():
                raise StoreError(f"Article id {article.id} is taken by another text (a hash collision).")
            conn.execute(
                "INSERT OR IGNORE INTO raws (sha256, bytes, size) VALUES (?, ?, ?)",
                (sha, article.raw_bytes, len(article.raw_bytes)),
            )
            if not exists:
                conn.execute(
                    "INSERT INTO articles (id, format, raw_sha256, encoding, base, text, title, title_raw,"
                    " url, source, section, published, published_from, dateline, agencies, language,"
                    " flags, added_at, content_key) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        article.id, article.format, sha, article.encoding,
                        None if article.base == article.raw else article.base,
                        article.text, article.title, article.title_raw, article.url,
                        article.source, article.section, published,
                        article.published_from, article.dateline, json.dumps(article.agencies),
                        article.language, json.dumps(article.flags), now, key,
                    ),  # fmt: skip
                )
                conn.executemany(
                    "INSERT INTO edits (article_id, seq, kind, reason, before, after, start)"
                    " VALUES (?,?,?,?,?,?,?)",
                    [
                        (article.id, i, e.kind, e.reason, e.before, e.after, e.start)
                        for i, e in enumerate(article.edits)
                    ],
                )
            if not exists:
                self._save_enrichment(conn, article)
                from ..search import index_article

                pre = article.hints.get("fts_title"), article.hints.get("fts_body"), article.hints.get("fts_parts")
                index_article(
                    conn, article.id, article.title, article.text, article.language,
                    normalised=pre if None not in pre else None,  # type: ignore[arg-type]
                )  # fmt: skip
            new_origins = 0
            for origin in article.origins:
                cur = conn.execute(
                    "INSERT OR IGNORE INTO origins (article_id, origin, raw_sha256, added_at, title, url,"
                    " source, published) VALUES (?,?,?,?,?,?,?,?)",
                    (article.id, origin, sha, now, article.title, article.url, article.source, published),
                )
                new_origins += cur.rowcount
        if not exists:
            return "added"
        if not new_origins:
            return "known"
        mine = (article.title, article.url, article.source, published)
        return "new-origin" if mine == tuple(row)[1:] else "new-origin-metadata"

    def origin_records(self, ref: str) -> list[dict[str, str | None]]:
        """Every origin of an article with the metadata it gave (``None``: stored before
        origins kept their own metadata)."""
        aid = self.resolve_id(ref)
        return [
            dict(r)
            for r in self.conn.execute(
                "SELECT origin, raw_sha256, added_at, title, url, source, published FROM origins"
                " WHERE article_id = ? ORDER BY added_at, origin",
                (aid,),
            )
        ]

    def resolve_storyline(self, sid: str) -> str | None:
        """The current id of a (maybe merged-away) storyline id; see ``store/redirects.py``."""
        from .redirects import resolve_storyline

        return resolve_storyline(self.conn, sid)

    def grouping_pending(self) -> int:
        """How many stored articles are not grouped yet (0: the grouping is complete).

        Non-zero after a crash during ``regroup``/``enrich``/``ingest`` (until the
        next ingest catches up) or after ``ingest --no-enrich``; the web UI says so.
        """
        row = self.conn.execute(
            "SELECT count(*) FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM group_articles g WHERE g.article_id = a.id)"
        ).fetchone()
        return int(row[0])

    def update_enrichment(self, article: Article) -> None:
        """Replace an article's enrichment (after a model update) in one transaction."""
        with self.transaction() as conn:
            conn.execute(
                "UPDATE articles SET flags = ?, section_predicted = ? WHERE id = ?",
                (json.dumps(article.flags), article.section_predicted, article.id),
            )
            for table in ("article_entities", "entity_refs", "mentions", "sentences", "quotes", "times", "embeddings"):
                conn.execute(f"DELETE FROM {table} WHERE article_id = ?", (article.id,))
            self._save_enrichment(conn, article)

    def _save_enrichment(self, conn: sqlite3.Connection, article: Article) -> None:
        aid = article.id
        if article.section_predicted is not None:
            conn.execute("UPDATE articles SET section_predicted = ? WHERE id = ?", (article.section_predicted, aid))
        # entity ids as resolution gave them are kept; rows carry the canonical id
        # (lagebild.store.entities), and so does the article grouping gets next
        raw_entities = article.entities
        save_refs(conn, aid, raw_entities)
        speaker_raw = [q.speaker_entities or ([q.speaker_entity] if q.speaker_entity else []) for q in article.quotes]
        mapped = targets(conn, [e.id for e in raw_entities] + [x for ids in speaker_raw for x in ids])
        t = lambda x: mapped.get(x, x)  # noqa: E731
        if mapped:
            article.entities = canonical_entities(raw_entities, t)
            for q in article.quotes:
                canonical_quote(q, t)
        for ent in article.entities:
            row = conn.execute("SELECT aliases FROM entities WHERE id = ?", (ent.id,)).fetchone()
            forms = list(dict.fromkeys([ent.name, *ent.aliases, *(m.text for m in ent.mentions)]))
            if row is None:
                conn.execute(
                    "INSERT INTO entities (id, name, type, wikidata, aliases) VALUES (?,?,?,?,?)",
                    (ent.id, ent.name, ent.type, ent.wikidata, json.dumps(forms, ensure_ascii=False)),
                )
            else:
                known = json.loads(row[0])
                merged = list(dict.fromkeys([*known, *forms]))
                if len(merged) != len(known):
                    conn.execute(
                        "UPDATE entities SET aliases = ? WHERE id = ?",
                        (json.dumps(merged, ensure_ascii=False), ent.id),
                    )
            conn.execute(
                "INSERT OR REPLACE INTO article_entities (article_id, entity_id, name, role, aliases)"
                " VALUES (?,?,?,?,?)",
                (aid, ent.id, ent.name, ent.role, json.dumps(ent.aliases, ensure_ascii=False)),
            )
        conn.executemany(
            'INSERT INTO mentions (article_id, entity_id, text, start, "end", resolved_id, actor)'
            " VALUES (?,?,?,?,?,?,?)",
            [(aid, t(ent.id), m.text, m.start, m.end, ent.id, int(m.actor)) for ent in raw_entities for m in ent.mentions],
        )
        conn.executemany(
            'INSERT INTO sentences (article_id, seq, start, "end", date, date_from) VALUES (?,?,?,?,?,?)',
            [(aid, i, x.start, x.end, x.date, x.date_from) for i, x in enumerate(article.sentences)],
        )
        conn.executemany(
            'INSERT INTO quotes (article_id, seq, kind, text, start, "end", cue, speaker_text,'
            " speaker_start, speaker_end, speaker_entity, speaker_entities, speaker_raw)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (aid, i, q.kind, q.text, q.start, q.end, q.cue, q.speaker_text, q.speaker_start,
                 q.speaker_end, q.speaker_entity,
                 json.dumps(q.speaker_entities) if len(q.speaker_entities) > 1 else None,
                 json.dumps(speaker_raw[i]) if speaker_raw[i] else None)
                for i, q in enumerate(article.quotes)
            ],  # fmt: skip
        )
        conn.executemany(
            'INSERT INTO times (article_id, seq, text, value, type, start, "end") VALUES (?,?,?,?,?,?,?)',
            [(aid, i, t.text, t.value, t.type, t.start, t.end) for i, t in enumerate(article.times)],
        )
        if article.embedding is not None:
            from ..enrich.embed import DIM, MODEL

            conn.execute(
                "INSERT INTO embeddings (article_id, model, dim, vector) VALUES (?,?,?,?)",
                (aid, MODEL, DIM, article.embedding),
            )

    # -- reading -----------------------------------------------------------
    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def resolve_id(self, ref: str) -> str:
        """A full article id from an id or a unique prefix of at least 4 characters."""
        ref = ref.strip()
        if len(ref) < 4 or not all(c in "0123456789abcdef" for c in ref):
            raise NotFound(f"No article {ref!r}: ids are hex strings (give at least 4 characters).")
        rows = self.conn.execute(
            "SELECT id FROM articles WHERE id >= ? AND id < ? LIMIT 2", (ref, ref + "g")
        ).fetchall()
        if not rows:
            raise NotFound(f"No article {ref!r} in {self.path}. `lagebild list` shows the ids.")
        if len(rows) > 1:
            raise NotFound(f"Article id {ref!r} is ambiguous; give more characters.")
        return rows[0][0]

    def get(self, ref: str) -> Article:
        """One article with raw bytes and edits. Raises NotFound."""
        aid = self.resolve_id(ref)
        row = self.conn.execute(
            "SELECT a.*, r.bytes FROM articles a JOIN raws r ON r.sha256 = a.raw_sha256 WHERE a.id = ?",
            (aid,),
        ).fetchone()
        return self._article(row, full=True)

    def iter_articles(self, *, full: bool = True) -> Iterator[Article]:
        """All articles, newest publication date first (undated last), then by id."""
        cols = "a.*, r.bytes" if full else "a.*"
        join = "JOIN raws r ON r.sha256 = a.raw_sha256" if full else ""
        sql = (
            f"SELECT {cols} FROM articles a {join} "
            "ORDER BY a.published IS NULL, a.published DESC, a.id"
        )
        for row in self.conn.execute(sql):
            yield self._article(row, full=full)

    def _article(self, row: sqlite3.Row, *, full: bool) -> Article:
        origins = [
            r[0]
            for r in self.conn.execute(
                "SELECT origin FROM origins WHERE article_id = ? ORDER BY added_at, origin", (row["id"],)
            )
        ]
        article = Article(
            id=row["id"],
            origins=origins,
            format=row["format"],
            encoding=row["encoding"],
            text=row["text"],
            title=row["title"],
            title_raw=row["title_raw"],
            url=row["url"],
            source=row["source"],
            section=row["section"],
            published=dt.date.fromisoformat(row["published"]) if row["published"] else None,
            published_from=row["published_from"],
            dateline=row["dateline"],
            agencies=json.loads(row["agencies"]),
            language=row["language"],
            flags=json.loads(row["flags"]),
            section_predicted=row["section_predicted"],
        )
        if full:
            article.raw_bytes = bytes(row["bytes"])
            article.raw = decode_stored(article.raw_bytes, article.encoding)
            article.base = row["base"] if row["base"] is not None else article.raw
            article.edits = [
                Edit(kind=r[0], reason=r[1], before=r[2], after=r[3], start=r[4])
                for r in self.conn.execute(
                    "SELECT kind, reason, before, after, start FROM edits WHERE article_id = ? ORDER BY seq",
                    (row["id"],),
                )
            ]
            self._load_enrichment(article)
        return article

    def _load_enrichment(self, article: Article) -> None:
        aid = article.id
        c = self.conn
        mentions: dict[str, list[Mention]] = {}
        for r in c.execute(
            'SELECT entity_id, text, start, "end", actor FROM mentions WHERE article_id = ? ORDER BY start', (aid,)
        ):
            mentions.setdefault(r[0], []).append(Mention(text=r[1], start=r[2], end=r[3], actor=bool(r[4])))
        article.entities = [
            Entity(
                id=r["entity_id"], name=r["name"], type=r["type"], wikidata=r["wikidata"], role=r["role"],
                aliases=json.loads(r["aliases"]), mentions=mentions.get(r["entity_id"], []),
            )  # fmt: skip
            for r in c.execute(
                "SELECT ae.*, e.type, e.wikidata FROM article_entities ae JOIN entities e ON e.id = ae.entity_id"
                " WHERE ae.article_id = ? ORDER BY ae.rowid",
                (aid,),
            )
        ]
        article.sentences = [
            Sentence(start=r[0], end=r[1], date=r[2], date_from=r[3])
            for r in c.execute(
                'SELECT start, "end", date, date_from FROM sentences WHERE article_id = ? ORDER BY seq', (aid,)
            )
        ]
        article.quotes = [
            Quote(
                kind=r["kind"], text=r["text"], start=r["start"], end=r["end"], cue=r["cue"],
                speaker_text=r["speaker_text"], speaker_start=r["speaker_start"],
                speaker_end=r["speaker_end"], speaker_entity=r["speaker_entity"],
                speaker_entities=json.loads(r["speaker_entities"]) if r["speaker_entities"]
                else ([r["speaker_entity"]] if r["speaker_entity"] else []),
            )  # fmt: skip
            for r in c.execute("SELECT * FROM quotes WHERE article_id = ? ORDER BY seq", (aid,))
        ]
        row = c.execute("SELECT vector FROM embeddings WHERE article_id = ?", (aid,)).fetchone()
        article.embedding = bytes(row[0]) if row else None
        article.times = [
            TimeExpr(text=r["text"], value=r["value"], type=r["type"], start=r["start"], end=r["end"])
            for r in c.execute("SELECT * FROM times WHERE article_id = ? ORDER BY seq", (aid,))
        ]

    def stats(self) -> dict[str, object]:
        """Counts for an overview: articles, origins, by source and language, date range."""
        c = self.conn
        return {
            "articles": self.count(),
            "origins": c.execute("SELECT count(*) FROM origins").fetchone()[0],
            "edits": c.execute("SELECT count(*) FROM edits").fetchone()[0],
            "by_source": dict(c.execute(
                "SELECT coalesce(source, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
            ).fetchall()),
            "by_language": dict(c.execute(
                "SELECT coalesce(language, '?'), count(*) FROM articles GROUP BY 1 ORDER BY 2 DESC"
            ).fetchall()),
            "first": c.execute("SELECT min(published) FROM articles").fetchone()[0],
            "last": c.execute("SELECT max(published) FROM articles").fetchone()[0],
        }  # fmt: skip


def _statements(sql: str) -> list[str]:
    """Split a script into statements (semicolons inside comments or strings are fine)."""
    out: list[str] = []
    buf = ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf)
            buf = ""
    if buf.strip():
        out.append(buf)
    return out


def decode_stored(data: bytes, encoding: str) -> str:
    """Decode stored raw bytes the way the reader did (BOM removed)."""
    return data.decode(encoding, errors="replace").lstrip("\ufeff")
