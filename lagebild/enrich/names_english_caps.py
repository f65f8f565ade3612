"""Round 15 of the names guard (issue 10 §2): English things typed as persons, words in
capitals, units after numbers.

* ``en_thing_person``: a one-word "person" that is a web platform (``on Twitter``) is an
  organisation, a political coinage (``Brexit``, ``Obamacare``) a thing's name (MISC); a
  building or street noun alone (``The Cathedral``, ``Square``) is no name at all, and a
  "person" that ends in one (``Broad Street``, ``St. Paul's Cathedral``) is a place.
* ``unit_after_number`` (read by ``resolve``): a currency (``neun Millionen Mark``, ``300
  Mark``) or a time zone (``1700 UTC``, ``5 p.m. ET``) right after an amount or a time is a
  unit, no name.
* ``caps_outlet``: a word in capitals that is a newspaper's name (``dem STANDARD``, ``zum
  STANDARD``: DER STANDARD's own style) is that organisation, whatever type the model gave.
* ``caps_role_label``: ``DIE FRAU:``, ``DER MANN (nickt):`` -- a word in capitals after an
  article in capitals and before a colon labels a role of a printed play or dialogue, no name.
* ``caps_dateline``: a word in capitals that opens a line before a dateline's dash
  (``KIEL - Vertreter``, ``KIEL, Germany - Officials``) is the place the report was filed in.
* ``caps_fold`` (read by ``resolve``): a name in capitals whose mixed-case spelling the
  article uses too (``KIEL`` beside ``Kiel``) takes that spelling's type; an entity named only
  in capitals at datelines is named in mixed case (``Kiel``).
* ``lone_first_name`` (read by ``resolve``): a one-word person that is the first name of the
  article's full names of one surname, gazetteer persons included (``Well, Donald, those days
  are over`` beside ``Donald Trump``), and the last name of none is that person.

Each rule asks its switch in :mod:`lagebild.enrich.names_rules`.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from lagebild.enrich import names_rules as _rules

Span = tuple[int, int, str]

# One-word "persons" of the English model that name a platform (ORG) or a coinage (MISC).
_PLATFORMS = frozenset(
    """Twitter Facebook Instagram YouTube Youtube Google Snapchat Reddit LinkedIn WhatsApp
    Periscope Tumblr Pinterest TikTok Skype Netflix Hulu Spotify Wikipedia WikiLeaks Wikileaks
    Telegram Vimeo Flickr Yahoo Gmail iTunes Craigslist Uber Lyft Airbnb""".split()
)
_COINAGES = frozenset(
    """Brexit Grexit Frexit Obamacare Trumpcare Romneycare Medicare Medicaid Watergate
    Bridgegate Pizzagate Whitewater Travelgate Emailgate""".split()
)
# Nouns of buildings and streets: no name alone (unless a surname of the article's persons:
# ``Sam Palace``), a place's head at the end of a "person" (``Broad Street``; none that is
# a common surname too: ``Jerry Hall``, ``George Church``, ``Nathan Lane``).
_LONE_PLACE_NOUNS = frozenset(
    """Cathedral Chapel Basilica Mosque Synagogue Palace Square Street Avenue Boulevard
    Plaza""".split()
)
_PLACE_NOUNS = frozenset(
    """Cathedral Chapel Basilica Mosque Synagogue Palace Square Street Avenue Boulevard Plaza
    Road Airport Station Harbour Harbor""".split()
)

# Currencies and time zones, and what counts as an amount or a time right before them.
_CURRENCIES = frozenset(
    """Mark Reichsmark Goldmark D-Mark Euro Dollar Schilling Franken Pfund Rubel Yen Yuan Lira
    Kronen Krone Gulden Taler Thaler Rupien Rupie Peso Pesos Real Rand Zloty Forint Dinar
    Pence Cent Groschen Heller Kreuzer Dukaten""".split()
)
_TIME_ZONES = frozenset(
    """UTC GMT MEZ MESZ CET CEST EET EEST WET WEST BST EST EDT CST CDT MST MDT PST PDT AKST
    AKDT HST ET PT CT MT IST JST AEST AEDT""".split()
)
_NUMBER_WORDS = (
    r"Millionen|Milliarden|Mio\.|Mrd\.|Tausend|tausend|hundert|Hundert|Million|Milliarde|"
    r"zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwanzig|dreißig|vierzig|"
    r"fünfzig|hundert|tausend|million|billion|thousand|hundred"
)
_AMOUNT_BEFORE = re.compile(r"(?:\d[\d.,']*|\d\s\d{3}|" + _NUMBER_WORDS + r")\s?$")
_TIME_BEFORE = re.compile(r"(?:\d{1,2}[:.]\d\d|\d{3,4}|\d{1,2}\s?(?:[ap]\.?m\.?|Uhr))\s?$", re.I)

# Newspapers a word in capitals may name (DER STANDARD writes itself ``STANDARD``).
_OUTLETS = frozenset(
    """STANDARD PRESSE KURIER KRONE FALTER PROFIL SPIEGEL STERN ZEIT BILD WELT FOCUS
    HANDELSBLATT TAGESSPIEGEL""".split()
)
_DATELINE_TAIL = re.compile(
    r"(?:,\s*[A-Z][\w.]*(?:\s[A-Z][\w.]*)?)?\s*(?:\([^()\n]{1,30}\)\s*)?[-–—]\s"
)


def _caps(word: str) -> bool:
    return len(word) >= 3 and word.isupper() and any(c.isalpha() for c in word)


def _en_thing_person(text: str, spans: list[Span]) -> list[Span]:
    surnames = {
        text[a:b].split()[-1] for a, b, lab in spans if lab == "PER" and " " in text[a:b].strip()
    }
    out = []
    for a, b, lab in spans:
        words = text[a:b].split()
        if not words:
            continue
        if len(words) == 1 and words[0] in _LONE_PLACE_NOUNS and words[0] not in surnames:
            continue  # "The Cathedral was under renovation": a noun, no name
        if lab == "PER":
            if len(words) == 1 and words[0] in _PLATFORMS:
                lab = "ORG"  # "taking to Twitter"
            elif len(words) == 1 and words[0] in _COINAGES:
                lab = "MISC"  # "the Brexit vote"
            elif len(words) >= 2 and words[-1] in _PLACE_NOUNS:
                lab = "LOC"  # "down Broad Street"
        out.append((a, b, lab))
    return out


def _unit_after_number(text: str, spans: list[Span]) -> list[Span]:
    out = []
    for a, b, lab in spans:
        word = text[a:b]
        before = text[max(0, a - 14) : a]
        if word in _CURRENCIES and _AMOUNT_BEFORE.search(before):
            continue  # "neun Millionen Mark", "300 Mark"
        if word in _TIME_ZONES and (
            _TIME_BEFORE.search(before) or re.match(r"[+\-−]\d", text[b : b + 2])
        ):
            continue  # "(1700 UTC)", "5 p.m. ET", "UTC+2"
        out.append((a, b, lab))
    return out


def opens_caps_dateline(text: str, a: int, b: int) -> bool:
    """Does the word in capitals at ``text[a:b]`` open a line as a dateline (``KIEL -``,
    ``KIEL, Germany -``, ``DECATUR, Ill. —``)?"""
    name = text[a:b]
    if not all(_caps(w) or w in ("AM", "AN", "IM", "BEI", "DER") for w in name.split()):
        return False
    line_start = text.rfind("\n", max(0, a - 200), a) + 1
    return not text[line_start:a].strip() and bool(_DATELINE_TAIL.match(text, b))


_CAPS_ARTICLE = re.compile(r"(?:^|[\s.!?)“”\"])(?:DER|DIE|DAS|THE) $")
_LABEL_TAIL = re.compile(r"\s?(?:\([^()\n]{1,40}\)\s?)?:")


def _caps_types(text: str, spans: list[Span]) -> list[Span]:
    out = []
    for a, b, lab in spans:
        name = text[a:b]
        if _rules.on("caps_outlet") and name in _OUTLETS and lab != "ORG":
            lab = "ORG"  # "dem STANDARD", "zum STANDARD"
        elif (
            _rules.on("caps_role_label")
            and name.isupper()
            and _CAPS_ARTICLE.search(text, max(0, a - 5), a)
            and _LABEL_TAIL.match(text, b)
        ):
            continue  # "DIE FRAU: Ach, hör doch auf!", "DER MANN (nickt):": a play's role
        elif _rules.on("caps_dateline") and lab != "LOC" and opens_caps_dateline(text, a, b):
            lab = "LOC"  # "KIEL, Germany - Officials"
        out.append((a, b, lab))
    return out


def round15(text: str, spans: list[Span]) -> list[Span]:
    """*spans* with the round-15 repairs applied (each asked through ``names_rules``)."""
    if _rules.on("en_thing_person"):
        spans = _en_thing_person(text, spans)
    return _caps_types(text, spans)


def drop_units(text: str, spans: list[Span]) -> list[Span]:
    """The article's spans without currencies and time zones after an amount or a time
    (``unit_after_number``; asked by ``resolve``: GermEval marks ``55 Euro`` as OTH, so the
    sentence-level guard keeps it, but no unit is an actor of an article)."""
    return _unit_after_number(text, spans) if _rules.on("unit_after_number") else spans


def fold_caps(name: str) -> str:
    """``KIEL`` -> ``Kiel``, ``HOHENRIED AM INN`` -> ``Hohenried am Inn``."""
    small = {"AM", "AN", "IM", "BEI", "DER", "OB", "UPON", "ON"}
    words = name.split(" ")
    return " ".join(
        w.lower() if i and w in small else "-".join(p.capitalize() for p in w.split("-"))
        for i, w in enumerate(words)
    )


def join_first_names(clusters: dict[str, list[Any]], gz: Any) -> None:
    """A one-word person that is the first name of the article's full names of one surname
    (``Well, Donald, ...`` beside ``Donald Trump``; ``Bernie`` beside the gazetteer's Bernie
    Sanders) and the last name of none joins the first of them."""
    from lagebild.enrich.roles import _name_tokens

    firsts: dict[str, list[tuple[str, str]]] = {}
    for key in clusters:
        if key.startswith("gz:"):
            rec = gz.by_id.get(key[3:])
            toks = _name_tokens(rec["name"]) if rec and rec.get("type") == "PER" else []
        else:
            toks = key[7:].split(" ") if key.startswith("nm:PER:") else []
        if len(toks) >= 2:
            firsts.setdefault(toks[0], []).append((key, toks[-1]))
    lasts = {last for v in firsts.values() for _, last in v}
    for key in [k for k in clusters if k.startswith("nm:PER:") and " " not in k[7:]]:
        cands = firsts.get(key[7:])
        if cands and key[7:] not in lasts and len({last for _, last in cands}) == 1:
            clusters[cands[0][0]].extend(clusters.pop(key))


def fold_caps_types(text: str, ms: list[Any]) -> None:
    """A model's name in capitals that the article also spells in mixed case (``KIEL``
    beside ``Kiel``) takes the type of the mixed-case spelling (the most frequent one)."""
    mixed: dict[str, Counter] = {}
    for m in ms:
        if m.source == "ner" and not m.text.isupper():
            mixed.setdefault(" ".join(m.tokens), Counter())[m.type] += 1
    if not mixed:
        return
    for m in ms:
        if (
            m.source == "ner"
            and m.text.isupper()
            and len(m.text) >= 3
            and not (m.type == "LOC" and opens_caps_dateline(text, m.start, m.end))
        ):
            types = mixed.get(" ".join(m.tokens))
            if types:
                m.type = types.most_common(1)[0][0]


def caps_place_name(text: str, pool: list[Any], best: Any) -> str:
    """The name of a place the model found in capitals (``KIEL``): the article's mixed-case
    spelling of it, else, when every mention is a dateline, the word in mixed case."""
    for m in pool:
        if m.tokens == best.tokens and not m.text.isupper():
            return m.text
    if all(opens_caps_dateline(text, m.start, m.end) for m in pool):
        return fold_caps(best.text)
    return best.text


def kin_of_known_person(text: str, a: int, b: int, label: str, pa: int, rec: Any) -> bool:
    """``gazetteer_kin`` (read by ``resolve``): the model's two-word person ``text[a:b]``
    ends in the surname ``text[pa:b]`` of a person the gazetteer knows, but her first name is
    none of his (``Michelle Obama`` beside Barack Obama, ``Melania Trump``): another person.
    A first name close to one of his (``Bashar``/``Baschar``, ``Boiko``/``Bojko``), one of his
    middle names (``Tayyip``) or a word of English or German (``Republican``) keeps him,
    unless the word is a known first name (``Michelle``: simplemma lists it as English)."""
    import difflib

    if label != "PER" or not rec or rec.get("type") != "PER" or not _rules.on("gazetteer_kin"):
        return False
    first = text[a:pa]
    if not first.endswith(" ") or " " in text[pa:b]:
        return False  # (a surname alone: "Cheeto | Donald Trump" is an epithet)
    first = first.strip()
    if not (first.isalpha() and first[:1].isupper() and first[1:].islower()):
        return False
    names = (rec["name"], *rec.get("aliases", ()))
    own = {t.lower() for n in names for t in re.split(r"[\s\-]+", n)}
    low = first.lower()
    if any(difflib.SequenceMatcher(None, low, t).ratio() >= 0.7 for t in own if t):
        return False
    from lagebild.enrich._quote_lex import FEMALE_NAMES, MALE_NAMES
    from lagebild.enrich.names_lexicon import _simplemma

    if low in FEMALE_NAMES or low in MALE_NAMES:  # a first name, though also a word (`michelle`)
        return True
    return _simplemma is not None and not (
        _simplemma.is_known(low, lang="en") or _simplemma.is_known(first, lang="de")
    )
