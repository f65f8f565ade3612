"""Round-11 passes of the names guard (:mod:`lagebild.enrich.names`): spans the BiLSTM model
(``--ner lstm``) cuts or types differently from the CNN, and glue from the text.

* ``url_cut``: a name never runs into a link (``Gauland pic.twitter.com/…`` -> ``Gauland``).
* ``glued_lead``: a role noun or a first name glued on without a space
  (``BürgermeisterThomas Steiner`` -> ``Thomas Steiner``, ``HansNiessl`` -> ``Niessl``
  where the article names a Niessl), and a lower-case word glued after a surname of the
  article (``Niesslnicht`` -> ``Niessl``).
* ``split_person_join``: the model cut a person's name in two (``Ryan`` | ``Duncan``), left
  the first name out (``Witali`` | ``Smirnow``) or the surname (``Hannes`` | ``Ametsreiter``):
  the words the lexicon does not know are joined to the person beside them.
* ``person_cue_type``: a "place", body or thing with a sign of a person right beside it -- a
  role before it (``Rapper Eko Fresh``), a country's demonym after a determiner (``den
  Kroaten Marin Cilic``), a speech verb, an age or a minute after it (``Vassiljev (71.)``),
  a cut-off surname (``Husam M.``) or an actor's name in parentheses after a role
  (``Henni Sieland (Alwara Höfels)``) -- is a person, if the lexicon and the gazetteer do
  not know its words.
* ``club_suffix``: in a match report (two scores), a name ending in an English club word
  (``Manchester City``, ``Stoke City`` LOC, ``West Ham`` | ``United``) is the club.
* ``hyphen_role_head``: a hyphenated compound whose head is a role or a plural of a known
  noun (``Porto-Coach``, ``Stanley-Cup-Champions``) names no one.
* ``club_pairing``: in a fixture list or match report naming clubs, a town paired by a dash
  with a body's name is the club (``VfL Wolfsburg – Darmstadt``), not a dateline.
* ``model_code``: a brand with its model's designation is the product, MISC (``Porsche 911``,
  ``LG G4``, ``ORF 2``), not after a currency, before an amount, nor a club's two-digit
  number, a legal form or a year.
* (in ``glued_lead``) a weekday glued on or written after a name is cut
  (``HoffenheimSamstag``, ``Katzian Mittwochfrüh``; not ``Welt am Sonntag``).

Written on the dev pool with ``--ner lstm`` and checked on 400 other articles (changes read
with both models); what each rule costs is in docs/benchmarks.md.

The switches are in :mod:`lagebild.enrich.names_rules`; docs/benchmarks.md "eleventh round".
"""

from __future__ import annotations

import re
from functools import lru_cache

from lagebild.enrich import names_rules as _rules
from lagebild.enrich.names_context import scores
from lagebild.enrich.names_lexicon import (
    EN_TITLES,
    en_participle,
    LEADING_FUNCTION_WORDS,
    _inflected_adjective,
    _agent_noun,
    _gazetteer_word,
    _knows_lowercase,
    _knows_noun,
    _plural_of_noun,
)
from lagebild.enrich.names_spans import _role_noun, _sentence_initial

Span = tuple[int, int, str]

_URL = re.compile(r"\S*(?:https?://|www\.|pic\.twitter\.com|\.com/)\S*")


def _url_cut(text: str, spans: list[Span]) -> list[Span]:
    """``Gauland pic.twitter.com/lwnYF4Kgn9``: the name ends before the link."""
    out = []
    for a, b, lab in spans:
        m = _URL.search(text, a, b)
        if m is not None and m.start() > a:  # ("www.yasni.de" alone is a site's name)
            b = a + len(text[a : m.start()].rstrip())
            if b <= a:
                continue
        out.append((a, b, lab))
    return out


# short words the text glues to a name when it loses a space ("Niesslnicht"); with the
# lexicon's function words (a closed class)
_GLUE_WORDS = frozenset(
    "nicht sagte sagt meinte hatte hat habe ist war wird wurde sei will auch noch nun".split()
)
# a weekday glued on or written after a name ("HoffenheimSamstag", "Katzian Mittwochfrüh")
_DAY_TAIL = re.compile(
    r"(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonntag)"
    r"(?:früh|vormittag|mittag|nachmittag|abend|nacht)?$"
)
_GLUED = re.compile(r"([A-ZÄÖÜ][a-zäöüß]{2,})([A-ZÄÖÜ][a-zäöüß]{2,})$")
_GLUED_TAIL = re.compile(r"([A-ZÄÖÜ][a-zäöüß]{2,}?)([a-zäöüß]{2,})$")


def _glued_lead(text: str, spans: list[Span], surnames: set[str]) -> list[Span]:
    """``BürgermeisterThomas Steiner``, ``HansNiessl``, ``Niesslnicht``: the text lost a
    space; the role or first name before the name and the word after it are cut off."""
    from lagebild.enrich.names_cues import _PERSON_LEAD

    out = []
    for a, b, lab in spans:
        words = text[a:b].split()
        if words:
            m = _GLUED.match(words[0])
            if m is not None:
                lead, rest = m.group(1), m.group(2)
                if rest in surnames and len(words) == 1:
                    a, lab = a + len(lead), "PER"  # "HansNiessl" where Niessl is named
                elif len(words) >= 2 and (
                    lead.lower() in _PERSON_LEAD or _role_noun(lead) or _agent_noun(lead)
                ):
                    a, lab = a + len(lead), "PER"  # "BürgermeisterThomas Steiner"
            words = text[a:b].split()
            day = _DAY_TAIL.search(words[-1]) if words else None
            if day is not None and day.start() > 0 and len(words) == 1:
                b = a + day.start()  # "HoffenheimSamstag"
            elif (
                day is not None and day.start() == 0 and len(words) >= 2 and words[-2][:1].isupper()
            ):
                b = a + len(text[a:b].rsplit(None, 1)[0])  # "Katzian Mittwochfrüh"
            last = text[a:b].split()[-1] if text[a:b].split() else ""
            t = _GLUED_TAIL.match(last)
            if t is not None and len(text[a:b].split()) == 1:
                # "Niesslnicht": the shortest surname of the article it begins with
                for k in range(3, len(last) - 1):
                    head, tail = last[:k], last[k:]
                    if head in surnames and (_knows_lowercase(tail) or tail in _GLUE_WORDS):
                        b, lab = a + k, "PER"
                        break
        out.append((a, b, lab))
    return out


_CAP_WORD = re.compile(
    r"[A-ZÄÖÜÁÉÍÓÚŁŠŽČ][a-zäöüßáéíóúğışçñćčšžłëï]{2,}(?:-[A-ZÄÖÜ][a-zäöüß]+)?"
)


@lru_cache(maxsize=1 << 16)  # a word's test: asked again for the same words
def _unknown_name_word(word: str) -> bool:
    """A capitalised word the lexicon knows as no noun and no other word, nor the gazetteer."""
    return (
        _CAP_WORD.fullmatch(word) is not None
        and not _knows_noun(word)
        and not _knows_lowercase(word)
        and not _gazetteer_word(word)
        and word.lower() not in LEADING_FUNCTION_WORDS
        and _DAY_TAIL.match(word) is None
    )


# pronouns and articles the lexicon test does not see as words (capitalised at a sentence's
# start or in polite address)
_PRONOUN = frozenset("sie er es wir ihr ich du man der die das den dem des ein eine".split())


@lru_cache(maxsize=1 << 16)  # a word's test: asked again for the same words
def _first_name_like(word: str) -> bool:
    """``Witali``, ``Abdelhamid``: an unknown word that is no compound of a known noun
    (``Staatsoperndirektor``, ``Terrorhelfers``: roles the guard cut off) and no pronoun."""
    if "-" in word or word.lower() in _PRONOUN or not _unknown_name_word(word):
        return False
    if word.lower() in EN_TITLES or en_participle(word):
        return False  # "Secretary | Clinton", "Crooked | Hillary Clinton": no first names
    if len(word) >= 8 and re.search(r"erin(?:nen)?$", word):
        return False  # "Hollabrunnerin", "Sprecherin": a woman of a place or a role
    return not _noun_compound(word)


@lru_cache(maxsize=1 << 16)  # a word's test: asked again for the same words
def _noun_compound(word: str, shortest: int = 3) -> bool:
    """``Staatsoperndirektor``, ``Schunkelduo``, ``Regierungseintritt``: the word ends in a
    known noun (perhaps inflected).  Surnames do too (``Ametsreiter``): the repairs that use
    this give up such a name rather than glue a noun on."""
    for k in range(2, len(word) - 2):
        tail = word[k:].capitalize()
        for t in (tail, tail[:-1], tail[:-2]):
            if len(t) >= max(4, shortest) and _knows_noun(t):
                return True
        if shortest <= 3 and len(tail) == 3 and _knows_noun(tail):
            return True  # "Schunkelduo"
    return False


# before a first name: no determiner or number word ("der beiden Gauner Joe"), no preposition
# with article ("im Waldviertler Weitra": an adjective)
_QUANTIFIER_BEFORE = re.compile(
    r"(?:^|\s)(?:der|die|das|den|dem|des|ein|eine|einen|einem|eines|beiden|zwei|drei|vier|alle"
    r"|viele)\s+$",
    re.I,
)
_CONTRACTED_BEFORE = re.compile(r"(?:^|\s)(?:im|am|vom|beim|zum|zur|ins|ans)\s$")


def _split_person_join(text: str, spans: list[Span], others: set[str]) -> list[Span]:
    """``Ryan`` | ``Duncan``, (``Witali``) ``Smirnow``, ``Hannes`` (``Ametsreiter``): one
    person's name the model cut.  *others*: words that end other persons' full names (two
    surnames side by side, ``Niessl Doskozil``, are two persons)."""
    spans = sorted(spans)
    # the text before a span is free up to the furthest end of the spans before it, the
    # text after it up to the next span's start (linear in the number of spans)
    reach, ends_before = 0, []
    for a, b, _ in spans:
        ends_before.append(reach)
        reach = max(reach, b)
    next_start = [s[0] for s in spans[1:]] + [len(text) + 1]

    out: list[Span] = []
    for j, (a, b, lab) in enumerate(spans):
        if lab == "PER" and out:
            pa, pb, plab = out[-1]
            first = text[pa:pb]
            if (
                plab == "PER"
                and text[pb:a] == " "
                # ("des Petrus Jesu Hinweis": a genitive after a determiner, two persons)
                and not _DETERMINER_BEFORE.search(text[max(0, pa - 8) : pa])
                and _CAP_WORD.fullmatch(first) is not None
                and not _noun_compound(first, 5)  # ("Jihadistenhochburg" | "Raqqa")
                and first not in others
                and not _knows_lowercase(first)
                and first.lower() not in _PRONOUN
                and not _lead_word(first)
            ):
                out[-1] = (pa, b, "PER")  # "Ryan" | "Duncan"
                continue
        if lab == "PER":
            # a first name the model left out before the span
            m = re.search(r"(\S+) $", text[max(0, a - 40) : a])
            if m is not None:
                w = m.group(1)
                p = a - len(w) - 1
                if (
                    (p == 0 or text[p - 1] in " \n(„\"")
                    and _first_name_like(w)
                    and w not in others
                    and ends_before[j] <= p
                    and not _sentence_initial(text, p)
                    and not _demonym_word(w)
                    # ("Innenraum Tumba Ottos II.": a heading's nouns, no first name)
                    and not _noun_before(text, p)
                    # ("der beiden Gauner Joe": a noun after a determiner or a number word)
                    and not _QUANTIFIER_BEFORE.search(text[max(0, p - 12) : p])
                    # "im Waldviertler Weitra": after a preposition with article, an adjective
                    and not _CONTRACTED_BEFORE.search(text[max(0, p - 7) : p])
                ):
                    a = p
            # a surname the model left out after a one-word first name
            words = text[a:b].split()
            n = re.match(r" (\S+?)(?=[\s,.;:!?)]|$)", text[b : b + 40])
            if len(words) == 1 and n is not None:
                w = n.group(1)
                if (
                    _unknown_name_word(w)
                    and "-" not in w  # ("Ashley" | "Madison-Erpressungen")
                    and not _inflected_adjective(w)  # ("Djurdic" | "Gelbe Karten")
                    and not _noun_compound(w, 5)  # ("Haiders" | "Regierungseintritt")
                    # ("Ais" | "Verschleppungshaft": a genitive of a name the text has)
                    and not (
                        words[0].endswith("s")
                        and re.search(
                            r"(?<![\w\-])" + re.escape(words[0][:-1]) + r"(?![\w\-])", text
                        )
                    )
                    and words[0] not in others
                    and next_start[j] >= b + 1 + len(w)
                    and not _knows_lowercase(words[0])
                    and not _lead_word(words[0])
                ):
                    b = b + 1 + len(w)
        out.append((a, b, lab))
    return out


def _noun_before(text: str, p: int) -> bool:
    """The word before *p* is a capitalised common noun."""
    m = re.search(r"(\S+)\s+$", text[max(0, p - 40) : p])
    w = m.group(1) if m else ""
    return (
        w[:1].isupper()
        and w[1:].islower()
        and _knows_noun(w)
        # ("der Ägypter Baher Mohammed", "Sängerin Anna X": a sign of the person, no heading)
        and not _demonym_word(w)
        and not _lead_word(w)
    )


def _lead_word(word: str) -> bool:
    """A title, role or relation (``Tormann``, ``Frau``): no first name."""
    from lagebild.enrich.names_cues import _PERSON_LEAD

    return word.lower() in _PERSON_LEAD or _role_noun(word) or _agent_noun(word)


def _demonym_word(word: str) -> bool:
    from lagebild.enrich.names_cues import _demonym

    return _demonym(word)


_AGE_OR_MINUTE = re.compile(r" ?\((?:\d{1,3}\.|\d{2})(?:[/,+][^)]{0,15})?\)")
# kin words name a parent or sister company too ("die Mutter Unicredit"): no sign here
_NOT_FOR_THINGS = frozenset(
    "sohn tochter bruder schwester vater mutter onkel tante enkel enkelin neffe nichte "
    "namens genannt".split()
)
_DETERMINER_BEFORE = re.compile(
    r"(?:^|\s)(?:der|die|den|dem|des|ein|eine|einen|einem|eines)\s+$", re.I
)
_INITIAL_END = re.compile(r"[A-ZÄÖÜ]\.$")


def _person_cue_type(text: str, spans: list[Span]) -> list[Span]:
    """A "place", body or thing whose words no lexicon knows, with a sign of a person right
    beside it, is a person (``Rapper Eko Fresh`` ORG, ``den Kroaten Marin Cilic`` LOC,
    ``Vassiljev (71.)`` LOC, ``Husam M.`` LOC)."""
    from lagebild.enrich import gazetteer
    from lagebild.enrich.names_cues import _PERSON_LEAD

    per_ends = {b for _, b, lab in spans if lab == "PER"}
    out = []
    for a, b, lab in spans:
        words = text[a:b].split()
        if lab != "PER" and 1 <= len(words) <= 3:
            core = words[:-1] if len(words) >= 2 and _INITIAL_END.fullmatch(words[-1]) else words
            if (
                core
                and all(_unknown_name_word(w) for w in core)
                and not any(g[0] == 0 and g[1] == b - a for g in gazetteer.match(text[a:b]))
            ):
                pm = re.search(r"(\S+)\s+$", text[max(0, a - 40) : a])
                prev = pm.group(1) if pm else ""
                before_prev = text[max(0, a - 40) : a - len(prev) - 1] if prev else ""
                cue = (
                    # (not "Erstligisten Litex Lovech", "namens Scion": clubs and things too)
                    (prev.lower() in _PERSON_LEAD and prev.lower() not in _NOT_FOR_THINGS)
                    # (no speech verbs: bodies and surveys say, "Provinz X forderte der IS")
                    or _AGE_OR_MINUTE.match(text, b) is not None
                    or (len(core) < len(words) and len(core) >= 1)  # "Husam M."
                    or (
                        prev[:1].isupper()
                        and _DETERMINER_BEFORE.search(before_prev + " ") is not None
                        and any(
                            getattr(g, "flag", "") == "demonym" and g[0] == 0 and g[1] == len(prev)
                            for g in gazetteer.match(prev)
                        )
                    )
                    or (
                        len(words) >= 2
                        and text[a - 2 : a] == " ("
                        and (a - 2) in per_ends
                        and text[b : b + 1] == ")"
                    )
                )
                if cue:
                    lab = "PER"
        out.append((a, b, lab))
    return out


_CLUB_TAIL = frozenset(
    "City United Albion Hotspur Rovers Wanderers Athletic County Wednesday Villa Argyle".split()
)


def _club_suffix(text: str, spans: list[Span]) -> list[Span]:
    """In a match report: ``Manchester City`` LOC -> ORG; ``West Ham`` | ``United`` -> one club."""
    from lagebild.enrich import gazetteer

    if scores(text) < 2:
        return spans
    out: list[Span] = []
    for a, b, lab in sorted(spans):
        words = text[a:b].split()
        if out and words == [words[0]] and words[0] in _CLUB_TAIL:
            pa, pb, plab = out[-1]
            if text[pb:a] == " " and plab in ("ORG", "LOC", "PER", "MISC"):
                out[-1] = (pa, b, "ORG")  # "West Ham" | "United"
                continue
        if (
            lab != "ORG"
            and len(words) >= 2
            and words[-1] in _CLUB_TAIL
            # ("Salt Lake City (Utah) –": a dateline)
            and not re.match(r"\s*(?:\([^)]{1,30}\)\s*)?[–-]\s", text[b : b + 40])
            and not any(g[0] == 0 and g[1] == b - a for g in gazetteer.match(text[a:b]))
        ):
            lab = "ORG"
        out.append((a, b, lab))
    return out


_NOT_CLUB_KINDS = ("country", "territory", "region")
_PAIR_DASH = re.compile(r"\s+[–-]\s+")


def _club_pairing(text: str, spans: list[Span]) -> list[Span]:
    """``VfL Wolfsburg – Darmstadt``, ``Hamburger SV (Gregoritsch) – Hoffenheim``: in a
    fixture list or match report naming two clubs or more, a town paired by a dash with a
    club is a club."""
    from lagebild.enrich import gazetteer
    from lagebild.enrich.names_cues import _CLUB_LEAD

    clubs = [
        (a, b)
        for a, b, lab in spans
        if lab == "ORG"
        and text[a:b].split()
        and (text[a:b].split()[0] in _CLUB_LEAD or re.search(r" \d\d$", text[a:b]))
    ]
    if len(clubs) < 2:
        return spans
    # the other side of the dash: any body's name ("Hamburger SV" has no club prefix)
    club_ends = {b for _, b, lab in spans if lab == "ORG"}
    club_starts = {a for a, _, lab in spans if lab == "ORG"}
    out = []
    for a, b, lab in spans:
        name = text[a:b]
        if lab == "LOC" and " " not in name and not any(
            g[0] == 0 and g[1] == len(name) and getattr(g, "kind", "") in _NOT_CLUB_KINDS
            for g in gazetteer.match(name)
        ):
            # the club before the dash, perhaps with its players in parentheses
            before = re.search(r"(\)?)\s+[–-]\s+$", text[max(0, a - 6) : a])
            after = _PAIR_DASH.match(text, b)
            left = None
            if before is not None:
                p = a - len(before.group(0))
                if before.group(1):  # "(Gregoritsch ) – ": skip the parentheses
                    q = text.rfind("(", max(0, p - 80), p)
                    p = len(text[:q].rstrip()) if q >= 0 else -1
                left = p in club_ends
            # ("Barcelona – Athletic Bilbao hat …": a dateline before a club, no pairing)
            right = (
                after is not None and after.end() in club_starts and not _sentence_initial(text, a)
            )
            if left or right:
                lab = "ORG"
                num = re.match(r" \d\d(?!\d)", text[b : b + 4])
                if num is not None:
                    b += num.end()  # "Hannover 96"
                lead = re.search(r"(?<![\w\-])([\w\-]+) $", text[max(0, a - 20) : a])
                if lead is not None and lead.group(1) in _CLUB_LEAD:
                    a -= len(lead.group(1)) + 1  # "Sturm Graz – Red Bull Salzburg"
        out.append((a, b, lab))
    return out


# a model's designation after a brand: "911", "G4", "A380", "ILX", "III" (not a company's
# legal form, not a club's two-digit number)
_MODEL_CODE = re.compile(
    r" ((?:\d{1,4}|[A-Z]{1,2}\d{1,4}[a-zA-Z]{0,3}|\d{1,4}[A-Za-z]{1,3}|[A-Z]{1,4}))"
    r"(?=[\s;!?)]|[.,:](?!\d)|$)"
)
_CURRENCY = frozenset("EUR USD CHF GBP JPY CNY RUB SEK NOK DKK PLN CZK HUF TRY".split())
_AMOUNT_AFTER = re.compile(r"\s*(?:Mio|Mrd|Million|Milliard|Tausend|Prozent|%|Euro|Dollar|Franken)")
_LEGAL_FORM = frozenset("AG SE KG OG GmbH Co Inc Ltd SA NV PLC LLC AB ASA SpA UG EG".split())


def _model_code(text: str, spans: list[Span]) -> list[Span]:
    """``Porsche 911``, ``LG G4``, ``Acura ILX``: a brand with its model's designation is the
    product (MISC), not the company."""
    starts = {a for a, _, _ in spans}
    out = []
    for a, b, lab in spans:
        m = _MODEL_CODE.match(text, b)
        if (
            lab in ("ORG", "MISC")
            and m is not None
            and " " not in text[a:b]
            and m.group(1) not in _LEGAL_FORM
            and not re.fullmatch(r"\d\d", m.group(1))  # "Mainz 05", "Hannover 96": a club
            and not re.fullmatch(r"\d{4}", m.group(1))  # "Expo 2015": a year
            and text[a:b] not in _CURRENCY
            and not _AMOUNT_AFTER.match(text, m.end())
            and (b + 1) not in starts
        ):
            b, lab = m.end(), "MISC"
        out.append((a, b, lab))
    return out


def _hyphen_role_head(word: str, label: str) -> bool:
    """``Porto-Coach``, ``Stanley-Cup-Champions``, ``Antenne-Radios``: a compound whose head
    is a role or the plural of a known noun is no name (a person's role, a kind of thing)."""
    if label == "PER" or "-" not in word or word.endswith("-"):
        return False
    head = word.rsplit("-", 1)[1]
    if len(head) < 3 or not head[:1].isupper() or not head[1:].islower():
        return False
    return bool(
        _knows_noun(head)
        and (
            _role_noun(head)
            or _agent_noun(head)
            or head in _ROLE_HEADS
            # ("Nordrhein-Westfalen": a place's name may end in a plural)
            or (label != "LOC" and _plural_of_noun(head))
        )
        and not _gazetteer_word(word)
    )


# English role words the German lexicon has no agent noun for (closed class)
_ROLE_HEADS = frozenset({"Coach", "Champions", "Champion", "Duo", "Trio", "Boss", "Star", "Stars"})


def round11(text: str, spans: list[Span], surnames: set[str], others: set[str]) -> list[Span]:
    """The round-11 passes that run over the whole list, each behind its switch."""
    if _rules.on("url_cut"):
        spans = _url_cut(text, spans)
    if _rules.on("glued_lead"):
        spans = _glued_lead(text, spans, surnames)
    if _rules.on("person_cue_type"):
        spans = _person_cue_type(text, spans)
    if _rules.on("split_person_join"):
        spans = _split_person_join(text, spans, others)
    if _rules.on("club_suffix"):
        spans = _club_suffix(text, spans)
    if _rules.on("club_pairing"):
        spans = _club_pairing(text, spans)
    if _rules.on("model_code"):
        spans = _model_code(text, spans)
    return spans


__all__ = ["round11", "_hyphen_role_head"]
