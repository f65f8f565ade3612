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

The word-level lexicon tests live in :mod:`lagebild.enrich.names_lexicon`, the tests on one
span in :mod:`lagebild.enrich.names_spans`, the type a name takes in
:mod:`lagebild.enrich.names_types`, the passes over an article's list of spans in
:mod:`lagebild.enrich.names_context`, the rules' switches in :mod:`lagebild.enrich.names_rules`
(``RULES``, asked through ``on``); :func:`filter_spans` here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lagebild.enrich import names_rules as _rules
from lagebild.enrich.names_context import (
    _acronym_paren,
    _all_after_in,
    _bei_place,
    _extend_for,
    _extend_initials,
    _first_name_join,
    _inner_possessive,
    _join_cut_names,
    _join_org_place,
    _place_particle,
    _surname_place,
    _tokens,
    _town_adjective_only,
)
from lagebild.enrich.names_confidence import low_confidence
from lagebild.enrich.names_genitive import round13
from lagebild.enrich.names_companies import round14
from lagebild.enrich.names_english_caps import round15
from lagebild.enrich.names_english_heads import english_heads
from lagebild.enrich.names_english_headlines import english_headlines
from lagebild.enrich.names_english_persons import english_persons
from lagebild.enrich.names_english_products import english_products
from lagebild.enrich.names_english_titles import english_titles
from lagebild.enrich.names_english_types import round16
from lagebild.enrich.names_english_venues import english_venues
from lagebild.enrich.names_layout import layout_labels
from lagebild.enrich.names_products import brand_product
from lagebild.enrich.names_cues import (
    _club_context,
    _article,
    _country_code,
    _person_place_join,
    lone_persons_without_cue,
    role_lead_word,
)
from lagebild.enrich.names_lexicon import (
    LEADING_FUNCTION_WORDS,
    _AGENT_NOUN,
    _DETERMINERS,
    _WORD,
    _agent_noun,
    _compound_head,
    _declines,
    _declines_strongly,
    _gazetteer_word,
    _inflected_adjective,
    _inflected_noun,
    _knows_lowercase,
    _knows_noun,
    _lower_word,
    _nominal_infinitive,
    _noun_compound_of_known,
    _noun_with_s,
    _plural_of_noun,
    _simplemma,
    _two_noun_compound,
)
from lagebild.enrich.names_repairs import _hyphen_role_head, round11
from lagebild.enrich.names_spans import (
    _ACRONYM,
    _ADJECTIVE_FORM,
    _BARE_INSTITUTION,
    _COLLECTIVE_PLURAL,
    _COUNCIL_ROLE,
    _PLACE_END,
    _POSSESSIVE,
    _after_determiner,
    _caps_heading,
    _cut_role_lead,
    _fragment,
    _function_word_only,
    _genitive_before_noun,
    _genitive_of,
    _hyphen_noun,
    _place_lead,
    _role_lead,
    _role_noun,
    _sentence_initial,
    _split_at_slash,
    is_common_noun,
)
from lagebild.enrich.names_types import (
    _LOC_APPOSITION,
    _MISC_APPOSITION,
    _ORG_APPOSITION,
    _ORG_APPOSITION_MORE,
    _clubs_by_place,
    _context_label,
    _list_types,
    _one_type_per_name,
    _person_follows,
)


__all__ = ["filter_spans", "is_common_noun", "LEADING_FUNCTION_WORDS"]


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
        # ("Menschenunwürdige Betriebskonzepte": an adjective and a noun name no one;
        # "Apropos Farben": a sentence's first word glued on)
        if (
            lab == "PER"
            and len(parts) >= 2
            and not (_rules.on("role_short_head") and parts[0].lower() in LEADING_FUNCTION_WORDS)
            and not _inflected_adjective(parts[0])
            # ("Ganztagsschulen Bildungschancen": a plural before a noun, no name)
            and not (_rules.on("inflected_lead") and _inflected_noun(parts[0]))
        ):
            surnames.add(parts[-1])
    # the surfaces of the article's full person names each word begins or ends
    begins: dict[str, set[str]] = {}
    ends: dict[str, set[str]] = {}
    for full in [*full_names, *(text[a:b] for a, b, lab in spans if lab == "PER")]:
        parts = full.split()
        if len(parts) >= 2:
            begins.setdefault(parts[0], set()).add(" ".join(parts))
            ends.setdefault(parts[-1], set()).add(" ".join(parts))

    persons = set(ends) | {text[a:b] for a, b, lab in spans if lab == "PER"}
    # where each surname comes from: a full name given by the caller, or a person's span
    # (a word that ends only the span it stands in -- "Spaltpilz Gentechnik" -- is no
    # surname of someone else)
    given_ends = {p.split()[-1] for p in full_names if len(p.split()) >= 2}
    end_spans: dict[str, list[tuple[int, int]]] = {}
    for a, b, lab in spans:
        if lab == "PER" and len(text[a:b].split()) >= 2:
            end_spans.setdefault(text[a:b].split()[-1], []).append((a, b))

    def surname_elsewhere(word: str, start: int, end: int) -> bool:
        """*word* ends a full person name other than the span around *start*..*end*."""
        if not _rules.on("self_surname"):
            return word in surnames
        return word in given_ends or any(
            not (a <= start and end <= b) for a, b in end_spans.get(word, ())
        )

    def other_persons(start: int, end: int) -> set[str]:
        """The person names of the article other than the span at *start*..*end* itself."""
        own = " ".join(text[start:end].split())
        return {p for p, fulls in ends.items() if fulls - {own}} | {
            text[a:b] for a, b, lab in spans if lab == "PER" and (a, b) != (start, end)
        }

    def glued_persons(first: str, second: str) -> bool:
        """``Niessl Doskozil``: both end other full names, neither begins one."""
        own = {f"{first} {second}"}
        if _knows_noun(first) or _knows_noun(second):
            return False  # "Googles Smartphone"
        return (
            bool(ends.get(first, set()) - own)
            and bool(ends.get(second, set()) - own)
            and (not begins.get(first, set()) - own)
        )

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

    spans = _join_org_place(text, _join_cut_names(text, sorted(spans)))
    if _rules.on("org_for"):
        spans = _extend_for(text, spans)
    if _rules.on("slash_split"):
        spans = _split_at_slash(text, spans)
    if _rules.on("list_type"):
        spans = _list_types(text, spans)
    out: list[tuple[int, int, str]] = []
    for start, end, label in spans:
        if _rules.on("en_possessive_inner"):
            cut = _inner_possessive(text, start, end, persons)
            if cut is False:
                continue  # "Trends Are 'Terrifying": a headline's words up to a quote
            if cut is not None:
                start, end, label = cut[0], cut[1], cut[2] or label
        # trailing English possessive: "Hillary Clinton’s"
        m = _POSSESSIVE.search(text[start:end])
        if m and end - start - len(m.group()) >= 2:
            end -= 2 if m.group()[:1] in "'’" else 1
        # a name does not run over a sentence's end: "Oviedo. Tore" (an abbreviation
        # before a dot is shorter: "St. Pölten", "Prof.")
        m = re.search(r"[^\W\d_]{5}\.\s", text[start:end])
        if m:
            end = start + m.end() - 2
        toks = _tokens(text, start, end)
        # a name's genitive before the common noun it governs: "Russlands Teamstürmer",
        # "Djokovics Hauptrivalen", "Sarkozys konservative Partei", "Googles Software"
        # -> the name (the article has it bare, or the gazetteer knows it)
        if _rules.on("genitive_lead") and len(toks) >= 2:
            first = text[toks[0][0] : toks[0][1]]
            rest = [text[a:b] for a, b in toks[1:]]
            if (
                first.endswith("s")
                and len(first) >= 4
                and (_genitive_of(text, first) or _gazetteer_word(first[:-1]))
                and (
                    (
                        _knows_noun(rest[-1])
                        and (_declines(rest[-1]) or _plural_of_noun(rest[-1]) or len(rest[-1]) >= 10)
                    )
                    or _compound_head(rest[-1]) is not None  # "Teamstürmer"
                )
                and all(w[:1].islower() or _knows_noun(w) or _compound_head(w) for w in rest)
                # ("Österreichisches Museum für Volkskunde": an adjective, no genitive)
                and not _ADJECTIVE_FORM.search(first.lower())
                and not _inflected_adjective(first)
                # ("„Wickerts Bücher“": a title in quotes is a name)
                and not re.search(r"[\"„“»‚']\s?$", text[max(0, start - 2) : start])
            ):
                end = toks[0][1] - 1
                toks = [(toks[0][0], end)]
                if first[:-1] in persons:
                    label = "PER"
        if label == "PER" and toks:
            # a German genitive: "Rudolf Hundstorfers", "Merkels"; "Niessls Gunst" (the
            # noun the genitive governs glued on) -> the name without "s", when the
            # article also has that form on its own
            if len(toks) >= 2 and _knows_noun(text[toks[-1][0] : toks[-1][1]]):
                prev = text[toks[-2][0] : toks[-2][1]]
                if _genitive_of(text, prev) and prev[:-1] in persons:
                    toks = toks[:-1]
                    end = toks[-1][1]
            last = text[toks[-1][0] : toks[-1][1]]
            # (alone, only of a person the article names: "Smartphones" is a noun's form)
            if (_genitive_of(text, last) and (len(toks) >= 2 or last[:-1] in persons)) or (
                _genitive_before_noun(text, last) and not _knows_noun(last)
            ):
                end -= 1
                toks[-1] = (toks[-1][0], end)
            # a surname glued to the common noun after it: "Wehrschütz Bargeld", "Mozart
            # Österreicher" (the first word ends another full name, the second none)
            if (
                _rules.on("noun_tail")
                and len(toks) == 2
                and text[toks[0][0] : toks[0][1]] in persons
                and not _knows_noun(text[toks[0][0] : toks[0][1]])  # "Peter Pilz"
                and bool(ends.get(text[toks[0][0] : toks[0][1]], set()) - {text[start:end]})
                and _knows_noun(text[toks[1][0] : toks[1][1]])
                and not ends.get(text[toks[1][0] : toks[1][1]], set()) - {text[start:end]}
            ):
                toks = toks[:1]
                end = toks[0][1]
            # two persons glued: "Niessl Doskozil", both surnames of full names here
            if len(toks) == 2 and glued_persons(
                text[toks[0][0] : toks[0][1]], text[toks[1][0] : toks[1][1]]
            ):
                for a, b in toks:
                    out.append((a, b, label))
                continue
        # leading function words: "Doch Djokovic", "Said Comey"; a quantifier or a
        # possessive: "Mehrere Versicherer", "Seine Frau Anna"
        while len(toks) >= 2 and (
            text[toks[0][0] : toks[0][1]].lower() in LEADING_FUNCTION_WORDS
            or (
                _rules.on("lead_determiner")
                and text[toks[0][0] : toks[0][1]].lower() in _DETERMINERS
                and text[toks[0][0] : toks[0][1]][1:].islower()
            )
        ):
            toks = toks[1:]
            start = toks[0][0]
        if (
            _rules.on("role_council")
            and label == "PER"
            and len(toks) >= 2
            and _COUNCIL_ROLE.match(text[toks[0][0] : toks[0][1]].lower())
        ):
            toks = toks[1:]
            start = toks[0][0]  # "Kreisbrandrat Thomas Wimmer"
        # a role or relation noun glued before a name: "Konkurrent Fortinet", "Mitgründer
        # von Runtastic", "Elektroautobauer Tesla", "Markit-Chefökonom Chris Williamson"
        role_cut = False
        if _rules.on("role_lead") and label in ("PER", "ORG"):
            if len(toks) == 1:
                w = text[toks[0][0] : toks[0][1]]
                if label == "PER" and "-" in w and _role_lead(w) == "per":
                    continue  # "Markit-Chefökonom" alone is no person
            elif (
                # the cheap test first: other_persons reads every name of the article
                toks  # (a span with no word at all: "1798 ." of OCR text)
                and _role_lead(text[toks[0][0] : toks[0][1]]) is not None
                and (cut := _cut_role_lead(text, toks, label, other_persons(start, end))) is not None
            ):
                toks, label = cut
                start = toks[0][0]
                # "Club-Boss Nasser Al-Khelaifi": what is left is a name, cut nothing more
                role_cut = _rules.on("role_short_head")
        # a genitive or plural common noun before a name governs it: "Yachtklubs Neusiedl",
        # "Nachbarstaaten Slowenien", "Bündnispartners Partei"
        while (
            _rules.on("inflected_lead")
            and len(toks) >= 2
            and _inflected_noun(text[toks[0][0] : toks[0][1]])
            and text[toks[1][0] : toks[1][1]][:1].isupper()
        ):
            toks = toks[1:]
            start = toks[0][0]
        # a common noun the article also uses as one ("der Kater" ... "Kater Robby",
        # "Pharao Tutanchamun") before a person's name is no first name
        if _rules.on("noun_lead") and label == "PER" and len(toks) >= 2:
            first = text[toks[0][0] : toks[0][1]]
            if (
                first[1:].islower()
                and _knows_noun(first)
                and _declines(first)
                and text[toks[1][0] : toks[1][1]][:1].isupper()
                and any(_after_determiner(text, p) for p in uses.get(first, ()))
            ):
                toks = toks[1:]
                start = toks[0][0]
        # a leading agent noun before a person's name: "Regulator Boltz"; a noun
        # compound ("Bildungsökonom Wößmann", "Exanwalt Gerald Toifl") or a plural
        # ("Lobbyisten Meischberger") is never a first name either
        after_role = False
        if label == "PER" and len(toks) >= 2:
            first = text[toks[0][0] : toks[0][1]]
            if (
                _agent_noun(first)
                or _role_noun(first)
                or (_rules.on("role_lead_more") and role_lead_word(first))
            ):
                toks = toks[1:]
                start = toks[0][0]
                after_role = True  # "Landeshauptmann Platter": a name follows a role
            elif not role_cut and (
                # a compound noun with a plural of its own ("Lockenkopf Dudamel",
                # "Komfortzone Strugl"; first names are no compounds of two nouns: "Benjamin",
                # "Hermann") or an inflected adjective ("Gebürtiger Bosnier", "Grüne Peter
                # Pilz") is no first name
                (
                    (
                        "-" not in first
                        and _two_noun_compound(first, shortest=7, modifier=3)
                        and _declines_strongly(first)
                    )
                    or _inflected_adjective(first)
                )
                and text[toks[1][0] : toks[1][1]][:1].isupper()
                and len(text[toks[1][0] : toks[1][1]]) >= 2
            ):
                toks = toks[1:]
                start = toks[0][0]
        if not toks:
            continue
        # "Sprecher von Angela Merkel" with the role cut above: the name after "von"
        if (
            _rules.on("role_lead")
            and after_role
            and len(toks) >= 2
            and text[toks[0][0] : toks[0][1]] in ("von", "vom")
        ):
            toks = toks[1:]
            start = toks[0][0]
        # a leading apposition noun glued on: "Meinungsforschungsinstitut Alco",
        # "Luxus-Einkaufszentrum Foxtown" (the name after it is one the lexicon lacks)
        if len(toks) >= 2:
            first = text[toks[0][0] : toks[0][1]]
            second = text[toks[1][0] : toks[1][1]]
            if (
                len(first) >= 10
                and not _PLACE_END.search(first.lower())  # "Krumpendorf Verteilerzentrum"
                and (
                    _declines(first)
                    # (the head of a word the lexicon lacks only after a hyphen:
                    # "Christopher" is no compound of "-pher")
                    or ("-" in first and _declines(_compound_head(first) or ""))
                    or _ORG_APPOSITION.search(first.lower()) is not None
                )
                and second[:1].isupper()
                and len(second) >= 2  # "Christopher B. Landon": an initial follows a first name
                and not _knows_noun(second)
                # a person's long first name may be in the lexicon ("Christopher"): for PER
                # only a hyphenated noun or an apposition head
                and (
                    label != "PER"
                    or "-" in first
                    or _ORG_APPOSITION.search(first.lower()) is not None
                    or _LOC_APPOSITION.search(first.lower()) is not None
                )
                and not _ACRONYM.match(first)
            ):
                toks = toks[1:]
                start = toks[0][0]
        # a sentence's first word, an adjective or another word the lexicon knows only in
        # lower case, glued before a noun: "Schöne Ironie entspinnt sich", "Nächstes Finale"
        if (
            _rules.on("initial_adjective_lead")
            and label == "PER"
            and len(toks) >= 2
            and _sentence_initial(text, toks[0][0])
        ):
            first = text[toks[0][0] : toks[0][1]]
            low = first.lower()
            if (
                first[1:].islower()
                and len(first) >= 4
                and text[toks[1][0] : toks[1][1]][:1].isupper()
                and (
                    _inflected_adjective(low)
                    or (
                        _simplemma is not None
                        and not _knows_noun(first)
                        and _simplemma.is_known(low, lang="de")
                        and _simplemma.lemmatize(low, lang="de")[:1].islower()
                    )
                )
            ):
                toks = toks[1:]
                start = toks[0][0]
                rest = text[toks[0][0] : toks[0][1]]
                if len(toks) == 1 and (_knows_noun(rest) or _compound_head(rest) is not None):
                    continue  # an adjective and a common noun: no name ("Wilde Crash-Fantasien")
        # a kind of place glued before a place's name: "Zielland Österreich", "Bergdorf
        # Raggal", "Einwandererviertel Jardins de LEmpereur" (not a declining noun after it)
        if _rules.on("place_lead") and len(toks) >= 2:
            first = text[toks[0][0] : toks[0][1]]
            second = text[toks[1][0] : toks[1][1]]
            if (
                second[:1].isupper()
                and len(second) >= 2
                and not _declines(second)
                and _place_lead(first)
            ):
                toks = toks[1:]
                start = toks[0][0]
                label = "LOC"
        # a kind of thing or body glued before a name the model took for a person or a
        # place: "Herbizid Glyphosat", "Action-Rollenspiel Vampyr" (the name after it, a
        # named thing), "Alpinpolizei Axams", "Bergrettung Axams" (the body's whole name)
        if _rules.on("thing_apposition") and label in ("PER", "LOC") and len(toks) >= 2:
            first = text[toks[0][0] : toks[0][1]]
            second = text[toks[1][0] : toks[1][1]]
            low = first.lower()
            if (
                len(first) >= 6
                and first[:1].isupper()
                and second[:1].isupper()
                and len(second) >= 2
                and (_knows_noun(first) or _compound_head(first) is not None)
            ):
                if _MISC_APPOSITION.search(low):
                    toks = toks[1:]
                    start = toks[0][0]
                    label = "MISC"
                elif label == "PER" and _ORG_APPOSITION_MORE.search(low):
                    label = "ORG"
        # a trailing plural glued on: "Mascheranos Clubkameraden"
        if label == "PER" and len(toks) >= 2:
            last = text[toks[-1][0] : toks[-1][1]]
            # a long word (a compound) or the head of one the lexicon lacks; a short
            # known word may be a surname ("Christian Drosten")
            if _knows_noun(last):
                lhead = last if len(last) >= 10 else None
            else:
                lhead = _compound_head(last)
            if lhead is not None and _plural_of_noun(lhead):
                toks = toks[:-1]
                end = toks[-1][1]
        end = _extend_initials(text, start, end)
        # a first name the model left before a middle initial: "Colette | M. Schmidt"
        if label == "PER" and re.match(r"[A-ZÄÖÜ]\.\s", text[start : start + 3]):
            m = re.search(
                r"(?<![\w\-])([A-ZÄÖÜ][a-zäöüßéèáíó]+)[ ]$", text[max(0, start - 30) : start]
            )
            if m and not _knows_lowercase(m.group(1)) and not _declines(m.group(1)):
                start -= len(m.group())
        words = [text[a:b] for a, b in _tokens(text, start, end)]
        if not words:
            continue
        if _rules.on("fragment") and _fragment(text[start:end]):
            continue  # "Wasser stand in der Nacht": a piece of a sentence
        label = _context_label(text, start, end, label, words)
        if (
            label == "PER"
            and len(words) == 1
            and words[0] not in surnames
            and re.search(r"(?<![\w\-])[Ii]n $", text[max(0, start - 4) : start])
        ):
            label = "LOC"  # "In Newquay erlitt", "In Meknes, seiner Heimatstadt": a place
        elif (
            _rules.on("in_place")
            and label == "PER"
            and 2 <= len(words) <= 3
            and re.search(r"(?<![\w\-])[Ii]n $", text[max(0, start - 4) : start])
            and not ends.get(words[-1], set()) - {" ".join(words)}
            # (not a genitive before what it governs: "in Michael Jacksons „Black or White“")
            and not (words[-1].endswith("s") and re.match(r"\s+[„\"\w]", text[end : end + 3]))
            and _all_after_in(text, text[start:end])
        ):
            label = "LOC"  # "Krankenhaus in Marat Numan": a person is never "in" anyone
        if _rules.on("amount_span") and re.search(
            r"\d,\d|\s(?:Cent|Euro|Prozent|Dollar|Franken)$", text[start:end]
        ):
            continue  # "kostet eine Kilowattstunde Strom 3,17 Cent": an amount, no name
        if _rules.on("truncated_compound") and re.match(
            r"-\s+(?:und|oder|bzw\.?|sowie)\s", text[end : end + 12]
        ):
            continue  # "Forscher der San-Luis-Obispo- und der ...-Universität": a compound's part
        if re.search(r"\s\d", text[start:end]):
            pass  # "Formel 1", "Welle 1": a word with a number is a name
        elif len(words) == 1:
            w = words[0]
            if (
                label == "PER"
                and _declines(w)
                and w not in surnames
                and _person_follows(spans, end)
            ):
                continue  # "meinte Mitspieler | Ezequiel Lavezzi": a role, not a name
            if _rules.on("caps_heading") and _caps_heading(w):
                continue
            if _rules.on("bare_institution") and w.lower() in _BARE_INSTITUTION:
                continue  # "laut Polizei", "Armee ließ Pérez fallen": a common noun
            if _rules.on("hyphen_noun") and _hyphen_noun(text, w, label):
                continue  # "Android-Umfeld", "Premium-Anspruch": a thing, no name
            if _rules.on("hyphen_role_head") and _hyphen_role_head(w, label):
                continue  # "Porto-Coach", "Antenne-Radios": a role or kind, no name
            if _rules.on("initial_word") and _function_word_only(text, w):
                continue  # "Populär", "Dominiert": a sentence's first word, not a name
            if (
                _rules.on("lone_adjective")
                and label in ("PER", "LOC")
                and w not in surnames
                and _inflected_adjective(w)
                and not _gazetteer_word(w)
            ):
                continue  # "Südkoreas Nationaler Sicherheitsberater": an adjective alone
            if (
                _rules.on("nominal_infinitive")
                and label in ("PER", "MISC")
                and w not in surnames
                and not after_role
                and _nominal_infinitive(w)
            ):
                continue  # "Artikulieren kann das S. nicht", "Lächeln oder Glucksen": a verb
            if (
                _rules.on("lone_town_adjective")
                and label in ("LOC", "PER")
                and w not in surnames
                and _town_adjective_only(text, w)
            ):
                continue  # "der Sofioter Justiz": a town's adjective, not the town
            if (
                _rules.on("collective_plural")
                and label != "PER"
                and _COLLECTIVE_PLURAL.search(w)
                and _plural_of_noun(w)
                and not _gazetteer_word(w)
            ):
                continue  # "Rüstungsunternehmen, Winzereien und Immobilien": a plural noun
            if label == "PER" and (
                (w in surnames and surname_elsewhere(w, start, end)) or after_role
            ):
                pass  # "Kohl" of "Helmut Kohl"
            elif _rules.on("lower_piece") and label == "PER" and _lower_word(w):
                continue  # "im rosa Leiberl und Jeans", "Auto Backup": a common word
            elif (
                _rules.on("lone_noun_person")
                and label == "PER"
                and w[1:].islower()
                and _knows_noun(w)
                and _declines(w)
                and not _gazetteer_word(w)  # "Bosnier": a demonym resolve maps to its country
            ):
                continue  # "Tore", "Urlaub", "Blogger": a declining noun, no one's name
            elif (
                _rules.on("lone_known_person")
                and label == "PER"
                and w[1:].islower()
                and _knows_noun(w)
                and _simplemma.lemmatize(w, lang="de")
                not in (w, w[:-1] if w[-2:-1] in "aeiouy" else "")
            ):
                # "Debüts", "Instagrams": an inflected form of a known noun ("Messis", a
                # name's genitive after a vowel, stays)
                continue
            elif label == "PER" and (_noun_with_s(w) or _two_noun_compound(w)):
                continue  # "Zustands", "Hooligans", "Märchensammler": no one's name
            elif (
                _rules.on("lone_compound_person")
                and label == "PER"
                and _noun_compound_of_known(w)
                and not _gazetteer_word(w)
            ):
                continue  # "Jobverlust", "Strafhöhe", "Multiverkehrsmittelbenutzer"
            elif noun(w, label):
                continue
        elif label == "PER" and all(_knows_noun(w) or w.istitle() for w in words):
            last = words[-1]
            if _AGENT_NOUN.search(last.lower()) and _knows_noun(last):
                continue  # "Missions Spezialist"
        elif (
            _rules.on("town_adjective_plural")
            and label == "LOC"
            and len(words) == 2
            and words[0].endswith("er")
            and words[0][1:].islower()
            and _knows_noun(words[-1])
            and _plural_of_noun(words[-1])
        ):
            continue  # "in Sofioter Justizkreisen": a town's adjective and a plural noun
        elif (
            label in ("ORG", "LOC")
            and words[0].endswith("er")
            and words[0][1:].islower()
            and (label == "ORG" or not _plural_of_noun(words[-1]))  # "Brüsseler Militärkreisen"
        ):
            pass  # "Wiener Linien", "Kölner Hauptbahnhof": a town's adjective names a body or place
        elif all(_knows_noun(w) and noun(w, label) for w in words):
            continue
        out.append((start, end, label))
    # round 11: links, glue, cut persons, persons typed as things, clubs (names_repairs)
    lone = {text[a:b] for a, b, lab in out if lab == "PER" and " " not in text[a:b]}
    out = round11(text, out, surnames | lone, set(ends))
    if _rules.on("place_particle"):
        out = _place_particle(text, out)
    if _rules.on("surname_place"):
        out = _surname_place(text, out, surname_elsewhere)
    if _rules.on("acronym_paren"):
        out = _acronym_paren(text, out)
    if _rules.on("first_name_join"):
        out = _first_name_join(text, out, ends)
    if _rules.on("person_place_join"):
        out = _person_place_join(text, out)
    if _rules.on("country_code"):
        out = _country_code(text, out)
    if _rules.on("club_context"):
        out = _club_context(text, out)
    out = _one_type_per_name(text, _clubs_by_place(text, out))
    if _rules.on("bei_place"):
        out = _bei_place(text, out, surnames)
    if _rules.on("lone_person_cue") and _article(text):
        # "von Siri", "berichtet Kotaku": a one-word "person" with no sign of a person
        lone = {
            (a, b)
            for a, b, lab in out
            if lab == "PER"
            and " " not in text[a:b]
            and text[a:b] not in begins
            and not (text[a:b] in surnames and surname_elsewhere(text[a:b], a, b))
        }
        drop = lone_persons_without_cue(text, {text[a:b] for a, b in lone}, out)
        out = [s for s in out if not (s[:2] in lone and text[s[0] : s[1]] in drop)]
    out = low_confidence(text, out)  # round 12: names the BiLSTM doubts (names_confidence)
    out = brand_product(text, out)  # round 12: "Apple Watch" beside "Apple"
    out = layout_labels(text, out)  # round 12b: "STANDARD:", "DER", "Jano – Sprangler"
    out = round13(text, out)  # round 13: genitive names, result lists (names_genitive)
    out = round14(text, out)  # round 14: companies typed PER, one-word genitives
    out = round15(text, out)  # round 15: "Twitter" PER, "300 Mark", "(1700 UTC)", "dem STANDARD"
    out = round16(text, out)  # round 16, English only: "the NRA", "companies such as Pfizer"
    out = english_headlines(text, out)  # round 17: "Maria Hinojosa Explained", "TALIBAN CLOSING"
    out = english_persons(text, english_heads(text, out))  # round 17: "Staff Huma Abedin"
    out = english_titles(text, out)  # round 17: "Fox and Friends", "[Bloomberg.]"
    out = english_venues(text, out)  # round 18: "Oval Office" ORG, "Select Committee | on X"
    out = english_products(text, out)  # round 19: "Chips Ahoy" PER, "Trump Organization" MISC
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
