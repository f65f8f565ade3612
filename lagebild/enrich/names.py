"""Names, not nouns: a precision guard on the spans a statistical NER returns.

German capitalises every noun, so an NER model trained on little data tags
common nouns as names (``Mond``, ``Testpilot``, ``Balkone``, ``Notebook``), cuts
names at a middle initial (``Charles J`` | ``Camarda``), glues a neighbouring
word on (``Doch Djokovic``, ``Said Comey``, ``Regulator Boltz``) and keeps an
English possessive (``Hillary Clinton’s``).  :func:`filter_spans` repairs or
drops such spans, whichever model produced them; ``resolve`` applies it before
clustering.

How a common noun is told from a name (no list of names is needed):

1. the word must be one simplemma's German lexicon knows (``Djokovic``,
   ``Bengasi`` are unknown and always kept), and
2. its use in this article says *noun*: one of its occurrences follows a
   determiner, a quantifier or a preposition with article (``auf dem Mond``,
   ``ein neues Notebook``, ``zwei Balkone``), or it is an inflected plural of a
   known noun (``Balkone`` -> ``Balkon``).

A surname that is also a noun (``Kohl``, ``Fischer``) stays when the article
names the person in full (``Helmut Kohl``); an organisation that is a compound
with an institution head (``Bundestag``, ``Landesregierung``) stays too.

The word-level lexicon tests live in :mod:`lagebild.enrich.names_lexicon`, the passes over
an article's list of spans in :mod:`lagebild.enrich.names_context`; the rules' switches
(``_RULES``) and :func:`filter_spans` here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lagebild.enrich.names_context import (
    _SCORE,
    _acronym_paren,
    _all_after_in,
    _bei_place,
    _extend_for,
    _extend_initials,
    _first_name_join,
    _inner_possessive,
    _join_cut_names,
    _join_org_place,
    _occurrences,
    _place_particle,
    _surname_place,
    _tokens,
    _town_adjective_only,
)
from lagebild.enrich.names_lexicon import (
    LEADING_FUNCTION_WORDS,
    _ABSTRACT,
    _AGENT_NOUN,
    _DETERMINERS,
    _LOCATIVE,
    _WORD,
    _adjective,
    _agent_noun,
    _compound_head,
    _declines,
    _declines_strongly,
    _gazetteer_word,
    _inflected_adjective,
    _inflected_noun,
    _knows_lowercase,
    _knows_noun,
    _lower_word,
    _nominal_infinitive,
    _noun_compound_of_known,
    _noun_with_s,
    _plural_of_noun,
    _simplemma,
    _two_noun_compound,
)

__all__ = ["filter_spans", "is_common_noun", "LEADING_FUNCTION_WORDS"]

_ADJ_ENDING = re.compile(r"^[a-zäöüß][a-zäöüß\-]*(?:e|en|er|es|em)$")
_INSTITUTION_HEADS = (
    "tag",
    "rat",
    "regierung",
    "wehr",
    "ministerium",
    "gericht",
    "hof",
    "amt",
    "bank",
    "kommission",
    "parlament",
    "versammlung",
    "agentur",
    "behörde",
    "kammer",
    "gewerkschaft",
    "partei",
    "konzern",
    "verband",
    "bund",
    "liga",
    "polizei",
    "anwaltschaft",
)
# Place-name endings: a region or town is often used with an article (``die Steiermark``),
# so the article is no evidence against it.
_PLACE_END = re.compile(
    r"(?:mark|land|reich|burg|berg|stadt|dorf|heim|hausen|tal|au|ien|see|gau|furt|feld|kirchen"
    r"|meer|gebirge|wald|insel|inseln|bucht|golf|kanal|ufer|bach|fluss|strom|straße|strasse|gasse"
    r"|allee)$"
)
# (a street's name, "Argentinierstraße"; a known word is a kind of street, "Gemeindestraße")
_STREET_END = re.compile(r"(?:straße|strasse|gasse|allee)$")
# An inflected adjective alone is never a name (``Sudanesischer``).
_ADJECTIVE_FORM = re.compile(r"(?:isch|ische|ischen|ischer|isches|ischem)$")
# Heads of the noun an apposition stands behind: "die Zeitung To Vima", "Nachrichtenagentur
# Anadolu", "Indigena-Partei Winaq" name an organisation; "im Stadtteil Schaerbeek",
# "Kaserne Fehring", "Landeshauptstadt Linz" a place -- whatever type the model gave.
_ORG_APPOSITION = re.compile(
    r"(?:zeitung|zeitschrift|blatt|magazin|agentur|sender|partei|konzern|unternehmen|firma"
    r"|hersteller|kette|verlag|verein|klub|club|institut|gewerkschaft|organisation|miliz"
    r"|bewegung|fonds|gruppe|rundfunk|fernsehen|portal|plattform|verband)$"
)
_LOC_APPOSITION = re.compile(
    r"(?:stadt|stadtteil|bezirk|gemeinde|dorf|provinz|region|bundesland|bundesstaat|insel"
    r"|kaserne|viertel|kanton|grafschaft|ortschaft|ortsteil|diözese)$"
)
# The words an organisation's name ends in and no person's does ("Newcastle United",
# "Johnston Press", "ESI Group").
_ORG_DESIGNATOR = frozenset(
    "United City FC SC SV AG GmbH Inc Ltd Corp Co Press Group Holding Bank Club Verlag"
    " Albion Rovers Wanderers Athletic Hotspur".split()
)
# ... and the ones no place's name ends in ("West Bromwich Albion" LOC is the club; a city
# may end in "City": "Mexico City")
_ORG_NOT_PLACE = _ORG_DESIGNATOR - {"City", "Co", "Bank", "Group", "Club"}
# The words a sports club's name begins with ("FC Ingolstadt", "VfL Wolfsburg", "Borussia
# Mönchengladbach"): the closed class of German and European club prefixes.
_CLUB_PREFIX = frozenset(
    "FC SC SV SK SCR VfL VfB TSV TSG TuS FK NK HNK AC AS SSC RB BSC AFC KAA KRC PSV SpVgg"
    " Borussia Eintracht Dynamo Dinamo Sporting Real Atlético Olympique Fortuna Hertha"
    " Werder Rapid Wacker Sturm Admira".split()
)
_ACRONYM = re.compile(r"^[A-ZÄÖÜ0-9&]{2,7}$")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")


# Heads of role nouns that stand before a name ("Landeshauptmann Erwin Pröll",
# "Bildungsökonom Wößmann", "Doppeltorschütze Theo Walcott"); a compound ending in one
# is never a first name.
_ROLE_HEAD = re.compile(
    r"(?:hauptmann|chef|chefin|minister|ministerin|anwalt|anwältin|ökonom|ökonomin|experte|expertin"
    r"|biologe|biologin|mitglied|sprecher|sprecherin|partner|partnerin|schütze|schützin|sieger|siegerin"
    r"|präsident|präsidentin|kollege|kollegin|ethiker|ethikerin|trainer|trainerin|politiker|politikerin"
    r"|richter|richterin|leiter|leiterin|berater|beraterin|kanzler|kanzlerin|meister|meisterin"
    r"|direktor|direktorin|kandidat|kandidatin|abgeordneter|abgeordnete|vorsitzender|vorsitzende)$"
)


# More role heads (round 9): the same closed class, feminine forms the agent-noun test
# misses and roles of schools, prefectures and races ("Waldorfpädagoge", "Präfektin",
# "Mitfavorit").
_ROLE_HEAD_MORE = re.compile(
    r"(?:pädagoge|pädagogin|präfekt|präfektin|favorit|favoritin|gouverneur|gouverneurin"
    r"|kommissar|kommissarin|funktionär|funktionärin|bürgermeister|bürgermeisterin"
    r"|sekretär|sekretärin|aktivist|aktivistin|moderator|moderatorin)$"
)


def _role_noun(word: str) -> bool:
    """A word before a name that cannot be a first name: a compound of a role noun
    (``Landeshauptmann``, ``Bildungsökonom``) or the plural of a noun the lexicon
    knows (``Lobbyisten``)."""
    if "-" in word or not word[1:].islower() or len(word) < 5:
        return False
    low = word.lower()
    if (m := _ROLE_HEAD.search(low)) and m.start() >= 3:
        return True
    if "role_heads_more" in _RULES and (m := _ROLE_HEAD_MORE.search(low)) and m.start() >= 3:
        return True  # "Waldorfpädagoge Daniell Porsche", "Mitfavorit Justin Gatlin"
    return _knows_noun(word) and _plural_of_noun(word) and _AGENT_NOUN.search(low[:-2]) is not None


def _after_determiner(text: str, start: int) -> bool:
    """The word at *start* follows a determiner, perhaps with adjectives between."""
    before = text[max(0, start - 60) : start]
    if before[-1:] not in (" ", "\u00a0"):
        return False
    words = re.findall(r"[\wäöüÄÖÜß\-]+|[^\w\s]", before)[-4:]
    for w in reversed(words):
        lw = w.lower()
        if lw in _DETERMINERS:
            return True
        if _ADJ_ENDING.match(w) or w.isdigit():
            continue  # "dem neuen", "3 neue"
        return False
    return False


def is_common_noun(text: str, word: str, label: str, *, at: Iterable[int] | None = None) -> bool:
    """True if *word* (one capitalised token of a name span) is used as a common noun.

    Args:
        text: the article text.
        word: the token.
        label: the span's type (``PER``, ``ORG``, ``LOC``, ``MISC``).
        at: offsets of the word's uses to look at; None: every occurrence in *text*.
    """
    low = word.lower()
    if _ADJECTIVE_FORM.search(low) and word[1:].islower():
        return True  # "Sudanesischer"
    if _ACRONYM.match(word):
        return False  # "FPÖ", "ÖVP": an abbreviation is a name, whatever the lexicon says
    if label in ("LOC", "MISC") and word[1:].islower():
        stem = re.sub(r"(?:e|en|er|es|em)$", "", low)
        # (not an infinitive: "in Gießen" is a town, "gießen" a verb)
        if (_adjective(low) and not low.endswith("n")) or (
            stem != low and len(stem) >= 3 and _adjective(stem)
        ):
            return True  # "der Blaue", "Deutsch": an adjective, not a place or a named thing
    known = _knows_noun(word)
    head = None if known else _compound_head(word)
    if not known and head is None:
        return False
    if label == "ORG" and any(
        low.endswith(h) and len(low) >= len(h) + 3 for h in _INSTITUTION_HEADS
    ):
        if not low.endswith(("krat", "kratin")):  # "Christdemokrat" is no council ("-rat")
            return False
    if known and _ABSTRACT.search(low) and not (label == "PER" and re.search(r"[^th]ik$", low)):
        return True  # "Ethik", "Regierung"; a first name "Dominik" or "Henrik" is no abstract noun
    # a compound whose head is an inflected or abstract noun: "Datendiebstähle",
    # "Mitarbeiterversammlungen", "Hacker-Angriffen" (a place or firm compound,
    # "Kraigher-Haus", "Kapa-Institut", has a head in the singular)
    if known and _plural_of_noun(word):
        return True  # "Balkone", "Razzien"
    if label == "LOC" and _PLACE_END.search(low) and not (known and _STREET_END.search(low)):
        return False  # "die Steiermark", "die Hofburg", "Mittelmeer", "Traiskirchen"
    # (a town's name often ends in an old plural, "Saalfelden": for a place only an
    # abstract head or a hyphen counts)
    if head is not None and (
        _ABSTRACT.search(head.lower())
        or (_plural_of_noun(head) and (label != "LOC" or "-" in word))
    ):
        return True
    if "-" in word:
        # a "person" that ends in a common noun after a hyphen: "Bittencourt-Flanke",
        # "Partner-Unternehmen" (a double surname's second part is no such noun:
        # "Hanson-Young", "Mikl-Leitner")
        first_part = word.split("-", 1)[0]
        return (
            label == "PER"
            and head is not None
            and len(head) >= 5
            and (_declines(head) or _knows_noun(first_part))
        )  # "Kraigher-Haus", "Stoke-on-Trent": no determiner test on a hyphenated name
    # a place or a thing named by a word that declines like a common noun: "Jubel brach
    # aus", "einen Ausweg" (a person's surname may decline, "Fischer", so not for PER)
    if known and label in ("LOC", "MISC") and _declines(word):
        return True
    places = _occurrences(text, word) if at is None else at
    # an organisation takes an article ("der FPÖ", "die Borussia", "der Guardian"):
    # for ORG an article counts only for a word that declines like a common noun
    if label == "ORG" and not (_declines(word) if known else _declines(head or "")):
        return False
    # a bounded look: a word repeated thousands of times is judged by its first 50 uses
    return any(_after_determiner(text, p) for k, p in zip(range(50), places, strict=False))


def _genitive_of(text: str, word: str) -> bool:
    """``Hundstorfers``: a German genitive -s on a name whose bare form the article has."""
    if len(word) < 4 or not word.endswith("s") or word.endswith(("ss", "ß")):
        return False
    bare = word[:-1]
    if not bare[:1].isupper():
        return False
    return re.search(rf"(?<![\w-]){re.escape(bare)}(?![\w-])", text) is not None


def _genitive_before_noun(text: str, word: str) -> bool:
    """``Justin Biebers Kommentare``, ``Peter Stögers FC Köln``: a name that ends in a
    consonant and ``-s`` and stands before a capitalised word every time the article
    uses it is a German genitive.  (A name whose own last letter is ``s`` mostly has a
    vowel before it -- ``Tsipras``, ``Morales`` --; ``Williams gewann``: before a verb.)"""
    if len(word) < 5 or not re.search(r"[bcdfghklmnprtvwß]s$", word) or not word[:1].isupper():
        return False
    n = 0
    for n, p in enumerate(_occurrences(text, word), 1):  # noqa: B007 (n counts the uses)
        if not re.match(r"[ \u00a0][A-ZÄÖÜ]", text[p + len(word) : p + len(word) + 2]):
            return False
    return n > 0


def _clubs_by_place(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A place's name that begins or ends a club's name stands for the club (``Bayern``
    of ``Bayern München``, ``gegen Mönchengladbach`` beside ``Borussia Mönchengladbach``)
    -- in a sports report (two match scores) -- unless a locative preposition or a dateline says place (``Niederlage in Köln``)."""
    from lagebild.enrich.resolve import is_dateline  # resolve imports this module

    if len(_SCORE.findall(text)) < 2:
        return spans  # "der FC Lustenau" in a report on asylum: "Lustenau" stays the town
    if "club_number" in _RULES:
        # "bei Darmstadt 98", "Hannover 96": a town and a club's two-digit year is the club
        numbered = []
        for a, b, lab in spans:
            m = re.match(r" (\d\d)(?![\d:/,.]\d|[\d:/]| ?%| Prozent| Minuten)", text[b : b + 14])
            # (a place only: "Denifl 75", "Rehrl 21" are jumpers and their points)
            if lab == "LOC" and " " not in text[a:b] and m:
                a, b, lab = a, b + m.end(), "ORG"
            numbered.append((a, b, lab))
        spans = numbered
    heads: set[str] = set()
    for a, b, lab in spans:
        ws = text[a:b].split()
        if lab == "ORG" and len(ws) >= 2:
            heads.update((ws[0], ws[-1]))
    if not heads:
        return spans
    out = []
    for a, b, lab in spans:
        if lab == "LOC" and text[a:b] in heads and text[a:b] not in _CLUB_PREFIX:
            # "in Köln", "in Dortmund und Leverkusen"; "Ingolstadt/Hannover –" a dateline
            prev = re.findall(r"[^\W\d_]+", text[max(0, a - 60) : a])
            while (
                len(prev) >= 2 and prev[-1] in ("und", "oder", "sowie") and prev[-2][:1].isupper()
            ):
                del prev[-2:]
            if (
                not (prev and prev[-1].lower() in _LOCATIVE)
                and "/" not in text[a - 1 : a] + text[b : b + 1]
                and not is_dateline(text, a, b)
            ):
                lab = "ORG"
        out.append((a, b, lab))
    return out


def _person_follows(spans: list[tuple[int, int, str]], end: int) -> bool:
    """Another person's span begins right after *end* (one space between)."""
    return any(a == end + 1 and lab == "PER" for a, _, lab in spans)


def _context_label(text: str, start: int, end: int, label: str, words: list[str]) -> str:
    """The type the context gives a span: a dateline is a place; a name behind an
    apposition noun (``Zeitung To Vima``, ``Stadtteil Schaerbeek``) is of that noun's
    kind; a person's name never ends in ``United`` or ``Press``."""
    from lagebild.enrich.resolve import is_dateline  # resolve imports this module

    if (
        label != "LOC"
        and len(words) <= 3
        and not text[end : end + 3].lstrip().startswith(":")  # "STANDARD: Wie ..." asks
        and is_dateline(text, start, end)
    ):
        return "LOC"
    kind = _apposition_type(text, start, label)
    if kind is not None and kind != label:
        return kind
    if label == "PER" and len(words) >= 2 and words[-1] in _ORG_DESIGNATOR:
        return "ORG"
    if (
        "org_designator_more" in _RULES
        and label == "PER"
        and len(words) >= 2
        and words[-1] in _ORG_DESIGNATOR_MORE
    ):
        return "ORG"  # "Alix Partners", "Goldsmiths College"
    if (
        "event_head" in _RULES
        and label != "MISC"
        and (len(words) >= 2 or "-" in words[0])
        and _EVENT_HEAD.search(words[-1])
    ):
        return "MISC"  # "Olympischen Spielen", "French Open", "Leichtathletik-WM": an event
    if label == "LOC" and len(words) >= 2 and words[-1] in _ORG_NOT_PLACE:
        return "ORG"  # "West Bromwich Albion", "Leeds United"
    if label == "PER" and any(re.search(r"[^\W\d]\d|\d[^\W\d]", w) for w in words[1:]):
        return "ORG"  # "Telefonica O2": a person's name has no letter-digit token
    return label


# English words an organisation's name ends in and no person's does (round 9; the same
# closed class as ``_ORG_DESIGNATOR``): "Alix Partners", "Goldsmiths College".
_ORG_DESIGNATOR_MORE = frozenset(
    "Partners College University Institute Foundation Society Association Agency Records"
    " Studios Entertainment Media Capital Ventures Technologies Systems Solutions Labs"
    " Networks Airlines Airways Motors Pharmaceuticals Brothers Consulting Inc. Ltd. Corp.".split()
)
# The last word of an event's name (round 9): tournaments, games, championships,
# festivals -- a closed class; "US Open" ORG, "Olympischen Spielen" ORG, "Fußball-EM" ORG
# and "Leichtathletik-WM" LOC are events (MISC).
_EVENT_HEAD = re.compile(
    r"(?:^|-)(?:Open|Spiele|Spielen|Olympics|WM|EM|Weltmeisterschaft|Weltmeisterschaften"
    r"|Europameisterschaft|Europameisterschaften|Olympiade|Festival|Festspiele|Festspielen"
    r"|Finals|Championships|Championship|Trophy|Marathon|Rallye|Prix)$"
)

# More apposition heads, read only for the type a name takes (round 8): bodies
# ("Ratingagentur Moodys", "Buchhandlung Leporello", "Start-up Robo", "Burschenschaft
# Vandalia"), facilities that are places ("Haftanstalt Palmasola", "Grenzübergang
# Lavamünd") and named things that are no one ("Währung Hrywnja", "Herbizid Glyphosat",
# "Rollenspiel Vampyr", "Sujets Billy"): closed classes of nouns.
_ORG_APPOSITION_MORE = re.compile(
    r"(?:behörde|buchhandlung|start-up|startup|burschenschaft|genossenschaft"
    r"|gesellschaft|polizei|rettung|feuerwehr|bank|studio|label|labels|netzwerk|anbieter"
    r"|betreiber|dienst|ratingagentur|nachrichtenportal|denkfabrik|hilfsorganisation)$"
)
_LOC_APPOSITION_MORE = re.compile(
    r"(?:haftanstalt|justizanstalt|gefängnis|flughafen|bahnhof|ausfahrt|übergang|übergänge"
    r"|grenzübergang|skigebiet|ortsteil|weiler|stadtgemeinde|marktgemeinde|landkreis)$"
)
_MISC_APPOSITION = re.compile(
    r"(?:^art|^gattung|währung|methode|^sujet|^sujets|herbizid|pestizid|medikament|präparat"
    r"|wirkstoff|software|betriebssystem|rollenspiel|videospiel|computerspiel|film|fernsehserie|^serie"
    r"|album|roman|modell|^marke|schiff|schiffs|satellit|raumsonde|rakete|smartphone"
    r"|^tablet|^app|kampagne|hashtag|^song|^hit|single|oper|musical|theaterstück)$"
)

# Round 9: websites and consultancies (ORG), shopping centres and planets (LOC), a
# game's expansion (MISC) -- "Die Webseite Knowable", "Luxus-Einkaufszentrum Foxtown",
# "Outlet-Center Mendrisio", "Alienplaneten Xen", "Half-Life-Erweiterung Opposing Force".
_ORG_APPOSITION_R9 = re.compile(
    r"(?:webseite|website|onlinemagazin|newsportal|unternehmensberatung|beratungsfirma"
    r"|unternehmensberater|reederei|brauerei|kellerei|molkerei|druckerei|spedition)$"
)
_LOC_APPOSITION_R9 = re.compile(r"(?:einkaufszentrum|shoppingcenter|center|planet|planeten)$")
_MISC_APPOSITION_R9 = re.compile(r"(?:erweiterung|fortsetzung)$")


def _apposition_type(text: str, start: int, label: str) -> str | None:
    """The kind an apposition noun right before *start* gives the name there
    (``Ratingagentur Moodys`` ORG, ``Haftanstalt Palmasola`` LOC, ``Währung Hrywnja``
    MISC), or None.  A named thing's kind only for a "person" or a "place"."""
    m = re.search(
        r"(?<![\w\-])([A-ZÄÖÜ][\w\-]*[a-zäöüß])\s[\"„“»]?$", text[max(0, start - 40) : start]
    )
    if m is None:
        return None
    low = m.group(1).lower()
    if _ORG_APPOSITION.search(low) or (
        "thing_apposition" in _RULES and _ORG_APPOSITION_MORE.search(low)
    ):
        return "ORG"
    if _LOC_APPOSITION.search(low) or (
        "thing_apposition" in _RULES and _LOC_APPOSITION_MORE.search(low)
    ):
        return "LOC"
    if "thing_apposition" in _RULES and label in ("PER", "LOC") and _MISC_APPOSITION.search(low):
        return "MISC"
    if "apposition_more" in _RULES:
        if _ORG_APPOSITION_R9.search(low):
            return "ORG"
        if _LOC_APPOSITION_R9.search(low):
            return "LOC"
        if label in ("PER", "LOC", "MISC") and _MISC_APPOSITION_R9.search(low):
            return "MISC"
    return None


def _one_type_per_name(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A name has one type in an article: the one most of its mentions have (on a tie,
    its first mention's) -- ``Sunderland`` PER beside ``Sunderland`` LOC is one club,
    ``Park Geun-hye`` LOC beside PER one person."""
    votes: dict[str, dict[str, int]] = {}
    for a, b, lab in sorted(spans):
        if " " in text[a:b].strip():
            continue  # a longer name keeps its types (one may be right)
        v = votes.setdefault(text[a:b], {})
        v[lab] = v.get(lab, 0) + 1
    best = {k: max(v, key=lambda lab: v[lab]) for k, v in votes.items()}  # first wins ties
    if "apposition_vote" in _RULES:
        # the kind an apposition noun gives one mention holds for every mention, of a
        # one-word name or a longer one ("US-Ratingagentur Moodys" ... "bewertet Moodys",
        # "Werbeagentur Young Enterprises" ... "von Young Enterprises")
        kinds: dict[str, set[str]] = {}
        for a, b, lab in sorted(spans):
            kind = _apposition_type(text, a, lab)
            if kind is not None and kind == lab:
                kinds.setdefault(text[a:b], set()).add(kind)
        # (only where the appositions agree: "Lokalzeitung Trentino" beside "Provinz
        # Trentino" leaves each mention its own type)
        told = {k: next(iter(v)) for k, v in kinds.items() if len(v) == 1}
    else:
        told = {}
    # a one-word "person" that begins another type's name is its short form: "Dynamo"
    # of "Dynamo Kiew"
    heads = {
        text[a:b].split()[0]: lab
        for a, b, lab in spans
        if len(text[a:b].split()) >= 2 and lab != "PER"
    }
    for k, lab in best.items():
        if lab == "PER" and " " not in k and k in heads:
            best[k] = heads[k]
    best.update(told)
    return [(a, b, best.get(text[a:b], lab)) for a, b, lab in spans]


# Round-4 rules (each measured on its own on the dev pool, docs/benchmarks.md "Fourth round").
_RULES = frozenset(
    {
        "initial_word",
        "lone_noun_person",
        "inflected_lead",
        "noun_lead",
        "noun_tail",
        "caps_heading",
        "lone_known_person",
        "slash_split",
        # round 5 (docs/benchmarks.md "Fifth round")
        "fragment",
        "hyphen_noun",
        "list_type",
        "lead_determiner",
        "lone_adjective",
        "role_council",
        # round 6 (docs/benchmarks.md "Sixth round")
        "role_lead",
        # round 7 (docs/benchmarks.md "Seventh round")
        "place_lead",
        "role_short_head",
        "org_for",
        "dateline_initial",
        "in_place",
        "pair_type",
        "lone_compound_person",
        "town_adjective_name",  # (read by resolve)
        "club_number",
        "initial_adjective_lead",
        "bare_institution",
        # English (PolNeAR check, after the German rules were frozen)
        "en_possessive_inner",
        # round 8 (docs/benchmarks.md "Eighth round")
        "lower_piece",
        "apposition_vote",
        "thing_apposition",
        "bei_place",
        "genitive_lead",
        # round 9 (docs/benchmarks.md "Ninth round")
        "role_heads_more",
        "org_designator_more",
        "event_head",
        "apposition_more",
        "slash_dateline",
        "truncated_compound",
        "nominal_infinitive",
        "lone_town_adjective",
        "collective_plural",
        "town_adjective_plural",
        "place_particle",
        "surname_place",
        "acronym_paren",
        "first_name_join",
        "self_surname",
        "amount_span",
    }
)
# Heads of nouns that name a relation to a firm or a rival, glued before its name
# ("Konkurrent Fortinet", "Mitgründer von Runtastic", "Elektroautobauer Tesla"): what
# follows them is an organisation unless it is a person's full name.
_RELATION_HEAD = re.compile(
    r"(?:konkurrent|konkurrentin|rivale|rivalin|gründer|gründerin|gegner|gegnerin|bauer"
    r"|hersteller|anbieter|betreiber|händler|entwickler|zulieferer|eigentümer|eigentümerin"
    r"|aktionär|aktionärin|investor|investorin|portal|dienst|riese|plattform)$"
)
# ... those that may stand alone before the name (a bare "Bauer" or "Dienst" may be a name)
_RELATION_BARE = frozenset(
    "konkurrent konkurrentin rivale rivalin gründer gründerin mitgründer gegner".split()
)
# Short role heads after a hyphen ("AfD-Vize", "Werder-Stütze", "Rapid-Coach"): a closed class.
_HYPHEN_ROLE_HEADS = frozenset("vize stütze coach boss star legende kapitän chef chefin".split())
_DOMAIN = re.compile(r"^[a-z0-9][a-z0-9\-]*\.(?:de|at|ch|com|net|org|eu|io|info)$")


def _role_lead(word: str) -> str | None:
    """``"org"`` or ``"per"`` if *word* is a role or relation noun that may stand glued before
    a name (``Konkurrent``, ``Mitgründer``, ``Elektroautobauer``, ``Branchenportal`` -> org;
    ``Markit-Chefökonom`` -> per), else None.  Only a noun the lexicon knows, or a compound
    whose head it knows: never a first name."""
    head = word.rsplit("-", 1)[1] if "-" in word else word
    if "-" in word and "role_short_head" in _RULES and head.lower() in _HYPHEN_ROLE_HEADS:
        return "per"  # "AfD-Vize Gauland", "Werder-Stütze Junuzovic"
    if len(head) < 5 or not head[:1].isupper() or not head[1:].islower():
        return None
    low = head.lower()
    known = _knows_noun(head) or _compound_head(head) is not None
    if not known:
        return None
    m = _RELATION_HEAD.search(low)
    if m and (m.start() >= 3 or low in _RELATION_BARE):
        return "org"
    if m is None and (m2 := _ORG_APPOSITION.search(low)) and m2.start() >= 3:
        return "org"
    if "-" in word and (_role_noun(head) or _agent_noun(head)):
        return "per"  # "Markit-Chefökonom" (the bare role nouns are cut below as before)
    return None


def _cut_role_lead(
    text: str, toks: list[tuple[int, int]], label: str, persons: set[str]
) -> tuple[list[tuple[int, int]], str] | None:
    """The tokens and label left when a role noun glued before a name is cut off
    (``Konkurrent Fortinet`` PER -> ``Fortinet`` ORG, ``Mitgründer von Runtastic`` ->
    ``Runtastic`` ORG, ``Markit-Chefökonom Chris Williamson`` -> ``Chris Williamson`` PER),
    or None when the span does not start with one or nothing name-like follows."""
    kind = _role_lead(text[toks[0][0] : toks[0][1]])
    if kind is None:
        return None
    rest = toks[1:]
    if len(rest) >= 2 and text[rest[0][0] : rest[0][1]] in ("von", "vom"):
        rest = rest[1:]  # "Mitgründer von Runtastic": the name after "von" is the entity
    if not rest:
        return None
    first = text[rest[0][0] : rest[0][1]]
    tail = text[rest[0][0] : rest[-1][1]]
    if not (first[:1].isupper() and len(first) >= 2) and not _DOMAIN.match(tail):
        return None
    words = [text[a:b] for a, b in rest]
    if any(w[:1].islower() and w not in _NAME_LINK for w in words[1:]) and not _DOMAIN.match(tail):
        return None
    if len(rest) == 1 and _knows_noun(first) and _declines(first):
        return None  # "Konkurrent Autos": a common noun follows, no name
    if kind == "per" or label == "ORG":
        return rest, label
    # a PER span: a person's full name (or one the article names as a person) stays PER
    is_person = (len(rest) >= 2 and not any(w in _ORG_DESIGNATOR for w in words)) or tail in persons
    return rest, "PER" if is_person else "ORG"

# A council title before a person's name ("Kreisbrandrat Thomas Wimmer", "Gemeinderätin X").
_COUNCIL_ROLE = re.compile(
    r"^[a-zäöüß]{3,}(?:brand|gemeinde|bezirks|regierungs|hof|stadt|land)r[aä]t(?:in)?$"
)

# Words a name may have in lower case between its capitalised ones: name particles
# ("Ursula von der Leyen", "Mohammed bin Salman"), the links of organisation and place
# names ("Bundesamt für Migration", "Frankfurt am Main", "Reporter ohne Grenzen") and of
# English ones ("Bank of America").  Any other lower-case word makes a span a piece of a
# sentence ("Wasser stand in der Nacht"), never a name ("Carlos Sainz jr", "Spiegel online"
# are names).
_NAME_LINK = frozenset(
    """von van vom zu zum zur der den des dem die das de da do dos del della di du la le les el
    al bin ibn ben bint abu y e i et und für an am im in auf ob bei unter ohne über aus gegen
    dei degli delle dello of the and for on at by upon sur sous aux ter ten op""".split()
)
# ... and the few a name may end in.
_NAME_END_LOWER = frozenset("jr sr jun sen online".split())
# Heads of compounds that name a place, a building, a body, an event or a treaty
# ("Ernst-Happel-Stadion", "Max-Planck-Institut", "Hahnenkamm-Rennen", "Kyoto-Protokoll").
_NAMED_HEAD = re.compile(
    r"(?:haus|hof|platz|stadion|arena|halle|park|bahnhof|brücke|schule|kirche|dom|münster"
    r"|kapelle|tunnel|museum|hütte|zentrum|center|markt|ring|gürtel|weg|kai|tor|turm|palast"
    r"|schloss|theater|oper|galerie|spital|klinik|klinikum|krankenhaus|universität|hochschule"
    r"|akademie|gymnasium|preis|award|stiftung|gipfel|rennen|festival|festspiele|spiele|cup"
    r"|pokal|protokoll|abkommen|vertrag|gesetz|plan|bericht|prozess|affäre|skandal|hotel"
    r"|flughafen|werk|werke|bank|gefängnis|lager|siedlung|bad|rat|amt|gericht|ministerium"
    r"|kommission|liga|kammer|büro|front|tour|tournee)$"
)
# Geographic heads of a hyphenated place ("Rhein-Main-Donau-Kanal", "Wörther-See"; a
# compound head such as "Umfeld" or "Bereich" is a common noun, not a place).
_GEO_HEAD = frozenset(
    """see berg insel kanal ufer bach wald straße strasse gasse allee golf bucht meer gebirge
    fluss strom tal land stadt dorf burg mark""".split()
)
# Plural nouns before a list of names that give the list's kind ("auf den Inseln Lesbos,
# Chios, Leros und Samos", "die Parteien SPÖ, ÖVP und FPÖ").
_LOC_LIST_HEAD = re.compile(
    r"(?:inseln|städte|gemeinden|orte|ortschaften|bezirke|provinzen|regionen|länder|staaten"
    r"|grenzübergänge|hauptstädte|dörfer|bundesländer|wahlkreise|wahlkreisen|bezirken|städten"
    r"|orten|dörfern|ländern|bundesländern|hauptstädten|provinzen)$"
)
_ORG_LIST_HEAD = re.compile(
    r"(?:parteien|firmen|konzerne|unternehmen|zeitungen|sender|vereine|klubs|clubs|banken"
    r"|organisationen|gewerkschaften|verbände|hersteller)$"
)
# ... and named things ("die Sujets Billy, Gnedby und Kallax", "die Modelle X und Y")
_MISC_LIST_HEAD = re.compile(
    r"(?:^sujets|modelle|modellen|filme|filmen|fernsehserien|alben|spiele|spielen|apps"
    r"|medikamente|präparate|wirkstoffe|marken|schiffe|satelliten|songs|singles)$"
)
_LIST_GAP = re.compile(r"\s*(?:,|,?\s+(?:und|oder|sowie))\s+")


def _all_lower(token: str) -> bool:
    """A word in lower case (not an abbreviation, "e.V.", nor a word with a digit, "49ers")."""
    word = token.strip(",;!?()[]")
    return word.isalpha() and word.islower()


def _fragment(span: str) -> bool:
    """``Wasser stand in der Nacht``, ``Bundesamts für``, ``Fazit: Urlaub in``, ``Life Is
    Strange"-Entwickler``: a span with a quotation mark or a colon, one that ends in a
    lower-case word, or one with a lower-case word inside that is no name particle or link
    (an inflected adjective before a capitalised word stays: "Organisation für
    wirtschaftliche Zusammenarbeit", "Museum moderner Kunst") is a piece of a sentence."""
    if re.search(r"[\"„“”«»]|:\D", span):
        return True
    toks = span.split()
    if len(toks) < 2:
        return False
    if _all_lower(toks[-1]) and toks[-1].strip(".") not in _NAME_END_LOWER:
        return True  # (a name ends in a capitalised word: "Frankfurt am Main")
    for k, t in enumerate(toks):
        if not _all_lower(t) or t.strip(",;!?()[]") in _NAME_LINK | _NAME_END_LOWER:
            continue
        if k > 0 and _ADJ_ENDING.match(t) and not _all_lower(toks[k + 1]):
            continue  # "Museum moderner Kunst": an inflected adjective before a noun
        return True
    return False


def _hyphen_noun(text: str, word: str, label: str) -> bool:
    """``Android-Umfeld``, ``Nexus-Linie``, ``Premium-Anspruch``, ``Anatomie-Künstler``: a
    hyphenated compound whose head is a common noun that declines is a thing, not a place,
    a body or a named thing -- unless the head is a kind of named place, building, body,
    event or treaty (``Ernst-Happel-Stadion``, ``Kyoto-Protokoll``), or, for a place, its
    first part is a place (``Berlin-Mitte``, ``Rheinland-Pfalz``) or the article uses it as
    one (``in Sachsen-Anhalt``)."""
    if label == "PER" or "-" not in word or word.endswith("-"):
        return False
    first, head = word.split("-", 1)[0], word.rsplit("-", 1)[1]
    if len(head) < 4 or not head[:1].isupper() or not head[1:].islower():
        return False
    low = head.lower()
    if (
        _NAMED_HEAD.search(low)
        or low in _GEO_HEAD
        or _ORG_APPOSITION.search(low)
        or _LOC_APPOSITION.search(low)
        or any(low.endswith(h) for h in _INSTITUTION_HEADS)
    ):
        return False
    if not _knows_noun(head) or not _declines(head):
        return False  # ("Westfalen", "Vorpommern": no common noun's forms)
    if label == "LOC" and (
        _gazetteer_word(first)
        or _PLACE_END.search(first.lower())
        # "in Sachsen-Anhalt", "aus Rheinland-Pfalz": used as a place
        or re.search(r"(?<![\w\-])(?:in|aus|nach|von) " + re.escape(word) + r"(?![\w\-])", text)
    ):
        return False
    return not _gazetteer_word(word)


def _list_types(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Names in one list are of one kind: ``Ulmer, Leitgeb, Schwegler oder Soriano`` (two
    persons, an ORG and a LOC) are players; ``Inseln Lesbos, Chios, Leros und Samos`` are
    places.  A list of three or more spans joined only by commas, ``und``, ``oder``,
    ``sowie`` takes the type a plural noun before it names, else the type most of its
    members have (at least two and half of them, more than any other type)."""
    spans = sorted(spans)
    out = list(spans)
    k = 0
    while k < len(spans):
        j = k
        while j + 1 < len(spans) and _LIST_GAP.fullmatch(text[spans[j][1] : spans[j + 1][0]]):
            j += 1
        if j - k + 1 == 2 and "pair_type" in _RULES:
            want = _pair_type(text, spans[k], spans[j])
            if want is not None:
                out[k] = (spans[k][0], spans[k][1], want)
                out[j] = (spans[j][0], spans[j][1], want)
        if j - k + 1 >= 3:
            members = range(k, j + 1)
            m = re.search(
                r"([A-ZÄÖÜ][\w\-]*[a-zäöüß])\s$", text[max(0, spans[k][0] - 40) : spans[k][0]]
            )
            want = None
            if m and _LOC_LIST_HEAD.search(m.group(1).lower()):
                want = "LOC"
            elif m and _ORG_LIST_HEAD.search(m.group(1).lower()):
                want = "ORG"
            elif "thing_apposition" in _RULES and m and _MISC_LIST_HEAD.search(m.group(1).lower()):
                want = "MISC"
            else:
                votes: dict[str, int] = {}
                for n in members:
                    votes[spans[n][2]] = votes.get(spans[n][2], 0) + 1
                top = max(votes, key=lambda lab: votes[lab])
                if (
                    votes[top] >= 2
                    and 2 * votes[top] >= len(members)
                    and all(v < votes[top] for lab, v in votes.items() if lab != top)
                ):
                    want = top
            if want is not None:
                for n in members:
                    out[n] = (spans[n][0], spans[n][1], want)
        k = j + 1
    return out


def _pair_type(
    text: str, one: tuple[int, int, str], two: tuple[int, int, str]
) -> str | None:
    """Two names joined by ``und``/``oder`` (``Wahlkreisen Liesing und Brigittenau``, ``in
    Aleppo und Idlib``) are of one kind: the kind a plural noun before them names, or a
    place where one is a place, the other a one-word "person", and a locative preposition
    stands before the pair."""
    if not re.fullmatch(r"\s+(?:und|oder)\s+", text[one[1] : two[0]]):
        return None
    before = text[max(0, one[0] - 40) : one[0]]
    m = re.search(r"([A-ZÄÖÜ][\w\-]*[a-zäöüß])\s$", before)
    if m and _LOC_LIST_HEAD.search(m.group(1).lower()):
        return "LOC"
    if m and _ORG_LIST_HEAD.search(m.group(1).lower()):
        return "ORG"
    if "thing_apposition" in _RULES and m and _MISC_LIST_HEAD.search(m.group(1).lower()):
        return "MISC"
    labels = {one[2], two[2]}
    person = one if one[2] == "PER" else two
    if (
        labels == {"LOC", "PER"}
        and " " not in text[person[0] : person[1]]
        and re.search(r"(?<![\w\-])(?:[Ii]n|nach|aus|zwischen)\s$", before)
    ):
        return "LOC"
    return None


def _caps_heading(word: str) -> bool:
    """``BILDUNGSAUSGABEN``, ``MATHEMATIK-KOMPETENZEN``, ``SOZIOÖKONOMISCHES``: a heading
    set in capitals whose words are common nouns or adjectives, not an acronym."""
    if not word.isupper() or len(word.replace("-", "")) < 8:
        return False
    for part in word.split("-"):
        if len(part) < 3:
            return False
        t = part[0] + part[1:].lower()
        low = part.lower()
        if _knows_noun(t):
            if not (_declines(t) or _plural_of_noun(t) or _ABSTRACT.search(low)):
                return False  # "DEUTSCHLAND": a name in a heading is still a name
        elif _simplemma is not None and _simplemma.is_known(low, lang="de"):
            if not _simplemma.lemmatize(low, lang="de")[:1].islower():
                return False
        elif _compound_head(t) is None:
            return False
    return True


def _sentence_initial(text: str, start: int) -> bool:
    """The word at *start* begins a sentence, a heading or a line."""
    before = text[max(0, start - 3) : start].rstrip(" \u00a0\"„“»«")
    if "dateline_initial" in _RULES and before[-2:] in (" –", " -"):
        return True  # "Kairo – Enthält das Grab": the dash after a dateline
    return not before or before[-1] in ".!?:\n"


def _function_word_only(text: str, word: str) -> bool:
    """``Populär``, ``Maximal``, ``Dominiert``, ``Apropos``, ``Keiner``: a word the lexicon
    knows only in lower case (an adjective, verb, adverb or pronoun) that the article has
    capitalised only where a sentence or heading begins."""
    if _simplemma is None or not word[1:].islower() or len(word) < 4 or _knows_noun(word):
        return False
    low = word.lower()
    if not _simplemma.is_known(low, lang="de"):
        return False
    if not _simplemma.lemmatize(low, lang="de")[:1].islower():
        return False
    return all(_sentence_initial(text, p) for p in _occurrences(text, word))


def _split_at_slash(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``Peya/Soares``, ``Vatikanstadt/Wien``: two names joined by a slash (a doubles
    pair, two places) are two spans of the same type."""
    out = []
    for a, b, lab in spans:
        parts = list(re.finditer(r"[^/]+", text[a:b]))
        if (
            len(parts) >= 2
            # (each part a capitalised word, not an acronym: "AC/DC" is one band)
            and all(
                p.group().strip()[:1].isupper() and re.search(r"[a-zäöüß]", p.group())
                for p in parts
            )
            and not re.search(r"\s/|/\s", text[a:b])  # "Tag / Nacht": a heading's pair
        ):
            if "slash_dateline" in _RULES and lab != "LOC":
                from lagebild.enrich.resolve import is_dateline  # resolve imports this module

                if is_dateline(text, a, b):
                    lab = "LOC"  # "Hallwang/Salzburg – Gegen ...": a dateline's places
            out.extend((a + p.start(), a + p.end(), lab) for p in parts)
        else:
            out.append((a, b, lab))
    return out


# Heads of a compound that names a kind of place ("Zielland", "Bergdorf",
# "Einwandererviertel"): glued before a name, the name is that place.
_PLACE_KIND = re.compile(
    r"(?:land|dorf|viertel|stadt|gemeinde|region|bezirk|provinz|insel|ortschaft|ortsteil"
    r"|stadtteil|kanton)$"
)


def _place_lead(word: str) -> bool:
    """``Zielland``, ``Stammland``, ``Bergdorf``, ``Einwandererviertel``: a common noun for a
    kind of place (a compound of a known noun and a place head), not itself a place's name
    (``Deutschland``, ``Burgenland`` are in the gazetteer or unknown to the lexicon)."""
    if "-" in word or not word[1:].islower() or len(word) < 7:
        return False
    m = _PLACE_KIND.search(word.lower())
    if m is None or m.start() < 3:
        return False
    if not (_knows_noun(word) or _two_noun_compound(word, shortest=7, modifier=3)):
        return False
    return not _gazetteer_word(word)


# An institution's bare head is a common noun, never a name on its own ("laut Polizei").
# ("Allianz" is also an insurer's name)
_BARE_INSTITUTION = frozenset(_INSTITUTION_HEADS) | {"armee", "militär", "justiz"}


_COLLECTIVE_PLURAL = re.compile(r"(?:ereien|ungen|heiten|keiten|schaften|tionen|täten)$")


def filter_spans(
    text: str, spans: Iterable[tuple[int, int, str]], *, full_names: Iterable[str] = ()
) -> list[tuple[int, int, str]]:
    """Repair or drop NER name spans that are not names.

    Args:
        text: the article text the offsets point into.
        spans: ``(start, end, label)`` NER spans, already trimmed of articles and titles.
        full_names: surfaces of other person names of the article (a noun-like surname
            that ends one of them, ``Kohl`` of ``Helmut Kohl``, is kept).

    Returns:
        The spans kept, each perhaps trimmed (leading function word, trailing
        possessive) or extended (middle initial, ordinal), sorted, none inside
        another.
    """
    spans = list(spans)
    surnames = set()
    for s in full_names:
        parts = s.split()
        if len(parts) >= 2:
            surnames.add(parts[-1])
    for a, b, lab in spans:
        parts = text[a:b].split()
        # ("Menschenunwürdige Betriebskonzepte": an adjective and a noun name no one;
        # "Apropos Farben": a sentence's first word glued on)
        if (
            lab == "PER"
            and len(parts) >= 2
            and not ("role_short_head" in _RULES and parts[0].lower() in LEADING_FUNCTION_WORDS)
            and not _inflected_adjective(parts[0])
            # ("Ganztagsschulen Bildungschancen": a plural before a noun, no name)
            and not ("inflected_lead" in _RULES and _inflected_noun(parts[0]))
        ):
            surnames.add(parts[-1])
    # the surfaces of the article's full person names each word begins or ends
    begins: dict[str, set[str]] = {}
    ends: dict[str, set[str]] = {}
    for full in [*full_names, *(text[a:b] for a, b, lab in spans if lab == "PER")]:
        parts = full.split()
        if len(parts) >= 2:
            begins.setdefault(parts[0], set()).add(" ".join(parts))
            ends.setdefault(parts[-1], set()).add(" ".join(parts))

    persons = set(ends) | {text[a:b] for a, b, lab in spans if lab == "PER"}
    # where each surname comes from: a full name given by the caller, or a person's span
    # (a word that ends only the span it stands in -- "Spaltpilz Gentechnik" -- is no
    # surname of someone else)
    given_ends = {p.split()[-1] for p in full_names if len(p.split()) >= 2}
    end_spans: dict[str, list[tuple[int, int]]] = {}
    for a, b, lab in spans:
        if lab == "PER" and len(text[a:b].split()) >= 2:
            end_spans.setdefault(text[a:b].split()[-1], []).append((a, b))

    def surname_elsewhere(word: str, start: int, end: int) -> bool:
        """*word* ends a full person name other than the span around *start*..*end*."""
        if "self_surname" not in _RULES:
            return word in surnames
        return word in given_ends or any(
            not (a <= start and end <= b) for a, b in end_spans.get(word, ())
        )

    def other_persons(start: int, end: int) -> set[str]:
        """The person names of the article other than the span at *start*..*end* itself."""
        own = " ".join(text[start:end].split())
        return {p for p, fulls in ends.items() if fulls - {own}} | {
            text[a:b] for a, b, lab in spans if lab == "PER" and (a, b) != (start, end)
        }

    def glued_persons(first: str, second: str) -> bool:
        """``Niessl Doskozil``: both end other full names, neither begins one."""
        own = {f"{first} {second}"}
        if _knows_noun(first) or _knows_noun(second):
            return False  # "Googles Smartphone"
        return (
            bool(ends.get(first, set()) - own)
            and bool(ends.get(second, set()) - own)
            and (not begins.get(first, set()) - own)
        )

    noun_cache: dict[tuple[str, str], bool] = {}
    # where each lexicon word of a span occurs (first 50 uses): one pass over the text,
    # so the cost stays linear in its length however many distinct words there are
    wanted = {text[a:b] for s in spans for a, b in _tokens(text, s[0], s[1])}
    uses: dict[str, list[int]] = {}
    if wanted:
        for m in _WORD.finditer(text):
            w = m.group()
            if w in wanted:
                got = uses.setdefault(w, [])
                if len(got) < 50:
                    got.append(m.start())

    def noun(word: str, label: str) -> bool:
        key = (word, label)
        got = noun_cache.get(key)
        if got is None:
            got = noun_cache[key] = is_common_noun(text, word, label, at=uses.get(word, ()))
        return got

    spans = _join_org_place(text, _join_cut_names(text, sorted(spans)))
    if "org_for" in _RULES:
        spans = _extend_for(text, spans)
    if "slash_split" in _RULES:
        spans = _split_at_slash(text, spans)
    if "list_type" in _RULES:
        spans = _list_types(text, spans)
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if "en_possessive_inner" in _RULES:
            cut = _inner_possessive(text, start, end, persons)
            if cut is False:
                continue  # "Trends Are 'Terrifying": a headline's words up to a quote
            if cut is not None:
                start, end, label = cut[0], cut[1], cut[2] or label
        # trailing English possessive: "Hillary Clinton’s"
        m = _POSSESSIVE.search(text[start:end])
        if m and end - start - len(m.group()) >= 2:
            end -= 2 if m.group()[:1] in "'’" else 1
        # a name does not run over a sentence's end: "Oviedo. Tore" (an abbreviation
        # before a dot is shorter: "St. Pölten", "Prof.")
        m = re.search(r"[^\W\d_]{5}\.\s", text[start:end])
        if m:
            end = start + m.end() - 2
        toks = _tokens(text, start, end)
        # a name's genitive before the common noun it governs: "Russlands Teamstürmer",
        # "Djokovics Hauptrivalen", "Sarkozys konservative Partei", "Googles Software"
        # -> the name (the article has it bare, or the gazetteer knows it)
        if "genitive_lead" in _RULES and len(toks) >= 2:
            first = text[toks[0][0] : toks[0][1]]
            rest = [text[a:b] for a, b in toks[1:]]
            if (
                first.endswith("s")
                and len(first) >= 4
                and (_genitive_of(text, first) or _gazetteer_word(first[:-1]))
                and (
                    (
                        _knows_noun(rest[-1])
                        and (_declines(rest[-1]) or _plural_of_noun(rest[-1]) or len(rest[-1]) >= 10)
                    )
                    or _compound_head(rest[-1]) is not None  # "Teamstürmer"
                )
                and all(w[:1].islower() or _knows_noun(w) or _compound_head(w) for w in rest)
                # ("Österreichisches Museum für Volkskunde": an adjective, no genitive)
                and not _ADJECTIVE_FORM.search(first.lower())
                and not _inflected_adjective(first)
                # ("„Wickerts Bücher“": a title in quotes is a name)
                and not re.search(r"[\"„“»‚']\s?$", text[max(0, start - 2) : start])
            ):
                end = toks[0][1] - 1
                toks = [(toks[0][0], end)]
                if first[:-1] in persons:
                    label = "PER"
        if label == "PER" and toks:
            # a German genitive: "Rudolf Hundstorfers", "Merkels"; "Niessls Gunst" (the
            # noun the genitive governs glued on) -> the name without "s", when the
            # article also has that form on its own
            if len(toks) >= 2 and _knows_noun(text[toks[-1][0] : toks[-1][1]]):
                prev = text[toks[-2][0] : toks[-2][1]]
                if _genitive_of(text, prev) and prev[:-1] in persons:
                    toks = toks[:-1]
                    end = toks[-1][1]
            last = text[toks[-1][0] : toks[-1][1]]
            # (alone, only of a person the article names: "Smartphones" is a noun's form)
            if (_genitive_of(text, last) and (len(toks) >= 2 or last[:-1] in persons)) or (
                _genitive_before_noun(text, last) and not _knows_noun(last)
            ):
                end -= 1
                toks[-1] = (toks[-1][0], end)
            # a surname glued to the common noun after it: "Wehrschütz Bargeld", "Mozart
            # Österreicher" (the first word ends another full name, the second none)
            if (
                "noun_tail" in _RULES
                and len(toks) == 2
                and text[toks[0][0] : toks[0][1]] in persons
                and not _knows_noun(text[toks[0][0] : toks[0][1]])  # "Peter Pilz"
                and bool(ends.get(text[toks[0][0] : toks[0][1]], set()) - {text[start:end]})
                and _knows_noun(text[toks[1][0] : toks[1][1]])
                and not ends.get(text[toks[1][0] : toks[1][1]], set()) - {text[start:end]}
            ):
                toks = toks[:1]
                end = toks[0][1]
            # two persons glued: "Niessl Doskozil", both surnames of full names here
            if len(toks) == 2 and glued_persons(
                text[toks[0][0] : toks[0][1]], text[toks[1][0] : toks[1][1]]
            ):
                for a, b in toks:
                    out.append((a, b, label))
                continue
        # leading function words: "Doch Djokovic", "Said Comey"; a quantifier or a
        # possessive: "Mehrere Versicherer", "Seine Frau Anna"
        while len(toks) >= 2 and (
            text[toks[0][0] : toks[0][1]].lower() in LEADING_FUNCTION_WORDS
            or (
                "lead_determiner" in _RULES
                and text[toks[0][0] : toks[0][1]].lower() in _DETERMINERS
                and text[toks[0][0] : toks[0][1]][1:].islower()
            )
        ):
            toks = toks[1:]
            start = toks[0][0]
        if (
            "role_council" in _RULES
            and label == "PER"
            and len(toks) >= 2
            and _COUNCIL_ROLE.match(text[toks[0][0] : toks[0][1]].lower())
        ):
            toks = toks[1:]
            start = toks[0][0]  # "Kreisbrandrat Thomas Wimmer"
        # a role or relation noun glued before a name: "Konkurrent Fortinet", "Mitgründer
        # von Runtastic", "Elektroautobauer Tesla", "Markit-Chefökonom Chris Williamson"
        role_cut = False
        if "role_lead" in _RULES and label in ("PER", "ORG"):
            if len(toks) == 1:
                w = text[toks[0][0] : toks[0][1]]
                if label == "PER" and "-" in w and _role_lead(w) == "per":
                    continue  # "Markit-Chefökonom" alone is no person
            elif (
                # the cheap test first: other_persons reads every name of the article
                _role_lead(text[toks[0][0] : toks[0][1]]) is not None
                and (cut := _cut_role_lead(text, toks, label, other_persons(start, end))) is not None
            ):
                toks, label = cut
                start = toks[0][0]
                # "Club-Boss Nasser Al-Khelaifi": what is left is a name, cut nothing more
                role_cut = "role_short_head" in _RULES
        # a genitive or plural common noun before a name governs it: "Yachtklubs Neusiedl",
        # "Nachbarstaaten Slowenien", "Bündnispartners Partei"
        while (
            "inflected_lead" in _RULES
            and len(toks) >= 2
            and _inflected_noun(text[toks[0][0] : toks[0][1]])
            and text[toks[1][0] : toks[1][1]][:1].isupper()
        ):
            toks = toks[1:]
            start = toks[0][0]
        # a common noun the article also uses as one ("der Kater" ... "Kater Robby",
        # "Pharao Tutanchamun") before a person's name is no first name
        if "noun_lead" in _RULES and label == "PER" and len(toks) >= 2:
            first = text[toks[0][0] : toks[0][1]]
            if (
                first[1:].islower()
                and _knows_noun(first)
                and _declines(first)
                and text[toks[1][0] : toks[1][1]][:1].isupper()
                and any(_after_determiner(text, p) for p in uses.get(first, ()))
            ):
                toks = toks[1:]
                start = toks[0][0]
        # a leading agent noun before a person's name: "Regulator Boltz"; a noun
        # compound ("Bildungsökonom Wößmann", "Exanwalt Gerald Toifl") or a plural
        # ("Lobbyisten Meischberger") is never a first name either
        after_role = False
        if label == "PER" and len(toks) >= 2:
            first = text[toks[0][0] : toks[0][1]]
            if _agent_noun(first) or _role_noun(first):
                toks = toks[1:]
                start = toks[0][0]
                after_role = True  # "Landeshauptmann Platter": a name follows a role
            elif not role_cut and (
                # a compound noun with a plural of its own ("Lockenkopf Dudamel",
                # "Komfortzone Strugl"; first names are no compounds of two nouns: "Benjamin",
                # "Hermann") or an inflected adjective ("Gebürtiger Bosnier", "Grüne Peter
                # Pilz") is no first name
                (
                    (
                        "-" not in first
                        and _two_noun_compound(first, shortest=7, modifier=3)
                        and _declines_strongly(first)
                    )
                    or _inflected_adjective(first)
                )
                and text[toks[1][0] : toks[1][1]][:1].isupper()
                and len(text[toks[1][0] : toks[1][1]]) >= 2
            ):
                toks = toks[1:]
                start = toks[0][0]
        if not toks:
            continue
        # "Sprecher von Angela Merkel" with the role cut above: the name after "von"
        if (
            "role_lead" in _RULES
            and after_role
            and len(toks) >= 2
            and text[toks[0][0] : toks[0][1]] in ("von", "vom")
        ):
            toks = toks[1:]
            start = toks[0][0]
        # a leading apposition noun glued on: "Meinungsforschungsinstitut Alco",
        # "Luxus-Einkaufszentrum Foxtown" (the name after it is one the lexicon lacks)
        if len(toks) >= 2:
            first = text[toks[0][0] : toks[0][1]]
            second = text[toks[1][0] : toks[1][1]]
            if (
                len(first) >= 10
                and not _PLACE_END.search(first.lower())  # "Krumpendorf Verteilerzentrum"
                and (
                    _declines(first)
                    # (the head of a word the lexicon lacks only after a hyphen:
                    # "Christopher" is no compound of "-pher")
                    or ("-" in first and _declines(_compound_head(first) or ""))
                    or _ORG_APPOSITION.search(first.lower()) is not None
                )
                and second[:1].isupper()
                and len(second) >= 2  # "Christopher B. Landon": an initial follows a first name
                and not _knows_noun(second)
                # a person's long first name may be in the lexicon ("Christopher"): for PER
                # only a hyphenated noun or an apposition head
                and (
                    label != "PER"
                    or "-" in first
                    or _ORG_APPOSITION.search(first.lower()) is not None
                    or _LOC_APPOSITION.search(first.lower()) is not None
                )
                and not _ACRONYM.match(first)
            ):
                toks = toks[1:]
                start = toks[0][0]
        # a sentence's first word, an adjective or another word the lexicon knows only in
        # lower case, glued before a noun: "Schöne Ironie entspinnt sich", "Nächstes Finale"
        if (
            "initial_adjective_lead" in _RULES
            and label == "PER"
            and len(toks) >= 2
            and _sentence_initial(text, toks[0][0])
        ):
            first = text[toks[0][0] : toks[0][1]]
            low = first.lower()
            if (
                first[1:].islower()
                and len(first) >= 4
                and text[toks[1][0] : toks[1][1]][:1].isupper()
                and (
                    _inflected_adjective(low)
                    or (
                        _simplemma is not None
                        and not _knows_noun(first)
                        and _simplemma.is_known(low, lang="de")
                        and _simplemma.lemmatize(low, lang="de")[:1].islower()
                    )
                )
            ):
                toks = toks[1:]
                start = toks[0][0]
                rest = text[toks[0][0] : toks[0][1]]
                if len(toks) == 1 and (_knows_noun(rest) or _compound_head(rest) is not None):
                    continue  # an adjective and a common noun: no name ("Wilde Crash-Fantasien")
        # a kind of place glued before a place's name: "Zielland Österreich", "Bergdorf
        # Raggal", "Einwandererviertel Jardins de LEmpereur" (not a declining noun after it)
        if "place_lead" in _RULES and len(toks) >= 2:
            first = text[toks[0][0] : toks[0][1]]
            second = text[toks[1][0] : toks[1][1]]
            if (
                second[:1].isupper()
                and len(second) >= 2
                and not _declines(second)
                and _place_lead(first)
            ):
                toks = toks[1:]
                start = toks[0][0]
                label = "LOC"
        # a kind of thing or body glued before a name the model took for a person or a
        # place: "Herbizid Glyphosat", "Action-Rollenspiel Vampyr" (the name after it, a
        # named thing), "Alpinpolizei Axams", "Bergrettung Axams" (the body's whole name)
        if "thing_apposition" in _RULES and label in ("PER", "LOC") and len(toks) >= 2:
            first = text[toks[0][0] : toks[0][1]]
            second = text[toks[1][0] : toks[1][1]]
            low = first.lower()
            if (
                len(first) >= 6
                and first[:1].isupper()
                and second[:1].isupper()
                and len(second) >= 2
                and (_knows_noun(first) or _compound_head(first) is not None)
            ):
                if _MISC_APPOSITION.search(low):
                    toks = toks[1:]
                    start = toks[0][0]
                    label = "MISC"
                elif label == "PER" and _ORG_APPOSITION_MORE.search(low):
                    label = "ORG"
        # a trailing plural glued on: "Mascheranos Clubkameraden"
        if label == "PER" and len(toks) >= 2:
            last = text[toks[-1][0] : toks[-1][1]]
            # a long word (a compound) or the head of one the lexicon lacks; a short
            # known word may be a surname ("Christian Drosten")
            if _knows_noun(last):
                lhead = last if len(last) >= 10 else None
            else:
                lhead = _compound_head(last)
            if lhead is not None and _plural_of_noun(lhead):
                toks = toks[:-1]
                end = toks[-1][1]
        end = _extend_initials(text, start, end)
        # a first name the model left before a middle initial: "Colette | M. Schmidt"
        if label == "PER" and re.match(r"[A-ZÄÖÜ]\.\s", text[start : start + 3]):
            m = re.search(
                r"(?<![\w\-])([A-ZÄÖÜ][a-zäöüßéèáíó]+)[ ]$", text[max(0, start - 30) : start]
            )
            if m and not _knows_lowercase(m.group(1)) and not _declines(m.group(1)):
                start -= len(m.group())
        words = [text[a:b] for a, b in _tokens(text, start, end)]
        if not words:
            continue
        if "fragment" in _RULES and _fragment(text[start:end]):
            continue  # "Wasser stand in der Nacht": a piece of a sentence
        label = _context_label(text, start, end, label, words)
        if (
            label == "PER"
            and len(words) == 1
            and words[0] not in surnames
            and re.search(r"(?<![\w\-])[Ii]n $", text[max(0, start - 4) : start])
        ):
            label = "LOC"  # "In Newquay erlitt", "In Meknes, seiner Heimatstadt": a place
        elif (
            "in_place" in _RULES
            and label == "PER"
            and 2 <= len(words) <= 3
            and re.search(r"(?<![\w\-])[Ii]n $", text[max(0, start - 4) : start])
            and not ends.get(words[-1], set()) - {" ".join(words)}
            # (not a genitive before what it governs: "in Michael Jacksons „Black or White“")
            and not (words[-1].endswith("s") and re.match(r"\s+[„\"\w]", text[end : end + 3]))
            and _all_after_in(text, text[start:end])
        ):
            label = "LOC"  # "Krankenhaus in Marat Numan": a person is never "in" anyone
        if "amount_span" in _RULES and re.search(
            r"\d,\d|\s(?:Cent|Euro|Prozent|Dollar|Franken)$", text[start:end]
        ):
            continue  # "kostet eine Kilowattstunde Strom 3,17 Cent": an amount, no name
        if "truncated_compound" in _RULES and re.match(
            r"-\s+(?:und|oder|bzw\.?|sowie)\s", text[end : end + 12]
        ):
            continue  # "Forscher der San-Luis-Obispo- und der ...-Universität": a compound's part
        if re.search(r"\s\d", text[start:end]):
            pass  # "Formel 1", "Welle 1": a word with a number is a name
        elif len(words) == 1:
            w = words[0]
            if (
                label == "PER"
                and _declines(w)
                and w not in surnames
                and _person_follows(spans, end)
            ):
                continue  # "meinte Mitspieler | Ezequiel Lavezzi": a role, not a name
            if "caps_heading" in _RULES and _caps_heading(w):
                continue
            if "bare_institution" in _RULES and w.lower() in _BARE_INSTITUTION:
                continue  # "laut Polizei", "Armee ließ Pérez fallen": a common noun
            if "hyphen_noun" in _RULES and _hyphen_noun(text, w, label):
                continue  # "Android-Umfeld", "Premium-Anspruch": a thing, no name
            if "initial_word" in _RULES and _function_word_only(text, w):
                continue  # "Populär", "Dominiert": a sentence's first word, not a name
            if (
                "lone_adjective" in _RULES
                and label in ("PER", "LOC")
                and w not in surnames
                and _inflected_adjective(w)
                and not _gazetteer_word(w)
            ):
                continue  # "Südkoreas Nationaler Sicherheitsberater": an adjective alone
            if (
                "nominal_infinitive" in _RULES
                and label in ("PER", "MISC")
                and w not in surnames
                and not after_role
                and _nominal_infinitive(w)
            ):
                continue  # "Artikulieren kann das S. nicht", "Lächeln oder Glucksen": a verb
            if (
                "lone_town_adjective" in _RULES
                and label in ("LOC", "PER")
                and w not in surnames
                and _town_adjective_only(text, w)
            ):
                continue  # "der Sofioter Justiz": a town's adjective, not the town
            if (
                "collective_plural" in _RULES
                and label != "PER"
                and _COLLECTIVE_PLURAL.search(w)
                and _plural_of_noun(w)
                and not _gazetteer_word(w)
            ):
                continue  # "Rüstungsunternehmen, Winzereien und Immobilien": a plural noun
            if label == "PER" and (
                (w in surnames and surname_elsewhere(w, start, end)) or after_role
            ):
                pass  # "Kohl" of "Helmut Kohl"
            elif "lower_piece" in _RULES and label == "PER" and _lower_word(w):
                continue  # "im rosa Leiberl und Jeans", "Auto Backup": a common word
            elif (
                "lone_noun_person" in _RULES
                and label == "PER"
                and w[1:].islower()
                and _knows_noun(w)
                and _declines(w)
                and not _gazetteer_word(w)  # "Bosnier": a demonym resolve maps to its country
            ):
                continue  # "Tore", "Urlaub", "Blogger": a declining noun, no one's name
            elif (
                "lone_known_person" in _RULES
                and label == "PER"
                and w[1:].islower()
                and _knows_noun(w)
                and _simplemma.lemmatize(w, lang="de")
                not in (w, w[:-1] if w[-2:-1] in "aeiouy" else "")
            ):
                # "Debüts", "Instagrams": an inflected form of a known noun ("Messis", a
                # name's genitive after a vowel, stays)
                continue
            elif label == "PER" and (_noun_with_s(w) or _two_noun_compound(w)):
                continue  # "Zustands", "Hooligans", "Märchensammler": no one's name
            elif (
                "lone_compound_person" in _RULES
                and label == "PER"
                and _noun_compound_of_known(w)
                and not _gazetteer_word(w)
            ):
                continue  # "Jobverlust", "Strafhöhe", "Multiverkehrsmittelbenutzer"
            elif noun(w, label):
                continue
        elif label == "PER" and all(_knows_noun(w) or w.istitle() for w in words):
            last = words[-1]
            if _AGENT_NOUN.search(last.lower()) and _knows_noun(last):
                continue  # "Missions Spezialist"
        elif (
            "town_adjective_plural" in _RULES
            and label == "LOC"
            and len(words) == 2
            and words[0].endswith("er")
            and words[0][1:].islower()
            and _knows_noun(words[-1])
            and _plural_of_noun(words[-1])
        ):
            continue  # "in Sofioter Justizkreisen": a town's adjective and a plural noun
        elif (
            label in ("ORG", "LOC")
            and words[0].endswith("er")
            and words[0][1:].islower()
            and (label == "ORG" or not _plural_of_noun(words[-1]))  # "Brüsseler Militärkreisen"
        ):
            pass  # "Wiener Linien", "Kölner Hauptbahnhof": a town's adjective names a body or place
        elif all(_knows_noun(w) and noun(w, label) for w in words):
            continue
        out.append((start, end, label))
    if "place_particle" in _RULES:
        out = _place_particle(text, out)
    if "surname_place" in _RULES:
        out = _surname_place(text, out, surname_elsewhere)
    if "acronym_paren" in _RULES:
        out = _acronym_paren(text, out)
    if "first_name_join" in _RULES:
        out = _first_name_join(text, out, ends)
    out = _one_type_per_name(text, _clubs_by_place(text, out))
    if "bei_place" in _RULES:
        out = _bei_place(text, out, surnames)
    out.sort(key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int, str]] = []
    reach = -1
    for s in out:
        if s[0] >= reach:
            kept.append(s)
            reach = s[1]
        elif s[1] > reach:  # overlaps the previous one partly: the longer wins
            prev = kept[-1]
            if s[1] - s[0] > prev[1] - prev[0]:
                kept[-1] = s
                reach = s[1]
    return kept
