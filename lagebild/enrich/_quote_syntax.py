"""Token-level rules shared by :mod:`lagebild.enrich.quotes`.

Tokens, lemmas (simplemma), direct-quote spans, Konjunktiv and zu-infinitive
tests and speech cue detection; the speaker noun-phrase heuristics are in
:mod:`lagebild.enrich._quote_phrases`.  Private: the public entry
point is :func:`lagebild.enrich.quotes.find_quotes`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from lagebild.enrich import _quote_lex as lex


# simplemma, remembered (shared with the names guard); without it, suffix rules below
from lagebild.enrich._lemmas import SIMPLEMMA as _simplemma


# --------------------------------------------------------------------------
# Tokens

# a web address is one word ("tagesschau.de", "GGG.at": a source's name)
_TOKEN = re.compile(r"\w+(?:[-‐'’]\w+)*(?:\.(?:de|com|at|ch|org|net|eu|info)(?!\w))*-?|[^\w\s]")


@dataclass(slots=True)
class _Tok:
    text: str
    start: int
    end: int
    low: str
    cap: bool


def _tokens(text: str, start: int, end: int) -> list[_Tok]:
    out = []
    for m in _TOKEN.finditer(text, start, end):
        t = m.group(0)
        out.append(_Tok(t, m.start(), m.end(), t.lower(), t[:1].isupper()))
    return out


# decisions and plans report what was said only in the active voice ("hat entschieden,
# …"), not as a participle of a passive or a comparison ("ist geplant", "wie vereinbart")
_DECISION_LEMMAS = frozenset("entscheiden beschließen planen anbieten vereinbaren".split())
_DECISION_PARTICIPLES = frozenset("entschieden beschlossen geplant angeboten vereinbart".split())
_HABEN = frozenset("hat haben hatte hatten habe hätte hätten".split())
_LASSEN = frozenset("ließ ließen lässt lassen ließe".split())

# participles that simplemma reads as adjectives ("hat entschieden")
_PARTICIPLE_LEMMAS = {"entschieden": "entscheiden"}


@lru_cache(maxsize=65536)
def _lemma(word: str) -> str:
    if _simplemma is not None:
        low = _simplemma.lemmatize(word, lang="de").lower()
        return _PARTICIPLE_LEMMAS.get(low, low)
    low = word.lower()
    for suf, rep in (("ten", "en"), ("te", "en"), ("t", "en"), ("e", "en")):
        if low.endswith(suf):
            return low[: -len(suf)] + rep
    return low


_PUNCT = set(".,;:!?…")
_QUOTE_CHARS = '„“”"»«‚‘’'
_END_PUNCT = ".!?…"


# --------------------------------------------------------------------------
# Step 1: direct quotes (character level)


@dataclass(slots=True)
class _Span:
    start: int  # first char inside the marks
    end: int  # end of the content (exclusive)
    open_at: int  # position of the opening mark
    close_at: int | None  # position of the closing mark (None: unclosed)


_PAIRS = {"„": '“”"', "»": "«", "«": "»", "“": "”", '"': '"', "‚": "‘’"}


def _is_stray_opener(para: str, i: int) -> bool:
    """An opening mark with nothing quotable after it (MT debris)."""
    j = i + 1
    n = len(para)
    while j < n and (para[j].isspace() or para[j] in _QUOTE_CHARS):
        j += 1
    if j >= n or para[j] in ",.;:)":
        return True
    # "…sein.“ „ sagte X": opener right after a closer, followed by lower case
    k = i - 1
    while k >= 0 and para[k].isspace():
        k -= 1
    if k >= 0 and para[k] in '“”"«»' and para[j].islower():
        return True
    return False


def _direct_spans(text: str) -> list[_Span]:
    """Spans inside paired quote marks of four words or more."""
    return _quoted_spans(text)[0]


def _quoted_spans(text: str) -> tuple[list[_Span], list[_Span]]:
    """Spans inside paired quote marks: those of four words or more, and those of one
    to three words (scare quotes and quoted fragments; not in ``‚…‘``)."""
    # two apostrophes as a quote mark (New York Times style, ``''Yes,'' he said``): read as
    # a straight double quote and a space, which keeps every offset; not where ",," opens
    # quotes (",,Ja'', sagte sie": there the two apostrophes close)
    if "''" in text and ",," not in text:
        text = text.replace("''", '" ')
    spans: list[_Span] = []
    pos = 0
    carry: _Span | None = None  # unclosed quote from the previous paragraph
    for para in text.split("\n"):
        n = len(para)
        i = 0
        open_i: int | None = None
        closers = ""
        if carry is not None:
            # continues only if this paragraph opens with a quote mark
            stripped = para.lstrip()
            if stripped[:1] in '„»«“"':
                open_i = n - len(stripped)
                closers = _PAIRS.get(stripped[0], "“”")
                i = open_i + 1
            else:
                spans.append(carry)
                carry = None
        while i < n:
            ch = para[i]
            if open_i is None:
                if ch in _PAIRS and not _is_stray_opener(para, i):
                    cl = _PAIRS[ch]
                    if ch == "“" and "”" not in para[i + 1 :]:
                        i += 1  # a German closing mark without opener
                        continue
                    if ch == "‚" and not any(c in para[i + 1 :] for c in cl):
                        i += 1
                        continue
                    if ch == '"' and '"' not in para[i + 1 :]:
                        i += 1
                        continue
                    open_i, closers = i, cl
            elif ch in closers:
                if carry is not None:
                    carry.end = pos + i
                    carry.close_at = pos + i
                    spans.append(carry)
                    carry = None
                else:
                    spans.append(_Span(pos + open_i + 1, pos + i, pos + open_i, pos + i))
                open_i = None
            i += 1
        if open_i is not None:
            # unclosed at paragraph end: content runs to the paragraph's end
            end = pos + len(para.rstrip())
            if carry is not None:
                carry.end = end
            else:
                carry = _Span(pos + open_i + 1, end, pos + open_i, None)
        elif carry is not None:
            spans.append(carry)
            carry = None
        pos += n + 1
    if carry is not None:
        spans.append(carry)
    out: list[_Span] = []
    shorts: list[_Span] = []
    for s in spans:
        inner = text[s.start : s.end]
        words = len(re.findall(r"\w+", inner))
        if words < 4:
            if words and text[s.open_at] != "‚":
                shorts.append(s)
            continue
        # strip white space inside the marks
        st, en = s.start, s.end
        while st < en and text[st].isspace():
            st += 1
        while en > st and text[en - 1].isspace():
            en -= 1
        out.append(_Span(st, en, s.open_at, s.close_at))
    return out, shorts


# --------------------------------------------------------------------------
# Sentence helpers


@dataclass(slots=True)
class _Sent:
    idx: int
    start: int
    end: int
    toks: list[_Tok]


def _is_konj(tok: _Tok, prev: _Tok | None) -> bool:
    w = tok.low
    if tok.cap and prev is not None:
        return False
    if w in lex.KONJ_FORMS:
        return not (prev is not None and prev.low == "ich")
    if len(w) > 3 and w.endswith("e") and not tok.cap:
        lem = _lemma(w)
        if (lem == w + "n" or (lem.endswith(("eln", "ern")) and w == lem[:-1] + "e")) and not (
            prev is not None and prev.low in ("ich", "die", "der", "das")
        ):
            return True
    return False


def _has_konj(toks: Sequence[_Tok]) -> bool:
    prev = None
    for t in toks:
        if _is_konj(t, prev):
            return True
        prev = t
    return False


_ZU_INFIX = re.compile(
    r"^(ab|an|auf|aus|bei|dar|durch|ein|fest|fort|her|heraus|herbei|hin|hinzu|los|mit|nach|"
    r"teil|um|vor|voran|vorbei|weg|weiter|wieder|zu|zurück|zusammen|zuvor|klar|bekannt|frei|"
    r"stand|statt|kennen|fern|offen|gut|hoch|nieder|über|unter|entgegen)zu\w{3,}(en|ern|eln)$"
)


def _has_zu_infinitive(toks: Sequence[_Tok]) -> bool:
    """A zu-infinitive clause ("das Recht zu haben", "anzusprechen")."""
    for k, t in enumerate(toks):
        if (
            t.low == "zu"
            and k + 1 < len(toks)
            and (toks[k + 1].low.endswith(("en", "ern", "eln")) or toks[k + 1].low == "sein")
            and not toks[k + 1].cap
        ):
            return True
        if _ZU_INFIX.match(t.low):
            return True
    return False


_KONJ2 = frozenset(
    "hätte hätten würde würden wäre wären könnte könnten müsste müssten müßte müßten "
    "dürfte dürften möchte gäbe".split()
)


def _has_konj1(toks: Sequence[_Tok]) -> bool:
    """A Konjunktiv I verb (reported speech), not a conditional Konjunktiv II."""
    prev = None
    for t in toks:
        if t.low not in _KONJ2 and _is_konj(t, prev):
            return True
        prev = t
    return False


def _reportive_sollen(toks: Sequence[_Tok]) -> bool:
    """Hearsay ``sollen`` with a perfect infinitive, the indicative's marker of reported
    speech (``Der Schriftführer soll Gelder veruntreut haben``, ``Außerdem sollen zehn
    Menschen verletzt worden sein``); not a plan (``Der Bär soll eingefangen werden``)
    nor a question or a condition (``Sollte …``)."""
    n = len(toks)
    k = next((k for k, t in enumerate(toks) if t.low in ("soll", "sollen")), None)
    if k is None or k == 0 or toks[-1].text == "?":
        return False
    # the clause of "soll": up to the next comma, colon, semicolon or sentence end
    e = k + 1
    while e < n and (
        (toks[e].text not in _PUNCT and toks[e].text not in _QUOTE_CHARS)
        or (
            toks[e].text == ","
            and toks[e - 1].text.isdigit()
            and e + 1 < n
            and toks[e + 1].text.isdigit()
        )
    ):
        e += 1  # "42,90 Euro": a decimal comma
    if e - k < 3:
        return False
    last, before = toks[e - 1].low, toks[e - 2].low
    if last not in ("haben", "sein"):
        return False
    # a past participle (or "worden"/"gewesen") right before the infinitive
    return before in ("worden", "gewesen") or (
        not toks[e - 2].cap and before.endswith(("t", "en")) and len(before) > 3
    )


def _clause_end(toks: list[_Tok], i: int) -> int:
    """Index of the first , . ; : ! ? or quote mark at or after ``i``."""
    n = len(toks)
    while i < n and toks[i].text not in _PUNCT and toks[i].text not in _QUOTE_CHARS:
        i += 1
    return i


@dataclass(slots=True)
class _Cue:
    i: int  # token index of the cue word (finite verb or participle)
    lemma: str
    particle: int | None = None  # token index of a separated particle
    en: bool = False
    learned: bool = False  # taken by the learned scorer (_quote_learned), not the word list


def _reflexive(toks: list[_Tok], i: int) -> bool:
    """Is there a ``sich`` in the clause of the verb at ``i`` (up to 8 words either side)?"""
    for rng in (range(i - 1, max(-1, i - 9), -1), range(i + 1, min(len(toks), i + 9))):
        for k in rng:
            if toks[k].text in _PUNCT:
                break
            if toks[k].low == "sich":
                return True
    return False


# an inflected past participle (ge- after an optional particle): attributive, never a cue
_ATTRIBUTIVE_PARTICIPLE = re.compile(r"[a-zäöü]*?ge[a-zäöüß]{2,}(?:te|ten|tes|ter|tem|ene|enen|enes|ener|enem)")

_CONCLUSION_NOUNS = frozenset("ergebnis schluss schluß fazit einschätzung überzeugung".split())


def _conclusion(toks: list[_Tok], i: int) -> bool:
    """Does ``zu dem Ergebnis`` / ``zum Schluss`` end the clause of ``kommen`` at ``i``
    before a comma and ``dass``?"""
    ce = _clause_end(toks, i + 1)
    nxt = ce + 2 if ce + 2 < len(toks) and toks[ce + 1].text in _QUOTE_CHARS else ce + 1
    return (
        nxt < len(toks)
        and toks[ce].text == ","
        and toks[nxt].low in ("dass", "daß")
        and ce - i <= 8
        and toks[ce - 1].low in _CONCLUSION_NOUNS
        and (toks[ce - 2].low == "zum" or (toks[ce - 3].low == "zu" and toks[ce - 2].low == "dem"))
    )


# "zeigte sich zufrieden": a stance stated in public, reported like speech
_STANCE_ADJ = frozenset(
    """zufrieden überzeugt erleichtert optimistisch zuversichtlich enttäuscht besorgt
    skeptisch empört erfreut überrascht schockiert entsetzt betroffen bestürzt""".split()
)


def _stance_after_sich(toks: list[_Tok], i: int) -> bool:
    """``zeigte sich`` with a stance adjective that closes its clause (before a comma,
    colon or the end): ``zeigte sich der Minister nach dem Spiel zufrieden``."""
    if i + 1 >= len(toks) or toks[i + 1].low != "sich":
        return False
    k = i + 2
    while k < len(toks) and k - i <= 14 and toks[k].text not in _PUNCT:
        k += 1
    return k - 1 > i + 1 and toks[k - 1].low in _STANCE_ADJ


def _find_cues(toks: list[_Tok], lang: str) -> list[_Cue]:
    cues = []
    # words the learned scorer may take (see _quote_learned), with the word's own lemma
    maybe: list[tuple[_Cue, str]] = []
    learned = None
    if lang != "en":
        from lagebild.enrich import _quote_learned  # the learned scorer imports this module

        if _quote_learned.ENABLED:
            learned = _quote_learned.learned_cues
    for i, t in enumerate(toks):
        if not t.text[0].isalpha():
            continue
        if lang == "en" or t.low in lex.SPEECH_VERBS_EN:
            lem_en = lex.SPEECH_VERBS_EN.get(t.low)
            if lem_en and (lang == "en" or t.low in ("said", "says", "told")):
                cues.append(_Cue(i, lem_en, en=True))
            if lang == "en":
                continue
        if t.cap and i > 0:
            continue
        if len(t.low) < 3:
            continue
        lem = _lemma(t.text)
        if (
            t.low == "hören"
            and i >= 3
            and toks[i - 1].low == "zu"
            and toks[i - 2].low in ("ist", "war", "sei")
            and any(x.low == "aus" for x in toks[max(0, i - 10) : i - 2])
            # "Aus dem Nebenzimmer war zu hören, wie jemand sang": heard, not said
            and not (i + 2 < len(toks) and toks[i + 2].low == "wie")
        ):
            # "Aus der Regierung ist zu hören, …": said as "verlautet aus", the source
            # is the "aus" phrase
            cues.append(_Cue(i, "verlauten", None))
            continue
        if lem == "zeigen" and not t.cap and _stance_after_sich(toks, i):
            # "X zeigte sich überzeugt, dass …", "„…“, zeigte sich der Trainer zufrieden."
            cues.append(_Cue(i, "sichzeigen", None))
            continue
        if lem == "geben" and i > 0 and toks[i - 1].low == "bekannt":
            # "wie der Verband am Montag bekannt gab", "hat … bekannt gegeben, dass"
            cues.append(_Cue(i, "bekanntgeben", None))
            continue
        if (
            _ATTRIBUTIVE_PARTICIPLE.fullmatch(t.low)
            and (t.low.startswith("ge") or t.low.split("ge", 1)[0] in lex.PARTICLES_DE)
            and (
                not t.low.endswith("ten")  # "gehalten", "gebeten": strong, uninflected
                or (i + 1 < len(toks) and toks[i + 1].cap)
            )
        ):
            continue  # "das von der Richtlinie geforderte", "die angekündigten Schritte"
        if lem == "anweisen" and any(
            toks[k].low in ("darauf", "ist", "sind", "war", "waren", "sei", "seien", "bin")
            for k in range(max(0, i - 4), i)
        ):
            continue  # "Alle sind darauf angewiesen, …": to depend on, no instruction
        if lem == "kommen" and _conclusion(toks, i):
            # "Das Gericht kam damit zu dem Ergebnis, dass …": a conclusion stated
            cues.append(_Cue(i, "folgern", None))
            continue
        if lem in ("ergeben", "entscheiden") and _reflexive(toks, i):
            # "ergibt sich, dass …": follows, nobody reports it; "hat sich X entschieden,
            # … zu": a course of action taken, not a statement
            continue
        if lem == "verbreiten" and not (
            t.low == "verbreiten"
            and any(toks[k].low in _LASSEN for k in range(max(0, i - 12), i))
        ):
            continue  # only "ließ X verbreiten, …", not "die verbreiteten Illusionen"
        if lem in _DECISION_LEMMAS and t.low in _DECISION_PARTICIPLES and not any(
            toks[k].low in _HABEN for k in range(max(0, i - 12), i)
        ):
            continue  # "ist … geplant", "wie vereinbart": a plan, not a reported decision
        if (
            lem == "entscheiden"
            and t.low != "entschieden"
            and not (
                i + 1 < len(toks) and toks[i + 1].text == "," and t.low.startswith("entschied")
            )
        ):
            # "hat entschieden, …", "entschied, dass …"; not "über X entscheiden",
            # "entscheidend", "entschiedene Ablehnung"
            continue
        if lem in _DECISION_LEMMAS and i + 1 < len(toks) and toks[i + 1].cap:
            continue  # "des vertraglich vereinbarten Versicherungsschutzes": attributive
        if t.cap:  # sentence-initial: only verbs ("Sagte er …" is rare)
            if lem == t.low:
                continue
        # separated particle at the end of the clause
        ce = _clause_end(toks, i + 1)
        if ce < len(toks) and toks[ce].text in _QUOTE_CHARS:
            # "wies den Vorwurf als „völlig haltlos“ zurück": a short quoted phrase
            # inside the clause, the particle after it
            close = next(
                (k for k in range(ce + 1, min(len(toks), ce + 8)) if toks[k].text in _QUOTE_CHARS),
                None,
            )
            if close is not None and close + 2 < len(toks) and toks[close + 1].text == "(":
                # "teilte das „Space Telescope Science Institute“ (STSI) mit": a short form
                shut = next(
                    (k for k in range(close + 2, min(len(toks), close + 6)) if toks[k].text == ")"),
                    None,
                )
                if shut is not None:
                    close = shut
            if (
                close is not None
                and close + 1 < len(toks)
                and toks[close + 1].low in lex.PARTICLES_DE
                and (close + 2 >= len(toks) or toks[close + 2].text in _PUNCT)
                and not any(toks[k].text in _PUNCT for k in range(ce + 1, close))
            ):
                ce = close + 2
        if ce < len(toks) and toks[ce].text == ",":
            # "teilte später der Direktor der Behörde, Bagus Puruhito, mit.": the
            # particle after a name apposition closed by a comma
            k = ce + 1
            while k < len(toks) and k - ce <= 4 and toks[k].cap:
                k += 1
            if (
                k > ce + 1
                and k + 1 < len(toks)
                and toks[k].text == ","
                and toks[k + 1].low in lex.PARTICLES_DE
                and (k + 2 >= len(toks) or toks[k + 2].text in _PUNCT)
            ):
                ce = k + 2
        part = None
        if (
            ce - 1 > i
            and toks[ce - 1].low in lex.PARTICLES_DE
            # "nennt den Vorgang ein „Musterbeispiel …“", "riet zu „Gelassenheit“", "warnte
            # vor „Panikmache“": an article or a preposition before a quote, no particle
            and not (ce < len(toks) and toks[ce].text in _QUOTE_CHARS)
        ):
            part = ce - 1
            full = toks[ce - 1].low + lem
            if full in lex.SPEECH_LEMMAS_DE:
                cues.append(_Cue(i, full, part))
            elif toks[ce - 1].low == "weiter" and lem in lex.SPEECH_LEMMAS_DE:
                # "X sagte weiter, dass …": "further", not a particle verb
                cues.append(_Cue(i, lem, None))
            elif learned is not None:
                maybe.append((_Cue(i, full, part), lem))
            continue
        if lem == "hervorgehen" and t.low.startswith("hervorgegangen"):
            continue  # "gestärkt aus der Saison hervorgegangen": an outcome, no source
        if lem in lex.SPEECH_LEMMAS_DE:
            cues.append(_Cue(i, lem, None))
        elif learned is not None:
            maybe.append((_Cue(i, lem, None), lem))
    if maybe and learned is not None:
        # the words the learned scorer takes for cues (quotes.py uses them only where no
        # rule finds a quote: a listed cue inside the reported clause does not stop them)
        for c in learned(toks, maybe):
            c.learned = True
            cues.append(c)
    return cues


_AUX = frozenset(
    "hat hatte haben hatten habe hätte hätten ist war sind waren sei wird wurde "
    "werden wurden würde würden werde soll sollte will wollte kann konnte muss "
    "musste ließ ließen lässt has had have is was were will would".split()
)
_PASSIVE_AUX = frozenset("wird wurde werden wurden worden".split())


def _finite_index(toks: list[_Tok], cue: _Cue) -> int:
    """The finite verb of the cue's clause: the cue itself or an auxiliary."""
    t = toks[cue.i]
    nxt = toks[cue.i + 1].text if cue.i + 1 < len(toks) else "."
    if (
        t.low.startswith("ge")
        or re.search(r"(ge\w+t|ge\w+en)$", t.low)
        or t.low.endswith("iert")
        or nxt in _PUNCT
        or nxt in _AUX
    ):
        participle = t.low.endswith(("t", "en"))
        for j in range(cue.i - 1, max(-1, cue.i - (20 if participle else 12)), -1):
            if toks[j].text == "." and j > 0 and toks[j - 1].text.isdigit():
                continue  # "vom 11. Februar": an ordinal inside the sentence
            if toks[j].text in _PUNCT or (cue.i - j > 12 and toks[j].text in "–-"):
                break  # far back only for a participle, and not over a dash
            if toks[j].low in _AUX:
                return j
    return cue.i


def _extend_list(toks: list[_Tok], s0: int, np: tuple[int, int] | None) -> tuple[int, int] | None:
    """Take the earlier members of a listed subject into the phrase.

    The clause of a verb starts after the last comma, so for "Seoul,
    Washington und Tokio erklärten" the phrase found is "Washington und
    Tokio"; when it holds a conjunction and only names (with articles) and
    commas stand before it back to ``s0``, they belong to it.
    """
    if np is None or np[0] - 1 < s0 or toks[np[0] - 1].text != ",":
        return np
    if not any(t.low in ("und", "sowie", "and") for t in toks[np[0] : np[1]]):
        return np
    start = np[0]
    k = start - 1  # a comma
    while k >= s0 and toks[k].text == ",":
        j = k - 1
        while j >= s0 and toks[j].cap and toks[j].low not in lex.NP_STOP and k - j <= 4:
            j -= 1
        if j >= s0 and toks[j].low in lex.DETERMINERS:
            j -= 1
        if j == k - 1 or not (j < s0 or toks[j].text == ","):
            break
        start, k = j + 1, j
    return (start, np[1])


# requests whose subject after "sein" + participle is the addressee ("ist aufgefordert")
_DIRECTIVE_LEMMAS = frozenset("auffordern aufrufen bitten anweisen".split())
_SEIN_FINITE = frozenset("ist sind war waren sei seien".split())


def _is_passive(toks: list[_Tok], cue: _Cue) -> bool:
    fin = _finite_index(toks, cue)
    if fin != cue.i and cue.i + 1 < len(toks) and toks[cue.i + 1].low == "worden":
        return True  # "war … festgestellt worden": the pluperfect passive
    if (
        fin != cue.i
        and cue.lemma in _DIRECTIVE_LEMMAS
        and toks[fin].low in _SEIN_FINITE
        and "ge" in toks[cue.i].low[:6]
    ):
        return True  # "Die Stadtverwaltung ist aufgefordert, …": the addressee, no speaker
    return fin != cue.i and toks[fin].low in _PASSIVE_AUX


def _adj_like(t: _Tok) -> bool:
    w = t.low
    return (
        not t.cap
        and w not in lex.NP_STOP
        and w not in lex.DETERMINERS
        and bool(re.search(r"(e|en|er|es|em|ste|sten)$", w))
        and w not in _AUX
    )


def _participle_attribute(toks: list[_Tok], j: int, n: int) -> int | None:
    """End of an attribute ``in New York geborene`` / ``am Montag gewählte`` that starts
    with the preposition at ``j`` between an article and its noun, or None.

    The phrase holds at most six words (capitalised words, articles, numbers) and ends in
    an inflected participle or adjective that a capitalised noun follows.
    """
    k = j + 1
    while k < n and k - j <= 6:
        t = toks[k]
        if (
            _adj_like(t)
            and t.low.endswith(("e", "en", "er", "es", "em"))
            and k > j + 1
            and (toks[k - 1].cap or toks[k - 1].text[0].isdigit())
        ):
            # the phrase ends with its noun before the participle ("in Rom geborene"; not
            # "in einer ersten Stellungnahme", a phrase of its own)
            if k + 1 < n and toks[k + 1].cap and toks[k + 1].low not in lex.NP_STOP:
                return k + 1
            return None
        if not (
            t.cap
            or t.low in lex.DETERMINERS
            or t.text[0].isdigit()
            # an adjective inside the phrase ("zur kalifornischen Stanford University gehörende")
            or (_adj_like(t) and k + 1 < n and toks[k + 1].cap)
        ):
            return None
        k += 1
    return None
