""""Did you mean" (issue 13 §4): suggestions are words as the articles write them, for typos
of one or two edits (a letter left out, added, replaced, two swapped), umlauts typed as
ae/oe/ue, wrong case, several words, and entity names."""

from __future__ import annotations

import json

import pytest

from lagebild.search import index_article, search, suggest
from lagebild.search import _suggest
from lagebild.search._text import WORD
from lagebild.store import Store

TEXTS = {
    "h1": ("Hochwasser am Inn", "Das Hochwasser am Inn steigt weiter. Die Evakuierung von Hohenried läuft."),
    "h2": ("Nach dem Hochwasser", "Vier Wochen nach dem Hochwasser streiten die Versicherungen."),
    "h3": ("Prozess gegen Mallinger", "Jürgen Mallinger schweigt. Mallingers Anwalt spricht von Vorverurteilung."),
    "h4": ("Rücktritt", "Franz Müntefering kündigt seinen Rücktritt an; die Bundeskanzlerin bedauert es."),
    "h5": ("Unfall", "Ein Verkehrsunfall auf der A8: viele Verletzte, vier Fahrzeuge, viel Blechschaden."),
    "h6": ("Reise nach Vietnam", "Der Minister reist nach Vietnam und trifft Pjöngjangs Botschafter."),
    "e1": ("Primary Season", "The primary campaign goes on: Republican primaries in three states, said Clinton."),
}
ENGLISH = {"e1"}
# entity id, canonical name, the articles that name it
ENTITIES = [("Q1", "Pjöngjang", ["h6"]), ("Q2", "Franz Müntefering", ["h4"]), ("Q3", "Vereinigte Staaten", ["h6"])]


@pytest.fixture()
def typed(tmp_path) -> Store:
    """A store with seven short articles and three entities written straight into its tables."""
    s = Store(tmp_path / "t.db")
    with s.transaction() as conn:
        conn.execute("INSERT INTO raws (sha256, bytes, size) VALUES ('t', x'00', 1)")
        for aid, (title, text) in TEXTS.items():
            conn.execute(
                "INSERT INTO articles (id, format, raw_sha256, encoding, text, title, title_raw, published_from,"
                " agencies, language, flags, added_at)"
                " VALUES (?, 'text', 't', 'utf-8', ?, ?, ?, 'none', '[]', ?, '[]', '2024-01-01')",
                (aid, text, title, title, "en" if aid in ENGLISH else "de"),
            )
            index_article(conn, aid, title, text, "en" if aid in ENGLISH else "de")
        for eid, name, aids in ENTITIES:
            conn.execute("INSERT INTO entities (id, name, type, aliases) VALUES (?, ?, 'LOC', '[]')", (eid, name))
            for aid in aids:
                conn.execute(
                    "INSERT INTO article_entities (article_id, entity_id, name, aliases) VALUES (?, ?, ?, '[]')",
                    (aid, eid, name),
                )
    yield s
    s.close()


@pytest.mark.parametrize(
    ("query", "better"),
    [
        ("Hochwaser", "Hochwasser"),  # a letter left out (the stem "hochwa" is far from "hochwass")
        ("Hochwassser", "Hochwasser"),  # one added
        ("Hochwsaser", "Hochwasser"),  # two swapped
        ("Hochwazzer", "Hochwasser"),  # two replaced
        ("hochwaser", "Hochwasser"),  # wrong case: as the articles write it
        ("Malinger", "Mallinger"),  # a word, not the stem "Malling"
        ("Evakuirung", "Evakuierung"),  # the closest of the stem's spellings (not "evakuiert")
        ("Bundeskanzlrin", "Bundeskanzlerin"),  # the typo hides the ending from the stemmer
        ("Verkehrsunfalll", "Verkehrsunfall"),  # (English stemming makes "lll" a known "ll")
        ("Vietnm", "Vietnam"),  # not the frequent "viel"/"vier"
        ("Muenterfering", "Müntefering"),  # umlaut typed as ue, plus a typo
        ("Muenterfering Ruecktritt", "Müntefering Rücktritt"),  # the right word respelled too
        ("Evakuirung Hohenried", "Evakuierung Hohenried"),  # the known word kept
        ("campain", "campaign"),  # English
        ("primry", "primary"),  # the English stem is "primari": a final i is a y; cased as typed,
        ("Primry", "Primary"),  # not as the title writes it
        ("Repubilcan", "Republican"),
        ("Hochwasser", None),
        ("Ruecktritt", None),  # known: the search finds it as typed
        ("Xylophonkonzert", None),
    ],
)
def test_search_suggest_typos(typed, query, better):
    assert suggest(typed.conn, query) == better


def test_search_suggest_gives_words_of_the_articles(typed):
    """Every suggested word is written so in some article (never an index stem)."""
    written = {w for title, text in TEXTS.values() for w in WORD.findall(f"{title} {text}")}
    written |= {w for _e, name, _a in ENTITIES for w in WORD.findall(name)}
    for query in ["Hochwaser", "Malinger", "Evakuirung", "Versicherungn", "Vorverurteilng", "Blechschdaen"]:
        better = suggest(typed.conn, query)
        assert better is not None and set(WORD.findall(better)) <= written, (query, better)


def test_search_suggest_finds_what_it_suggests(typed):
    assert search(typed.conn, "Hochwaser Hohenreid", mode="keyword")[1] == 0
    better = suggest(typed.conn, "Hochwaser Hohenreid")
    assert better == "Hochwasser Hohenried"
    assert {h.id for h in search(typed.conn, better, mode="keyword")[0]} == {"h1"}


def test_search_suggest_entity_names(typed):
    """The articles write only "Pjöngjangs": the entity's name is the better suggestion. A name
    no article holds ("Vereinigte Staaten") is never suggested: its search would find nothing."""
    assert suggest(typed.conn, "Pjöngjnag") == "Pjöngjang"
    assert suggest(typed.conn, "Staaaten") is None


def test_search_suggest_entity_names_follow_new_articles(typed):
    assert suggest(typed.conn, "Lechtla") is None
    with typed.transaction() as conn:
        conn.execute(
            "INSERT INTO articles (id, format, raw_sha256, encoding, text, title, title_raw, published_from,"
            " agencies, language, flags, added_at) VALUES ('h7', 'text', 't', 'utf-8',"
            " 'Die Lechtaler Energie AG zahlt.', 'Energie', 'Energie', 'none', '[]', 'de', '[]', 'x')"
        )
        index_article(conn, "h7", "Energie", "Die Lechtaler Energie AG zahlt.", "de")
        conn.execute("INSERT INTO entities (id, name, type, aliases) VALUES ('Q4', 'Lechtal', 'LOC', '[]')")
        conn.execute("INSERT INTO article_entities (article_id, entity_id, name, aliases) VALUES ('h7', 'Q4', 'x', '[]')")
    assert suggest(typed.conn, "Lechtla") == "Lechtal"


def test_search_suggest_a_stem_the_articles_write_only_with_an_ending(typed):
    """The articles write *Bundespräsidenten*, never *Bundespräsident*: "Bundespräsidnt" is one
    edit from the index's stem but three from every written form; the ending's letters are
    allowed on top of the bound, so the written form is suggested (it finds the article)."""
    assert suggest(typed.conn, "Bundespräsidnt") is None
    text = "Der Bundespräsidenten-Besuch fällt aus; die Rede des Bundespräsidenten wird verschoben."
    with typed.transaction() as conn:
        conn.execute(
            "INSERT INTO articles (id, format, raw_sha256, encoding, text, title, title_raw, published_from,"
            " agencies, language, flags, added_at) VALUES ('h8', 'text', 't', 'utf-8',"
            " ?, 'Besuch', 'Besuch', 'none', '[]', 'de', '[]', 'x')", (text,),
        )  # fmt: skip
        index_article(conn, "h8", "Besuch", text, "de")
    better = suggest(typed.conn, "Bundespräsidnt")
    assert better == "Bundespräsidenten"
    assert {h.id for h in search(typed.conn, better, mode="keyword")[0]} == {"h8"}
    assert suggest(typed.conn, "Bundespraesidnt Hochwaser") == "Bundespräsidenten Hochwasser"
    # a spelling within the bound still comes first: "Hochwasser", not a longer written form
    assert suggest(typed.conn, "Hochwaser") == "Hochwasser"
    # the ending's letters are the only extra: a word two edits off the stem and more gets none
    assert suggest(typed.conn, "Bunderpresidnt") is None


@pytest.mark.parametrize(
    ("a", "b", "distance"),
    [("hochwaser", "hochwasser", 1), ("hochwsaser", "hochwasser", 1), ("abcd", "badc", 2), ("kitten", "sitting", 3)],
)
def test_search_suggest_distance_counts_a_swap_as_one_edit(a, b, distance):
    assert _suggest._distance(a, b, 5) == distance
    assert _suggest._distance(a, b, distance - 1) == distance  # (over the bound: bound + 1)


def test_search_suggest_cli(typed, capsys):
    from lagebild.cli import main

    assert main(["search", "Hochwaser", "--mode", "keyword", "--json", "--db", typed.path]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["total"] == 0 and out["suggestion"] == "Hochwasser"
