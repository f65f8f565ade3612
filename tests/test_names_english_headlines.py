"""Round 17 of the names guard, English headlines (lagebild.enrich.names_english_headlines): spans
in title-case headline lines, in runs of capitals and across a spaced dash (task A of stop 34;
each test fails on the guard of 370cd50)."""

from __future__ import annotations

from lagebild.enrich import names_rules
from lagebild.enrich.names_english_headlines import english_headlines
from lagebild.enrich.resolve import resolve

from ._names import spans as _spans

LISTICLE = (
    "Latinos gave us plenty to think about in 2015, and it is time to revisit the year.\n"
    "Maria Hinojosa Explained Why She Felt Invisible As A Child.\n"
    "Getty.\n"
    "The journalist Maria Hinojosa spoke about the impact of not feeling visible in the media.\n"
    "Zoe Saldana Asked Men Everywhere to Redefine Masculinity.\n"
    "Getty.\n"
    "People fell out of their chairs after Zoe Saldana revealed her husband had taken her name.\n"
    "Contributing: Iris Ouyang, Thomas Vogel and Raquel Zaldivar.\n"
)
LISTICLE_SPANS = (
    ("Maria Hinojosa Explained", "PER"), ("Maria Hinojosa", "PER"), ("Zoe Saldana", "PER"),
    ("Redefine Masculinity", "PER"), ("Iris Ouyang", "PER"), ("Thomas Vogel", "PER"),
    ("Raquel Zaldivar", "PER"),
)  # fmt: skip

CAPS = (
    "Your daily look at the news and the stories that will be talked about today:\n"
    "1. U.N. PANEL RULES FOR WIKILEAKS FOUNDER.\n"
    "Julian Assange has been detained by Britain and Sweden since 2010, the rights group says.\n"
    "2. TALIBAN CLOSING RANKS AROUND NEW LEADER.\n"
    "The move could allow the insurgents to speak with one voice in the talks.\n"
    "3. SUPER BOWL ADVERTISERS STICKING TO CLASSICS.\n"
    "4. SANDERS HAS ADVANTAGE IN NEW HAMPSHIRE - Since January, Sen. Bernie Sanders has led "
    "in New Hampshire, and the state is the next one to vote in the primary of the party.\n"
)
CAPS_SPANS = (
    ("U.N. PANEL RULES", "ORG"), ("TALIBAN CLOSING", "ORG"), ("BOWL", "PER"),
    ("NEW HAMPSHIRE - Since", "LOC"), ("New Hampshire", "LOC"), ("Julian Assange", "PER"),
    ("Bernie Sanders", "PER"),
)  # fmt: skip


def _listed(text: str, *names: tuple[str, str]) -> set[tuple[str, str]]:
    return {(e.name, e.type) for e in resolve(text, _spans(text, *names))}


def test_title_case_headlines():
    got = _listed(LISTICLE, *LISTICLE_SPANS)
    assert ("Maria Hinojosa", "PER") in got and ("Zoe Saldana", "PER") in got
    assert not any(n.endswith("Explained") for n, _ in got)  # cut to the name the text uses
    assert ("Redefine Masculinity", "PER") not in got  # a headline's words, named nowhere else
    # a credit line holds names only: no headline
    for name in ("Iris Ouyang", "Thomas Vogel", "Raquel Zaldivar"):
        assert (name, "PER") in got


def test_runs_of_capitals_and_dashes():
    got = _listed(CAPS, *CAPS_SPANS)
    names = {n for n, _ in got}
    assert "U.N. PANEL RULES" not in names and "U.N." in names
    assert "TALIBAN CLOSING" not in names and any(n.casefold() == "taliban" for n in names)
    assert "BOWL" not in names  # an English word alone in a shouted headline
    assert "NEW HAMPSHIRE - Since" not in names and "New Hampshire" in names
    assert ("Julian Assange", "PER") in got and ("Bernie Sanders", "PER") in got


def test_switched_off_and_german_untouched():
    old = names_rules.RULES
    names_rules.RULES = old - {"en_title_line", "en_caps_run", "en_dash_cut"}
    try:
        got = _listed(CAPS, *CAPS_SPANS)
    finally:
        names_rules.RULES = old
    assert any(n == "TALIBAN CLOSING" for n, _ in got)
    text = "Der Bericht:\nMERKEL TRIFFT PUTIN IN BERLIN - Die Kanzlerin sagte, es sei gut.\n"
    spans = _spans(text, ("MERKEL TRIFFT", "PER"))
    assert english_headlines(text, spans) == spans
