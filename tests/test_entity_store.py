"""Cross-article entity merging in the store (lagebild.store.entities, lagebild.enrich.merge.merge_store)."""

from __future__ import annotations

import json

from lagebild.cli import main
from lagebild.enrich.merge import merge_store
from lagebild.model import Article, Entity, Mention, Quote
from lagebild.store import Store


def _article(n: int, text: str, ents: list[tuple[str, str, str]], speaker: str | None = None) -> Article:
    """An article with the given ``(id, name, type)`` entities, each mentioned once by its name."""
    entities = []
    for eid, name, typ in ents:
        at = text.index(name)
        entities.append(Entity(id=eid, name=name, type=typ, mentions=[Mention(text=name, start=at, end=at + len(name))]))
    quotes = []
    if speaker:
        quotes.append(Quote(text="Wir bleiben.", start=0, end=5, kind="direct", speaker_entity=speaker,
                            speaker_entities=[speaker]))  # fmt: skip
    return Article(
        id=f"{n:016x}", origins=[f"mem:{n}"], raw=text, raw_bytes=text.encode(), base=text, text=text,
        title=f"Artikel {n}", entities=entities, quotes=quotes,
    )  # fmt: skip


STOIBER_1 = "Stoiber sagte am Montag in München, er bleibe."
STOIBER_2 = "Edmund Stoiber besuchte Berlin."


def _ids(store: Store, table: str = "article_entities") -> set[str]:
    return {r[0] for r in store.conn.execute(f"SELECT DISTINCT entity_id FROM {table}")}


def test_entity_store_surname_joins_full_name_across_articles(store: Store):
    store.add(_article(1, STOIBER_1, [("lb:PER:stoiber", "Stoiber", "PER")], speaker="lb:PER:stoiber"))
    store.add(_article(2, STOIBER_2, [("lb:PER:edmund-stoiber", "Edmund Stoiber", "PER")]))
    assert merge_store(store) == 1
    assert _ids(store) == {"lb:PER:edmund-stoiber"} == _ids(store, "mentions")
    assert store.conn.execute("SELECT speaker_entity FROM quotes").fetchone()[0] == "lb:PER:edmund-stoiber"
    # what resolution said is kept
    assert {r[0] for r in store.conn.execute("SELECT resolved_id FROM mentions")} == {
        "lb:PER:stoiber", "lb:PER:edmund-stoiber"}  # fmt: skip
    ents = {r[0]: json.loads(r[1]) for r in store.conn.execute("SELECT id, aliases FROM entities")}
    assert set(ents) == {"lb:PER:edmund-stoiber"} and "Stoiber" in ents["lb:PER:edmund-stoiber"]
    art = store.get("0000000000000001")
    assert [e.id for e in art.entities] == ["lb:PER:edmund-stoiber"]
    # idempotent
    snapshot = [list(store.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")) for t in ("article_entities", "mentions", "entities")]
    assert merge_store(store) == 0
    assert snapshot == [list(store.conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2")) for t in ("article_entities", "mentions", "entities")]


def test_entity_store_new_article_gets_the_canonical_id(store: Store):
    store.add(_article(1, STOIBER_1, [("lb:PER:stoiber", "Stoiber", "PER")]))
    store.add(_article(2, STOIBER_2, [("lb:PER:edmund-stoiber", "Edmund Stoiber", "PER")]))
    merge_store(store)
    late = _article(3, "Stoiber kam spät.", [("lb:PER:stoiber", "Stoiber", "PER")])
    store.add(late)
    assert [e.id for e in late.entities] == ["lb:PER:edmund-stoiber"]  # what grouping gets next
    assert _ids(store) == {"lb:PER:edmund-stoiber"}


def test_entity_store_ambiguous_surname_is_unmerged(store: Store):
    store.add(_article(1, STOIBER_1, [("lb:PER:stoiber", "Stoiber", "PER")]))
    store.add(_article(2, STOIBER_2, [("lb:PER:edmund-stoiber", "Edmund Stoiber", "PER")]))
    merge_store(store)
    store.add(_article(3, "Karin Stoiber lachte.", [("lb:PER:karin-stoiber", "Karin Stoiber", "PER")]))
    merge_store(store)  # "Stoiber" is no longer one person in the corpus
    assert _ids(store) == {"lb:PER:stoiber", "lb:PER:edmund-stoiber", "lb:PER:karin-stoiber"}
    assert {r[0] for r in store.conn.execute("SELECT id FROM entities")} == _ids(store)


def test_entity_store_variants_in_one_article_become_one_entity(store: Store):
    text = "Selenskyj traf Zelensky nicht, sagte Kiew."
    store.add(_article(1, text, [("lb:PER:selenskyj", "Selenskyj", "PER"), ("lb:PER:zelensky", "Zelensky", "PER")]))
    merge_store(store)
    rows = store.conn.execute("SELECT entity_id, aliases FROM article_entities").fetchall()
    assert len(rows) == 1
    assert store.conn.execute("SELECT count(DISTINCT entity_id) FROM mentions").fetchone()[0] == 1
