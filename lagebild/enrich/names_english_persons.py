"""Round 17 of the names guard (issue 10 §2): what the English model lists as persons that
are none, glues to a person's name, or types no person although the article marks one.
English articles only:

* ``en_phrase_person``: a quoted "person" of two words or more that are all English common
  words (simplemma's lemma in lower case), none a first name or a word of the article's other
  persons, with no title or lowercase word before it and no ``said`` after it, is a title or a
  slogan (MISC: ``''Stronger Together''``, ``"Prison Break"``).
* ``en_lead_word``: an English common word glued before a full name (``Republican Michael
  Steele``, ``Staff Huma Abedin``, ``Imagine Brad Thor``) is cut off when it is a word of its
  own in the article (capitalised inside a sentence elsewhere, or at a sentence's start here
  and in lower case elsewhere) and the rest is a full name the article names on its own or
  one of two words or more after a first name.
* ``en_person_cue``: a name of one to three capitalised words, none a common word or a
  gazetteer place, that the model typed no person is a person when the article marks it, or
  its last word, as one: ``, who`` after it (not after ``of``/``at``/a comma: ``Brownsville,
  Texas, who``), a title (``Dr. Griffith``, ``Representative Brooks``) or a person's noun
  before it (``author Junot Díaz``), or, for two words or more, ``said`` after it (``Carly
  Fiorina said``); never a name with an institution's head (``University``, ``Party``).
* ``en_group_noun``: a noun of a group of people (``Latinos``, ``Latina``, ``Hispanics``),
  alone or with English words (``Among Latinos``, ``Latino Community``, ``Latinos and
  Blacks``), typed a person or an organisation, is no name.

Each rule asks its switch in :mod:`lagebild.enrich.names_rules`.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

from lagebild.enrich import names_rules as _rules
from lagebild.enrich.names_english_types import (
    _english_word,
    _first_name,
    _gazetteer_place,
    _simplemma,
    is_english,
)

Span = tuple[int, int, str]

# Nouns (and their adjectives) of groups of people by origin or faith: no one's name.
_GROUP_NOUNS = frozenset(
    """Latino Latina Latinos Latinas Latinx Hispanic Hispanics Blacks Whites Asians
    Evangelicals Muslims Christians Catholics Protestants Mormons""".split()
)
# Heads of institutions', places' and things' names: never a person's.
_NOT_PERSON_HEADS = frozenset(
    """University College Institute Bureau Foundation Association Agency Council Commission
    Committee Company Society Party Church Street Avenue Square County City State News Times
    Post Journal Day Act""".split()
)
_TITLE = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Lt|Gen|Col|Sgt|St)\.|\bPresident)\s*$")
_TOKEN = re.compile(r"\S+")
_QUOTE_BEFORE = re.compile(r"(?:[\"“‘]|'')$")
_QUOTE_AFTER = re.compile(r"[,.!?]?(?:[\"”’]|'')")


@lru_cache(maxsize=8192)
def _word(w: str) -> bool:
    """A capitalised English common word: known to simplemma with a lemma in lower case
    (``Collins``, ``Chris``, ``Mary`` have capitalised lemmas: names), no first name."""
    if not (w.isalpha() and w[:1].isupper()) or _first_name(w) or not _english_word(w):
        return False
    s = _simplemma()
    return s is not None and s.lemmatize(w.lower(), lang="en")[:1].islower()


_SENT_START = re.compile(r"(?:^|\n|[.!?:;][\"'”’)]*\s+|[\"“‘(]\s*)$")


def _loose(text: str, a: int, lead: str, rest: str) -> bool:
    """Is the lead word a word of its own in *text*: capitalised inside a sentence elsewhere but
    not before *rest* (``Republican``), or, at a sentence's start here, written in lower case
    elsewhere (``Imagine Brad Thor going up ...`` beside ``imagine``)?  (``Mark Kirk``, ``Josh
    Earnest``: a first name simplemma knows as a common word, written before its surname only.)"""
    if _SENT_START.search(text[max(0, a - 4) : a]) and not _TITLE.search(text[max(0, a - 12) : a]):
        return re.search(r"(?<!\w)" + re.escape(lead.lower()) + r"(?!\w)", text) is not None
    pat = r"(?<!\w)" + re.escape(lead) + r"(?!\w)(?!\s+" + re.escape(rest) + r")"
    return any(
        not _SENT_START.search(text[max(0, m.start() - 4) : m.start()])
        for m in re.finditer(pat, text)
    )


_AFTER_PERSON = re.compile(r"(?:,\s+who|\s+(?:said|says|told|wrote|asked|added))\b")


def _person_context(text: str, name: str, a: int) -> bool:
    """Is the phrase at *a* read as a person's name: a title or a lowercase word before it
    (``Rep. Diane Russell``, ``said Steven Brill``, ``comedian Carrot Top``), or ``said``,
    ``, who`` after any of its mentions (``Patricia Smith said``)?"""
    before = text[max(0, a - 30) : a]
    if _TITLE.search(before) or re.search(r"\b[a-z]{2,}[,:]?\s+$", before):
        return True
    pat = r"(?<!\w)" + re.escape(name) + _AFTER_PERSON.pattern
    return re.search(pat, text) is not None


_ROLE_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov)\.|\b(?:[Aa]uthor|[Aa]ctor|[Aa]ctress|[Cc]omedian|"
    r"[Jj]ournalist|[Aa]nchor|[Rr]eporter|[Ww]riter|[Ss]inger|[Ss]pokes(?:wo)?man|[Ss]trategist|"
    r"[Pp]ollster|[Aa]dvis[eo]r|Senator|Governor|Representative|Congress(?:wo)?man|[Ll]awyer|"
    r"[Aa]ttorney|[Pp]rofessor|[Ee]conomist|[Bb]usiness(?:wo)?man|[Bb]illionaire|[Cc]oach|"
    r"[Ww]ife|[Hh]usband|[Dd]aughter|starring))\s+$"
)
_OBJECT = re.compile(r"(?:\b(?:of|at|from|in|for|with|to|on|by)\s+(?:the\s+)?|,\s*|[’']s\s+)$")
_WHO = re.compile(r",\s+who\b")
_SAID = re.compile(r"\s+(?:said|says|told)\b")
_CAPITAL_BEFORE = re.compile(r"[A-Z][\w.’'-]*\s+$")


def _mentions(text: str, form: str):
    """Where *text* writes *form* as a whole word (str.find: no regex per name)."""
    k = text.find(form)
    while k >= 0:
        end = k + len(form)
        if (k == 0 or not text[k - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
            yield k, end
        k = text.find(form, k + 1)


def _marked_person(text: str, name: str, words: list[str]) -> bool:
    """``en_person_cue``: is *name* (or its last word) marked as a person in *text*?"""
    forms = [name] + ([words[-1]] if len(words) > 1 else [])
    for form in forms:
        for start, end in _mentions(text, form):
            before = text[max(0, start - 16) : start]
            if _ROLE_BEFORE.search(before):
                return True
            if form != name and _CAPITAL_BEFORE.search(before):
                continue  # "Weekly" of "Publishers Weekly": the name itself
            if _WHO.match(text, end) and not _OBJECT.search(before):
                return True  # "Chrabaszcz, who" (not "the chairman of Bear Stearns, who")
    if len(words) < 2 or _word(words[0]):
        return False
    return any(_SAID.match(text, end) for _start, end in _mentions(text, name))


def _person_cue(text: str, name: str, words: list[str], lab: str, seen: dict[str, bool]) -> bool:
    if lab == "PER" or not 1 <= len(words) <= 3 or not _rules.on("en_person_cue"):
        return False
    if name not in seen:
        seen[name] = _person_name_marked(text, name, words)
    return seen[name]


def _person_name_marked(text: str, name: str, words: list[str]) -> bool:
    if not all(w[:1].isupper() and w.replace("-", "").isalpha() and not w.isupper() for w in words):
        return False
    if any(w in _NOT_PERSON_HEADS for w in words) or not _marked_person(text, name, words):
        return False
    # "Brownsville, Texas, who"; "Planned Parenthood, who"
    return not any(_word(w) for w in words) and not _gazetteer_place(name)


def _group(words: list[str], lab: str) -> bool:
    if lab not in ("PER", "ORG") and not (lab == "MISC" and len(words) > 1):
        return False
    if not any(w in _GROUP_NOUNS for w in words):
        return False
    return all(w in _GROUP_NOUNS or w.lower() in ("and", "or") or _word(w) for w in words)


def english_persons(text: str, spans: list[Span]) -> list[Span]:
    """The rules of this module, on an English article's spans (others pass unchanged)."""
    if not spans or not is_english(text):
        return spans
    per = sorted({text[a:b] for a, b, lab in spans if lab == "PER"})
    word_of = Counter(w for p in per for w in set(p.split()))  # persons naming each word
    seen: dict[str, bool] = {}  # en_person_cue's answer for each name
    out: list[Span] = []
    for a, b, lab in spans:
        name = text[a:b]
        words = name.split()
        if _rules.on("en_group_noun") and _group(words, lab):
            continue  # "Latinos", "Among Latinos", "Latinos and Blacks"
        if _person_cue(text, name, words, lab, seen):
            lab = "PER"  # "Chrabaszcz, who", "Dr. Griffith", "author Junot Díaz"
        if (
            lab == "PER"
            and len(words) >= 2
            and _rules.on("en_phrase_person")
            and _QUOTE_BEFORE.search(text[max(0, a - 2) : a])
            and _QUOTE_AFTER.match(text, b)
            and all(_word(w) and word_of[w] <= (name in per) for w in words)
            and not _person_context(text, name, a)
        ):
            out.append((a, b, "MISC"))  # ''Stronger Together'', "Prison Break"
            continue
        if lab == "PER" and len(words) >= 2 and _rules.on("en_lead_word") and _word(words[0]):
            cut = _lead_cut(name, words, [p.split() for p in per if p != name])
            said = re.search(re.escape(name) + _AFTER_PERSON.pattern, text)  # "Patricia Smith said"
            if cut and not said and _loose(text, a, words[0], name[cut:].split()[0]):
                out.append((a + cut, b, "PER"))  # "Republican Michael Steele"
                continue
        out.append((a, b, lab))
    return out


def _lead_cut(name: str, words: list[str], others: list[list[str]]) -> int:
    """Where the person begins in *name* after its first word, when the rest is a full name:
    one the article names on its own, or one that begins with a first name; else 0."""
    if words[0] in {p[0] for p in others if len(p) >= 2}:
        return 0  # "Will" of the article's "Will Hurd"
    rest = words[1:]
    if len(rest) >= 2 and (rest in others or _first_name(rest[0])):
        return [m.start() for m in _TOKEN.finditer(name)][1]
    return 0
