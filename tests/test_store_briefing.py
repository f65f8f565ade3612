"""What the actor network reads (store/briefing.py): quote ties and named entities of many
articles in a constant number of statements, the same as the per-article reads they replace."""

from __future__ import annotations

from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from lagebild.pipeline import ingest
from lagebild.present.plot import network_ties
from lagebild.store import briefing as q
from lagebild.store.browse import entity_detail

from .conftest import ARTICLES, DATA, EXAMPLES

pytestmark = pytest.mark.both_stores


def _old_quote_ties(conn, aid: str, among: set[str]) -> list[tuple[str, str]]:
    """The per-article reads of quote_ties before the set-based query (three per article)."""
    if conn.dialect.name == "postgresql":
        speakers = "jsonb_array_elements_text(coalesce(q.speaker_entities, jsonb_build_array(q.speaker_entity))) AS j(value)"
    else:
        speakers = "json_each(coalesce(q.speaker_entities, json_array(q.speaker_entity))) AS j"
    ties = []
    for speaker, start, end in conn.execute(sa.text(
        f'SELECT j.value, q.start, q."end" FROM quotes q, {speakers}'
        " WHERE q.article_id = :aid AND q.speaker_entity IS NOT NULL ORDER BY q.seq"), {"aid": aid},
    ).all():  # fmt: skip
        if speaker not in among:
            continue
        for (other,) in conn.execute(sa.text(
            "SELECT DISTINCT entity_id FROM mentions WHERE article_id = :aid AND start >= :a AND start < :b"
            " ORDER BY entity_id"), {"aid": aid, "a": start, "b": end},
        ):  # fmt: skip
            if other in among and other != speaker:
                ties.append((speaker, other))
    return ties


@contextmanager
def _statements(conn):
    """Count the statements run on ``conn``'s engine inside the block."""
    seen: list[str] = []

    def note(_conn, _cursor, statement, *_args):
        seen.append(statement)

    engine = conn.engine
    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        yield seen
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)


def test_store_briefing_set_based_ties_equal_the_per_article_reads(store):
    assert ingest([str(EXAMPLES), str(ARTICLES), str(DATA / "stories")], store, workers=1).added
    conn = store.db
    ids = [a.id for a in store.iter_articles(full=False)]
    named = {aid: q.article_entity_ids(conn, aid) for aid in ids}
    every = set().union(*named.values())
    speakers = {r[0] for r in conn.execute(sa.text("SELECT speaker_entity FROM quotes WHERE speaker_entity IS NOT NULL"))}
    assert speakers and len(ids) > 10
    # every entity, the speakers only, and a few: the filter is part of what is compared
    for among in (every, speakers, set(sorted(every)[:7]) | set(sorted(speakers)[:2]), set()):
        old = {aid: _old_quote_ties(conn, aid, among) for aid in ids}
        new = q.quote_ties_of(conn, [*ids, "missing"], among)
        assert {aid: t for aid, t in old.items() if t} == new
        assert [q.quote_ties(conn, aid, among) for aid in ids] == [old[aid] for aid in ids]
        sets = q.article_entity_sets(conn, ids, among)
        assert sets == {aid: e & among for aid, e in named.items() if e & among}
    assert any(q.quote_ties_of(conn, ids, every).values())  # the examples have quote ties
    quotes = q.quotes_of_many(conn, [*ids, "missing"])
    assert quotes == {aid: q.quotes_of(conn, aid) for aid in ids if q.quotes_of(conn, aid)} and quotes
    # the key actors' articles, roles and forms (the briefing's "who", the local names)
    ents = sorted(every)
    for lang in (None, "de", "en"):
        for among_ids in (ids, ids[::3]):
            assert q.actor_articles_of(conn, [*ents, "missing"], among_ids, lang) == {
                e: q.actor_articles(conn, e, among_ids, lang) for e in [*ents, "missing"]}
    assert any(r.role for r in q.actor_articles_of(conn, ents, ids).values())
    # the entity page's mentions per article (counted for its newest 200 articles in one statement)
    mentions = conn.execute(sa.text("SELECT entity_id, article_id, count(*) FROM mentions GROUP BY entity_id, article_id"))
    counted = {(e, a): n for e, a, n in mentions}
    for eid in sorted(every):
        detail = entity_detail(conn, eid)
        assert detail is not None and detail["articles"]
        assert [a["id"] for a in detail["articles"]] == q.entity_newest(conn, eid)[1]
        assert {a["id"]: a["n"] for a in detail["articles"]} == {
            a["id"]: counted.get((eid, a["id"]), 0) for a in detail["articles"]}
        assert sum(detail["mentions_by_month"].values()) == sum(a["n"] for a in detail["articles"])


def test_store_briefing_network_statements_do_not_grow_with_the_articles(store):
    assert ingest([str(EXAMPLES), str(ARTICLES), str(DATA / "stories")], store, workers=1).added
    conn = store.db
    ids = [a.id for a in store.iter_articles(full=False)]
    among = {r[0] for r in conn.execute(sa.text("SELECT entity_id FROM article_entities"))}
    counts = []
    for n in (1, 3, len(ids)):
        with _statements(conn) as seen:
            q.quote_ties_of(conn, ids[:n], among)
            q.article_entity_sets(conn, ids[:n], among)
            q.actor_articles_of(conn, sorted(among), ids[:n])
        counts.append(len(seen))
    assert counts == [3, 3, 3], counts
    # the network of the entity named in most articles and of one named in a single article
    by_articles = conn.execute(sa.text(
        "SELECT entity_id, count(*) AS n FROM article_entities GROUP BY entity_id ORDER BY n DESC, entity_id"
    )).all()  # fmt: skip
    big, small = by_articles[0], by_articles[-1]
    assert big[1] >= 4 and small[1] == 1
    reads = []
    for eid, _n in (big, small):
        with _statements(conn) as seen:
            ties = network_ties(store, eid)
        reads.append(len(seen))
        # the entity page hands over the articles it has read: the same network
        detail = entity_detail(conn, eid)
        assert network_ties(store, eid, newest=(detail["name"], [a["id"] for a in detail["articles"]])) == ties
    assert reads[0] == reads[1], reads
