"""Speaker noun phrases for :mod:`lagebild.enrich.quotes`: who a speech cue belongs to.

The noun phrase after or before a cue (``_np_forward``, ``_np_backward``, English
``_np_backward_en``), the subject of a cue (``_speaker_for_cue``) with its tests (adverbials,
fronted objects, passives, unclosed appositions, lists); the English clause tests and
subject phrases are in :mod:`lagebild.enrich._quote_phrases_en`.  Tokens,
lemmas and cues are in :mod:`lagebild.enrich._quote_syntax`.  Private: the public entry point is
:func:`lagebild.enrich.quotes.find_quotes`.
"""

from __future__ import annotations

import re

from lagebild.enrich import _quote_lex as lex
from lagebild.enrich._quote_phrases_en import _np_backward_en, _np_before_comma_en
from lagebild.enrich._quote_syntax import (
    _AUX,
    _PASSIVE_AUX,
    _PUNCT,
    _QUOTE_CHARS,
    _Cue,
    _Tok,
    _adj_like,
    _extend_list,
    _finite_index,
    _is_passive,
    _participle_attribute,
)


# --------------------------------------------------------------------------
# Speaker noun phrases


_EN_SOURCE_NOUNS = frozenset(
    """official officials spokesman spokeswoman spokesperson sources source diplomats
    diplomat authorities ministry media officer officers leaders lawmakers analysts
    government military police agency army navy forces""".split()
)


def _np_forward(toks: list[_Tok], i: int, end: int, *, en: bool = False) -> tuple[int, int] | None:
    """Noun phrase starting at token ``i`` (exclusive ``end``); token span."""
    n = min(end, len(toks))
    while i < n and toks[i].text in _QUOTE_CHARS:
        i += 1
    if i >= n:
        return None
    t = toks[i]
    if t.low in lex.PRONOUNS_DE or (en and t.low in lex.PRONOUNS_EN):
        return (i, i + 1)
    if (
        not en
        and t.low in _DEMONSTRATIVE
        and (i + 1 >= n or not (toks[i + 1].cap or _adj_like(toks[i + 1])))
    ):
        return (i, i + 1)  # "“, so letztere.", "so schrieb diese in einer Stellungnahme"
    start = i
    j = i
    head = False
    last_head = -1
    while j < n:
        t = toks[j]
        if t.low in lex.DETERMINERS and not head:
            j += 1
            continue
        if not head and not en and j > start and t.low in lex.PREPOSITIONS:
            # "die in New York geborene Lopez", "der am Montag gewählte Präsident": an
            # attribute with its own phrase between article and noun
            e = _participle_attribute(toks, j, n)
            if e is not None:
                j = e
                continue
        if t.text[0].isdigit() and not head:
            if not en and _age_noun(toks, j):
                head = True  # "der 81-Jährige", "die 35-jährige": the age is the noun
                last_head = j
            j += 1
            continue
        if t.cap and t.low not in lex.NP_STOP and t.low not in lex.MONTHS_AND_DAYS:
            head = True
            last_head = j
            j += 1
            if (
                t.text in ("O", "D")
                and j + 1 < n
                and toks[j].text in ("’", "'")
                and toks[j + 1].cap
            ):
                j += 1  # "Mark O ’ Keefe": the apostrophe split off an Irish name
            continue
        if (
            en
            and not head
            and t.low not in lex.NP_STOP
            and t.text[0].isalpha()
            and t.low not in lex.SPEECH_VERBS_EN
        ):
            # English common nouns are lower case: "the spokesman"
            head = True
            last_head = j
            j += 1
            continue
        if not head and _adj_like(t):
            j += 1
            continue
        if en and head and j == last_head + 1 and t.low in _EN_SOURCE_NOUNS:
            # "Japanese officials", "White House spokesman", "state media"
            last_head = j
            j += 1
            continue
        if head and t.low in ("der", "des", "einer", "eines", "von", "vom", "of") and j + 1 < n:
            nxt = toks[j + 1]
            if (
                nxt.cap
                or nxt.low in lex.DETERMINERS
                or _adj_like(nxt)
                # "einem Artikel der „New York Times“": a quoted name in the genitive
                or (not en and nxt.text in "„»" and j + 2 < n and toks[j + 2].cap)
            ):
                head = False
                j += 1
                continue
        if not head and t.low in ("sowohl", "weder", "entweder") and j + 1 < n:
            j += 1
            continue
        if head and t.low == "als" and j + 2 < n and toks[j + 1].low == "auch":
            head = False
            j += 2
            continue
        if head and t.low in ("und", "sowie", "and") and j + 1 < n:
            nxt = toks[j + 1]
            if (nxt.cap and nxt.low not in lex.NP_STOP) or nxt.low in lex.DETERMINERS:
                head = False
                j += 1
                continue
        if head and t.text in ("-", "&") and j + 1 < n and toks[j + 1].cap:  # "Graf & Pitkowitz"
            j += 1
            continue
        if head and j == last_head + 1 and _NAME_PARTICLE.fullmatch(t.text):
            # "das Nachrichtenportal al-Arabiya", "Abdel ad-Dawla": a lower-case
            # article glued to a name
            last_head = j
            j += 1
            continue
        if (
            t.text == "."
            and j == last_head + 1
            and j + 1 < n
            and toks[j + 1].cap
            and toks[j + 1].low not in lex.NP_STOP
            and (
                toks[j - 1].low in _TITLE_ABBREV
                or (len(toks[j - 1].text) == 1 and toks[j - 1].cap)
            )
            and toks[j].start == toks[j - 1].end
        ):
            # "Dr. Harold Varmus", "Virgie M. Rollins", "Prof. Dr. Meier": the
            # period of a title or an initial, not a sentence end
            head = False
            j += 1
            continue
        if (
            en
            and head
            and j == last_head + 1
            and t.text[0].islower()
            and t.text.isalpha()
            and t.low not in lex.NP_STOP
            and t.low not in lex.SPEECH_VERBS_EN
            and t.low not in _EN_NOT_TITLE
        ):
            # "Republican party boss Reince Priebus": lower-case title words between
            # a capitalised word and the name
            e = j
            while e < n and e - j < 4 and toks[e].text[0].islower() and toks[e].text.isalpha():
                if toks[e].low in lex.NP_STOP or toks[e].low in lex.SPEECH_VERBS_EN:
                    break
                e += 1
            if (
                e > j
                and e + 1 < n
                and toks[e].cap
                and toks[e + 1].cap
                and toks[e].low not in lex.MONTHS_AND_DAYS
                and toks[e].low not in _EN_DAYS_MONTHS
            ):
                j = e
                continue
        if (
            not head
            and not en
            and t.text in "„»"
            and j > start
            and (toks[j - 1].low in lex.DETERMINERS or toks[j - 1].low in ("vom", "von"))
        ):
            # "der „Deutsche Fußball-Bund“": a quoted name after the article (or after
            # "vom": "Johanna Moser vom „Queer Beograd Kollektiv“")
            e = next((k for k in range(j + 1, min(n, j + 6)) if toks[k].text in _QUOTE_CHARS), None)
            if e is not None and e > j + 1 and all(x.cap for x in toks[j + 1 : e]):
                head = True
                last_head = e
                j = e + 1
                continue
        if (
            head
            and not en
            and t.text in "„»\""
            and j == last_head + 1
            # "laut Zeugenaussagen „Britain First“": what was said, not a name
            and not toks[last_head].low.endswith(("aussagen", "aussage", "angaben", "worten"))
        ):
            # "des Magazins „Der Spiegel“": a quoted name right after the noun
            e = next((k for k in range(j + 1, min(n, j + 6)) if toks[k].text in _QUOTE_CHARS), None)
            if (
                e is not None
                and e > j + 1
                and all(x.cap or x.text[0].isdigit() for x in toks[j + 1 : e])
            ):
                last_head = e
                j = e + 1
                continue
        break
    if last_head < 0:
        return None
    stop = last_head + 1
    # apposition ", Jake Sullivan," (only names, closed by a comma or the end)
    if stop < n and toks[stop].text == ",":
        k = stop + 1
        while k < n and toks[k].cap and toks[k].low not in lex.NP_STOP:
            k += 1
        if (
            k > stop + 1
            and k - stop - 1 <= 4
            and (k >= n or toks[k].text in ",.;:" or toks[k].low in ("und",))
        ):
            # "sagte Cho, Washington werde" is no apposition: the name must be
            # followed by a comma and then not by a finite clause of its own
            if k < n and toks[k].text == ",":
                stop = k
            elif k >= n or toks[k].text in ".;:":
                stop = k
    return (start, stop)


_TITLE_ABBREV = frozenset(
    "dr prof rev gov sen rep lt gen col sgt mr mrs ms st jr sr hon pres vol".split()
)
# demonstratives that stand for a speaker named before ("so letztere", "schrieb diese")
_DEMONSTRATIVE = frozenset("letztere letzterer erstere ersterer diese dieser".split())
# an Arabic (or similar) article glued to a name by a hyphen: "al-Arabiya", "el-Sisi"
_NAME_PARTICLE = re.compile(r"(?:al|el|ad|ar|as|asch|at|az|ash)-[A-ZÄÖÜ][\w-]+")


# lower-case words that end a name phrase in English ("Trump campaign officials said")
_EN_NOT_TITLE = frozenset("is was has had will would said says told who which that".split())
_EN_DAYS_MONTHS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december""".split()
)


_LEADING_SKIP = frozenset("auch sogar selbst nur zudem außerdem und aber doch so".split())


def _np_backward(toks: list[_Tok], s: int, verb: int) -> tuple[int, int] | None:
    """Subject before a verb-second finite verb, or None if the sentence
    opens with an adverbial (then the subject follows the verb)."""
    i = s
    while i < verb and (toks[i].text in _QUOTE_CHARS or toks[i].text in "-–—"):
        i += 1
    # dateline "SEOUL:" or "Berlin (dpa) -"
    for k in range(i, min(verb, i + 6)):
        if toks[k].text == ":" and k + 1 < verb:
            i = k + 1
            break
    while i < verb and toks[i].low in _LEADING_SKIP:
        i += 1
    if i >= verb:
        return None
    first = toks[i]
    if (
        first.low == "von"
        and verb - i == 3
        and toks[i + 1].low in ("der", "dem")
        and toks[i + 2].cap
        and toks[i + 2].low not in lex.NP_STOP
    ):
        return (i, verb)  # "Von der Leyen betonte": a surname, not an adverbial
    if (
        first.low in lex.PREPOSITIONS
        or first.low in lex.ADVERBS
        or first.low in lex.SUBORD_COMPLEMENT
    ):
        return None
    if first.low in ("es", "dies", "das", "daher", "damit", "hier", "dort") and verb - i == 1:
        return None
    if first.low in lex.NOT_SPEECH_COMPLEMENT:
        return None
    if first.text[0].isdigit() and verb - i <= 3:
        return None
    if first.low in lex.PRONOUNS_DE and verb - i == 1:
        return (i, verb)
    end = verb
    while end > i and (
        toks[end - 1].text in ",;" or toks[end - 1].low in lex.ADVERBS or toks[end - 1].low in _AUX
    ):
        end -= 1
    if end <= i:
        return None
    if (
        end - i >= 3
        and toks[end - 1].low in lex.PRONOUNS_DE
        and toks[end - 2].low in ("und", "aber", "oder", "doch")
    ):
        return (end - 1, end)  # "Ich sammle die Ideen und ich kann nicht erklären, …"
    u = next((k for k in range(end - 2, max(i, end - 31), -1) if toks[k].low == "und"), None)
    if (
        u is not None
        and (toks[u + 1].low in lex.DETERMINERS or toks[u + 1].cap)
        and any(
            t.text[:1].islower()
            and t.low not in lex.DETERMINERS
            and t.low not in lex.PREPOSITIONS
            and not _adj_like(t)
            for t in toks[max(i + 1, u - 30) : u]
        )
    ):
        # "Die Polizei nahm zwei Männer fest und die Staatsanwaltschaft erklärte":
        # a clause before "und", so the subject is what follows it
        i = u + 1
    # the segment must contain a name or noun
    if not any(t.cap for t in toks[i:end]) and not (
        first.low in lex.PRONOUNS_DE or first.low in lex.PRONOUNS_EN or first.low in lex.DETERMINERS
    ):
        return None
    if end - i > 30:
        return None
    return (i, end)


_SUBORD_CLAUSE = frozenset(
    "wie als da weil wo nachdem während obwohl dass daß ob wenn sobald indem wobei bevor "
    "seit seitdem sodass obgleich weshalb weswegen "
    "die der das dem den denen deren dessen welche welcher welches wonach".split()
)
_RELATIVE = frozenset("die der das dem den denen deren dessen welche welcher welches".split())
# articles that open an object after the relative pronoun "der" (which is then the subject)
_NOT_NOMINATIVE_AFTER_DER = frozenset("die das den einen eine alle ihre seine ihren seinen".split())
# what a passive report can be found in ("In dem Papier wird festgehalten, dass …")
_DOCUMENTS = (
    *lex.SOURCE_NOUN_SUFFIXES,
    "memorandum", "papier", "dokument", "schreiben", "brief", "urteil", "beschluss",
    "vertrag", "entwurf", "gutachten", "resolution", "abkommen", "antrag", "protokoll",
    "stellungnahme", "interview", "rede", "erklärung", "bericht", "programm", "manifest",
)
# subordinators that open a sentence only as subordinators ("Nachdem erste Ermittlungen
# ergeben hatten, dass …"; not "während"/"seit", also prepositions, nor "da"/"wo")
_OPENING_SUBORD = frozenset("nachdem obwohl weil wenn sobald indem bevor seitdem obgleich".split())


def _verb_final_opening(toks: list[_Tok], cs: int, cue: _Cue) -> bool:
    """``Während Shakira erklärte, …``: ``während``/``seit`` open a clause (not a
    phrase, ``Während der Sitzung erklärte er``) when its verb ends it before a comma."""
    return (
        toks[cs].low in ("während", "seit")
        and cue.i + 1 < len(toks)
        and toks[cue.i + 1].text == ","
        and cue.i - cs <= 8
        and not any(t.text in _PUNCT for t in toks[cs:cue.i])
    )


# A participle, adjective or adverb opening a sentence before the verb
# ("Relativierend", "Abschließend", "Besorgt äußerte sich …", "Sinngemäß",
# "Offiziell", "Darüber hinaus").
_SENTENCE_ADVERB = re.compile(
    r"[A-ZÄÖÜ][a-zäöüß]{3,}(?:end|[elr]nd)"  # not a name ending in -nd ("Wieland", "Roland")
    r"|[A-ZÄÖÜ][a-zäöüß]+(?:lich|isch|gemäß|mäßig|weise)"
    r"|(?:Be|Ge|Er|Ver|Ent|Zer)[a-zäöüß]+t"
    r"|Offiziell|Aktuell|Generell|Speziell|Eventuell|Darüber|Hierüber|Außerdem|Zudem"
)
# Words before the phrase that make it an adverbial, not a subject ("Als Begründung gab er an").
_NOT_SUBJECT_BEFORE = frozenset("als".split())
# two-word adverbials that open a sentence before the verb (never a speaker)
_ADVERBIAL_PAIRS = frozenset(
    [
        "des weiteren",
        "im übrigen",
        "im folgenden",
        "im gegenzug",
        "im anschluss",
        "zum beispiel",
        "stand heute",  # "Stand heute gehe ich nicht davon aus, dass …"
    ]
)


def _not_subject(toks: list[_Tok], np: tuple[int, int]) -> bool:
    """Is the phrase before a verb an adverbial rather than its subject?"""
    a, b = np
    if _SENTENCE_ADVERB.fullmatch(toks[a].text) and (b - a == 1 or toks[a + 1].text[:1].islower()):
        return True
    if a + 1 < len(toks) and f"{toks[a].low} {toks[a + 1].low}" in _ADVERBIAL_PAIRS:
        return True  # "Des Weiteren verwies Steinbrück darauf": the subject follows the verb
    if " ".join(t.low for t in toks[a : a + 3]) in ("alles in allem", "nach wie vor"):
        return True  # "Alles in allem kann man sagen, dass …"
    if (
        toks[a].low in ("anfang", "ende", "mitte")
        and a + 1 < b
        and (toks[a + 1].low in ("der", "des", "dieses", "nächster") or toks[a + 1].low
             in lex.MONTHS_AND_DAYS or toks[a + 1].text.isdigit())
    ):
        return True  # "Anfang der Woche hatte die IOM bekannt gegeben, …": a time
    return a > 0 and toks[a - 1].low in _NOT_SUBJECT_BEFORE


# Words that open an object or addressee, never a subject ("Den Flüchtlingen sicherte er zu").
_OBJECT_FIRST = frozenset("den einen einem ihn ihm ihnen mich mir uns euch".split())


def _fronted_object(toks: list[_Tok], np: tuple[int, int]) -> bool:
    """Is the phrase before the verb an object, not the subject?

    ``Den Flüchtlingen``, ``Dem Spiegel``, ``ihm``; also ``der`` with an ending
    ``-en`` after it (``Der englischsprachigen Zeitung sagte X``, ``Der
    Vorsitzenden``): feminine dative or genitive, never a nominative.
    """
    first = toks[np[0]].low
    if first in _OBJECT_FIRST or first == "dem":
        return True
    return (
        first == "der"
        and np[1] - np[0] >= 3
        and toks[np[0] + 1].low.endswith("en")
        and not toks[np[0] + 1].text.isupper()
    )


# Capitalised adverbs and prepositions that, inside a phrase after a capitalised word, start
# the sentence a heading was glued to ("Engagement Deutschlands Bereits im Dezember …").
_RESTART_WORDS = (lex.ADVERBS | lex.PREPOSITIONS) - frozenset(("von", "vom", "zu", "of", "in"))


# A capitalised article inside a German phrase starts a sentence whose predecessor lost its end
# (MT/scrape damage: "Nordkorea KoreaDie staatliche Nachrichtenagentur KCNA meldete …", glued
# words repaired to "Nordkorea Die staatliche …").
_CAP_ARTICLES = frozenset(
    ("Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einer", "Eines", "Einem", "Einen")
)


def _age_noun(toks: list[_Tok], j: int) -> bool:
    """Is ``toks[j]`` an age used as a noun (``der 81-Jährige sagte``, ``die 35-jährige in
    einem Interview``), not an attribute before its noun (``der 81-jährige Rentner``)?"""
    w = toks[j].low
    if not re.fullmatch(r"\d+-jährige[nr]?", w):
        return False
    nxt = toks[j + 1] if j + 1 < len(toks) else None
    return nxt is None or not (nxt.cap or _adj_like(nxt))


def _speaker_for_cue(toks: list[_Tok], cue: _Cue, s0: int) -> tuple[int, int] | None:
    """Speaker token span for a verb cue.

    German: a capitalised article after the phrase's first word and before a lower-case word
    (``Nordkorea Die staatliche Nachrichtenagentur KCNA``) starts the speaker; the words before
    it end a sentence whose full stop was lost.  A title such as ``Die Welt`` (no lower-case word
    after the article) is left alone.
    """
    np = _speaker_np(toks, cue, s0)
    if np is None or cue.en:
        return np
    a, b = np
    if toks[a].low == "dem" and a >= 2 and toks[a - 1].low in ("die", "der") and (
        toks[a - 2].text == ","
    ):
        # "Stimmen, die dem Kardinal vorwerfen, …": the relative pronoun is the
        # subject, the dative after it the addressee
        return None
    for k in range(a + 2, min(b, cue.i)):
        if (
            toks[k].cap
            and toks[k].low in _RESTART_WORDS
            and toks[k - 1].text not in _PUNCT
            and toks[k - 1].text not in _QUOTE_CHARS
            and toks[k - 1].cap
        ):
            # "Engagement Deutschlands Bereits im Dezember hatte Merkel verkündet": a
            # heading glued to the sentence; the sentence starts at "Bereits"
            return _speaker_np(toks, cue, k)
    for k in range(a + 1, b - 1):
        if (
            toks[k].text in _CAP_ARTICLES
            and toks[k + 1].text[:1].islower()
            and toks[k - 1].text not in _PUNCT
            and toks[k - 1].text not in _QUOTE_CHARS
        ):
            return (k, b)
    return np


def _speaker_np(toks: list[_Tok], cue: _Cue, s0: int) -> tuple[int, int] | None:
    """Speaker token span for a verb cue (before the lost-sentence-start cut)."""
    fin = _finite_index(toks, cue)
    if fin > cue.i:
        fin = cue.i
    en = cue.en
    if not en and cue.lemma == "zitieren" and fin == cue.i:
        # "Die Zeitung zitiert einen Augenzeugen mit den Worten: „…“": who is
        # quoted speaks, not who quotes (passive "X wird … zitiert" is found below)
        k = cue.i + 1
        while k < len(toks) and toks[k].low in ("dazu", "hierzu", "damals", "auch", "nun"):
            k += 1
        np = _np_forward(toks, k, len(toks))
        if (
            np is not None
            and np[1] < len(toks)
            and (toks[np[1]].low == "mit" or toks[np[1]].text in ":,")
            and toks[np[0]].low not in ("ihn", "ihm", "es", "uns", "mich", "dich", "euch")
        ):
            return np
    if not en and fin - 2 > s0 and toks[fin - 1].text == ")":
        # "Renate Schmidt (SPD) äußerte Vorbehalte": the party belongs to the subject
        p = fin - 2
        while p > s0 and toks[p].text != "(" and fin - p < 8:
            p -= 1
        if toks[p].text == "(":
            c2 = p - 1
            while c2 >= s0 and toks[c2].text not in ",;:()" and toks[c2].text not in _QUOTE_CHARS:
                c2 -= 1
            np = _np_backward(toks, c2 + 1, p)
            if np is not None and np[1] == p and not _not_subject(toks, np):
                return (np[0], fin)
    # the clause the finite verb stands in
    cs = fin - 1
    while cs >= s0 and toks[cs].text not in ",;:()":
        if toks[cs].text in ("’", "'") and cs - 1 >= s0 and toks[cs - 1].text in ("O", "D"):
            cs -= 1  # "Michael O’Leary": an apostrophe inside an Irish or Italian name
        elif toks[cs].text in _QUOTE_CHARS:
            # "Die Zeitung „Yemen Observer“ berichtet": a quoted name inside the subject
            o = cs - 1
            while o >= s0 and cs - o <= 6 and toks[o].text not in _QUOTE_CHARS + ",;:":
                o -= 1
            if not (
                o >= s0
                and toks[o].text in _QUOTE_CHARS
                and all(t.cap or t.text.isdigit() for t in toks[o + 1 : cs])
            ):
                break
            cs = o
        cs -= 1
    cs += 1
    if cue.lemma == "verlauten":
        # "Aus Militärkreisen verlautete, …", "wie aus Regierungskreisen verlautete":
        # the source is the "aus" phrase
        a = next((k for k in range(fin - 1, cs - 1, -1) if toks[k].low == "aus"), None)
        np = _np_forward(toks, a + 1, fin) if a is not None else None
        if a is not None and np is not None:
            return (a, np[1])
        # "ließ der Pressedienst verlauten": the subject of "lassen", found below
    if cue.lemma == "hervorgehen":
        # "Wie aus einer Verlautbarung der ISAF hervorgeht, …", "Aus dem Bericht geht
        # hervor, dass …": the source is what the "aus" phrase names; no other speaker
        a = None
        for k in range(fin - 1, s0 - 1, -1):
            if toks[k].text in ",;:":
                break
            if toks[k].low == "aus":
                a = k
        np = _np_forward(toks, a + 1, len(toks)) if a is not None else None
        if a is None or np is None:
            return None
        # "aus einem Bericht": the dative article opens no speaker, the noun does
        return (a + 2 if toks[a + 1].low in _OBJECT_FIRST else a + 1, np[1])
    if cs < fin and not en:
        first = toks[cs]
        k = cs + 1
        if first.low in lex.PREPOSITIONS and k < fin and toks[k].low in _RELATIVE:
            first, k = toks[k], k + 1  # "von dem X sagen"
        v2_als = (
            first.low == "als" and cs == s0 and fin + 1 < len(toks) and toks[fin + 1].text != ","
        )  # "Als Begründung gab er an, …": "als" opens the sentence, not a clause
        if (
            first.low in _SUBORD_CLAUSE
            and (
                cs > s0
                or first.low in ("wie", "als", "wonach")
                or first.low in _OPENING_SUBORD
                or _verb_final_opening(toks, cs, cue)
            )
            and not v2_als
        ):
            # verb-final clause: the subject stands between subordinator and verb
            while k < fin and (
                toks[k].low in lex.ADVERBS
                or (toks[k].low == "unter" and k + 1 < fin and toks[k + 1].low == "anderem")
                or (toks[k].low == "anderem" and toks[k - 1].low == "unter")
            ):
                k += 1  # "denen unter anderem Rafael Correa vorwirft, …"
            if cue.i + 1 < len(toks) and toks[cue.i + 1].low in _PASSIVE_AUX:
                # "Nachdem dieser von Moderator X gefragt wurde, …": the agent speaks
                v = next((m for m in range(k, cue.i) if toks[m].low in ("von", "vom")), None)
                return _np_forward(toks, v + 1, cue.i) if v is not None else None
            np = _np_forward(toks, k, fin)
            if (
                np is not None
                and first.low == "der"
                and toks[np[0]].low in _NOT_NOMINATIVE_AFTER_DER
                and not (cs - 2 >= s0 and toks[cs - 1].text == "," and toks[cs - 2].text[:1].islower())
            ):
                # "Heinz Patzelt, der die Absichten Sobotkas als fragwürdig bezeichnete":
                # "der" is the subject, the phrase after it the object
                return (cs, cs + 1)
            if np is not None:
                return np
            if first.low in _RELATIVE and k == fin:
                # the relative pronoun itself ("Ägypten, das vorschlug"), as SpkAtt
                # marks it; none when a verb stands before the comma, so that its
                # antecedent is unclear ("… Ermittlungen eingeleitet, die ergaben")
                if cs - 2 >= s0 and toks[cs - 1].text == "," and toks[cs - 2].text[:1].islower():
                    return None
                return (k - 1, k)
    if (
        not en
        and fin - 1 > s0
        and toks[fin - 1].low == "zu"
        and cs > s0
        and toks[cs - 1].text == ","
        and (
            toks[cs].low == "um"
            or any(t.low == "sich" for t in toks[s0 : cs - 1])
        )
    ):
        # "X beeilte sich, gegenüber Journalisten zu erklären, …", "…, um zu
        # betonen, dass …": the infinitive's subject is the sentence's subject
        np = _np_backward(toks, s0, _first_verbish(toks, s0, cs - 1))
        if np is not None and np[0] == s0:
            return np
    if fin - 1 >= s0 and toks[fin - 1].low in ("und", "sowie", "and"):
        # "Kim hat versprochen, …, und erklärt, …": the sentence's subject
        s1 = s0
        if not en and toks[s0].low in ("auch", "sogar", "selbst", "nur") and s0 + 1 < fin:
            s1 = s0 + 1  # "Auch der Minister sprach sich dagegen aus und sagte, …"
        np = _np_backward(toks, s1, _first_verbish(toks, s1, fin))
        if np is not None and any(t.low in ("dass", "daß", "ob") for t in toks[np[0] : np[1]]):
            return None  # "Sie wisse, dass …, hatte X gesagt und … verwiesen": no phrase
        if np is not None:
            return np
        if not en and (toks[s0].low in lex.PREPOSITIONS or toks[s0].low in ("dies", "das")):
            # "In seiner Stellungnahme befand der Premier X … und nannte den Angriff
            # „…“", "Dies wollte die Schülerin nicht akzeptieren und gab vor, …": the
            # subject after the first verb; the phrase after "nannte" is its object
            pp = _np_forward(toks, s0 + 1, fin) if toks[s0].low in lex.PREPOSITIONS else None
            v = pp[1] if pp is not None else (s0 + 1 if toks[s0].low in ("dies", "das") else fin)
            if v + 1 < fin and toks[v].text[:1].islower() and toks[v].low not in lex.NP_STOP:
                np = _np_forward(toks, v + 1, fin)
                if np is not None and toks[np[0]].low not in _OBJECT_FIRST:
                    return np
            return None
    if en:
        np = _extend_list(toks, s0, _np_backward_en(toks, cs, fin))
        if np is not None:
            return np
        if fin - 1 >= s0 and toks[fin - 1].text == ",":
            np = _np_before_comma_en(toks, s0, fin - 1)
            if np is not None:
                return np
        # English inverts subject and verb only in a reporting tail ("…,” said
        # Cho"; ", said the office"); elsewhere the word after the verb starts
        # what was said ("stated that …", "said publicly …")
        if fin - 1 >= s0 and (toks[fin - 1].text == "," or toks[fin - 1].text in _QUOTE_CHARS):
            return _np_forward(toks, fin + 1, len(toks), en=True)
        return None
    if (
        fin - 1 >= s0
        and toks[fin - 1].text == ","
        and fin + 1 < len(toks)
        and toks[fin + 1].low in lex.PRONOUNS_DE
        and toks[fin + 1].low != "es"
    ):
        # "Es komme vor, sagte er, dass …": the inverted subject, not the clause before
        return (fin + 1, fin + 2)
    if fin - 1 >= s0 and toks[fin - 1].text == ",":
        # "Mira Rapp-Hooper, die leitende Direktorin …, sagte"
        np = _np_backward(toks, s0, fin)
        if np is not None and any(t.low in ("dass", "daß", "ob") for t in toks[np[0] : np[1]]):
            np = None  # "Sie wisse, dass …, hatte X gesagt": reported speech, no subject
        if np is not None and fin - 2 > np[0] and toks[fin - 2].text[:1].islower():
            # "Deiss, der sich … entschlossen hatte, sagte": a relative clause, not an apposition
            comma = next((k for k in range(np[0] + 1, fin - 1) if toks[k].text == ","), None)
            if (
                comma is not None
                and toks[comma + 1].low in _RELATIVE
                and not (toks[np[0]].low in lex.DETERMINERS and not any(
                    t.cap and t.low not in lex.NP_STOP for t in toks[np[0] + 2 : comma]
                ) and fin - 1 - np[0] <= 14)
            ):
                # (a description keeps its relative clause: "Die Organisation, die im
                # Gazastreifen regiert, erklärte" -- it says which organisation)
                np = (np[0], comma)
    else:
        np = _extend_list(toks, s0, _np_backward(toks, cs, fin))
        if not en:
            np = _unclosed_apposition(toks, s0, np)
    if np is not None and _not_subject(toks, np):
        np = None  # "Relativierend sagte der Minister": the adverb is no subject
    if np is not None and cue.lemma != "zitieren" and _is_passive(toks, cue):
        np = None  # "Die Bürger wurden aufgefordert, …": the subject is addressed
    if np is not None and toks[fin - 1].text != "," and _fronted_object(toks, np):
        np = None  # "Den Flüchtlingen sicherte der Präsident zu": a fronted object
    if (
        np is not None
        and not en
        and np[1] == fin
        and np[1] - np[0] > 1
        and fin + 1 < len(toks)
        and toks[fin + 1].low in ("er", "ich", "wir")
    ):
        # "Einer Anfechtung räumte er keine Chance ein": a nominative pronoun right
        # after the verb is the subject, the phrase before it an object
        return (fin + 1, fin + 2)
    if np is not None:
        return np
    if _is_passive(toks, cue):
        if toks[s0].low in ("in", "im") and fin - s0 <= 8:
            # "In einem Memorandum wird … festgehalten, dass …": the document (as in
            # "In X heißt es"), without its dative article, which opens no speaker
            if fin == s0 + 2 and toks[s0 + 1].low in ("diesem", "dieser", "diesen"):
                return (s0 + 1, fin)  # "In diesem wird festgehalten, dass …"
            np = _np_forward(toks, s0 + 1, fin)
            if np is not None and np[1] == fin:
                a = np[0]
                if toks[a].low in ("einem", "einer", "dem", "den") and fin - a > 1:
                    a += 1
                head = next((t.low for t in toks[a:fin] if t.cap), toks[a].low)
                if head in ("diesem", "dieser", "diesen") or head.endswith(_DOCUMENTS):
                    return (a, fin)
        # "Die Einwohner wurden von israelischen Behörden angewiesen, …": the agent
        v = next(
            (m for m in range(fin + 1, cue.i) if toks[m].low in ("von", "vom")),
            None,
        )
        if v is not None and not en:
            np = _np_forward(toks, v + 1, cue.i)
            if np is not None and np[1] == cue.i:
                return np
        return None
    start = fin + 1
    while start < len(toks) and (
        toks[start].low in ("sich", "auch") or (toks[start].low in lex.ADVERBS and not en)
    ):
        start += 1  # "Besorgt äußerte sich auch Kofi Annan", "meldeten dann die Agenturen"
    return _np_forward(toks, start, len(toks))


def _unclosed_apposition(
    toks: list[_Tok], s0: int, np: tuple[int, int] | None
) -> tuple[int, int] | None:
    """The whole subject when the comma that closes its apposition is lost.

    ``Die Chefjuristin der Regierung, Anabella Morfin verwies darauf`` /
    ``Dolkun Isa, der Sekretär des Weltkongresses sagte``: the clause of the verb
    starts after the only comma, so the phrase found is the second half; when
    the sentence opens with a noun phrase up to that comma, and one of the two
    halves is a description (an article first), both are the speaker.
    """
    if np is None:
        return np
    a = np[0]
    if a - 2 >= s0 and toks[a - 1].low in lex.DETERMINERS and toks[a - 2].text == ",":
        a -= 1  # "…, der Sekretär": the article was read as a relative pronoun
    comma = a - 1
    if comma - s0 < 1 or toks[comma].text != "," or comma - s0 > 10 or np[1] - a > 10:
        return np
    if _np_forward(toks, s0, comma) != (s0, comma) or _np_forward(toks, a, np[1]) != (a, np[1]):
        return np  # "Lorenz, die für ihre Mandantin … fordert": a relative clause
    if not (toks[s0].low in lex.DETERMINERS or toks[a].low in lex.DETERMINERS):
        return np
    if any(t.low in ("und", "sowie", "oder") or t.text in _QUOTE_CHARS for t in toks[s0 : np[1]]):
        return np
    return (s0, np[1])


def _first_verbish(toks: list[_Tok], s0: int, limit: int) -> int:
    """Rough position of the first finite verb: first lower-case non-function
    word after the sentence's opening noun phrase."""
    np = _np_forward(toks, s0, limit)
    if np is None:
        return limit
    return min(np[1], limit)
