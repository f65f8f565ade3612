"""Which type a name takes, a part of the names guard (:mod:`lagebild.enrich.names`).

A name's type read from its context (``Bayern`` in a club's name is the club; ``die Zeitung To
Vima`` is an organisation, ``im Stadtteil Schaerbeek`` a place), one type per name within an
article, the one kind of the names in a list (``die Inseln Chios, Leros und Samos``) and of a
pair.  The rules ask their switches in :mod:`lagebild.enrich.names_rules`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lagebild.enrich import names_rules as _rules
from lagebild.enrich.names_context import scores
from lagebild.enrich.names_lexicon import _LOCATIVE


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
def _clubs_by_place(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A place's name that begins or ends a club's name stands for the club (``Bayern``
    of ``Bayern München``, ``gegen Mönchengladbach`` beside ``Borussia Mönchengladbach``)
    -- in a sports report (two match scores) -- unless a locative preposition or a dateline says place (``Niederlage in Köln``)."""
    from lagebild.enrich.resolve import is_dateline  # resolve imports this module

    if scores(text) < 2:
        return spans  # "der FC Lustenau" in a report on asylum: "Lustenau" stays the town
    if _rules.on("club_number"):
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
        _rules.on("org_designator_more")
        and label == "PER"
        and len(words) >= 2
        and words[-1] in _ORG_DESIGNATOR_MORE
    ):
        return "ORG"  # "Alix Partners", "Goldsmiths College"
    if (
        _rules.on("event_head")
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
# Round 13: ships, probes, missiles and weapons of any type the model gave ("die Fregatte
# Canarias" LOC, "US-Lenkwaffenzerstörer Donald Cook" PER, "NASA-Sonde New Horizons" ORG); bases
_MISC_APPOSITION_R13 = re.compile(
    r"(?:frachter|fregatte|zerstörer|kreuzer|korvette|tanker|fähre|jacht|yacht|trawler|kutter"
    r"|sonde|raumschiff|raumstation|flugzeugträger|u-boot|schiff|teleskop|marschflugkörper"
    r"|drohne|kampfjet|bomber|rakete|raketen|raketensystem|satellit|satelliten)$"
)
_LOC_APPOSITION_R13 = re.compile(r"(?:stützpunkt|militärbasis|luftwaffenbasis|flugplatz)$")


def _apposition_type(text: str, start: int, label: str) -> str | None:
    """The kind an apposition noun right before *start* gives the name there
    (``Ratingagentur Moodys`` ORG, ``Haftanstalt Palmasola`` LOC, ``Währung Hrywnja``
    MISC), or None.  A named thing's kind only for a "person" or a "place"."""
    m = re.search(
        r"(?<![\w\-])([A-ZÄÖÜ][\w\-]*[a-zäöüß])\s[\"„“»]?$", text[max(0, start - 40) : start]
    )
    if m is None:
        return None
    rules = _rules.RULES
    key = rules if isinstance(rules, frozenset) else frozenset(rules)
    return _apposition_kind(m.group(1).lower(), label, key)


@lru_cache(maxsize=1 << 14)
def _apposition_kind(low: str, label: str, rules: frozenset[str]) -> str | None:
    """:func:`_apposition_type` for the noun *low*, remembered per noun, label and rule set
    (*rules*: ``names_rules.RULES`` as it is now, which the checks below read)."""
    del rules  # (a part of the key only)
    if _ORG_APPOSITION.search(low) or (
        _rules.on("thing_apposition") and _ORG_APPOSITION_MORE.search(low)
    ):
        return "ORG"
    if _LOC_APPOSITION.search(low) or (
        _rules.on("thing_apposition") and _LOC_APPOSITION_MORE.search(low)
    ):
        return "LOC"
    if _rules.on("thing_apposition") and label in ("PER", "LOC") and _MISC_APPOSITION.search(low):
        return "MISC"
    if _rules.on("vessel_apposition"):  # round 13: "Containerfrachter El Faro" ORG
        if _MISC_APPOSITION_R13.search(low):
            return "MISC"
        if label != "LOC" and _LOC_APPOSITION_R13.search(low):
            return "LOC"  # "Luftwaffenstützpunkt Mihail Kogalniceanu"
    if _rules.on("apposition_more"):
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
    if _rules.on("apposition_vote"):
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


# Heads of nouns that name a relation to a firm or a rival, glued before its name
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
        if j - k + 1 == 2 and _rules.on("pair_type"):
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
            elif _rules.on("thing_apposition") and m and _MISC_LIST_HEAD.search(m.group(1).lower()):
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
    if _rules.on("thing_apposition") and m and _MISC_LIST_HEAD.search(m.group(1).lower()):
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
