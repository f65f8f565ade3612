"""Independent outlets: wire copies and near-identical texts count once, each outlet once."""

from __future__ import annotations

import json
import sqlite3

import pytest

from lagebild.present.sources import independent_outlets, outlet_groups

WIRE = (
    "Die Regierung hat am Dienstag den Bau der Pipeline gestoppt und alle Verträge mit dem Betreiber"
    " gekündigt. Der Betreiber kündigte rechtliche Schritte an und sprach von einem Wortbruch."
)
OWN_1 = "Unsere Reporterin war vor Ort: Auf der Baustelle der Pipeline standen am Mittwoch die Bagger still."
OWN_2 = "Ein Kommentar: Die Entscheidung über die Pipeline kommt spät, aber sie ist richtig, meint unser Autor."


@pytest.fixture
def conn():
    c = sqlite3.connect(":memory:")
    c.execute("CREATE TABLE articles (id TEXT PRIMARY KEY, source TEXT, agencies TEXT, text TEXT, url TEXT)")
    c.execute("CREATE TABLE group_articles (article_id TEXT PRIMARY KEY, duplicate_of TEXT)")
    yield c
    c.close()


def _add(conn, aid: str, source: str | None, text: str, agencies=(), dup: str | None = None, url=None) -> str:
    conn.execute("INSERT INTO articles VALUES (?,?,?,?,?)", (aid, source, json.dumps(list(agencies)), text, url))
    conn.execute("INSERT INTO group_articles VALUES (?,?)", (aid, dup))
    return aid


def test_sources_wire_copies_count_once(conn):
    ids = [
        _add(conn, "a", "welt", WIRE + " Mehr dazu später.", ["dpa"]),
        _add(conn, "b", "zeit", "Berlin (dpa) - " + WIRE, ["dpa"]),
        _add(conn, "c", "dpa", WIRE),  # the agency's own copy
        _add(conn, "d", "taz", OWN_1),
    ]
    groups = outlet_groups(conn, ids)
    assert independent_outlets(conn, ids) == 2
    assert ["dpa" in " ".join(g) or "welt" in g for g in groups].count(True) == 1
    assert ["taz"] in groups


def test_sources_same_outlet_counts_once_different_writeups_count_apart(conn):
    ids = [
        _add(conn, "a", "taz", OWN_1),
        _add(conn, "b", "TAZ", OWN_2),  # folded: one outlet
        _add(conn, "c", "faz.net", OWN_2.replace("unser Autor", "die FAZ"), ["reuters"]),
        _add(conn, "d", "dw", "Die Bagger standen still, berichtet die DW aus Brandenburg.", ["reuters", "afp"]),
    ]
    # faz copies the taz commentary nearly word for word: one report; dw writes its own
    assert independent_outlets(conn, ids) == 2
    assert independent_outlets(conn, ["a", "d"]) == 2


def test_sources_grouping_duplicates_and_reuters_domain(conn):
    ids = [
        _add(conn, "a", "regionalzeitung", WIRE, ["dpa"]),
        _add(conn, "b", "tagesschau", "Ganz anders formuliert, aber als Duplikat erkannt.", ["dpa", "afp"], dup="a"),
        _add(conn, "c", "reuters.com", OWN_1),
        _add(conn, "d", "Reuters", OWN_2),
        _add(conn, "e", None, OWN_1 + " Und noch mehr.", []),  # unknown outlet, but the same text as c
    ]
    assert independent_outlets(conn, ids) == 2
    assert independent_outlets(conn, []) == 0
    assert independent_outlets(conn, ["missing"]) == 0


def test_sources_seed_storyline(tmp_path):
    from lagebild.pipeline import ingest
    from lagebild.store import Store

    from .conftest import DATA, EXAMPLES

    with Store(tmp_path / "s.db") as store:
        assert ingest([str(EXAMPLES), str(DATA / "stories" / "muenchen_agentur.txt"),
                       str(DATA / "stories" / "muenchen_tagesschau.txt")], store, workers=1).ok  # fmt: skip
        ids = [r[0] for r in store.conn.execute("SELECT article_id FROM group_articles")]
        # dw and toi write their own reports; tagesschau carries the regional paper's dpa copy
        assert independent_outlets(store.conn, ids) == 3


def test_sources_cli_stories_show_independent_outlets(tmp_path, capsys):
    import json as _json

    from lagebild.cli import main
    from lagebild.pipeline import ingest
    from lagebild.store import Store

    from .conftest import DATA

    db = tmp_path / "c.db"
    with Store(db) as store:
        assert ingest([str(DATA / "stories" / "muenchen_agentur.txt"),
                       str(DATA / "stories" / "muenchen_tagesschau.txt")], store, workers=1).ok  # fmt: skip
    assert main(["stories", "--json", "--db", str(db)]) == 0
    stories = _json.loads(capsys.readouterr().out)
    assert [st["outlets"] for st in stories] == [1]  # the tagesschau piece is the dpa copy
    assert main(["stories", "--db", str(db)]) == 0
    assert "1 source " in capsys.readouterr().out


def test_sources_unknown_outlets_count_as_one_together(conn):
    ids = [
        _add(conn, "a", None, OWN_1),
        _add(conn, "b", "", OWN_2),  # a blank source is no source
        _add(conn, "c", None, "Ein dritter Text ohne Quelle über die Pipeline und die Bagger in Brandenburg."),
        _add(conn, "d", "taz", "Die taz berichtet ganz eigenständig über die Verträge mit dem Betreiber."),
    ]
    # three articles of no known outlet: one voice at most, beside the taz
    assert independent_outlets(conn, ids) == 2
    # a URL names the outlet a source does not (as the briefing's citations do)
    own = "Der Spiegel schreibt seinen eigenen Bericht über den Stopp."
    _add(conn, "e", None, own, url="https://www.spiegel.de/x")
    assert ["spiegel"] in outlet_groups(conn, [*ids, "e"]) and independent_outlets(conn, [*ids, "e"]) == 3
    assert ["?"] in outlet_groups(conn, ids) and ["taz"] in outlet_groups(conn, ids)
    assert independent_outlets(conn, ["a", "b", "c"]) == 1
    assert independent_outlets(conn, ["a"]) == 1


def test_sources_unknown_copy_of_a_known_outlet_is_that_outlets_report(conn):
    ids = [
        _add(conn, "a", "welt", WIRE, ["dpa"]),
        _add(conn, "b", None, WIRE + " Ergänzt."),  # the dpa text again, no outlet named: the same report
        _add(conn, "c", "faz", OWN_1),
        _add(conn, "d", None, OWN_1 + " Mehr."),  # the faz text, no outlet named
        _add(conn, "e", None, OWN_2),  # its own text, no outlet named
    ]
    groups = outlet_groups(conn, ids)
    # the unknown copies stay with their outlets (the welt and faz reports stay apart), the own text is one more
    assert independent_outlets(conn, ids) == 3
    assert ["?", "faz"] in groups and ["?"] in groups and ["?", "welt"] in groups


@pytest.mark.parametrize("seed", range(6))
def test_sources_many_groups_counted_as_one_by_one(conn, seed):
    """independent_counts (all groups at once, with a memo) and most_independent (the head of the
    ranking, counting only what can reach it) give what independent_outlets gives group by group."""
    import random

    from lagebild.present import sources
    from lagebild.present.sources import independent_counts, most_independent

    rng = random.Random(seed)
    texts = [WIRE, OWN_1, OWN_2, WIRE + " Mehr dazu später.", "Berlin (dpa) - " + WIRE, OWN_1 + " Mehr."]
    texts += [f"Ein eigener Bericht Nummer {i} über die Pipeline, geschrieben von Redaktion {i}." for i in range(8)]
    ids = [_add(conn, f"a{i}", rng.choice(["taz", "welt", "dpa", None, "faz", "zeit", "dw"]), rng.choice(texts),
                rng.choice([(), ("dpa",), ("reuters",)])) for i in range(60)]  # fmt: skip
    groups = {f"g{k}": rng.sample(ids, rng.randint(1, 12)) for k in range(40)}
    groups["big"] = ids  # beyond the pairwise limit when lowered below
    one_by_one = {gid: independent_outlets(conn, members) for gid, members in groups.items()}
    memo: dict = {}
    assert independent_counts(conn, groups, memo) == one_by_one
    assert independent_counts(conn, groups, memo) == one_by_one  # from the memo
    tiebreak = {gid: (len(members), gid) for gid, members in groups.items()}
    want = sorted(groups, key=lambda g: (one_by_one[g], *tiebreak[g]), reverse=True)
    for need in (1, 3, 10, 41):
        assert most_independent(conn, groups, tiebreak, need) == [(g, one_by_one[g]) for g in want[:need]]
    old = sources._PAIRWISE
    sources._PAIRWISE = 4  # the inverted index finds the same pairs as comparing every pair
    try:
        assert independent_counts(conn, groups) == one_by_one
    finally:
        sources._PAIRWISE = old
