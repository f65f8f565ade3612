"""Round-10 passes of the names guard (:mod:`lagebild.enrich.names`): evidence from context.

* ``country_code``: a country's three-letter code in parentheses (``Kimi Räikkönen (FIN)``,
  ``Jönköping (DEN)``) names the country, whatever type the model gave it.  The codes are
  the shipped gazetteer's ISO 3166 codes and the IOC's own (``GER``, ``NED``, ``SUI``): a
  closed class.
* ``club_context``: in a sports report that names clubs, a town's name after ``gegen`` or
  ``über`` is the town's club (``2:2 gegen Hannover``, ``4:1-Heimerfolg über Darmstadt``), and
  a town named with a club prefix is the club (``RB Leipzig``, ``Athletic Bilbao``).
* ``lone_person_cue``: a one-word "person" (no full name of the article ends or begins with
  it) stays only with a sign of a person at one of its uses -- a title, role or relation
  before it (``Sängerin Adele``, ``Frau Tourea``), a speech verb beside it (``sagte
  Klitschko``, ``so Grundig``), an age or a minute after it (``Heino (77)``, ``Chicharito
  (60.)``), another person beside it in a list or line-up (``Bob und Mike Bryan``, ``Walke –
  Schwegler``), a rank before it, a gazetteer person whose name ends in it (``Mitterrand``).
  What the model typed a person with none of these is most often a product, a site or a firm
  (``von Siri``, ``berichtet Kotaku``, ``bei Antutu``).  Only in an article's worth of German
  text.  A trade: on 300 other articles it drops about three wrong one-word persons for each
  right one (docs/benchmarks.md "tenth round").
* ``role_lead_more``: ``Tormann Bernd Leno`` -> ``Bernd Leno``; ``person_place_join``:
  ``Klaas-Jan`` PER | ``Huntelaar`` LOC -> one person.

The switches are in :mod:`lagebild.enrich.names_rules`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lagebild.enrich import gazetteer
from lagebild.enrich.names_context import run_counts, scores
from lagebild.enrich.names_lexicon import _agent_noun, _knows_lowercase, _knows_noun
from lagebild.enrich.names_spans import _role_noun, _sentence_initial

# IOC country codes that are not the ISO 3166 alpha-3 code of the same country (the
# Olympic and most sports results' codes): the closed list of the IOC.
_IOC_ONLY = frozenset(
    """ALG ANG ANT ARU BAH BAN BAR BER BHU BIZ BOT BRU BUL BUR CAM CAY CHA CHI CRC CRO DEN
    ESA FIJ GAM GBS GEQ GER GRE GRN GUA GUI HAI HON INA IRI ISV IVB KOS KSA KUW LAT LBA LES
    LIB MAD MAS MAW MGL MON MRI MTN MYA NCA NED NEP NGR NIG OMA PAR PHI PLE POR PUR RSA SAM
    SEY SIN SKN SLO SOL SRI SUD SUI TAN TGA TOG TPE UAE URU VAN VIE VIN ZAM ZIM GBR ENG SCO
    WAL""".split()
)


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    """The gazetteer's countries' ISO alpha-3 codes and the IOC's."""
    rows = gazetteer.load().records
    codes = {r["iso3"] for r in rows if r.get("kind") in ("country", "territory") and r.get("iso3")}
    return frozenset(codes | set(_IOC_ONLY))


def _country_code(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``Sebastian Vettel (GER)``: a country's code in parentheses is the country (LOC)."""
    out = []
    for a, b, lab in spans:
        if (
            lab != "LOC"
            and b - a == 3
            and text[a - 1 : a] == "("
            and text[b : b + 1] == ")"
            and text[a:b] in _country_codes()
        ):
            lab = "LOC"
        out.append((a, b, lab))
    return out


# Club prefixes (the closed class of names_types._CLUB_PREFIX and a few more that stand
# before a town: "Athletic Bilbao", "Racing Santander").
_CLUB_LEAD = frozenset(
    "FC SC SV SK SCR VfL VfB TSV TSG TuS FK NK HNK AC AS SSC RB BSC AFC KAA KRC PSV SpVgg"
    " Borussia Eintracht Dynamo Dinamo Sporting Real Atlético Atletico Olympique Fortuna"
    " Hertha Werder Rapid Wacker Sturm Admira Athletic Racing Bayer Union Rot-Weiss"
    " Rot-Weiß Arminia Alemannia Energie Kickers".split()
)
_OPPONENT = frozenset({"gegen", "über"})


def _club_context(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """In a sports report with club names: ``RB`` | ``Leipzig`` LOC -> ``RB Leipzig`` ORG;
    a one-word town after ``gegen``/``über`` -> ORG (not a country: ``gegen Spanien``)."""
    from lagebild.enrich import gazetteer  # resolve imports this module

    if scores(text) < 2:
        return spans
    clubs = 0
    for a, b, lab in spans:
        ws = text[a:b].split()
        if lab == "ORG" and ws and (ws[0] in _CLUB_LEAD or re.match(r" \d\d\b", text[b : b + 3])):
            clubs += 1
    if clubs < 2:
        return spans  # a tennis or ski report: towns are where it was played
    out = []
    for a, b, lab in spans:
        name = text[a:b]
        if lab == "LOC" and " " not in name:
            m = re.search(r"(?<![\w\-])([\w\-]+) $", text[max(0, a - 20) : a])
            prev = m.group(1) if m else ""
            if prev in _CLUB_LEAD:
                a, lab = a - len(prev) - 1, "ORG"  # "RB Leipzig", "Athletic Bilbao"
            elif prev in _OPPONENT and not any(
                g[0] == 0 and g[1] == len(name) and getattr(g, "kind", "") in ("country", "territory", "region")
                for g in gazetteer.match(name)
            ):
                lab = "ORG"  # "2:2 gegen Hannover": the club
        out.append((a, b, lab))
    return out


# Words before a one-word name that say "person": titles, kin and relations, a few roles the
# agent-noun test misses (closed classes).
_PERSON_LEAD = frozenset(
    """herr frau mr mr. mrs mrs. ms ms. dr dr. prof prof. sir lady lord captain kapitän
    lieutenant sergeant general oberst pater papst könig königin prinz prinzessin kaiser
    kaiserin pharao graf gräfin sohn tochter bruder schwester vater mutter onkel tante
    ehemann ehefrau gattin gatte mann freund freundin enkel enkelin neffe nichte cousin
    cousine landsmann landsfrau mitspieler teamkollege kollege kollegin keeper tormann
    torhüter angreifer stürmer verteidiger musiker künstler künstlerin autor autorin
    schauspieler schauspielerin rapper sänger sängerin komponist dirigent regisseur
    regisseurin fotograf fotografin namens genannt""".split()
)
# ... of them, the roles and relations that are never a first name and stand before a person's
# name the model took in ("Tormann Bernd Leno", "Sohn Martin"): cut off (not the titles that
# may begin a name: "Lady Gaga", "Captain Kirk").
_ROLE_LEAD = _PERSON_LEAD - frozenset(
    """herr frau mr mr. mrs mrs. ms ms. dr dr. prof prof. sir lady lord captain kapitän
    lieutenant sergeant general oberst pater papst könig königin prinz prinzessin kaiser
    kaiserin pharao graf gräfin mann namens genannt""".split()
)


def role_lead_word(word: str) -> bool:
    """``Tormann``, ``Sohn``, ``Musiker``: a role or relation before a name, no first name."""
    return word[1:].islower() and word.lower() in _ROLE_LEAD


def _person_place_join(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``Klaas-Jan`` PER | ``Huntelaar`` LOC: a one-word person right before a one-word
    "place" the gazetteer and the lexicon do not know are one person's name."""
    from lagebild.enrich.names_lexicon import _gazetteer_word

    out: list[tuple[int, int, str]] = []
    for a, b, lab in sorted(spans):
        if out:
            pa, pb, plab = out[-1]
            name = text[a:b]
            if (
                plab == "PER"
                and lab == "LOC"
                and text[pb:a] == " "
                and " " not in text[pa:pb]
                and " " not in name
                and name[:1].isupper()
                and name[1:].islower()
                and not _knows_noun(name)
                and not _gazetteer_word(name)
            ):
                out[-1] = (pa, b, "PER")
                continue
        out.append((a, b, lab))
    return out


# Verbs of saying beside a name ("sagte Klitschko", "so Grundig", "Müller meinte"); not
# "berichtet": a site or a paper reports.
_SAY = frozenset(
    """sagte sagt sagten meinte meint erklärte erklärt betonte betont so fügte ergänzte
    kritisiert kritisierte warnte warnt forderte fordert erzählt erzählte glaubt glaubte
    lacht lachte ruft rief fragt fragte antwortete antwortet""".split()
)
# After a name: an age, a minute, a party, a country or a club in parentheses ("Heino (77)",
# "Chicharito (60.)", "Niessl (SPÖ)", "Hartmann (Schweiz)").
_AGE_AFTER = re.compile(r" ?\((?:\d{1,3}|\d{1,3}\.[^)]{0,20}|[A-ZÄÖÜ][\w.\-]{1,15})\)")
# Verbs only a person is the subject of, right after or right before the name ("starb
# Antoninus", "Ailin läuft weiter" is not one: runs may a program too).
_PERSON_VERB = frozenset(
    """starb stirbt verstarb lebte wohnte heiratete studierte komponierte dirigierte malte
    regierte floh kandidierte weigerte diente""".split()
)
# A rank before a name in a result list ("11. Romanatti (Italien)", "3. Kimi Räikkönen").
_RANK = re.compile(r"(?<![\d.,:])\d{1,3}\.\s$")
_JAEHRIG = re.compile(r"jährige[nr]?$")
# Between two names of one list: commas and "und", and (after the freeze, from the 300-article
# check) the dashes and slashes of a team's line-up ("Walke – Schwegler, Miranda", "Reyna/Schmitz").
_GAP = re.compile(r"\s*(?:,|,?\s+(?:und|oder|sowie|&)|\s[–-]|/)\s*")
# Titles of office, rank and myth before a name (after the freeze, from the 300-article check:
# "Bischof Zsifkokvics", "Inspector Lynley", "Göttervater Zeus"), bare or ending a compound.
_TITLE_HEAD = re.compile(
    r"(?:bischof|kardinal|pfarrer|rabbi|imam|scheich|emir|sultan|prophet|apostel|engel|gott"
    r"|göttin|vater|inspector|inspektor|detective|kommissar|kommissarin|präsident|präsidentin"
    r"|kanzler|kanzlerin|minister|ministerin|vorstand|chef|chefin|hauptmann|bürgermeister"
    r"|bürgermeisterin|abgeordneter|abgeordnete)$"
)


@lru_cache(maxsize=1)
def _gazetteer_surnames() -> frozenset[str]:
    """The last words of the gazetteer's persons' names (``Mitterrand`` of ``François
    Mitterrand``): a lone surname of a known person."""
    rows = gazetteer.load().records
    return frozenset(
        r["name"].split()[-1]
        for r in rows
        if r.get("kind") == "person" and " " in r.get("name", "")
    )


@lru_cache(maxsize=16)
def _article(text: str) -> bool:
    """Is *text* an article's worth of German (at least five sentences, more German function
    words than English ones)?  The absence of a sign of a person means something only in a
    whole article: a sentence alone ("Braun übernahm die Leitung") shows none."""
    if len(re.findall(r"[.!?][\"“”]?\s+[\"„“]?[A-ZÄÖÜ]", text)) < 4:
        return False
    return _german(text)


@lru_cache(maxsize=16)
def _german(text: str) -> bool:
    """More German function words than English ones."""
    # the whole-word uses of each (what findall of r"\b(?:der|...)\b" counts): the runs of
    # word characters between hyphens of the article's counted runs
    de = en = 0
    for run, n in run_counts(text).items():
        for w in run.split("-") if "-" in run else (run,):
            if w in _DE_WORDS:
                de += n
            elif w in _EN_WORDS:
                en += n
    return de > en


_DE_WORDS = frozenset("der die das und nicht ist".split())
_EN_WORDS = frozenset("the and of is not was".split())


@lru_cache(maxsize=4096)
def _demonym(word: str) -> bool:
    """``Schweizer``, ``Kanadier``: the gazetteer knows *word* as a demonym or adjective."""
    from lagebild.enrich import gazetteer  # resolve imports this module

    return any(
        g[0] == 0 and g[1] == len(word) and getattr(g, "flag", "") in ("demonym", "adjective")
        for g in gazetteer.match(word)
    )


def _cue_at(text: str, p: int, q: int, per_starts: set[int], per_ends: set[int]) -> bool:
    """A sign of a person at the use *p*..*q* of a one-word name (see the module's docstring)."""
    pm = re.search(r"([^\s(]+)\s+$", text[max(0, p - 40) : p])
    prev = pm.group(1) if pm else ""
    nm = re.match(r"\s+([\w\-]+)", text[q : q + 30])
    nxt = nm.group(1) if nm else ""
    low = prev.lower()
    if (
        low in _PERSON_LEAD
        or low in _SAY
        or nxt.lower() in _SAY
        or _JAEHRIG.search(low)
        or (prev[:1].isupper() and prev[1:].islower() and _knows_noun(prev) and _agent_noun(prev))
        or _role_noun(prev)
        or (  # "Artem Dsjuba": a first name the model left out
            prev[:1].isupper()
            and prev[1:].islower()
            and len(prev) >= 3
            and not _knows_noun(prev)
            and not _knows_lowercase(prev)
            and not _sentence_initial(text, p - len(prev) - 1)
        )
        or _AGE_AFTER.match(text, q)
        or (prev[:1].isupper() and _TITLE_HEAD.search(low) is not None)
        or low in _PERSON_VERB
        or nxt.lower() in _PERSON_VERB
        or _RANK.search(text[max(0, p - 6) : p])
    ):
        return True
    if prev[:1].isupper() and _demonym(prev):
        return True  # "Der Schweizer Roger", "der Kanadier Mohammed"
    # another person right before or after, in a list ("Bob und Mike Bryan", "Hinterseer,
    # Özcan"), or an actor in parentheses after a role ("Mariedl (Stefanie Dvorak)")
    if any(b in per_ends and _GAP.fullmatch(text[b:p]) for b in range(max(0, p - 12), p)):
        return True
    if any(a in per_starts and _GAP.fullmatch(text[q:a]) for a in range(q + 1, q + 13)):
        return True
    return q + 2 in per_starts and text[q : q + 2] == " ("


def lone_persons_without_cue(
    text: str, words: set[str], spans: list[tuple[int, int, str]]
) -> set[str]:
    """Of the one-word "persons" *words* (of German text), those with no person sign at
    any of their first 50 uses and unknown to the gazetteer (``Merkel`` alone is a person).
    One pass over the text, whatever the number of words."""
    from lagebild.enrich.names_lexicon import _WORD, _gazetteer_word

    if not words:
        return set()
    uses: dict[str, list[int]] = {}
    for m in _WORD.finditer(text):
        w = m.group()
        if w in words:
            got = uses.setdefault(w, [])
            if len(got) < 50:
                got.append(m.start())
    per_starts = {a for a, _, lab in spans if lab == "PER"}
    per_ends = {b for _, b, lab in spans if lab == "PER"}
    drop = set()
    for w in words:
        at = uses.get(w)
        if at is None:  # not one token ("Docs.com"): its first uses found by search
            at = [
                m.start()
                for _, m in zip(
                    range(50), re.finditer(r"(?<![\w\-])" + re.escape(w) + r"(?![\w\-])", text)
                )
            ]
        if (
            not any(_cue_at(text, p, p + len(w), per_starts, per_ends) for p in at)
            and not _gazetteer_word(w)
            and w not in _gazetteer_surnames()
        ):
            drop.add(w)
    return drop


__all__ = [
    "_article",
    "_club_context",
    "_country_code",
    "_person_place_join",
    "lone_persons_without_cue",
    "role_lead_word",
]
