"""Articles the PostgreSQL search tests share: ``Meldung i`` saying *Regierung*, every third from ``dw``."""

from __future__ import annotations

import sqlalchemy as sa

from lagebild.clean import clean
from lagebild.model import Article
from lagebild.store import Store


def add_meldung(store: Store, i: int) -> None:
    """Store article ``i`` (source ``dw`` for every third, else ``afp``)."""
    raw = f"Meldung {i}\n\nDie Regierung meldet Nummer {i}.\n"
    a = clean(Article(origins=[f"mem:{i}"], raw=raw, raw_bytes=raw.encode(), base=raw))
    a.source, a.language = ("dw" if i % 3 == 0 else "afp"), "de"
    assert store.add(a) == "added"


def stored_seqs(conn: sa.Connection) -> list[int]:
    """The stored articles' ``seq`` values, in order."""
    return [r[0] for r in conn.execute(sa.text("SELECT seq FROM articles ORDER BY seq"))]
