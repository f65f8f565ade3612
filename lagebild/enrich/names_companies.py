"""Round 14 of the names guard (issue 10 §2): companies typed as persons, one-word genitives.

* ``company_cue``: a name the model types PER that the article marks as a company -- a
  company noun right before it (``Elektroautobauer Tesla``, ``Heimwerkerkette Baumax``,
  ``Finanzkanzlei Mossack Fonseca``), a company word glued to it (``Baumax-Mitarbeitern``,
  ``Tesla-Aktie``, ``Siemens-Konzern``), a legal form after it (``Tesla Inc``) -- is an organisation (ORG).  Not where the name ends a longer person's name of the
  article (``Daniell Porsche`` beside ``Porsche``) or begins like another person's name of
  the article; a maker's noun that may name a person too (``Autobauer``, ``Händler``)
  counts before a one-word name only.
* ``place_compound`` (read by ``resolve``): a place glued to the head of a compound that
  names an agreement, a rule or a procedure (``Dublin-Abkommen``, ``Dublin-III-Verordnung``,
  ``Schengen-Raum``) is no mention of the place.
* ``team_suffix``: in a sports report (two scores or more) a place, or a name typed as a
  place (or MISC), followed by or ending in an English team word (``Boston Bruins``,
  ``Tampa Bay Lightning``, ``Dallas Stars``: a capitalised plural in ``-s`` the German
  lexicon does not know, or ``Lightning``, ``Heat``, ``Magic``, ...) is the club (ORG).
* ``counted_noun``: a one word place, body or person right behind a count (``45 Asse
  schlug``, ``40 Asse``) that the lexicon knows as a noun and the gazetteer not as a place is
  the counted noun (a currency, ``55 Euro``, typed MISC, stays).
* ``genitive_join``: a one-word name in the genitive (``Googles``, ``Bayerns``) whose form
  without the ``s`` the article lists as a name too (``Google``) is that name, with its type.

Each rule asks its switch in :mod:`lagebild.enrich.names_rules`.
"""

from __future__ import annotations

import re
from collections import Counter

from lagebild.enrich import names_rules as _rules

Span = tuple[int, int, str]

# nouns for a company, as the head of the word right before a name ("Heimwerkerkette Baumax",
# "Finanzkanzlei Mossack Fonseca") ...
_COMPANY_NOUN = re.compile(
    r"(?:konzern|kette|kanzlei|firma|unternehmen|riese|holding|start-up|startup|fluglinie|"
    r"airline|reederei|brauerei|discounter|lieferdienst|softwarehaus|modehaus|bank|label)$"
)
# ... and the ones a person may be too ("Autohändler Hans Berger"): before one word only
# ("Elektroautobauer Tesla")
_MAKER_NOUN = re.compile(
    r"(?:hersteller|autobauer|anbieter|dienstleister|betreiber|händler|produzent|versicherer|"
    r"zulieferer|fabrikant)$"
)
# words glued to a company's name ("Tesla-Aktie", "Baumax-Mitarbeitern", "VW-Konzern")
_COMPANY_COMPOUND = frozenset(
    "Konzern Konzerns Konzernchef Aktie Aktien Aktionäre Mitarbeiter Mitarbeitern "
    "Mitarbeiterinnen Belegschaft Zentrale Firmenzentrale Filiale Filialen Tochter "
    "Tochterfirma Werk Werke Werks Chef Chefin Gründer Gründerin Vorstand Vorstandschef "
    "Management Manager Produkte Kunden Standort Standorte Pleite Insolvenz Übernahme "
    "Umsatz Gewinn Quartalszahlen Bilanz Website Webseite Marke".split()
)


_AGREEMENT = re.compile(
    r"-(?:[\w]+-)*(?:Abkommen|Verordnung|Verordnungen|Regeln|Regel|Regelung|Regelungen|System|"
    r"Systems|Verfahren|Vertrag|Vertrags|Verträge|Protokoll|Protokolls|Raum|Raumes|Raums|"
    r"Kriterien|Konvention|Prozess|Prozesses|Format|Visum|Visa|Rückschiebung|Rückschiebungen|"
    r"Rücktransport|Rücktransporte|Fall|Fälle|Abschiebung|Abschiebungen)(?![\w\-])"
)


def place_compound(text: str, end: int) -> bool:
    """Is the place that ends at *end* the first part of an agreement's or a procedure's
    name (``Dublin-Abkommen``)?  (``resolve`` drops such mentions of the place.)"""
    return text[end : end + 1] == "-" and _rules.on("place_compound") and bool(
        _AGREEMENT.match(text, end)
    )


_TEAM_WORD = frozenset(
    "Lightning Heat Magic Thunder Jazz Wild Avalanche Fire Galaxy Sky Liberty Dream Storm "
    "Fever Impact Union Crew Dynamo Revolution".split()
)
_NEXT_WORD = re.compile(r" ([A-Z][a-z]+)\b")


def _team_word(word: str) -> bool:
    from lagebild.enrich.names_lexicon import _gazetteer_word, _knows_noun

    if word in _TEAM_WORD:
        return True
    return (
        len(word) >= 5
        and word.endswith("s")
        and word[1:].islower()
        and not _knows_noun(word)
        and not _knows_noun(word[:-1])
        and not _gazetteer_word(word)
    )


def _team_suffix(text: str, spans: list[Span]) -> list[Span]:
    from lagebild.enrich.names_context import scores

    if scores(text) < 2:
        return spans
    starts = {a for a, _, _ in spans}
    out = []
    for a, b, lab in spans:
        if lab in ("LOC", "MISC"):  # a person's surname may end in -s ("Kiki Bertens")
            words = text[a:b].split()
            nxt = _NEXT_WORD.match(text, b)
            if nxt and _team_word(nxt.group(1)) and nxt.start(1) not in starts:
                a, b, lab = a, nxt.end(1), "ORG"  # "Boston" | "Bruins"
            elif len(words) >= 2 and _team_word(words[-1]):
                lab = "ORG"  # "Tampa Bay Lightning" LOC
        out.append((a, b, lab))
    return out


_COUNT = re.compile(r"(?<![\d:.,/\-])\d{1,4} $")


def _counted_noun(text: str, spans: list[Span]) -> list[Span]:
    from lagebild.enrich.names_lexicon import _gazetteer_word, _knows_noun

    out = []
    for a, b, lab in spans:
        word = text[a:b]
        if (
            lab != "MISC"  # "30 Cent bis 1 Euro": a currency is a thing's name (MISC)
            and " " not in word
            and _COUNT.search(text, max(0, a - 6), a)
            and _knows_noun(word)
            and not _gazetteer_word(word)
        ):
            continue  # "45 Asse"
        out.append((a, b, lab))
    return out


def round14(text: str, spans: list[Span]) -> list[Span]:
    """*spans* with the round-14 repairs applied (each asked through ``names_rules``)."""
    if _rules.on("counted_noun"):
        spans = _counted_noun(text, spans)
    if _rules.on("team_suffix"):
        spans = _team_suffix(text, spans)
    if _rules.on("company_cue"):
        spans = _company_cue(text, spans)
    if _rules.on("genitive_join"):
        spans = _genitive_join(text, spans)
    return spans


def _company_cue(text: str, spans: list[Span]) -> list[Span]:
    if not any(lab == "PER" for _, _, lab in spans):
        return spans
    persons = {text[a:b] for a, b, lab in spans if lab == "PER"}
    longer = {p.split()[-1] for p in persons if " " in p}
    cues = _Cues(text)
    memo: dict[str, bool] = {}
    out = []
    for a, b, lab in spans:
        name = text[a:b]
        first = name.split()[0]
        if (
            lab == "PER"
            and name not in longer
            and not any(p != name and p.startswith(first + " ") for p in persons)
        ):
            if name not in memo:
                memo[name] = cues.marks(name)
            if memo[name]:
                lab = "ORG"
        out.append((a, b, lab))
    return out


class _Cues:
    """Where *text* has a company's cues, found once per article: the positions right after
    a company noun (and a maker's noun) and the name ends a company word is glued to or a
    legal form follows."""

    # (the look-behind after the first character: a pattern that begins with one is tried at
    # every position of the text; these match what (?<![\w\-])[A-ZÄÖÜ]... and (?<=\w)-...
    # match, and the legal forms are looked for only where one is written)
    _NOUN = re.compile(r"[A-ZÄÖÜ](?<![\w\-].)[\w\-]* (?=[A-ZÄÖÜ])")
    _GLUED = re.compile(r"-(?<=\w-)([A-ZÄÖÜ][a-zäöüß]+)\b")
    _LEGAL = re.compile(r"(?<=\w)[ \u00a0]+(?:AG|GmbH|Inc|Corp|Ltd|SE|KG|Group|Holding)\b")
    _LEGAL_WORDS = ("AG", "GmbH", "Inc", "Corp", "Ltd", "SE", "KG", "Group", "Holding")

    def __init__(self, text: str):
        self.text = text
        self.after_company: set[int] = set()
        self.after_maker: set[int] = set()
        for m in self._NOUN.finditer(text):
            word = m.group(0)[:-1].lower()
            if _COMPANY_NOUN.search(word):
                self.after_company.add(m.end())
            elif _MAKER_NOUN.search(word):
                self.after_maker.add(m.end())
        self.before: set[int] = {
            m.start() for m in self._GLUED.finditer(text) if m.group(1) in _COMPANY_COMPOUND
        }
        if any(w in text for w in self._LEGAL_WORDS):
            self.before |= {m.start() for m in self._LEGAL.finditer(text)}

    def marks(self, name: str) -> bool:
        """Does the article mark *name* as a company somewhere?"""
        if not all(w[:1].isupper() for w in name.split()):
            return False
        one = " " not in name
        text, at = self.text, self.text.find(name)
        while at >= 0:
            end = at + len(name)
            whole = (at == 0 or not (text[at - 1].isalnum() or text[at - 1] == "-")) and not (
                end < len(text) and text[end].isalnum()
            )
            if whole and (
                at in self.after_company
                or (one and at in self.after_maker)
                or end in self.before
            ):
                return True
            at = text.find(name, at + 1)
        return False


def _word_in(text: str, word: str) -> bool:
    r"""``re.search(r"(?<![\w\-])" + re.escape(word) + r"(?![\w])", text)``, by ``str.find``."""
    from lagebild.enrich.names_context import _whole_word

    return next(iter(_whole_word(text, word)), None) is not None


def _genitive_join(text: str, spans: list[Span]) -> list[Span]:
    from lagebild.enrich.names_lexicon import _gazetteer_word, _inflected_adjective

    by_name: dict[str, Counter[str]] = {}
    for a, b, lab in spans:
        by_name.setdefault(text[a:b], Counter())[lab] += 1
    out = []
    for a, b, lab in spans:
        name = text[a:b]
        base = name[:-1]
        if (
            " " not in name
            and "-" not in name
            and len(base) >= 2
            and name.endswith("s")
            and not base.endswith(("s", "x", "z", "ß"))
            and (base in by_name or _word_in(text, base))
            and not _inflected_adjective(base)  # "Rotes"
            and not _gazetteer_word(name)  # "Paris", "Athens"
        ):
            b -= 1
            if base in by_name:
                lab = by_name[base].most_common(1)[0][0]
            else:  # "Krikets" beside "Reda Kriket"
                whole = [n for n in by_name if " " in n and n.split()[-1] == base]
                if whole:
                    lab = by_name[whole[0]].most_common(1)[0][0]
        out.append((a, b, lab))
    return out
