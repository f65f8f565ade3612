"""Names read off the page's layout (issue 10 §2, round 12b of the names guard).

* ``interview_label``: ``... Sterben. STANDARD: Wir sitzen ...`` -- a word in capitals that
  opens a sentence and is followed by a colon labels a speaker of an interview (the paper or
  a person), never a place: a LOC there the gazetteer does not know is the paper, ORG, at
  each of its mentions (``sagte er dem STANDARD``).
* ``caps_determiner``: ``DER`` of ``DER STANDARD`` -- an article in capitals is no name.
* ``dash_pair``: ``Jano – Sprangler``, ``Knoflach – Wöber`` -- two single words joined by a
  spaced dash are two names of a line-up or a fixture, not one: a person span is split in
  two, any other span of two such words is dropped (a title goes on after its dash with more
  words: ``Star Wars – Das Erwachen der Macht`` stays).
"""

from __future__ import annotations

import re

from lagebild.enrich import names_rules as _rules

_ARTICLES = frozenset("DER DIE DAS DEM DES EIN EINE EINER".split())  # ("DEN": Denmark's code)
_DASH = re.compile(r" [–—-] ")


def _opens_sentence(text: str, a: int) -> bool:
    before = text[:a].rstrip()
    return not before or before[-1] in ".!?:\n\"“”)»«"


def layout_labels(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """*spans* with the round-12b layout rules applied (each asked through ``names_rules``)."""
    from lagebild.enrich.names_lexicon import _gazetteer_word

    labels = {  # the interview's labels: every LOC mention of such a word is the speaker
        text[a:b]
        for a, b, lab in spans
        if _rules.on("interview_label")
        and lab == "LOC"
        and text[a:b].isupper()
        and len(text[a:b]) >= 3
        and " " not in text[a:b]
        and re.match(r"\s?:", text[b : b + 2])
        and _opens_sentence(text, a)
        and not _gazetteer_word(text[a:b])
    }
    out: list[tuple[int, int, str]] = []
    for a, b, lab in spans:
        name = text[a:b]
        if _rules.on("caps_determiner") and name in _ARTICLES:
            continue
        if lab == "LOC" and name in labels:
            lab = "ORG"
        if _rules.on("dash_pair"):
            parts = _DASH.split(name)
            if len(parts) == 2 and all(p and " " not in p and p[:1].isupper() for p in parts):
                if lab == "PER":
                    m = _DASH.search(name)
                    out.append((a, a + m.start(), lab))
                    out.append((a + m.end(), b, lab))
                continue
        out.append((a, b, lab))
    return out
