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
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["filter_spans", "is_common_noun", "LEADING_FUNCTION_WORDS"]

try:  # small, MIT, offline; without it the lexicon test is skipped (spans are kept)
    import simplemma as _simplemma
except ImportError:  # pragma: no cover - simplemma is a dependency
    _simplemma = None

# Words that begin a sentence and get glued onto the name after them.
LEADING_FUNCTION_WORDS = frozenset(
    """doch aber und oder auch dann nun jetzt denn so noch schon nur also zudem bereits sogar
    laut wie als wenn ob da dass weil selbst erst gerade zwar etwa nachdem während obwohl
    deshalb daher trotzdem dennoch jedoch allerdings außerdem inzwischen mittlerweile damals
    heute gestern morgen zuvor danach später zuletzt immerhin freilich vielmehr ebenso
    sondern bis seit für gegen mit ohne über unter von vor nach bei zu
    said says told asked added but and so then when while as also yet however according
    meanwhile after before since because if though although""".split()
)

# Determiners, quantifiers and preposition-article contractions: a word after one
# of these is used as a common noun.
_DETERMINERS = frozenset(
    """der die das dem den des ein eine einen einem einer eines kein keine keinen keinem
    keiner keines im am vom zum zur beim ins ans aufs unser unsere unseren unserem unserer
    sein seine seinen seinem seiner ihr ihre ihren ihrem ihrer dieser diese diesen diesem
    dieses jener jene jenen jenem jeder jede jeden jedem jedes alle allen aller mehrere
    mehreren viele vielen einige einigen manche manchen welche welcher zwei drei vier fünf
    sechs sieben acht neun zehn zwölf hundert tausend""".split()
)
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
# A person's span that starts with an agent noun (``Regulator Boltz``, ``Testpilot Meier``).
_AGENT_NOUN = re.compile(
    r"(?:or|orin|ist|istin|eur|eurin|ant|antin|pilot|pilotin|trainer|trainerin|graf|grafin"
    r"|loge|login|sprecher|sprecherin|experte|expertin|sänger|sängerin|spieler|spielerin"
    r"|forscher|forscherin|kollege|kollegin|wissenschaftler|wissenschaftlerin|regulator)$"
)
# Abstract and collective noun endings no name has (``Ethik``, ``Stichwahl`` aside):
# a lexicon word with one of these is a common noun whatever its context.
_ABSTRACT = re.compile(r"(?:ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|ismus|tät|ik)$")
# Place-name endings: a region or town is often used with an article (``die Steiermark``),
# so the article is no evidence against it.
_PLACE_END = re.compile(
    r"(?:mark|land|reich|burg|berg|stadt|dorf|heim|hausen|tal|au|ien|see|gau|furt|feld|kirchen)$"
)
# An inflected adjective alone is never a name (``Sudanesischer``).
_ADJECTIVE_FORM = re.compile(r"(?:isch|ische|ischen|ischer|isches|ischem)$")
_ROMAN = re.compile(r"^[IVXLC]{1,6}$")
_WORD = re.compile(r"[^\W\d_][\w\-]*")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’])$")


def _knows_noun(word: str) -> bool:
    """simplemma's German lexicon knows *word* as a capitalised (noun) form."""
    if _simplemma is None or not word[:1].isupper() or len(word) < 3:
        return False
    if not _simplemma.is_known(word, lang="de"):
        return False
    return _simplemma.lemmatize(word, lang="de")[:1].isupper()


def _noun_compound(word: str) -> bool:
    """``Chromosomenzahl``: a word the lexicon lacks whose head is a noun it knows."""
    if len(word) < 9 or not word[:1].isupper() or "-" in word:
        return False
    for k in range(len(word) - 4, 3, -1):  # longest head first, at least 4 letters
        head = word[k:]
        if len(head) >= 4 and _knows_noun(head[0].upper() + head[1:]):
            return True
    return False


def _plural_of_noun(word: str) -> bool:
    """``Balkone`` -> ``Balkon``: an inflected (not genitive) form of a known noun."""
    if _simplemma is None or not word.endswith(("e", "en", "er", "n", "ern")):
        return False
    lemma = _simplemma.lemmatize(word, lang="de")
    return (
        lemma != word
        and len(lemma) >= 4
        and lemma[:1].isupper()
        and word.startswith(lemma[:-1])
        and not lemma.endswith("e")  # "Grünen" -> "Grüne": a party, not a plural
    )


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


def _role_noun(word: str) -> bool:
    """A word before a name that cannot be a first name: a compound of a role noun
    (``Landeshauptmann``, ``Bildungsökonom``) or the plural of a noun the lexicon
    knows (``Lobbyisten``)."""
    if "-" in word or not word[1:].islower() or len(word) < 5:
        return False
    low = word.lower()
    if (m := _ROLE_HEAD.search(low)) and m.start() >= 3:
        return True
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


def _occurrences(text: str, word: str) -> Iterable[int]:
    for m in re.finditer(r"(?<![\w\-])" + re.escape(word) + r"(?![\w\-])", text):
        yield m.start()


def is_common_noun(
    text: str, word: str, label: str, *, at: Iterable[int] | None = None
) -> bool:
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
    known = _knows_noun(word)
    if not known and not _noun_compound(word):
        return False
    if label == "ORG" and any(
        low.endswith(h) and len(low) >= len(h) + 3 for h in _INSTITUTION_HEADS
    ):
        return False
    if known and _ABSTRACT.search(low) and not (label == "PER" and re.search(r"[^th]ik$", low)):
        return True  # "Ethik", "Regierung"; a first name "Dominik" or "Henrik" is no abstract noun
    if label == "LOC" and _PLACE_END.search(low):
        return False  # "die Steiermark", "die Hofburg"
    if known and _plural_of_noun(word):
        return True
    places = _occurrences(text, word) if at is None else at
    # a bounded look: a word repeated thousands of times is judged by its first 50 uses
    return any(_after_determiner(text, p) for k, p in zip(range(50), places, strict=False))


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
        m = re.match(r"\.\s{1,2}((?:[A-ZÄÖÜ][\w\-]+)(?:\s[A-ZÄÖÜ][\w\-]+)?)", rest)
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


def _knows_lowercase(word: str) -> bool:
    """The word is a function word (``Der``, ``Die``) rather than a surname."""
    return word.lower() in _DETERMINERS or word.lower() in LEADING_FUNCTION_WORDS


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
        if lab == "PER" and len(parts) >= 2:
            surnames.add(parts[-1])
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

    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        # trailing English possessive: "Hillary Clinton’s"
        m = _POSSESSIVE.search(text[start:end])
        if m and end - start - len(m.group()) >= 2:
            end -= 2 if m.group()[:1] in "'’" else 1
        toks = _tokens(text, start, end)
        # leading function words: "Doch Djokovic", "Said Comey"
        while len(toks) >= 2 and text[toks[0][0] : toks[0][1]].lower() in LEADING_FUNCTION_WORDS:
            toks = toks[1:]
            start = toks[0][0]
        # a leading agent noun before a person's name: "Regulator Boltz"; a noun
        # compound ("Bildungsökonom Wößmann", "Exanwalt Gerald Toifl") or a plural
        # ("Lobbyisten Meischberger") is never a first name either
        after_role = False
        if label == "PER" and len(toks) >= 2:
            first = text[toks[0][0] : toks[0][1]]
            if (_AGENT_NOUN.search(first.lower()) and _knows_noun(first)) or _role_noun(first):
                toks = toks[1:]
                start = toks[0][0]
                after_role = True  # "Landeshauptmann Platter": a name follows a role
        if not toks:
            continue
        end = _extend_initials(text, start, end)
        words = [text[a:b] for a, b in _tokens(text, start, end)]
        if not words:
            continue
        if len(words) == 1:
            w = words[0]
            if label == "PER" and (w in surnames or after_role):
                pass  # "Kohl" of "Helmut Kohl"
            elif noun(w, label):
                continue
        elif label == "PER" and all(_knows_noun(w) or w.istitle() for w in words):
            last = words[-1]
            if _AGENT_NOUN.search(last.lower()) and _knows_noun(last):
                continue  # "Missions Spezialist"
        elif all(_knows_noun(w) and noun(w, label) for w in words):
            continue
        out.append((start, end, label))
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
