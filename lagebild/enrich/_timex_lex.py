"""Word lists and tense cues for :mod:`lagebild.enrich.timex` (German and English)."""

from __future__ import annotations

import re

# --------------------------------------------------------------------------
# Lexicons
# --------------------------------------------------------------------------

_MONTHS = {
    # German
    "januar": 1, "jänner": 1, "jan": 1, "februar": 2, "feber": 2, "feb": 2,
    "märz": 3, "maerz": 3, "mär": 3, "mrz": 3, "april": 4, "apr": 4, "mai": 5,
    "juni": 6, "jun": 6, "juli": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "dezember": 12, "dez": 12,
    # English
    "january": 1, "february": 2, "march": 3, "mar": 3, "may": 5, "june": 6,
    "july": 7, "october": 10, "oct": 10, "december": 12, "dec": 12,
}
# German genitives after a day ("des 11. Septembers 2001"), only in day-month dates.
_MONTHS.update({f"{name}s": num for name, num in _MONTHS.items() if name in (
    "januar", "februar", "april", "juni", "juli", "august", "september", "oktober", "november", "dezember")})
_DE_MONTH_GEN = (
    r"(?:(?:Januar|Februar|April|Juni|Juli|August|September|Oktober|November|Dezember)s\b"
    r"|(?:Januar|Jänner|Februar|Feber|März|Maerz|April|Mai|Juni|Juli|August|September"
    r"|Oktober|November|Dezember)\b(?![-‑])|(?:Jan|Feb|Mär|Mrz|Apr|Jun|Jul|Aug|Sept?|Okt|Nov|Dez)\.)"
)
_DE_MONTH = (
    r"(?:(?:Januar|Jänner|Februar|Feber|März|Maerz|April|Mai|Juni|Juli|August|September"
    r"|Oktober|November|Dezember)\b(?![-‑])|(?:Jan|Feb|Mär|Mrz|Apr|Jun|Jul|Aug|Sept?|Okt|Nov|Dez)\.)"
)
_EN_MONTH = (
    r"(?:(?:January|February|March|April|May|June|July|August|September|October"
    r"|November|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.)"
)
_WEEKDAYS = {
    "montag": 1, "dienstag": 2, "mittwoch": 3, "donnerstag": 4, "freitag": 5,
    "samstag": 6, "sonnabend": 6, "sonntag": 7,
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}
_DE_WEEKDAY = r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag)"
_EN_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"

_NUMBERS = {
    "ein": 1, "eine": 1, "einem": 1, "einen": 1, "einer": 1, "eines": 1,
    "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7, "acht": 8,
    "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "dreizehn": 13, "vierzehn": 14,
    "fünfzehn": 15, "sechzehn": 16, "achtzehn": 18, "zwanzig": 20, "dreißig": 30,
    "vierzig": 40, "fünfzig": 50, "hundert": 100, "anderthalb": 1.5,
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "fifteen": 15, "eighteen": 18, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "hundred": 100, "thirteen": 13, "fourteen": 14, "sixteen": 16, "seventeen": 17,
    "nineteen": 19, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a couple of": 2, "couple of": 2,
}
# "twenty-four", "twenty four"
for _tens in ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"):
    for _unit_word, _k in (("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5),
                           ("six", 6), ("seven", 7), ("eight", 8), ("nine", 9)):
        _NUMBERS[f"{_tens}-{_unit_word}"] = _NUMBERS[f"{_tens} {_unit_word}"] = (
            _NUMBERS[_tens] + _k)
# Vague quantities: "einige Jahre" -> PXY.
_VAGUE = {
    "einige", "einigen", "mehrere", "mehreren", "wenige", "wenigen", "viele", "vielen",
    "paar", "weniger", "several", "few", "many", "some",
}
_DE_NUM = (
    r"(?:\d{1,3}|ein|eine|einem|einen|einer|eines|zwei|drei|vier|fünf|sechs|sieben|acht|neun"
    r"|zehn|elf|zwölf|dreizehn|vierzehn|fünfzehn|sechzehn|achtzehn|zwanzig|dreißig|vierzig"
    r"|fünfzig|hundert|anderthalb)"
)
_DE_VAGUE = r"(?:einige|einigen|mehrere|mehreren|wenige|wenigen|weniger|viele|vielen|ein paar)"
_EN_NUM = (
    r"(?:\d{1,3}|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s]"
    r"(?:one|two|three|four|five|six|seven|eight|nine)\b|(?:a\s+)?couple\s+of"
    r"|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty"
    r"|fifty|sixty|seventy|eighty|ninety|hundred)"
)
_EN_VAGUE = r"(?:several|a few|few|many|some)"

# Unit words -> (TIMEX unit letter). "Monat" is M, "Minute" is TM (time minutes).
_UNITS = {
    "tag": "D", "tage": "D", "tagen": "D", "tages": "D",
    "woche": "W", "wochen": "W",
    "monat": "M", "monate": "M", "monaten": "M", "monats": "M",
    "jahr": "Y", "jahre": "Y", "jahren": "Y", "jahres": "Y",
    "jahrzehnt": "DE", "jahrzehnte": "DE", "jahrzehnten": "DE", "jahrzehnts": "DE",
    "jahrhundert": "CE", "jahrhunderte": "CE", "jahrhunderten": "CE",
    "stunde": "H", "stunden": "H", "minute": "TM", "minuten": "TM",
    "quartal": "Q", "quartale": "Q", "quartalen": "Q", "quartals": "Q",
    "day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M",
    "year": "Y", "years": "Y", "decade": "DE", "decades": "DE", "century": "CE",
    "centuries": "CE", "hour": "H", "hours": "H", "minute_en": "TM", "minutes": "TM",
    "quarter": "Q", "quarters": "Q",
    "wochenende": "WE", "wochenendes": "WE", "wochenenden": "WE", "weekend": "WE",
    "halbjahr": "H1", "halbjahres": "H1",
    "sommer": "SU", "sommers": "SU", "winter": "WI", "winters": "WI",
    "frühling": "SP", "frühlings": "SP", "frühjahr": "SP", "frühjahrs": "SP",
    "herbst": "FA", "herbstes": "FA", "herbsts": "FA",
    "summer": "SU", "spring": "SP", "fall": "FA", "autumn": "FA",
    # Part of a season: the season ("Spätsommer 490 v. Chr." -> BC0490-SU; TimeML's mod, not
    # in the value).
    "spätsommer": "SU", "frühsommer": "SU", "hochsommer": "SU", "spätherbst": "FA",
    "frühherbst": "FA", "spätwinter": "WI", "frühwinter": "WI", "vorfrühling": "SP",
}
# German season words, compounds included (the "u" group of the season rules).
_DE_SEASON = (r"(?:Sommer|Winter|Frühling|Frühjahr|Herbst|Spätsommer|Frühsommer|Hochsommer"
              r"|Spätherbst|Frühherbst|Spätwinter|Frühwinter|Vorfrühling)")
_DE_SEASON_WORDS = ("Sommer", "Winter", "Frühling", "Frühjahr", "Herbst", "Spätsommer",
                    "Frühsommer", "Hochsommer", "Spätherbst", "Frühherbst", "Spätwinter",
                    "Frühwinter", "Vorfrühling")
_SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
_DE_UNIT_PL = (
    r"(?:Tage|Tagen|Wochen|Monate|Monaten|Jahre|Jahren|Jahrzehnte|Jahrzehnten"
    r"|Jahrhunderte|Jahrhunderten|Stunden|Minuten|Quartale|Quartalen)"
)
_DE_UNIT_ANY = (
    r"(?:Tag|Tage|Tagen|Woche|Wochen|Monat|Monate|Monaten|Jahr|Jahre|Jahren|Jahrzehnt"
    r"|Jahrzehnte|Jahrzehnten|Jahrhundert|Jahrhunderte|Jahrhunderten|Stunde|Stunden"
    r"|Minute|Minuten|Quartal|Quartale)"
)
_EN_UNIT_ANY = (
    r"(?:days?|weeks?|months?|years?|decades?|century|centuries|hours?|minutes?|quarters?)"
)

_ORDINALS = {
    "ersten": 1, "erste": 1, "erstes": 1, "1.": 1, "zweiten": 2, "zweite": 2, "2.": 2,
    "dritten": 3, "dritte": 3, "3.": 3, "vierten": 4, "vierte": 4, "4.": 4,
    "first": 1, "second": 2, "third": 3, "fourth": 4,
    "letzten": 4, "last": 4,
}
_POD = {
    "morgen": "MO", "früh": "MO", "vormittag": "MO", "mittag": "MI", "nachmittag": "AF",
    "abend": "EV", "nacht": "NI", "morning": "MO", "noon": "MI", "afternoon": "AF",
    "evening": "EV", "night": "NI", "tonight": "NI",
    # "in den frühen Morgenstunden des 22. Juni 1941"
    "morgenstunden": "MO", "vormittagsstunden": "MO", "mittagsstunden": "MI",
    "nachmittagsstunden": "AF", "abendstunden": "EV", "nachtstunden": "NI",
}

# Relative words: how far to shift (in the unit that follows).
_REL = {
    "letzte": -1, "letzten": -1, "letzter": -1, "letztes": -1, "letztem": -1,
    "vergangene": -1, "vergangenen": -1, "vergangener": -1, "vergangenes": -1,
    "vergangenem": -1, "vorige": -1, "vorigen": -1, "voriger": -1, "voriges": -1,
    "vorigem": -1,
    "nächste": 1, "nächsten": 1, "nächster": 1, "nächstes": 1, "nächstem": 1,
    "kommende": 1, "kommenden": 1, "kommender": 1, "kommendes": 1, "kommendem": 1,
    "diese": 0, "diesen": 0, "dieser": 0, "dieses": 0, "diesem": 0,
    "laufende": 0, "laufenden": 0, "laufendes": 0, "laufender": 0,
    "last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0,
    "current": 0,
}
_DE_REL = (
    r"(?:letzte[nmrs]?|vergangene[nmrs]?|vorige[nmrs]?|nächste[nmrs]?|kommende[nmrs]?"
    r"|diese[nmrs]?|laufende[nmrs]?)"
)
_EN_REL = r"(?:last|past|previous|next|coming|this|current)"
_DE_ART = r"(?:der|die|das|den|dem|des)"
_DE_MOD = r"(?:Anfang|Mitte|Ende|Beginn)"
_EN_MOD = r"(?:early|late|mid-?|the end of|the beginning of|the start of|the middle of)"

# --------------------------------------------------------------------------
# Tense cues
# --------------------------------------------------------------------------

_DE_PAST_WORDS = (
    "war waren warst wart wurde wurden wurdest hatte hatten hattest hätte hätten gewesen "
    "worden sagte sagten gab gaben kam kamen ging gingen fand fanden traf trafen sprach "
    "sprachen nannte nannten begann begannen stieg stiegen fiel fielen lag lagen stand "
    "standen hieß hielt hielten rief riefen blieb blieben schrieb schrieben bekam bekamen "
    "verlor verloren gewann gewannen starb starben floh flohen zog zogen wies wiesen "
    "sah sahen nahm nahmen brachte brachten dachte dachten kannte wusste wussten "
    "beschloss beschlossen verließ verließen erschien erschienen entschied entschieden "
    "sollte sollten wollte wollten konnte konnten musste mussten durfte durften "
    "said told was were had did went came made took gave met left saw found began got "
    "held sent won lost fell rose spoke wrote became struck ran brought thought knew "
    "ago yesterday earlier previously"
).split()
# More Präteritum forms of strong and mixed verbs ("empfing Borussia Dortmund am Freitag ..."),
# counted only in lower case (not "Schloss", "Band" as nouns at a sentence start).
_DE_STRONG_PAST = frozenset((
    "empfing empfingen fing fingen hing hingen gelang misslang lief liefen verlief verliefen "
    "fuhr fuhren flog flogen schlug schlugen trug trugen wuchs wuchsen sank sanken bat baten "
    "bot boten brach brachen erhielt erhielten enthielt verhielt sprang sprangen zwang warf "
    "warfen half halfen litt litten stritt stritten schwieg schwiegen wich wichen griff "
    "griffen riss rissen schoss schossen schloss schlossen floss flossen genoss ließ ließen "
    "schien schienen trieb trieben stieß stießen lud luden tat taten trat vertrat betrat galt "
    "galten ergab ergaben vergab las lasen aß saß saßen vergaß stahl befahl empfahl "
    "empfahlen verschwand verschwanden wandte wandten sandte rannte brannte brannten erfuhr "
    "erfuhren widersprach hob hoben erhob bewies verbot"
).split())
_DE_FUT_WORDS = (
    "wird werden werde wirst werdet würde würden soll sollen sollst will wollen plant "
    "planen plane beabsichtigt beabsichtigen voraussichtlich künftig zukünftig demnächst "
    "bald morgen übermorgen kommende kommenden kommender kommendes nächste nächsten "
    "nächster nächstes bevorstehende bevorstehenden geplant geplante geplanten "
    "will shall 'll won't would going plans plan planned planning expected scheduled "
    "upcoming tomorrow "
    "next coming"
).split()
_TE_STOP = {
    "heute", "bitte", "letzte", "letzten", "erste", "ersten", "zweite", "zweiten",
    "dritte", "dritten", "vierte", "vierten", "fünfte", "fünften", "sechste", "sechsten",
    "siebte", "siebten", "achte", "achten", "neunte", "neunten", "zehnte", "zehnten",
    "hundertsten", "gute", "guten", "weite", "weiten", "breite", "breiten", "rote", "roten",
    "harte", "harten", "echte", "echten", "rechte", "rechten", "leichte", "leichten",
    "gesamte", "gesamten", "sogenannte", "sogenannten", "bekannte", "bekannten",
    "geplante", "geplanten", "mitte", "halbe", "halben", "späte", "späten", "konkrete",
    "konkreten", "direkte", "direkten", "stete", "untersten", "könnte", "könnten",
    "möchte", "möchten", "dürfte", "dürften", "müsste", "müssten", "sollte", "sollten",
    "hätte", "hätten", "würde", "würden", "tote", "toten", "breitesten", "weitesten",
    "mittleren", "soldaten", "acht", "beste", "bunte", "bunten", "stabile", "ganze",
}
_DETERMINERS = {
    "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen", "einem", "einer",
    "eines", "im", "am", "vom", "zum", "zur", "beim", "ihre", "ihren", "ihrer", "seine",
    "seinen", "seiner", "unsere", "unseren", "diese", "diesen", "dieser", "jene", "alle",
    "allen", "keine", "keinen", "mehrere", "mehreren", "einige", "einigen", "viele",
    "vielen", "sehr", "so", "zu", "wie", "als", "aller", "beiden", "meisten", "weitere",
    "weiteren",
}
_WORD_RE = re.compile(r"[\w'’]+")
# Past participles: "gesagt", "angekündigt", "verurteilt", "unterzeichnet", "kritisiert".
_PARTICIPLE_RE = re.compile(
    r"^(?:[a-zäöü]{0,6}ge[a-zäöüß]{3,}(?:t|en)"
    r"|(?:be|ver|er|ent|zer|emp|miss|unter|über|hinter|wider)[a-zäöüß]{3,}t|[a-zäöüß]{3,}iert)$"
)
_ZU_INFINITIVE_RE = re.compile(
    r"^(?:ab|an|auf|aus|bei|ein|fest|her|hin|mit|nach|vor|weg|zurück|zusammen|fort|los|teil"
    r"|statt|dar|um|durch|wieder|frei|kennen|fern|hoch|bekannt)zu[a-zäöüß]{3,}(?:en|ern|eln)$"
)
_PERFECT_AUX = {
    "hat", "haben", "habe", "hast", "habt", "ist", "sind", "sei", "seien", "has", "have",
}
_EN_ED_STOP = {"need", "speed", "feed", "seed", "indeed", "bed", "red", "hundred", "shed",
               "embed", "proceed", "exceed", "succeed", "breed", "greed", "weed", "united",
               "based", "related", "expected", "scheduled", "planned", "supposed"}

_SENT_SPLIT_RE = re.compile(r"(?<!\d)[.!?][\"“”'»«]?\s+(?=[\"„“»«]?[A-ZÄÖÜ])|\n+")
# English has no ordinal dots: "record Nov. 22. The split" ends a sentence after a number.
# Titles, initials and "vs." end no sentence ("the Roe vs. Wade decision", "Dr. Barnett
# Slepian", "Michael M. Grynbaum"; "the U.S. The" still does).
# (The look-behinds come after the mark, so they run only at punctuation: 2.5x faster.)
_SENT_SPLIT_EN_RE = re.compile(
    r"[.!?](?<!\bvs.)(?<!\bMr.)(?<!\bMs.)(?<!\bDr.)(?<!\bSt.)(?<!\bMrs.)(?<!\bGov.)"
    r"(?<!\bSen.)(?<!\bRep.)(?<!\bGen.)(?<!\bRev.)(?<!\bLt.)(?<!\bCol.)(?<!\bSgt.)"
    r"(?<!\bProf.)(?<!\bNo.)(?<![\s(][A-Z].)[\"“”'»«]?\s+(?=[\"„“»«]?[A-ZÄÖÜ])|\n+")
_CLAUSE_SPLIT_RE = re.compile(r"[,;:()–—]|\s-\s")


def _tense_cues(text: str, lang: str) -> list[tuple[int, int]]:
    """(position, +1 future / -1 past) for every tense cue word in ``text``."""
    cues: list[tuple[int, int]] = []
    past = _DE_PAST_WORDS_SET
    fut = _DE_FUT_WORDS_SET
    words = [(m.start(), m.group()) for m in _WORD_RE.finditer(text)]
    lowered = [w.lower() for _, w in words]
    aux_seen = False
    for i, (pos, w) in enumerate(words):
        lw = lowered[i]
        if lw in past or (lang == "de" and lw in _DE_STRONG_PAST and w[0].islower()):
            cues.append((pos, -1))
        elif lang == "en" and lw == "set" and i + 1 < len(words) and lowered[i + 1] == "to":
            cues.append((pos, 1))  # "set to resume Monday"
        elif lang == "en" and lw == "scheduled" and "had" in lowered[max(0, i - 2) : i]:
            cues.append((pos, -1))  # "had been scheduled to expire at midnight Friday": past
        elif lang == "en" and lw == "scheduled" and i > 0 and lowered[i - 1] in ("has", "have"):
            cues.append((pos, 1))  # "has scheduled a news conference Thursday"
        elif lang == "en" and lw in _EN_SCHEDULE_PRESENT and w[0].islower() and i > 0 \
                and lowered[i - 1] not in _EN_NOT_SUBJECT_BEFORE:
            # "Parliament returns on Tuesday", "Voters go to the polls in November": the
            # present tense of a schedule (not "tax returns", "the polls open").
            cues.append((pos, 1))
        elif lang == "en" and lw in _EN_INTEND and i + 1 < len(words) \
                and lowered[i + 1] == "to":
            cues.append((pos, 1))  # "hopes to pass the bill before Easter"
        elif lang == "en" and lw in _EN_SCHEDULED and i > 0 and (
                lowered[i - 1] in _EN_BE or (
                    lowered[i - 1] not in _EN_WAS and i + 1 < len(words)
                    and lowered[i + 1] in ("on", "for"))):
            # "a ruling is expected on Tuesday", "is due Monday", "the crest, expected on
            # Tuesday afternoon"
            cues.append((pos, 1))
        elif lang == "de" and lw in _DE_MAYBE and not any(
                w in ("sein", "haben") for w in lowered[i + 1 : i + 9]):
            cues.append((pos, 1))  # "ein Urteil könnte Anfang August fallen"
        elif lang == "de" and lw in _DE_SOLL and _reported_past(lowered, i):
            cues.append((pos, -1))  # "Am 9. März soll er seine Frau erschossen haben"
        elif lang == "de" and lw == "werden" and i > 0 and _PARTICIPLE_RE.match(lowered[i - 1]) \
                and ((i + 1 < len(words) and lowered[i + 1] in _DE_MODAL_PAST)
                     or any(x in _DE_MODAL_PAST for x in lowered[max(0, i - 6) : i - 1])):
            # "keine Einigung erzielt werden konnte", "und musste abgebrochen werden": a
            # passive infinitive; the modal after (or before) it tells the tense
            continue
        elif lw in fut:
            # English "will" as a noun is rare in news; "expected/plans" only before "to".
            if lw in ("expected", "scheduled", "plans", "plan", "going") and (
                i + 1 >= len(words) or lowered[i + 1] != "to"
            ):
                continue
            if lw in ("next", "coming") and i + 1 < len(words) and lowered[i + 1] in (
                    "to", "from", "out", "under"):
                continue  # "next to the embassy", "coming from Cuba": place, not time
            cues.append((pos, 1))
        elif lw in _PERFECT_AUX:
            aux_seen = True
        elif w[0].islower():
            if lang == "de":
                if _ZU_INFINITIVE_RE.match(lw) or (
                    lw == "zu" and i + 1 < len(words) and words[i + 1][1][:1].islower()
                    and lowered[i + 1].endswith(("en", "ern", "eln"))
                ):
                    # "an, am 1. Juni zurückzutreten", "plant, im Mai zu reisen": what
                    # is announced or planned lies ahead.
                    cues.append((pos, 1))
                elif aux_seen and _PARTICIPLE_RE.match(lw):
                    cues.append((pos, -1))
                elif (
                    len(lw) >= 5
                    and (lw.endswith("te") or lw.endswith("ten"))
                    and not lw.endswith(("ste", "sten"))
                    and lw not in _TE_STOP
                    and (i == 0 or lowered[i - 1] not in _DETERMINERS)
                    and not _de_infinitive(text, lw, pos, lowered[:i])
                ):
                    cues.append((pos, -1))
            elif lw.endswith("ed") and len(lw) >= 5 and lw not in _EN_ED_STOP:
                if i + 1 < len(words) and lowered[i + 1] == "to":
                    continue
                cues.append((pos, -1))
    return cues


# German verbs whose infinitive / present plural ends in "-ten" like a Präteritum form
# ("beraten", "arbeiten", "gelten"): their past forms end otherwise ("berieten", "arbeiteten").
_DE_TEN_VERBS = (
    "raten", "arbeiten", "warten", "bitten", "bieten", "gelten", "halten", "treten", "starten",
    "leisten", "retten", "richten", "leiten", "breiten", "reiten", "streiten", "schreiten",
    "walten", "stalten", "schalten", "zichten", "nichten", "kosten", "lasten", "testen",
    "fürchten", "fechten", "flechten", "wetten", "spalten", "falten", "gleiten",
)
# Modal and future verbs whose infinitive closes the clause ("will ... im September beraten").
_DE_MODALS = frozenset(
    "wird werden werde wirst werdet will wollen wollt soll sollen sollst kann können "
    "muss müssen darf dürfen möchte möchten".split())
_EN_INTEND = frozenset("hope hopes hoping expects expect aims aim intends intend wants want "
                       "seeks seek".split())
_EN_SCHEDULE_PRESENT = frozenset(
    "returns reconvenes convenes resumes begins starts opens kicks meets travels arrives "
    "departs leaves".split()) | {"go"}
_EN_NOT_SUBJECT_BEFORE = frozenset(
    "the a an its his her their our your my this that these those tax to of and or "
    "no any".split())
_EN_SCHEDULED = frozenset("expected due slated scheduled".split())
_EN_BE = frozenset("is are be been".split())
_EN_WAS = frozenset("was were had".split())
# Subjunctive modals with a plain infinitive speak of what may come ("könnte ... fallen");
# with "sein"/"haben" of what may have been ("könnte ... geflohen sein").
_DE_MAYBE = frozenset("könnte könnten dürfte dürften".split())
_DE_SOLL = frozenset("soll sollen".split())
_DE_MODAL_PAST = frozenset("konnte konnten sollte sollten musste mussten durfte durften wollte "
                           "wollten".split())


def _reported_past(lowered: list[str], i: int) -> bool:
    """``soll(en)`` with a perfect infinitive within the clause: reported past ("soll der
    Gesuchte seine Frau erschossen haben", "sollen 100 Personen angegriffen haben")."""
    for j in range(i + 1, min(len(lowered), i + 14)):
        w = lowered[j]
        if w == "haben" and j - 1 > i and lowered[j - 1].endswith(("t", "en")) \
                or (w == "gewesen" and j + 1 < len(lowered) and lowered[j + 1] == "sein"):
            return True
    return False




def _de_infinitive(text: str, lw: str, pos: int, before: list[str]) -> bool:
    """A "-ten" word that is an infinitive or present form, not a Präteritum."""
    if lw.endswith(_DE_TEN_VERBS) and not lw.endswith("traten"):  # "traten": past of "treten"
        return True
    # "... will das Kabinett im September beraten.": the infinitive at the clause's end
    # after a modal or future auxiliary.
    end = pos + len(lw)
    nxt = text[end : end + 1]
    return lw.endswith("ten") and (nxt == "" or nxt in ".,;:!?)–\n\"“") and any(
        w in _DE_MODALS for w in before[-12:])


_DE_PAST_WORDS_SET = frozenset(_DE_PAST_WORDS)
_DE_FUT_WORDS_SET = frozenset(_DE_FUT_WORDS)
