"""The tests on one span of the names guard (:mod:`lagebild.enrich.names`).

Whether a word is used as a common noun in this article (:func:`is_common_noun`), role nouns
before a name (``Landeshauptmann Erwin Pröll``, ``AfD-Vize``) and how to cut them off, genitives,
fragments of a name, hyphenated nouns, headings in capitals, a slash between two names and a
place's kind before its name.  The rules ask their switches in :mod:`lagebild.enrich.names_rules`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from lagebild.enrich import names_rules as _rules
from lagebild.enrich.names_context import _occurrences, run_counts
from lagebild.enrich.names_lexicon import (
    _ABSTRACT,
    _AGENT_NOUN,
    _DETERMINERS,
    _adjective,
    _agent_noun,
    _compound_head,
    _declines,
    _gazetteer_word,
    _knows_noun,
    _plural_of_noun,
    _simplemma,
    _two_noun_compound,
)
from lagebild.enrich.names_types import _LOC_APPOSITION, _ORG_APPOSITION, _ORG_DESIGNATOR


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
    if _rules.on("role_heads_more") and (m := _ROLE_HEAD_MORE.search(low)) and m.start() >= 3:
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
    if _RUN.fullmatch(bare):  # a whole run of word characters and hyphens of the text
        return bare in _runs(text)
    return re.search(rf"(?<![\w-]){re.escape(bare)}(?![\w-])", text) is not None


_RUN = re.compile(r"[\w-]+")


@functools.lru_cache(maxsize=16)
def _runs(text: str) -> frozenset[str]:
    """The maximal runs of word characters and hyphens of *text* (one pass, not a regular
    expression compiled per word)."""
    return frozenset(run_counts(text))


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
    if "-" in word and _rules.on("role_short_head") and head.lower() in _HYPHEN_ROLE_HEADS:
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
    if _rules.on("dateline_initial") and before[-2:] in (" –", " -"):
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
            if _rules.on("slash_dateline") and lab != "LOC":
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
