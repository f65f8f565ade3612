"""Cross-article entity merging in the store (lagebild.store.entities, lagebild.enrich.merge.merge_store)."""

from __future__ import annotations

import hashlib
import json
import re

import pytest
import sqlalchemy as sa

from lagebild.cli import main
from lagebild.enrich.merge import merge_store
from lagebild.model import Article, Entity, Mention, Quote
from lagebild.store import Store

# the tests that take `store` run on SQLite and on PostgreSQL (conftest.py)
pytestmark = pytest.mark.both_stores


def _q(store: Store, sql: str, params: tuple = ()) -> list[tuple]:
    """Every row of a query (``?`` placeholders) through the store's SQLAlchemy connection."""
    marks = iter(range(len(params)))
    named = re.sub(r"\?", lambda _m: f":p{next(marks)}", sql)
    return [tuple(r) for r in store.db.execute(sa.text(named), {f"p{i}": v for i, v in enumerate(params)})]


def _json(value):
    """A JSON column: text on SQLite, already decoded (jsonb) on PostgreSQL."""
    return json.loads(value) if isinstance(value, str) else value


def _aid(n: int) -> str:
    return hashlib.sha256(str(n).encode()).hexdigest()[:16]


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
        id=_aid(n), origins=[f"mem:{n}"], raw=text, raw_bytes=text.encode(), base=text, text=text,
        title=f"Artikel {n}", entities=entities, quotes=quotes,
    )  # fmt: skip


STOIBER_1 = "Stoiber sagte am Montag in München, er bleibe."
STOIBER_2 = "Edmund Stoiber besuchte Berlin."


def _ids(store: Store, table: str = "article_entities") -> set[str]:
    return {r[0] for r in _q(store, f"SELECT DISTINCT entity_id FROM {table}")}


def test_entity_store_surname_joins_full_name_across_articles(store: Store):
    store.add(_article(1, STOIBER_1, [("lb:PER:stoiber", "Stoiber", "PER")], speaker="lb:PER:stoiber"))
    store.add(_article(2, STOIBER_2, [("lb:PER:edmund-stoiber", "Edmund Stoiber", "PER")]))
    assert merge_store(store) == 1
    assert _ids(store) == {"lb:PER:edmund-stoiber"} == _ids(store, "mentions")
    assert _q(store, "SELECT speaker_entity FROM quotes")[0][0] == "lb:PER:edmund-stoiber"
    # what resolution said is kept
    assert {r[0] for r in _q(store, "SELECT resolved_id FROM mentions")} == {
        "lb:PER:stoiber", "lb:PER:edmund-stoiber"}  # fmt: skip
    ents = {r[0]: _json(r[1]) for r in _q(store, "SELECT id, aliases FROM entities")}
    assert set(ents) == {"lb:PER:edmund-stoiber"} and "Stoiber" in ents["lb:PER:edmund-stoiber"]
    art = store.get(_aid(1))
    assert [e.id for e in art.entities] == ["lb:PER:edmund-stoiber"]
    # idempotent
    snapshot = [list(_q(store, f"SELECT * FROM {t} ORDER BY 1, 2")) for t in ("article_entities", "mentions", "entities")]
    assert merge_store(store) == 0
    assert snapshot == [list(_q(store, f"SELECT * FROM {t} ORDER BY 1, 2")) for t in ("article_entities", "mentions", "entities")]


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
    assert {r[0] for r in _q(store, "SELECT id FROM entities")} == _ids(store)


def test_entity_store_variants_in_one_article_become_one_entity(store: Store):
    text = "Selenskyj traf Zelensky nicht, sagte Kiew."
    store.add(_article(1, text, [("lb:PER:selenskyj", "Selenskyj", "PER"), ("lb:PER:zelensky", "Zelensky", "PER")]))
    merge_store(store)
    rows = _q(store, "SELECT entity_id, aliases FROM article_entities")
    assert len(rows) == 1
    assert _q(store, "SELECT count(DISTINCT entity_id) FROM mentions")[0][0] == 1


def _stoiber_corpus(store: Store) -> None:
    store.add(_article(1, STOIBER_1, [("lb:PER:stoiber", "Stoiber", "PER")]))
    store.add(_article(2, STOIBER_2, [("lb:PER:edmund-stoiber", "Edmund Stoiber", "PER")]))
    merge_store(store)


def test_entity_store_split_and_merge_are_kept_across_merges(store: Store):
    from lagebild.enrich.merge import record_merge, record_split

    _stoiber_corpus(store)
    record_split(store, "lb:PER:edmund-stoiber", "Stoiber")
    assert _ids(store) == {"lb:PER:stoiber", "lb:PER:edmund-stoiber"}
    aliases = _json(_q(store, "SELECT aliases FROM entities WHERE id = 'lb:PER:edmund-stoiber'")[0][0])
    assert "Stoiber" not in aliases  # the split took its name along
    # a later article and a new merge run keep the analyst's split
    store.add(_article(3, "Stoiber kam spät.", [("lb:PER:stoiber", "Stoiber", "PER")]))
    merge_store(store)
    assert _ids(store) == {"lb:PER:stoiber", "lb:PER:edmund-stoiber"}
    record_merge(store, "lb:PER:edmund-stoiber", "lb:PER:stoiber")
    assert _ids(store) == {"lb:PER:edmund-stoiber"}


def test_entity_store_corrections_survive_reenrich(store: Store):
    """enrich writes the articles again with resolution ids: the map and the corrections hold."""
    from lagebild.enrich.merge import record_split

    _stoiber_corpus(store)
    record_split(store, "lb:PER:edmund-stoiber", "Stoiber")
    for n, text, ents in ((1, STOIBER_1, [("lb:PER:stoiber", "Stoiber", "PER")]),
                          (2, STOIBER_2, [("lb:PER:edmund-stoiber", "Edmund Stoiber", "PER")])):  # fmt: skip
        store.update_enrichment(_article(n, text, ents))
    merge_store(store)
    assert _ids(store) == {"lb:PER:stoiber", "lb:PER:edmund-stoiber"}


@pytest.mark.parametrize(
    ("argv", "expect"),
    [
        (["entities", "--type", "PER"], "lb:PER:edmund-stoiber"),
        (["entities", "--json", "--limit", "1"], '"merged": [\n   "lb:PER:stoiber"'),
        (["split", "Edmund Stoiber", "Stoiber"], "split 'Stoiber' off lb:PER:edmund-stoiber"),
        (["merge", "--rebuild"], "merged the whole store again (0 ids changed)"),
    ],
)
def test_entity_store_cli(tmp_path, capsys, argv, expect):
    db = str(tmp_path / "e.db")
    with Store(db) as s:
        _stoiber_corpus(s)
    assert main([*argv, "--db", db]) == 0
    assert expect in capsys.readouterr().out


def test_entity_store_cli_errors(tmp_path, capsys):
    db = str(tmp_path / "e.db")
    with Store(db) as s:
        _stoiber_corpus(s)
    assert main(["split", "Edmund Stoiber", "Strauß", "--db", db]) == 1
    assert "its names are: Edmund Stoiber, Stoiber" in capsys.readouterr().err
    assert main(["merge", "Edmund Stoiber", "Nobody", "--db", db]) == 1
    assert "No entity 'Nobody'" in capsys.readouterr().err
    assert main(["merge", "Edmund Stoiber", "--db", db]) == 1
    assert "needs two entities" in capsys.readouterr().err


def test_entity_store_group_tables_follow_a_merge(store: Store):
    from lagebild.group import assign

    a1 = _article(1, STOIBER_1, [("lb:PER:stoiber", "Stoiber", "PER")])
    a2 = _article(2, STOIBER_2, [("lb:PER:edmund-stoiber", "Edmund Stoiber", "PER")])
    for a in (a1, a2):
        store.add(a)
        assign(store, a)
    merge_store(store)
    for table in ("event_entities", "storyline_entities", "entity_df"):
        assert "lb:PER:stoiber" not in _ids(store, table)
        assert "lb:PER:edmund-stoiber" in _ids(store, table)
    for (ents,) in _q(store, "SELECT entities FROM events"):
        assert "lb:PER:stoiber" not in _json(ents)
    df = _q(store, "SELECT df FROM entity_df WHERE entity_id = 'lb:PER:edmund-stoiber'")[0][0]
    assert df == 2


def test_entity_store_ingest_merges_across_articles(tmp_path, store: Store):
    """The pipeline: Stoiber in one article, Edmund Stoiber in another -> one entity."""
    from lagebild.pipeline import ingest

    (tmp_path / "a1.txt").write_text(
        "Stoiber kritisiert Berliner Pläne\n\nMünchen, 3. März 2005. Der bayerische Ministerpräsident hat die "
        "Pläne der Bundesregierung kritisiert. Stoiber sagte am Montag in München, die Reform gehe zu weit.\n",
        encoding="utf-8",
    )
    (tmp_path / "a2.txt").write_text(
        "CSU berät über Steuerreform\n\nMünchen, 4. März 2005. Edmund Stoiber hat am Dienstag die Fraktion über "
        "die Steuerreform unterrichtet. Edmund Stoiber will die Gespräche in Berlin fortsetzen.\n",
        encoding="utf-8",
    )
    ingest([str(tmp_path / "a1.txt"), str(tmp_path / "a2.txt")], store, workers=1)
    per = {r[0] for r in _q(store,
        "SELECT DISTINCT ae.entity_id FROM article_entities ae JOIN entities e ON e.id = ae.entity_id"
        " WHERE e.type = 'PER'")}  # fmt: skip
    assert per == {"Q44507"}  # Edmund Stoiber, in the gazetteer since the EveryPolitician extension
    assert _q(store,
        "SELECT count(*) FROM article_entities WHERE entity_id = 'Q44507'")[0][0] == 2
    assert "lb:per:stoiber" not in _ids(store, "event_entities")


def test_entity_store_keeps_the_actor_flag_of_a_mention(store: Store):
    text = "Pjöngjang warnte die USA."
    art = _article(9, text, [("Q423", "Pjöngjang", "LOC")])
    art.entities[0].mentions[0].actor = True
    store.add(art)
    assert store.get(_aid(9)).entities[0].mentions[0].actor is True


def test_entity_store_merge_keys_are_kept_per_version(store: Store, monkeypatch):
    import lagebild.enrich.merge as merge

    _stoiber_corpus(store)
    assert _q(store, "SELECT count(*) FROM entity_keys WHERE version = ?", (merge.KEY_VERSION,))[0][0] == 2
    calls = []
    monkeypatch.setattr(merge, "merge_key", lambda n, t: calls.append(n) or f"{t}:{n.replace(' ', '')}")
    merge_store(store)
    assert calls == []  # kept keys are not computed again
    monkeypatch.setattr(merge, "KEY_VERSION", merge.KEY_VERSION + 1)
    merge_store(store)  # a new key function: every key computed again (here: no merge)
    assert sorted(calls) == ["Edmund Stoiber", "Stoiber"]
    assert _ids(store) == {"lb:PER:stoiber", "lb:PER:edmund-stoiber"}


# -- incremental merge: equals the full pass ------------------------------------------------
_POOL = [
    ("lb:PER:stoiber", "Stoiber", "PER"),
    ("lb:PER:edmund-stoiber", "Edmund Stoiber", "PER"),
    ("lb:PER:karin-stoiber", "Karin Stoiber", "PER"),
    ("lb:PER:selenskyj", "Selenskyj", "PER"),
    ("lb:PER:zelensky", "Zelensky", "PER"),
    ("Q3874799", "Wolodymyr Selenskyj", "PER"),
    ("lb:PER:comey", "Comey", "PER"),
    ("lb:PER:jim-comey", "Jim Comey", "PER"),
    ("lb:PER:james-b-comey", "James B. Comey", "PER"),
    ("lb:PER:hillary-rodham-clinton", "Hillary Rodham Clinton", "PER"),
    ("lb:PER:hillary-clinton", "Hillary Clinton", "PER"),
    ("lb:PER:clinton", "Clinton", "PER"),
    ("lb:PER:bill-clinton", "Bill Clinton", "PER"),
    ("lb:ORG:nato", "Nato", "ORG"),
    ("Q7184", "NATO", "ORG"),
    ("lb:LOC:kiew", "Kiew", "LOC"),
]


def _random_article(rng, n: int) -> Article:
    ents = rng.sample(_POOL, rng.randint(1, 4))
    text = " und ".join(name for _, name, _ in ents) + f" trafen sich zum {n}. Mal."
    return _article(n, text, ents, speaker=ents[0][0] if rng.random() < 0.5 else None)


def _merge_state(store: Store) -> tuple:
    def q(sql: str) -> list[tuple]:
        return [tuple(r) for r in _q(store, sql)]

    return (
        sorted(q("SELECT resolved_id, canonical FROM entity_map")),
        sorted(q("SELECT article_id, entity_id FROM article_entities")),
        sorted(q("SELECT article_id, start, entity_id, resolved_id FROM mentions")),
        sorted(q("SELECT article_id, speaker_entity FROM quotes")),
    )


@pytest.mark.parametrize("seed", range(6))
def test_entity_store_incremental_merge_equals_full_pass(store: Store, seed: int):
    """Articles arrive in batches (some enriched again, corrections now and then); after every
    incremental merge a full rebuild changes nothing, and a store that got everything at once
    ends the same."""
    import random

    from lagebild.enrich.merge import record_merge, record_split
    from lagebild.errors import LagebildError

    rng = random.Random(seed)
    arts: dict[int, Article] = {}
    for step in range(8):
        for _ in range(rng.randint(1, 4)):
            n = rng.randint(1, 14)
            art = _random_article(rng, n)
            if n in arts:
                store.update_enrichment(art)
            else:
                store.add(art)
            arts[n] = art
        merge_store(store)
        if step in (3, 5):  # an analyst's correction
            ids = sorted({r[0] for r in _q(store, "SELECT entity_id FROM article_entities")})
            try:
                if rng.random() < 0.5 and len(ids) > 1:
                    a, b = rng.sample(ids, 2)
                    record_merge(store, a, b)
                else:
                    e = rng.choice(ids)
                    names = sorted({r[0] for r in _q(store,
                        "SELECT name FROM entity_refs WHERE resolved_id IN (SELECT resolved_id FROM entity_map"
                        " WHERE canonical = ?) OR resolved_id = ?", (e, e))})  # fmt: skip
                    record_split(store, e, rng.choice(names))
            except LagebildError:
                pass
        got = _merge_state(store)
        assert merge_store(store, rebuild=True) == 0, f"step {step}: the full pass disagrees"
        assert _merge_state(store) == got


def test_entity_store_two_batches_equal_one_batch(tmp_path):
    """Ingest in two batches (merging after each) or in one: same entity ids and merges."""
    import random

    rng = random.Random(42)
    arts = [_random_article(rng, n) for n in range(1, 30)]
    with Store(str(tmp_path / "one.db")) as one, Store(str(tmp_path / "two.db")) as two:
        for a in arts:
            one.add(dataclasses_copy(a))
        merge_store(one)
        for a in arts[:12]:
            two.add(dataclasses_copy(a))
        merge_store(two)
        for a in arts[12:]:
            two.add(dataclasses_copy(a))
        merge_store(two)
        assert _merge_state(one) == _merge_state(two)
        assert len(_merge_state(one)[0]) > 3  # the corpus has merges to agree on


def dataclasses_copy(a: Article) -> Article:
    import copy

    return copy.deepcopy(a)


def test_entity_store_incremental_merge_reads_only_changed_families(store: Store, monkeypatch):
    """A new article about Stoiber looks at the Stoiber family, not at every id in the store."""
    import lagebild.enrich.merge as merge

    for n in range(10, 50):
        store.add(_article(n, f"Person{n} Nachname{n} sprach.", [(f"lb:PER:p{n}", f"Person{n} Nachname{n}", "PER")]))
    _stoiber_corpus(store)
    seen: list[int] = []
    real = merge.corpus_merge
    monkeypatch.setattr(merge, "corpus_merge", lambda refs, keys=None: (seen.append(len(refs)), real(refs, keys))[1])
    store.add(_article(100, "Stoiber kam spät.", [("lb:PER:stoiber", "Stoiber", "PER")]))
    assert merge_store(store) == 0
    assert seen == [2]  # Stoiber and Edmund Stoiber
    assert [e.id for e in store.get(_aid(100)).entities] == ["lb:PER:edmund-stoiber"]


def test_actor_role_comes_from_an_article_in_the_briefing_language(store):
    """A German briefing names no role word of an English article ('chief'), an English one does."""
    from lagebild.store import briefing

    de = _article(11, "Thomas Wimmer leitete den Einsatz.", [("lb:PER:wimmer", "Thomas Wimmer", "PER")])
    en = _article(12, "Fire chief Thomas Wimmer said the dam held.", [("lb:PER:wimmer", "Thomas Wimmer", "PER")])
    de.language, en.language = "de", "en"
    en.entities[0].role = "chief"
    store.add(de)
    store.add(en)
    ids = [_aid(11), _aid(12)]
    with store.begin() as conn:
        eids = {r[0] for r in conn.execute(sa.text("SELECT entity_id FROM article_entities"))}
        (eid,) = eids
        assert briefing.actor_articles(conn, eid, ids).role == "chief"  # no language asked: any role
        assert briefing.actor_articles(conn, eid, ids, "en").role == "chief"
        german = briefing.actor_articles(conn, eid, ids, "de")
        assert german.role is None and sorted(german.articles) == sorted(ids)
