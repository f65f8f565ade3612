"""The incremental entity merge runs set-wise: its statements do not grow with the articles it re-derives."""

from __future__ import annotations

import hashlib

from lagebild.enrich.merge import merge_store
from lagebild.model import Article, Entity, Mention
from lagebild.store import Store
from lagebild.store._sql import Db


def _article(n: int, names: list[str]) -> Article:
    text = " und ".join(names) + f" sprachen am Tag {n}."
    ents = []
    for name in names:
        at = text.index(name)
        eid = "lb:PER:" + name.lower().replace(" ", "-")
        ents.append(Entity(id=eid, name=name, type="PER", mentions=[Mention(text=name, start=at, end=at + len(name))]))
    aid = hashlib.sha256(str(n).encode()).hexdigest()[:16]
    return Article(id=aid, origins=[f"mem:{n}"], raw=text, raw_bytes=text.encode(), base=text, text=text,
                   title=f"Artikel {n}", entities=ents)  # fmt: skip


def _merge_statements(tmp_path, monkeypatch, people: int) -> tuple[int, dict[str, str]]:
    """Statements sent by the incremental merge that joins ``people`` surnames to their full names
    (each re-deriving the articles that name the surname; an ``executemany`` counts once, as it
    is one pipelined batch on PostgreSQL), and the resulting entity of each article."""
    with Store(tmp_path / f"m{people}.db") as store:
        n = 0
        for i in range(people):
            for _ in range(3):
                n += 1
                store.add(_article(n, [f"Nachname{i}", "Anna Beispiel"]))
        merge_store(store)
        for i in range(people):
            n += 1
            store.add(_article(n, [f"Karl Nachname{i}"]))  # the surname articles now join Karl
        count = [0]
        for name in ("all", "one", "run", "many"):
            method = getattr(Db, name)

            def counted(self, *a, _m=method, **k):
                count[0] += 1
                return _m(self, *a, **k)

            monkeypatch.setattr(Db, name, counted)
        changed = merge_store(store)
        monkeypatch.undo()
        assert changed >= people, changed  # every surname id moved
        rows = store.conn.execute(
            "SELECT article_id, entity_id FROM article_entities WHERE entity_id LIKE 'lb:PER:karl-%'"
        ).fetchall()
        return count[0], {r[0]: r[1] for r in rows}


def test_incremental_merge_statements_do_not_grow_with_articles(tmp_path, monkeypatch):
    few, few_rows = _merge_statements(tmp_path, monkeypatch, 2)
    many, many_rows = _merge_statements(tmp_path, monkeypatch, 20)
    assert len(few_rows) == 2 * 4 and len(many_rows) == 20 * 4  # the surname articles carry Karl's id
    # one statement per article or id before (about 10 per re-derived article): 72 articles more
    # cost hundreds more; set-wise, the count stays
    assert many - few < 10, (few, many)
