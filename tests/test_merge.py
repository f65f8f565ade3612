"""Tests for cross-article entity merging (lagebild.enrich.merge)."""

from __future__ import annotations

import pytest

from lagebild.enrich.merge import EntityRef, corpus_merge, merge_key, translit_key
from lagebild.enrich.resolve import entity_id_for


@pytest.mark.parametrize(
    "variants",
    [
        ["Chamenei", "Khamenei"],
        ["Selenskyj", "Zelensky", "Zelenskyy", "Selenski"],
        ["Schroeder", "Schröder"],
        ["Netanjahu", "Netanyahu"],
        ["Ahmadinedschad", "Ahmadinejad"],
    ],
)
def test_merge_transliteration_variants_share_a_key(variants):
    assert len({translit_key(v) for v in variants}) == 1


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Papst Benedikt XVI.", "Benedikt XVI.", True),
        ("James B. Comey", "James Comey", True),
        ("Jim Comey", "James Comey", True),
        ("Benedikt XVI.", "Benedikt XV.", False),
        ("Hillary Clinton", "Bill Clinton", False),
        ("Meier", "Maier", False),
    ],
)
def test_merge_key_drops_titles_initials_nicknames(a, b, same):
    assert (merge_key(a, "PER") == merge_key(b, "PER")) is same


def _ref(name: str, count: int = 1, type_: str = "PER", eid: str | None = None) -> EntityRef:
    return EntityRef(eid or entity_id_for(name, type_), name, type_, count)


def test_merge_surname_joins_unique_full_name_across_articles():
    refs = [_ref("Edmund Stoiber", 3), _ref("Stoiber", 5), _ref("Helmut Kohl"), _ref("Kohl", 2)]
    m = corpus_merge(refs)
    assert m["lb:per:stoiber"] == m["lb:per:edmund-stoiber"] == "lb:per:edmund-stoiber"
    assert m["lb:per:kohl"] == "lb:per:helmut-kohl"


def test_merge_ambiguous_surname_stays_alone():
    m = corpus_merge([_ref("Hillary Clinton"), _ref("Bill Clinton"), _ref("Clinton", 9)])
    assert m["lb:per:clinton"] == "lb:per:clinton"
    assert m["lb:per:hillary-clinton"] != m["lb:per:bill-clinton"]


def test_merge_gazetteer_id_is_canonical_and_gazetteer_ids_never_join():
    refs = [
        _ref("Wolodymyr Selenskyj", eid="Q3881"),
        _ref("Volodymyr Zelenskyy", 4),
        _ref("Zelensky", 2),
        _ref("Chamenei", eid="Q57336"),
        _ref("Khamenei", eid="Q1"),  # a different gazetteer entity by another spelling
    ]
    m = corpus_merge(refs)
    assert m[entity_id_for("Volodymyr Zelenskyy", "PER")] == "Q3881"
    assert m[entity_id_for("Zelensky", "PER")] == "Q3881"
    assert m["Q57336"] == "Q57336" and m["Q1"] == "Q1"


def test_merge_types_never_mix():
    m = corpus_merge([_ref("Jordan", type_="PER"), _ref("Jordan", type_="LOC")])
    assert len(set(m.values())) == 2


def test_merge_middle_name_joins_first_and_last():
    m = corpus_merge([_ref("Hillary Rodham Clinton"), _ref("Hillary Clinton", 5)])
    assert m["lb:per:hillary-rodham-clinton"] == "lb:per:hillary-clinton"
