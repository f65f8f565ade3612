"""Round 19 of the names guard (names_english_products): companies by their suffix, a maker's
products, the headlines after a ``Related:`` line, a date or a surname glued onto an
organisation (task A4 of stop 34; each test fails on the guard of 9dfe622)."""

from __future__ import annotations

import re

import pytest

from lagebild.enrich import names_rules
from lagebild.enrich.resolve import resolve

from ._names import spans as _spans

TEXT = (
    "Nabisco is expected to cut 277 workers this week as the company that makes Oreos, "
    "Chips Ahoy and Nilla Wafers shifts work to a Mexico plant, said a spokeswoman for "
    "Nabisco's parent company, Mondelez International. Trump, who was once a pitchman for "
    "the Oreo, has vowed to boycott the product. Jill Martin, counsel for the Trump "
    "Organization, said the claims had no substance. Ben Carson gave a speech to the "
    "YMCA of the Suncoast on Nov. 3 in Florida. Hillary Clinton unveiled a plan for an "
    "Office of Immigrant Affairs, and an aide would not say who would lead the Office of "
    "Immigrant Affairs Clinton had announced. The Tragedy of Lyndon Johnson is a book by "
    "Lyndon Johnson's aide, the paper said on Monday, and the debate went on.\n"
    '"Related:"\n'
    "Rand Paul Scores Direct Hit On Donald Trump.\n"
    "The Daily Show Takes A Closer Look At The GOP Candidates So You Don't Have To.\n"
    "The other candidates were quiet about the plan, and the voters were tired of the race."
)
SPANS = (
    ("Nabisco", "ORG"), ("Oreos", "MISC"), ("Oreo", "ORG"), ("Chips Ahoy", "PER"),
    ("Nilla Wafers", "PER"),
    ("Mexico", "LOC"), ("Mondelez International", "LOC"), ("Trump", "PER"),
    ("Jill Martin", "PER"), ("Trump Organization", "MISC"),
    ("Ben Carson", "PER"), ("YMCA of the Suncoast on Nov. 3", "ORG"), ("Florida", "LOC"),
    ("Hillary Clinton", "PER"), ("Office of Immigrant Affairs Clinton", "ORG"),
    ("Tragedy of Lyndon Johnson", "MISC"), ("Lyndon Johnson", "PER"),
    ("Rand Paul Scores Direct Hit On", "ORG"),
    ("Daily Show Takes A Closer Look At The GOP Candidates So You Don't", "MISC"),
)  # fmt: skip


def _listed(text: str, *names: tuple[str, str]) -> set[tuple[str, str]]:
    return {(e.name, e.type) for e in resolve(text, _spans(text, *names))}


def test_products_companies_related_tails():
    got = _listed(TEXT, *SPANS)
    names = {n for n, _ in got}
    assert ("Chips Ahoy", "MISC") in got and ("Nilla Wafers", "MISC") in got
    assert ("Oreo", "MISC") in got  # the same product elsewhere ("the Oreo"), singular
    assert ("Mondelez International", "ORG") in got
    assert ("Trump Organization", "ORG") in got
    assert ("YMCA of the Suncoast", "ORG") in got
    assert "Office of Immigrant Affairs Clinton" not in names
    assert ("Office of Immigrant Affairs", "ORG") in got
    assert not any("Scores" in n or "Takes" in n for n in names)
    # kept: persons, places, a title that ends in a person's whole name
    assert ("Ben Carson", "PER") in got and ("Hillary Clinton", "PER") in got
    assert ("Florida", "LOC") in got and ("Nabisco", "ORG") in got
    assert ("Tragedy of Lyndon Johnson", "MISC") in got


def test_no_cue_no_product():
    text = (
        "The senator met Chips Ahoy in the capital, and the voters cheered. The governor said "
        "the plan was good, and the mayor agreed with the governor on the plan. Donald Trump "
        "spoke, and the ad, which made Trump angry, ran. It was the company that made Trump "
        "rich, the paper said, and the plan was the plan of the governor."
    )
    got = _listed(text, ("Chips Ahoy", "PER"), ("Donald Trump", "PER"), ("Trump", "PER"))
    assert ("Chips Ahoy", "PER") in got
    assert ("Donald Trump", "PER") in got and ("Trump", "MISC") not in got


@pytest.mark.parametrize(
    "rule", ["en_company_suffix", "en_product", "en_related_line", "en_glued_tail"]
)
def test_rules_switch_off(rule, monkeypatch):
    monkeypatch.setattr(names_rules, "RULES", names_rules.RULES - {rule})
    got = _listed(TEXT, *SPANS)
    names = {n for n, _ in got}
    if rule == "en_company_suffix":
        assert ("Mondelez International", "LOC") in got
    elif rule == "en_product":
        assert ("Chips Ahoy", "PER") in got
    elif rule == "en_related_line":
        assert any("Scores" in n for n in names)
    else:
        assert "YMCA of the Suncoast on Nov. 3" in names


def test_listed_person_stays_person():
    # "the company that made Trump rich" beside "Donald Trump": the list cue names no product
    from lagebild.enrich.names_english_products import english_products

    text = (
        "The senator met the voters in the capital, and the voters cheered. The governor said "
        "the plan was good. Donald Trump spoke, and the ad ran. It was the company that made "
        "Trump rich, the paper said, and the plan was the plan of the governor."
    )
    sp = [(m.start(), m.end(), "PER") for m in re.finditer("Trump", text)]
    sp[0] = (sp[0][0] - len("Donald "), sp[0][1], "PER")
    got = [(text[a:b], lab) for a, b, lab in english_products(text, sp)]
    assert got == [("Donald Trump", "PER"), ("Trump", "PER")]
