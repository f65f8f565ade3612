"""A maker's name and a product's (issue 10 §2, round 12 of the names guard, ``brand_product``).

``Apple Watch``, ``Google Photos``, ``VW Polo``, ``Facebook Messenger``: a name that begins
with an organisation the article also names alone (``Apple``, ``Google``, ``VW``) and goes
on with words that are no organisation's (no designator such as ``AG`` or ``Group``, no
institution head, no place, number or letters: ``Bayern München``, ``ÖVP Wien``, ``Mainz 05``
are clubs and branches; none in a sports report) names the organisation's product, a thing
(MISC), not a second organisation.
"""

from __future__ import annotations

from lagebild.enrich import names_rules as _rules

# words after a maker's name that still name a body of it ("Google Deutschland" is a
# place's branch; "Microsoft Research", "Apple Store" are its own units)
_UNIT = frozenset(
    "Research Labs Lab Ventures Foundation Stiftung Store Stores Studios Studio Games Music"
    " Records Entertainment Media News Capital Services Service Health Energy Motors Group"
    " Holding Bank Financial Capital Security Cloud Austria Deutschland Schweiz Europe"
    " International Foundation Press Verlag Sport Sports Pictures".split()
)


def brand_product(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """ORG spans ``Maker Product`` retyped MISC where the article names ``Maker`` alone as
    an organisation."""
    if not _rules.on("brand_product"):
        return spans
    from lagebild.enrich.names_spans import _INSTITUTION_HEADS
    from lagebild.enrich.names_lexicon import _gazetteer_word
    from lagebild.enrich.names_context import scores
    from lagebild.enrich.names_types import _CLUB_PREFIX, _ORG_DESIGNATOR

    if scores(text) >= 2:
        return spans  # a sports report: "Juventus Turin", "Austria Klagenfurt" are clubs
    makers = {text[a:b] for a, b, lab in spans if lab == "ORG" and " " not in text[a:b]}
    if not makers:
        return spans
    places = {text[a:b] for a, b, lab in spans if lab == "LOC"}
    out = []
    for a, b, lab in spans:
        words = text[a:b].split()
        if (
            lab == "ORG"
            and len(words) >= 2
            and words[0] in makers
            and not any(w in _ORG_DESIGNATOR or w in _UNIT for w in words[1:])
            and not any(w.lower().endswith(h) for w in words[1:] for h in _INSTITUTION_HEADS)
            # "Bayern München", "ÖVP Wien", "Hertha BSC", "Mainz 05": a club or a party's
            # branch (a place, a club's prefix, letters or a number after the name)
            and words[0] not in _CLUB_PREFIX
            and not any(w.isupper() or any(c.isdigit() for c in w) for w in words[1:])
            and not any(w in places or _gazetteer_word(w) for w in words[1:])
            and text[a - 1 : a] != "-"
        ):
            lab = "MISC"
        out.append((a, b, lab))
    return out
