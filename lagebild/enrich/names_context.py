"""Passes of the names guard over an article's list of spans (:mod:`lagebild.enrich.names`).

Each takes the text and the ``(start, end, label)`` spans and returns them repaired: names
the model cut are joined (``Charles J.`` | ``Camarda``, ``Tswetan`` | ``Wassilew``), an
organisation runs on over its field (``Agentur | für Krebsforschung``), a town joins its river
(``Bruck an der Leitha``), the type is read from the neighbours (``Baierbach bei Telfs``, an
abbreviation after its organisation, a surname typed as a place).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from lagebild.enrich import names_rules as _rules
from lagebild.enrich.names_lexicon import (
    _ABSTRACT,
    _LOCATIVE,
    _WORD,
    _compound_head,
    _gazetteer_word,
    _knows_lowercase,
    _knows_noun,
    _place_word,
    _plural_of_noun,
)


_ROMAN = re.compile(r"^[IVXLC]{1,6}$")


# A match score ("2:0", "3:1"): two of them make a text a sports report.
# (the look-behind after the first digit, as (?<![\d:.])\d{1,2}:... reads: a pattern that
# begins with a look-behind is tried at every position of the text)
_SCORE = re.compile(r"\d(?<![\d:.]\d)\d?:\d{1,2}(?![\d:]|\s*Uhr)")


_RUNS = re.compile(r"[\w\-]+")


@lru_cache(maxsize=16)
def run_counts(text: str) -> Counter[str]:
    """How often each maximal run of word characters and hyphens stands in *text*: one
    ``findall`` per article for the passes that count words (the confidence rule's support,
    genitive bases, the German-or-English test).  Shared: read it, never change it."""
    return Counter(_RUNS.findall(text))


@lru_cache(maxsize=16)
def scores(text: str) -> int:
    """How many match scores *text* has (one scan per article: seven passes of the guard ask)."""
    return len(_SCORE.findall(text))


# Name particles a name never ends in ("Folha de | São Paulo", "Ursula von | der Leyen").
_PARTICLE = frozenset("de da do dos das del della di du la le van von der den ter zu y e".split())


def _occurrences(text: str, word: str) -> Iterable[int]:
    r"""Starts of *word*'s whole-word uses, left to right (no word character or hyphen on
    either side): what ``finditer`` of ``(?<![\w\-])word(?![\w\-])`` gives, by ``str.find``
    (a pattern per word would be compiled anew for each article)."""
    return _whole_word(text, word, "_-")


def _whole_word(text: str, word: str, after: str = "_") -> Iterable[int]:
    r"""Starts of the non-overlapping uses of *word* with no word character or hyphen before
    it and no word character (nor a character of *after* besides ``_``) after it: the matches
    of ``(?<![\w\-])`` + ``re.escape(word)`` + ``(?![\w...])``.  ``\w`` is ``isalnum()`` or
    ``_``, as ``re`` reads it in a ``str``."""
    if not word:
        empty = r"(?<![\w\-])(?![\w" + re.escape(after) + "])"
        yield from (m.start() for m in re.finditer(empty, text))
        return
    n, size = len(word), len(text)
    at = text.find(word)
    while at >= 0:
        end = at + n
        if at:
            c = text[at - 1]
            if c.isalnum() or c == "_" or c == "-":
                at = text.find(word, at + 1)
                continue
        if end < size:
            c = text[end]
            if c.isalnum() or c in after:
                at = text.find(word, at + 1)
                continue
        yield at
        at = text.find(word, end)


def _tokens(text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [(start + m.start(), start + m.end()) for m in _WORD.finditer(text[start:end])]


def _extend_initials(text: str, start: int, end: int) -> int:
    """New end of a name cut at a middle initial or before an ordinal's dot."""
    toks = _tokens(text, start, end)
    if not toks:
        return end
    last = text[toks[-1][0] : toks[-1][1]]
    rest = text[end : end + 60]
    if len(last) == 1 and last.isupper() and len(toks) >= 2:
        # ("N.Y.\nFACEBOOK": a name never runs over a line break, round 18 ``initial_line``)
        gap = r"[^\S\n]{1,2}" if _rules.on("initial_line") else r"\s{1,2}"
        m = re.match(r"\." + gap + r"((?:[A-ZÄÖÜ][\w\-]+)(?:\s[A-ZÄÖÜ][\w\-]+)?)", rest)
        if m and not _knows_lowercase(m.group(1).split()[0]):
            return end + m.end()
        if rest.startswith("."):
            return end + 1
    if _ROMAN.match(last) and rest.startswith(".") and len(toks) >= 2:
        return end + 1
    if len(toks) == 1 or not _ROMAN.match(last):
        m = re.match(r"\s([IVX]{1,5})\.(?=\s|$)", rest)
        if m and text[toks[0][0] : toks[0][1]][:1].isupper() and len(toks) <= 2:
            return end + m.end()
    return end


def _join_cut_names(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Make whole the names the model cut: two person spans with only spaces between
    (``Roger  Schmidt``), and a span ending in a name particle (``Folha de`` +
    ``São Paulo``; with no span after it, the capitalised words that follow)."""
    out: list[tuple[int, int, str]] = []
    for a, b, lab in spans:
        if out:
            pa, pb, plab = out[-1]
            gap = text[pb:a]
            last = text[pa:pb].rsplit(None, 1)[-1] if text[pa:pb].split() else ""
            if (
                pb <= a
                and (
                    (plab == lab == "PER" and len(gap) >= 2 and not gap.strip() and "\n" not in gap)
                    or (
                        last in _PARTICLE
                        and gap == " "
                        # "Jakob von Gunten von | Robert Walser": a title "by" an author
                        and not any(w in _PARTICLE for w in text[pa:pb].split()[:-1])
                    )
                )
            ):
                out[-1] = (pa, b, plab)
                continue
        out.append((a, b, lab))
    fixed = []
    starts = {a for a, _, _ in out}
    for a, b, lab in out:
        words = text[a:b].split()
        if len(words) >= 2 and words[-1] in _PARTICLE:
            m = re.match(r"(?:\s[A-ZÄÖÜÁÉÍÓÚ][\w\-]+){1,3}", text[b : b + 60])
            if m and b + 1 not in starts:
                b += m.end()
            else:
                b = a + text[a:b].rstrip().rfind(" ")
        fixed.append((a, b, lab))
    return fixed


def _join_org_place(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``VfL`` + ``Wolfsburg``, ``SCR`` + ``Altach``: an organisation's span and a one-word
    place right after it (one space between) are one organisation's name."""
    out: list[tuple[int, int, str]] = []
    for a, b, lab in spans:
        if out:
            pa, pb, plab = out[-1]
            if plab == "ORG" and lab == "LOC" and text[pb:a] == " " and " " not in text[a:b]:
                out[-1] = (pa, b, "ORG")
                continue
        out.append((a, b, lab))
    return out


# An organisation whose name goes on with "für ...": "Internationale Agentur | für
# Krebsforschung", "Leipziger Institut | für medizinische Informatik und Statistik".
_FOR_HEAD = re.compile(
    r"(?:agentur|institut|instituts|zentrum|zentrums|stiftung|gesellschaft|verband|verbands"
    r"|verbandes|amt|amts|amtes|ministerium|ministeriums|kommission|komitee|komitees"
    r"|organisation|behörde|büro|büros|akademie|anstalt|forum|fonds|vereinigung|verein|vereins)$"
)


_FOR_WORD = r"(?:[A-Za-zÄÖÜäöüß]{3,}(?:e|en|er|es) )*([A-ZÄÖÜ][\w\-]*[a-zäöüß])"


_FOR_TAIL = re.compile(rf" für {_FOR_WORD}(?:(?:,| und) {_FOR_WORD})?")


def _field_noun(word: str) -> bool:
    """``Krebsforschung``, ``Informatik``, ``Zivilisationserkrankungen``: a common noun (a
    field), not a place or a person (``für Athen``, ``für Wehrschütz``)."""
    return (_knows_noun(word) or _compound_head(word) is not None) and not _gazetteer_word(word)


def _extend_for(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """An organisation's span cut before ``für`` and its field runs on over them."""
    persons = {w for a, b, lab in spans if lab == "PER" for w in text[a:b].split()}
    out = []
    for a, b, lab in spans:
        if lab == "ORG" and _FOR_HEAD.search(text[a:b].rsplit(None, 1)[-1].lower()):
            m = _FOR_TAIL.match(text, b)
            if (
                m
                and "\n" not in m.group()
                and not re.search(r" (?:der|die|das|den|dem|des|ein|eine|einen) ", m.group())
                and all(_field_noun(w) and w not in persons for w in m.groups() if w)
            ):
                b = m.end()
        out.append((a, b, lab))
    return out


_INNER_POSSESSIVE = re.compile(r"['’]s?\s+(?=\S)")


def _inner_possessive(
    text: str, start: int, end: int, persons: set[str]
) -> tuple[int, int, str | None] | bool | None:
    """An English possessive inside a span: ``Green Party’s Jill Stein`` -> the person after
    it; ``Trump’s 1995``, ``Pagliano's Fifth Amendment`` -> the person before it; a token
    opening a single quote (``Obama Sees 'Personal Insult``) -> False (a headline's
    words, no name).  None: the span stays (``Johns Hopkins University’s School of
    Advanced International Studies`` names the school)."""
    span = text[start:end]
    if re.search(r"(?:^|\s)['‘](?!s\b)[A-Za-z]", span):
        return False
    m = _INNER_POSSESSIVE.search(span)
    if m is None or m.start() == 0 or not span[m.start() - 1].isalpha():
        return None
    before, after = span[: m.start()], span[m.end() :]
    a_start = start + m.end()
    words_after = after.split()
    if 2 <= len(words_after) <= 3 and all(w[:1].isupper() for w in words_after) and (
        after in persons or words_after[-1] in persons
    ):
        return a_start, end, "PER"  # "NFL Network’s Rich Eisen"
    if before in persons or before.split()[-1] in persons:
        return start, start + len(before), "PER"  # "Trump’s 1995"
    if after[:1].isdigit():
        return start, start + len(before), None  # "Obama’s 2008"
    return None


def _bei_place(
    text: str, spans: list[tuple[int, int, str]], surnames: set[str]
) -> list[tuple[int, int, str]]:
    """``Baierbach bei Telfs``, ``Moos bei Leutasch``: a one-word "person" right before
    ``bei`` + a place is a place (a village named by the town it lies near); not a surname
    the article gives a person."""
    if scores(text) >= 2:
        return spans  # a sports report: "Alaba bei Bayern" is a player at a club
    starts = {a: lab for a, _, lab in spans}
    out = []
    for a, b, lab in spans:
        if lab == "PER" and " " not in text[a:b] and text[a:b] not in surnames:
            m = re.match(r"\s+bei\s+", text[b : b + 8])
            if m and (
                starts.get(b + m.end()) == "LOC"
                or _gazetteer_word(re.match(r"[\w\-]*", text[b + m.end() :]).group())
            ):
                lab = "LOC"
        out.append((a, b, lab))
    return out


def _all_after_in(text: str, name: str) -> bool:
    """Every use of *name* in the article follows ``in`` (``in Marat Numan``): a place."""
    # (a bounded look, as for the lexicon words: the first 50 uses)
    uses = [p for _, p in zip(range(50), _occurrences(text, name), strict=False)]
    return bool(uses) and all(
        re.search(r"(?<![\w\-])[Ii]n $", text[max(0, p - 4) : p]) for p in uses
    )


def _town_adjective_only(text: str, word: str) -> bool:
    """``Sofioter``: a word ending in ``-er`` the lexicon lacks that stands before a
    capitalised noun at every use and never after a locative preposition -- a town's
    adjective (``der Sofioter Justiz``), not the town."""
    if not re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]{3,}er", word) or _knows_noun(word):
        return False
    if _gazetteer_word(word):
        return False  # ("Wiener", "Österreicher": resolve maps them)
    seen = False
    for at in _occurrences(text, word):
        seen = True
        after = at + len(word)
        nxt = re.match(r" ([A-ZÄÖÜ][a-zäöüß][\w\-]*)", text[after : after + 40])
        if nxt is None:
            return False
        prev = text[max(0, at - 6) : at].split()
        if (
            prev
            and prev[-1].lower() in _LOCATIVE
            and not (_knows_noun(nxt.group(1)) or _compound_head(nxt.group(1)) is not None)
        ):
            return False  # ("in Münster Bürger ...": after "in", only before a common noun)
    return seen


# What joins a town to the river, mountain or district it lies on ("Bruck an der
# Leitha", "Spital am Semmering"; not "im": GermEval splits "Taiskirchen | im Innkreis").
_PLACE_PARTICLE = re.compile(r" (?:an der|ob der|am) ")


def _place_particle(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """A town and the river or region it lies on are one place: the model's ``Leitha`` of
    ``Bruck an der Leitha`` and ``Spital`` of ``Spital am Semmering`` become the whole
    name (LOC).  The word after the particle is a name (no word the lexicon knows, no
    compound of one, no acronym, no gazetteer entry); the town before it a capitalised
    word after a preposition, a noun or a line start, not after an article
    (``großes Interesse an der ...``)."""
    out = []
    for a, b, lab in spans:
        piece = text[a:b]
        if " " in piece:
            out.append((a, b, lab))
            continue
        # the span is the river/region: look left for "<Town> an der "
        m = re.search(
            r"(?<![\w\-])([A-ZÄÖÜ][a-zäöüß]{2,})(" + _PLACE_PARTICLE.pattern + r")$",
            text[max(0, a - 40) : a],
        )
        if m and _place_word(piece):
            town = m.group(1)
            t0 = a - len(m.group())
            prev = text[max(0, t0 - 12) : t0].split()
            if (
                not _knows_lowercase(town)
                # (the town word no part of another name: "Hotel Kobenzl am Gaisberg")
                and not any(a2 <= t0 < b2 for a2, b2, _ in spans)
                # after a preposition, a noun ("Bezirk"), punctuation or a line's start,
                # not after an article or an adjective ("ein paar Minuten am Charger")
                and (
                    not prev
                    or prev[-1].lower() in _LOCATIVE | {"von", "vom", "zu", "zum", "ab"}
                    or prev[-1][:1].isupper()
                    or not prev[-1][-1:].isalnum()
                )
                and not _ABSTRACT.search(town.lower())
                and not _plural_of_noun(town)
            ):
                out.append((t0, b, "LOC"))
                continue
        # the span is the town: look right for " am <Region>"
        m = re.match(
            _PLACE_PARTICLE.pattern + r"([A-ZÄÖÜ][\w\-]*[a-zäöüß])(?![\w\-])", text[b : b + 40]
        )
        if lab == "LOC" and m and _place_word(m.group(1)):
            out.append((a, b + m.end(), "LOC"))
            continue
        out.append((a, b, lab))
    return out


def _surname_place(
    text: str, spans: list[tuple[int, int, str]], surname_elsewhere
) -> list[tuple[int, int, str]]:
    """``wobei der Großteil von Leitner kam`` beside ``Cattina Leitner``: a one-word
    "place" that ends a full person name of the article, and that no locative preposition
    or dateline makes a place, is that person (not a gazetteer word: ``Washington``)."""
    from lagebild.enrich.resolve import is_dateline  # resolve imports this module

    out = []
    for a, b, lab in spans:
        w = text[a:b]
        if (
            lab == "LOC"
            and " " not in w
            and surname_elsewhere(w, a, b)
            and not _gazetteer_word(w)
        ):
            placed = any(
                (text[max(0, u - 8) : u].split() or [""])[-1].lower() in _LOCATIVE
                for u in _occurrences(text, w)
            )
            if not placed and not is_dateline(text, a, b):
                lab = "PER"
        out.append((a, b, lab))
    return out


def _acronym_paren(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """``Verwaltungsgerichtshof (VwGH)``: an abbreviation in parentheses right after an
    organisation's name, beginning with its letter, is that organisation (ORG)."""
    out = list(spans)
    for k in range(1, len(out)):
        a, b, lab = out[k]
        pa, pb, plab = out[k - 1]
        w = text[a:b]
        if (
            plab == "ORG"
            and lab != "ORG"
            and re.fullmatch(r"[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{1,6}", w)
            and sum(c.isupper() for c in w) >= 2
            and re.fullmatch(r"\s*\(", text[pb:a])
            and text[b : b + 1] == ")"
            and text[pa].upper() == w[0]
        ):
            out[k] = (a, b, "ORG")
    return out


def _first_name_join(
    text: str, spans: list[tuple[int, int, str]], ends: dict[str, set[str]]
) -> list[tuple[int, int, str]]:
    """``Tswetan`` LOC | ``Wassilew`` PER where the article names ``Tswetan Wassilew``:
    a one-word span right before a person's span that together make a full name the
    article has are that person."""
    out: list[tuple[int, int, str]] = []
    for a, b, lab in sorted(spans):
        if out:
            pa, pb, plab = out[-1]
            if (
                lab == "PER"
                and plab != "PER"  # ("Niessl Doskozil": two persons the guard split)
                and text[pb:a] == " "
                and " " not in text[pa:pb]
                and " ".join(text[pa:b].split()) in ends.get(text[a:b].split()[-1], set())
                and not ends.get(text[pa:pb], set())  # (the first word is no one's surname)
            ):
                out[-1] = (pa, b, "PER")
                continue
        out.append((a, b, lab))
    return out
