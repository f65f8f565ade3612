"""Round 16 of the names guard (issue 10 §2): the types of English names.

Rules for English articles only (an article reads as English when ``the`` is far more common
in it than German articles; German text is left alone):

* ``en_hashtag``: a name right after ``#`` or ``@`` (``#NHPrimary``, ``@BernieSanders``) is a
  hashtag or a handle, no name in the text.
* ``en_acronym_org``: a word of capitals after ``the`` that the model typed a place (``the
  NRA``) and the gazetteer knows as no place is an organisation (``the US``, ``the UK`` stay).
* ``en_company_cue``: a "person" named as a company (``Tobacco company Altria``, ``Drug
  companies such as Pfizer, GlaxoSmithKline, Johnson & Johnson``: the whole list after the
  cue) is an organisation.
* ``en_mention_type``: a name the model typed no person takes the type of the article's own
  person mentions: ``Carly Fiorina`` (ORG) beside ``Mrs. Fiorina`` (PER), and a first name
  alone (``Hillary`` ORG, no English word) that begins a full person name of the article.
* ``en_glued_split``: a span that glues a possessive or a list onto a name the article names
  on its own splits there: ``Boston's Walsh`` beside ``Marty Walsh`` is Walsh, the person;
  ``McDonald's and Walmart`` beside ``Walmart`` is two organisations.
* ``en_common_word``: a one-word organisation or thing at the start of a sentence or headline
  that is an English word (``Onetime friend Bill ...``, ``Crowds gathered``, ``Outright``),
  no first name, and is written with a capital nowhere else but at a sentence's start, is
  that word, no name.

After the freeze of round 16 (``--off ROUND16B``):

* ``en_law``: a name whose head is ``Act``, ``Agreement``, ``Treaty``, ``Accord``, ``Amendment``
  or ``Protocol`` is a law or treaty (MISC), whatever type the model gave.
* ``en_place_inside`` (read by ``resolve``): a gazetteer name inside the model's longer place
  of capitalised words gives way to it (``Rhode Island`` is no ``Island``, Iceland).

Each rule asks its switch in :mod:`lagebild.enrich.names_rules`.
"""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from lagebild.enrich import names_rules as _rules
from lagebild.enrich._quote_lex import FEMALE_NAMES as _FEMALE
from lagebild.enrich._quote_lex import MALE_NAMES as _MALE

Span = tuple[int, int, str]

_HANDLE = frozenset("#@")
_ACRONYM = re.compile(r"[A-Z]{2,6}")
# Nouns that name a company (what follows them is its name); a list after ``such as``,
# ``like``, ``including`` belongs to them as a whole.
_COMPANY_CUE = re.compile(
    r"\b(?:compan(?:y|ies)|firms?|corporations?|conglomerates?|insurers?|retailers?|"
    r"(?:drug|car|chip)\s?makers?|manufacturers?|giants?|banks?|lenders?|airlines?|"
    r"brands?|chains?)(?:,?\s+(?:such\sas|like|including))?\s*,?\s*$",
    re.I,
)
_CUE_STEMS = (
    "compan", "firm", "corporation", "conglomerate", "insurer", "retailer", "maker",
    "manufacturer", "giant", "bank", "lender", "airline", "brand", "chain",
)  # fmt: skip
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s(?:and|or|&)\s)\s*$")
_SENT_START = re.compile(r"(?:^|\n|[.!?:;][\"'”’)]*\s+|[\"“‘(]\s*)$")
# The head nouns of laws and treaties (``Affordable Care Act``): things, not organisations.
_LAW_HEADS = frozenset("Act Agreement Treaty Accord Amendment Protocol".split())
# Institutions an English sentence may open with by their common noun's name.
_INSTITUTIONS = frozenset(
    """Congress Senate House Parliament Pentagon Kremlin Treasury Court Army Navy Police
    Government Cabinet Church Labour Labor Commons Lords""".split()
)


@lru_cache(maxsize=16)
def is_english(text: str) -> bool:
    """Does *text* read as English (``the`` at least thrice and more often than German
    articles)?"""
    n_the = text.count(" the ") + text.count("The ")
    if n_the < 3:
        return False
    return n_the > 2 * sum(text.count(w) for w in (" der ", " die ", " das ", " und "))


def _simplemma():
    from lagebild.enrich.names_lexicon import _simplemma as s

    return s


def _first_name(word: str) -> bool:
    low = word.lower()
    return low in _FEMALE or low in _MALE


def _english_word(word: str) -> bool:
    s = _simplemma()
    return s is not None and s.is_known(word.lower(), lang="en")


def _gazetteer_place(name: str) -> bool:
    from lagebild.enrich import gazetteer

    try:
        rec = gazetteer.load().lookup(name)
    except (OSError, ValueError):  # pragma: no cover - no gazetteer file
        return False
    return bool(rec) and rec.get("type") == "LOC"


def _cue_ends(text: str) -> list[int]:
    """Where a company cue's stem ends in *text* (str.find: a case-blind regex is slow)."""
    low = text.lower()
    out = []
    for stem in _CUE_STEMS:
        k = low.find(stem)
        while k >= 0:
            out.append(k + len(stem))
            k = low.find(stem, k + 1)
    return sorted(out)


def _cue_near(cues: list[int], a: int) -> bool:
    k = bisect.bisect_right(cues, a)
    return k > 0 and a - cues[k - 1] <= 60


def _company_list(text: str, spans: list[Span]) -> set[tuple[int, int]]:
    """The spans named by a company cue, each with the list it opens."""
    out: set[tuple[int, int]] = set()
    cues = _cue_ends(text)
    if not cues:
        return out
    prev_end = -1
    chain = False
    for a, b, _lab in sorted(spans):
        if chain and prev_end >= 0 and _LIST_SEP.fullmatch(text[prev_end:a]):
            out.add((a, b))
        elif _cue_near(cues, a) and _COMPANY_CUE.search(text[max(0, a - 60) : a]):
            chain = True
            out.add((a, b))
        else:
            chain = False
        prev_end = b
    return out


def _common_word(text: str, a: int, b: int, word: str) -> bool:
    if not (word.isalpha() and word[:1].isupper() and word[1:].islower()):
        return False
    if not _SENT_START.search(text[max(0, a - 4) : a]):
        return False
    if word in _INSTITUTIONS or _first_name(word) or not _english_word(word):
        return False
    if re.match(r"\s+[A-Z]", text[b : b + 2]):
        return False  # "Super Tuesday": cut from a longer name
    for m in re.finditer(r"\b" + re.escape(word) + r"\b", text):
        if m.start() != a and not _SENT_START.search(text[max(0, m.start() - 4) : m.start()]):
            return False  # "the Crowds" elsewhere: a name after all
    return True


_POSSESSIVE = re.compile(r"[’']s\s+(?=[A-Z])")
_AND = re.compile(r"\s+(?:and|&)\s+(?=[A-Z])")


def _glued_split(text: str, spans: list[Span], surnames: set[str]) -> list[Span]:
    alone = {text[a:b] for a, b, _lab in spans}
    out: list[Span] = []
    for a, b, lab in spans:
        name = text[a:b]
        if "s " not in name and " and " not in name and "&" not in name:
            out.append((a, b, lab))
            continue
        m = _POSSESSIVE.search(name)
        if m and name[m.end() :] in surnames and name[m.end() :] not in name[: m.start()]:
            out.append((a + m.end(), b, "PER"))  # "Boston's Walsh" beside "Marty Walsh"
            continue
        m = _AND.search(name)
        if m and name[m.end() :] in alone - {name} and lab != "PER":
            head = re.sub(r"[’']s$", "", name[: m.start()])
            out.append((a, a + len(head), lab))  # "McDonald's and Walmart" beside "Walmart"
            out.append((a + m.end(), b, lab))
            continue
        out.append((a, b, lab))
    return out


def round16(text: str, spans: list[Span]) -> list[Span]:
    """The rules of this module, on an English article's spans (others pass unchanged)."""
    if not spans or not is_english(text):
        return spans
    company = _company_list(text, spans) if _rules.on("en_company_cue") else set()
    persons = [text[a:b].split() for a, b, lab in spans if lab == "PER"]
    surnames = {w[-1] for w in persons if w}
    firsts = {w[0] for w in persons if len(w) >= 2}
    if _rules.on("en_glued_split"):
        spans = _glued_split(text, spans, surnames)
    out: list[Span] = []
    for a, b, lab in spans:
        name = text[a:b]
        words = name.split()
        if not words:
            continue
        if _rules.on("en_hashtag") and a > 0 and text[a - 1] in _HANDLE:
            continue  # "#NHPrimary", "@BernieSanders"
        if (
            _rules.on("en_acronym_org")
            and lab == "LOC"
            and _ACRONYM.fullmatch(name)
            and text[max(0, a - 4) : a].lower() == "the "
            and not _gazetteer_place(name)
        ):
            lab = "ORG"  # "the NRA"
        if lab == "PER" and (a, b) in company:
            lab = "ORG"  # "Drug companies such as Pfizer, GlaxoSmithKline"
        if lab != "PER" and _rules.on("en_mention_type"):
            if (
                len(words) == 2
                and words[1] in surnames
                and words[0][:1].isupper()
                and (_first_name(words[0]) or not _english_word(words[0]))
            ):
                lab = "PER"  # "Carly Fiorina" ORG beside "Mrs. Fiorina"
            elif len(words) == 1 and name in firsts and (
                _first_name(name) or not _english_word(name)
            ):
                lab = "PER"  # "Hillary" ORG beside "Hillary Clinton"
        if lab != "MISC" and len(words) >= 2 and words[-1] in _LAW_HEADS and _rules.on("en_law"):
            lab = "MISC"  # "Affordable Care Act" ORG, "North American Free Trade Agreement"
        if (
            lab in ("ORG", "MISC")
            and len(words) == 1
            and _rules.on("en_common_word")
            and _common_word(text, a, b, name)
        ):
            continue  # "Onetime friend Bill ...", "Crowds gathered"
        out.append((a, b, lab))
    return out
