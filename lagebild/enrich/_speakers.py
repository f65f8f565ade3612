"""Speakers: confidence, abstention and speaker entities (steps 6 and 7 of
:mod:`lagebild.enrich.quotes`).

* :func:`_score_speakers` gives each speaker the estimated share of right
  speakers of the rule that found it (``evidence``; table and sources at
  :data:`_CONFIDENCE`), :func:`_abstain` drops
  speakers below :data:`SPEAKER_THRESHOLD`;
* :func:`resolve_speakers` links speaker spans to the article's entities;
* :class:`_Intervals` answers containment queries in logarithmic time, so that
  both stay near-linear in article length.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from lagebild.enrich import _quote_lex as lex
from lagebild.enrich._quote_chains import chain_confidence
from lagebild.enrich._quote_checks import document_source, possessive_source
from lagebild.enrich.resolve import find_whole_words
from lagebild.model import Entity, Quote

__all__ = ["SPEAKER_THRESHOLD", "resolve_speakers"]

# --------------------------------------------------------------------------
# Speaker confidence

#: Speakers below this confidence are not shown (see :func:`find_quotes`):
#: issue 11's precision target; on the table below it hides the rules that
#: carry a speaker over without a cue (training/quotes/calibrate_speakers.py).
SPEAKER_THRESHOLD = 0.9

_PRONOUNS = frozenset("er sie es ich wir man ihr he she they it we i".split())
_DESC_START = frozenset(
    "der die das den dem des ein eine einer eines einem einen the a an this these".split()
)

# Estimated share of right speakers per rule (speaker forms pooled).  Source:
# only data that may train a shipped model -- the order of the rules from
# SpkAtt-2023 *debates* train + dev (GePaDe-SpkAtt, Bundestag, CC BY-SA 4.0;
# shares shrunk towards the rule's class, anchored or carried), the scale
# from our own hand-written tests/data/eval/quotes_speakers_de.jsonl.
# Reproduce with training/quotes/calibrate_speakers.py.  SpkAtt-2023 *news*
# (CC BY-NC-SA) is only measured on, never calibrated on (docs/benchmarks.md):
# on news dev the shown speakers are right less often than these values say.
_CONFIDENCE: dict[str, float] = {
    "colon_name": 0.95,
    "complement": 0.96,
    "continuation": 0.8,
    "cue_before": 0.95,
    "heisst_es": 0.95,
    "intro_colon": 0.96,
    "intro_sentence": 0.95,
    "konjunktiv2_continuation": 0.75,
    "konjunktiv_after_direct": 0.81,
    "konjunktiv_continuation": 0.74,
    "konjunktiv_distant": 0.69,
    "reported": 0.96,
    "source_laut": 0.92,
    "source_nach Angaben": 0.92,
    "source_zufolge": 0.95,
    "statement_intro": 0.95,
    "tail_cue": 0.92,
    "tail_so": 0.95,
    "tail_subject": 0.95,
    "wie_front": 0.95,
    "wie_tail": 0.93,
}
#: Uncalibrated: English speakers (no English data that may be used for
#: calibration) and German rules missing from the table; set to the threshold,
#: so that they are shown.
_DEFAULT_CONFIDENCE = SPEAKER_THRESHOLD


def _speaker_form(speaker: str) -> str:
    """``pronoun``, ``description`` (a determiner or lower-case word first) or ``name``."""
    words = speaker.split()
    first = words[0].lower().strip("„“\"»«,") if words else ""
    if first in _PRONOUNS and len(words) <= 2:
        return "pronoun"
    if first in _DESC_START or (words and words[0][:1].islower()):
        return "description"
    return "name"


def _score_speakers(quotes: list[Quote], lang: str = "de") -> None:
    """Set ``confidence`` and add the speaker's form to the evidence (``tail_cue/name``).

    The table is German; English speakers get the default confidence until
    there is English data that may be used for calibration.
    """
    table = _CONFIDENCE if lang == "de" else {}
    for q in quotes:
        if q.speaker_start is None:
            q.confidence = 0.0
            continue
        rule = q.evidence or "other"
        key = f"{rule}/{_speaker_form(q.speaker_text or '')}"
        q.evidence = key
        q.confidence = table.get(key, table.get(rule, _DEFAULT_CONFIDENCE))
    chain_confidence(quotes, table.get("konjunktiv_continuation", _DEFAULT_CONFIDENCE))


# A speaker that is only one of these words names nobody unless resolved to an entity: it
# is shown only when :func:`resolve_speakers` found whom it refers to.
_BARE_PRONOUNS = _PRONOUNS | frozenset("du you who which this that one dies dieser diese".split())


def _drop_unresolved_pronouns(quotes: list[Quote]) -> None:
    """Drop a speaker that is a bare pronoun with no entity (``es``, ``man``, ``I``, ``who``).

    An analyst reads the speaker on the page: ``er`` or ``it`` without the person or group it
    refers to says nothing, ``es`` (``verlautete es``) and ``man`` are no speakers at all.  The
    quote stays, with its confidence and evidence, as an abstained speaker does.
    """
    for q in quotes:
        words = (q.speaker_text or "").split()
        if (
            q.speaker_start is not None
            and not q.speaker_entities
            and (
                len(words) == 1
                and words[0].strip("„“\"»«,.").lower() in _BARE_PRONOUNS
                or possessive_source(q)  # "nach ihrer Auffassung"
            )
        ):
            q.speaker_text = q.speaker_start = q.speaker_end = q.speaker_entity = None


def _abstain(quotes: list[Quote], threshold: float) -> None:
    """Drop the speaker of every quote whose confidence is below ``threshold``."""
    for q in quotes:
        if q.speaker_start is not None and q.confidence < threshold:
            q.speaker_text = q.speaker_start = q.speaker_end = q.speaker_entity = None
            q.speaker_entities = []


class _Intervals:
    """Half-open intervals sorted by start, for containment and overlap queries.

    Answers in ``O(log n + k)`` (``k`` the intervals reaching into the query),
    so that the quote finder stays near-linear in article length.
    """

    __slots__ = ("_ivs", "_starts", "_reach")

    def __init__(self, ivs: Iterable[tuple[int, int]]) -> None:
        self._ivs = sorted(ivs)
        self._starts = [a for a, _ in self._ivs]
        reach, m = [], -1
        for _, b in self._ivs:
            m = max(m, b)
            reach.append(m)
        self._reach = reach  # the furthest end of any interval up to here

    def _before(self, pos: int) -> int:
        return bisect.bisect_right(self._starts, pos) - 1

    def covers(self, pos: int) -> bool:
        """Is ``pos`` inside one of the intervals?"""
        i = self._before(pos)
        while i >= 0 and self._reach[i] > pos:
            if self._ivs[i][1] > pos:
                return True
            i -= 1
        return False

    def contains(self, a: int, b: int) -> bool:
        """Does one interval contain ``[a, b)``?"""
        i = self._before(a)
        while i >= 0 and self._reach[i] >= b:
            if self._ivs[i][1] >= b:
                return True
            i -= 1
        return False

    def max_overlap(self, a: int, b: int) -> int:
        """The largest overlap of ``[a, b)`` with one interval."""
        best = 0
        i = bisect.bisect_left(self._starts, b) - 1
        while i >= 0 and self._reach[i] > a:
            best = max(best, min(b, self._ivs[i][1]) - max(a, self._ivs[i][0]))
            i -= 1
        return best


# --------------------------------------------------------------------------
# Step 6: speaker entities


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s.strip().lower())


def resolve_speakers(text: str, quotes: list[Quote], entities: Sequence[Entity]) -> None:
    """Fill in ``speaker_entity`` and ``speaker_entities`` of each quote, in place.

    Rules, first match wins:

    0. a coordination of entity mentions inside the speaker span (``Seoul,
       Washington und Tokio``, ``Cho und Akiba``, ``sowohl Moskau als auch
       Pjöngjang``, ``die Sicherheitsberater der USA, Südkoreas und Japans``,
       ``Außenminister Blinken, Park und Kamikawa``) → the group of them;
    1. an entity mention overlapping the speaker span: a person named at its
       head (``Mira Rapp-Hooper, die Direktorin des Weißen Hauses``) or in an
       apposition (``der Berater der USA, Jake Sullivan``), else the longest
       overlap.  Names the NER missed count too when they are known forms of
       an entity of the article (see :func:`_extra_mentions`);
    2. a capital used as actor (``Seoul``) → the entity of its country if one
       is known (``Südkorea``), else the capital's own entity;
    3. ``er``/``sie`` (singular verb) → the speaker entity of the most recent
       earlier quote whose entity is a PER, else the last PER mentioned
       before the pronoun;
    3b. a singular description of one person's role (``der Minister``, ``die
       Kanzlerin``, ``der Vorsitzende``) → the person last named with a word
       ending in that role (``Bundesinnenminister Wolfgang Schäuble``, ``Karl
       Meier, der Vorsitzende des Vereins``), gender agreeing; none when two
       persons carry it (``Außenminister Lawrow … US-Außenminister Kerry``);
    4. a description whose head noun is in ``DESCRIPTION_HEADS`` (``das
       Büro``, ``das Präsidialamt``) → the most recent ORG mentioned before
       whose name contains a compatible word, else the entities of the most
       recent earlier quote whose speaker text contains one;
    5. a group speaker: a plural description (``die Länder``, ``die drei
       Länder``, ``die Staats- und Regierungschefs der drei Länder``, ``the
       leaders``), plural ``sie`` (plural verb) or ``they``, or a joint
       statement (``die gemeinsame Erklärung``, ``the joint statement``) → the
       most recent earlier *group*: a coordination of at least two entity
       mentions outside quoted content and not after a preposition (``Die
       USA, Südkorea und Japan verurteilten …``), or the group of an earlier
       quote.  A number word requires that size (``die drei Länder``: 3),
       state heads (``Länder``, ``countries``) only take groups without
       persons, pronouns only a group named within the last 600 characters,
       and a joint statement prefers the group of an earlier quote made in a
       statement (``In einer gemeinsamen Erklärung stellten die Länder …``).
       Without such a group: the speaker of the most recent earlier quote
       that has one (all its entities).

    Groups are resolved member by member: a capital becomes its country
    (rule 2), duplicates are dropped, the order is the order of naming.  A
    group quote's ``speaker_entity`` is its first member, ``speaker_entities``
    all members; a single speaker has ``speaker_entities == [speaker_entity]``.
    """
    mentions: list[tuple[int, int, Entity]] = []
    for e in entities:
        for m in e.mentions:
            mentions.append((m.start, m.end, e))
    mentions += _extra_mentions(text, entities, mentions)
    mentions.sort(key=lambda x: (x[0], -x[1]))
    by_name: dict[str, Entity] = {}
    for e in entities:
        for nm in [e.name, *e.aliases]:
            by_name.setdefault(_norm(nm), e)
    by_id = {e.id: e for e in entities}

    def country_entity(country: str) -> Entity | None:
        for alias in lex.COUNTRY_ALIASES.get(country, (country,)):
            if alias in by_name:
                return by_name[alias]
        return None

    def as_actor(e: Entity, surface: str) -> Entity:
        for form in (_norm(surface), _norm(e.name)):
            if form in lex.CAPITALS:
                return country_entity(lex.CAPITALS[form]) or e
        return e

    # groups named in the text, outside quoted content
    contents = [(q.start, q.end) for q in quotes]
    content_iv = _Intervals(contents)
    text_groups = [
        g
        for g in _coordinations(text, mentions, as_actor)
        if not content_iv.contains(g[0], g[1])
        and not _after_preposition(text, g[0])
        and re.match(r"\s*[„“\"»]?\s*[^\W\d_A-ZÄÖÜ]", text[g[1] : g[1] + 8])
    ]

    # indexes that keep every look-up below logarithmic or bounded
    m_starts = [m[0] for m in mentions]
    longest = max((m[1] - m[0] for m in mentions), default=0)
    persons = [m for m in mentions if m[2].type == "PER" and not content_iv.covers(m[0])]
    p_starts = [m[0] for m in persons]
    orgs = [m for m in mentions if m[2].type in ("ORG", "MISC")]
    org_by_key: dict[str, tuple[list[int], list[Entity]]] = {}

    def last_org(keys: tuple[str, ...], pos: int) -> Entity | None:
        """The ORG/MISC mentioned last before ``pos`` whose name holds one of ``keys``."""
        best: tuple[int, Entity] | None = None
        for k in keys:
            if k not in org_by_key:
                found = sorted(
                    ((me, e) for _ms, me, e in orgs if k in _norm(e.name)), key=lambda x: x[0]
                )
                org_by_key[k] = ([me for me, _ in found], [e for _, e in found])
            ends, ents = org_by_key[k]
            i = bisect.bisect_right(ends, pos)
            if i and (best is None or ends[i - 1] > best[0]):
                best = (ends[i - 1], ents[i - 1])
        return best[1] if best else None

    previous: list[Quote] = []
    for q in sorted(quotes, key=lambda q: q.start):
        q.speaker_entities = []
        if q.speaker_start is None or q.speaker_end is None:
            previous.append(q)
            continue
        if document_source(q):  # "laut Staatsschutzgesetz": a document, no actor
            q.evidence += "; a document, no entity"
            previous.append(q)
            continue
        a, b = q.speaker_start, q.speaker_end
        spk = _norm(q.speaker_text or "")
        words = spk.split()
        head = words[-1] if words else ""
        ent: Entity | None = None
        by_role = own = False
        group: list[Entity] = []
        # 0. a coordination inside the speaker span
        lo = bisect.bisect_left(m_starts, a)
        hi = bisect.bisect_left(m_starts, b, lo)
        inner = [m for m in mentions[lo:hi] if m[1] <= b]
        for gs, _ge, members in _coordinations(text, inner, as_actor):
            before = text[a:gs]
            if "," in before or any(ms < gs for ms, _me, _e in inner):
                continue
            if before.strip() and _after_preposition(text, gs):
                continue
            group = members
            break
        # 1. overlapping mention
        best: tuple[bool, int] = (False, 0)
        if not group:
            for ms, me, e in mentions[bisect.bisect_left(m_starts, a - longest) : hi]:
                ov = min(me, b) - max(ms, a)
                # a person named at the head or in an apposition wins
                # ("Mira Rapp-Hooper, die Direktorin des Weißen Hauses")
                lead = text[a:ms] if ms > a else ""
                at_head = e.type == "PER" and (
                    lead.rstrip().endswith(",") or ("," not in lead and len(lead.split()) <= 2)
                )
                key = (at_head, ov)
                if ov > 0 and (key > best or (key == best and e.type == "PER")):
                    best, ent = key, e
        # 1a. "nach eigenen Angaben", "eigener Aussage zufolge": the clause's own subject
        if not group and ent is None and words and words[0] in _OWN:
            ent = _own_subject(text, a, b, mentions, m_starts)
            if ent is not None:
                ent = as_actor(ent, text[a:b])
                own = True
        # 1b. a bare surname or given name the NER missed: a PER named so in the article
        if not group and ent is None and len(words) == 1 and (q.speaker_text or "")[:1].isupper():
            ent = _person_by_part(entities, words[0])
        # 2. capital as actor
        if not group and spk in lex.CAPITALS:
            ent = country_entity(lex.CAPITALS[spk]) or ent
        if not group and ent is None:
            plural_verb = _plural_cue(text, q)
            size = next((lex.GROUP_NUMBERS[w] for w in words if w in lex.GROUP_NUMBERS), None)
            statement = head in lex.STATEMENT_NOUNS
            joint = statement and any(w in lex.JOINT_WORDS for w in words)
            pronoun = spk in ("sie", "they") and (spk == "they" or plural_verb)
            plural_desc = (
                head in lex.GROUP_HEADS
                and words[0] not in _SINGULAR_DET
                and (head not in _AMBIGUOUS_NUMBER or words[0] in _PLURAL_DET or size)
            ) or (size is not None and len(words) <= 3 and head in lex.GROUP_NUMBERS)
            role = _role_description(words)
            if spk in ("er", "sie", "he", "she") and not pronoun:
                ent = _last_per(previous, persons, p_starts, a, by_id, text, spk)
            elif role is not None and (
                described := _described_person(text, persons, p_starts, a, *role)
            ):
                ent, by_role = described, True
            elif head in lex.DESCRIPTION_HEADS and not plural_desc:
                keys = tuple(lex.DESCRIPTION_HEADS[head])
                ent = last_org(keys, a)
                if ent is None:
                    # an earlier speaker described with a compatible word
                    # ("Das südkoreanische Präsidialamt sagte …" … "sagte das Büro")
                    for p in reversed(previous[-_LOOKBACK:]):
                        if p.speaker_entities and any(
                            k in _norm(p.speaker_text or "") for k in keys
                        ):
                            group = [by_id[i] for i in p.speaker_entities if i in by_id]
                            break
            elif statement or pronoun or plural_desc:
                if joint or pronoun or plural_desc:
                    group = _group_antecedent(
                        text,
                        a,
                        text_groups,
                        previous,
                        by_id,
                        size=size,
                        states=head in lex.STATE_HEADS,
                        near=600 if pronoun else None,
                        statement=joint,
                    )
                if not group:
                    for p in reversed(previous[-_LOOKBACK:]):
                        # plural "sie"/"they" never falls back on one person
                        # ("erklärten sie" is not the Bundespräsident's)
                        if p.speaker_entities and (
                            len(p.speaker_entities) >= 2 or not (pronoun or plural_desc)
                        ):
                            group = [by_id[i] for i in p.speaker_entities if i in by_id]
                            break
        if group:
            ids = list(dict.fromkeys(e.id for e in group))
            q.speaker_entity, q.speaker_entities = ids[0], ids
        elif ent is not None:
            q.speaker_entity, q.speaker_entities = ent.id, [ent.id]
        if q.speaker_entities and q.evidence:
            how = (
                "role" if by_role
                else "own statement (the clause's subject)" if own
                else _entity_evidence(spk, words, head, group, ent, mentions)
            )  # fmt: skip
            q.evidence += f"; entity by {how}"
        previous.append(q)


_OWN = frozenset("eigenen eigener eigene own".split())
_SENT_END = re.compile(r"[.!?]\s+(?=[„“\"»]?[A-ZÄÖÜ])")


def _own_subject(
    text: str, a: int, b: int, mentions: list[tuple[int, int, Entity]], m_starts: list[int]
) -> Entity | None:
    """The subject of the clause that reports "nach eigenen Angaben" (SpkAtt marks
    ``eigenen Angaben`` as the Source; the reader wants who it is): the last entity
    named before the phrase in its sentence, outside brackets and not after a
    preposition (``Nordkorea hat nach eigenen Angaben …``, ``… Marcel Lazar, der nach
    eigenen Angaben …``); when the phrase opens the sentence, the first one named after
    it (``Nach eigenen Angaben erhielt das Bundesamt für Verfassungsschutz …``).  None
    when the sentence names nobody there: no speaker rather than ``eigenen Angaben``."""
    start = 0
    for m in _SENT_END.finditer(text, max(0, a - 400), a):
        start = m.end()
    end_m = _SENT_END.search(text, b, b + 400)
    end = end_m.start() + 1 if end_m else min(len(text), b + 400)

    def usable(ms: int, me: int) -> bool:
        before = text[start:ms]
        return before.count("(") <= before.count(")") and not _after_preposition(text, ms)

    lo = bisect.bisect_left(m_starts, start)
    hi = bisect.bisect_left(m_starts, a)
    for ms, me, e in reversed(mentions[lo:hi]):
        if me <= a and usable(ms, me):
            return e
    if re.fullmatch(r"\s*(?:nach|laut|according to)?\s*", text[start:a], re.I):
        for ms, me, e in mentions[bisect.bisect_left(m_starts, b) :]:
            if ms >= end:
                break
            if usable(ms, me):
                return e
    return None


def _entity_evidence(spk, words, head, group, ent, mentions) -> str:
    """How :func:`resolve_speakers` found the entity, for a quote's ``evidence``."""
    if spk in ("er", "sie", "he", "she", "they"):
        return "pronoun"
    if group and len(group) > 1:
        return "group"
    if spk in lex.CAPITALS:
        return "capital"
    if head in lex.DESCRIPTION_HEADS or head in lex.GROUP_HEADS or head in lex.STATEMENT_NOUNS:
        return "description"
    return "name"


def _extra_mentions(
    text: str, entities: Sequence[Entity], mentions: list[tuple[int, int, Entity]]
) -> list[tuple[int, int, Entity]]:
    """Occurrences of known names the NER left out.

    Every capitalised surface form of an entity's mentions and, for persons,
    each name part that belongs to one person only (``Cho``, ``Akiba``,
    ``Rapp-Hooper``), found as whole words where no mention is.
    """
    forms: dict[str, Entity | None] = {}
    for e in entities:
        for m in e.mentions:
            if len(m.text) >= 3 and m.text[:1].isupper():
                forms.setdefault(m.text, e)
    parts: dict[str, set[str]] = {}
    for e in entities:
        if e.type == "PER":
            for part in e.name.split():
                if len(part) >= 3 and part[:1].isupper():
                    parts.setdefault(part, set()).add(e.id)
    by_id = {e.id: e for e in entities}
    for part, ids in parts.items():
        if part not in forms:
            forms[part] = by_id[next(iter(ids))] if len(ids) == 1 else None
    taken = sorted((a, b) for a, b, _ in mentions)
    starts = [a for a, _ in taken]
    out: list[tuple[int, int, Entity]] = []
    for a, b, form in find_whole_words(text, [f for f, e in forms.items() if e is not None]):
        i = bisect.bisect_right(starts, a)
        if (i > 0 and taken[i - 1][1] > a) or (i < len(taken) and taken[i][0] < b):
            continue
        ent = forms[form]
        if ent is not None:
            out.append((a, b, ent))
    return out


# How far back the resolution looks: quotes / groups, and characters.
_LOOKBACK = 200
_LOOKBACK_CHARS = 5000

_SINGULAR_DET = frozenset("der das ein eine einer eines einem einen dem des this a an".split())
_PLURAL_DET = frozenset("die alle beide beiden these those".split())
# German heads with the same singular and plural form: plural only after "die" or a number.
_AMBIGUOUS_NUMBER = frozenset(
    "minister außenminister sicherheitsberater politiker vertreter partner verbündeten".split()
)
_GROUP_GAP = re.compile(
    r"\s*(?:,\s*)?(?:(und|sowie|and|&|or|oder|als auch|as well as|wie auch)\s+)?"
    r"(?:(?:die|der|den|dem|des|the)\s+)?"
    r"(?:[A-ZÄÖÜ][\w.-]*\s+){0,3}",  # titles: "Biden, President Yoon and Prime Minister Kishida"
)


def _coordinations(
    text: str, mentions: list[tuple[int, int, Entity]], as_actor
) -> list[tuple[int, int, list[Entity]]]:
    """Coordinated entity mentions: ``(start, end, members)`` with >= 2 members.

    Neighbouring mentions joined by a comma and/or ``und``/``sowie``/``and``/
    ``als auch`` (an article may follow) form a chain; a chain counts when at
    least one link is a conjunction (a bare comma is an apposition: "der
    Berater der USA, Jake Sullivan").
    """
    # one mention per position: the longest
    ms: list[tuple[int, int, Entity]] = []
    for m in mentions:
        if ms and m[0] < ms[-1][1]:
            continue
        ms.append(m)
    out = []
    k = 0
    while k < len(ms):
        chain = [ms[k]]
        conj = False
        j = k + 1
        while j < len(ms):
            gap = text[chain[-1][1] : ms[j][0]]
            gm = _GROUP_GAP.fullmatch(gap)
            if not gap or gm is None or not ("," in gap or gm.group(1)):
                break
            conj = conj or bool(gm.group(1))
            chain.append(ms[j])
            j += 1
        members = list({id(e): e for e in (as_actor(e, text[s:t]) for s, t, e in chain)}.values())
        if conj and len(members) >= 2:
            out.append((chain[0][0], chain[-1][1], members))
            k = j
        else:
            k += 1
    return out


def _after_preposition(text: str, pos: int) -> bool:
    """Does a preposition stand right before ``pos`` ("in Seoul und Tokio")?"""
    m = re.search(
        r"(\w+)\s+(?:(?:die|der|den|dem|des|the|sowohl|both)\s+)?$", text[max(0, pos - 40) : pos]
    )
    if m is None:
        return False
    w = m.group(1).lower()
    return w in lex.PREPOSITIONS and w not in ("von", "vom", "of")


def _group_antecedent(
    text: str,
    pos: int,
    text_groups: list[tuple[int, int, list[Entity]]],
    previous: list[Quote],
    by_id: dict[str, Entity],
    *,
    size: int | None,
    states: bool,
    near: int | None,
    statement: bool,
) -> list[Entity]:
    """The most recent group before ``pos`` that fits (see :func:`resolve_speakers`)."""
    # only the most recent candidates: keeps the search bounded per quote
    ends = [g[1] for g in text_groups]
    i = bisect.bisect_right(ends, pos)
    cands: list[tuple[int, list[Entity], bool]] = [
        (g[1], g[2], False) for g in text_groups[max(0, i - _LOOKBACK) : i]
    ]
    for p in previous[-_LOOKBACK:]:
        if len(p.speaker_entities) >= 2 and p.speaker_start is not None and p.speaker_start < pos:
            in_statement = bool(
                re.search(
                    r"(erklärung|mitteilung|stellungnahme|statement|communiq)",
                    text[max(0, p.speaker_start - 80) : (p.speaker_end or p.speaker_start) + 40],
                    re.IGNORECASE,
                )
            )
            members = [by_id[i] for i in p.speaker_entities if i in by_id]
            cands.append((p.speaker_end or p.speaker_start, members, in_statement))
    cands.sort(key=lambda c: c[0])

    def fits(c: tuple[int, list[Entity], bool]) -> bool:
        end, members, _ = c
        if size is not None and len(members) != size:
            return False
        if states and any(e.type == "PER" for e in members):
            return False
        return near is None or pos - end <= near

    if statement:
        for c in reversed(cands):
            if c[2] and fits(c):
                return c[1]
    for c in reversed(cands):
        if fits(c):
            return c[1]
    return []


# feminine heads that are no "-in" form ("die Vorsitzende", "die Abgeordnete")
_ADJECTIVAL_ROLES = ("vorsitzende", "abgeordnete", "beauftragte", "angeklagte", "sprecherin")


def _role_description(words: list[str]) -> tuple[str, str] | None:
    """``(head, gender)`` of a singular description of one person: ``der Minister``,
    ``die Kanzlerin``, ``der französische Präsident``, ``die Vorsitzende``; else None."""
    if not 2 <= len(words) <= 3 or words[0] not in ("der", "die"):
        return None
    head = words[-1].strip(".,;:")
    if len(head) < 5 or not head.isalpha() or (head in lex.GROUP_HEADS and words[0] != "der"):
        return None  # ("der Minister" is one person, "die Politiker" a group)
    if words[0] == "die" and not (head.endswith("in") or head.endswith(_ADJECTIVAL_ROLES)):
        return None  # "die Minister": plural
    if head in lex.DESCRIPTION_HEADS or head in lex.STATEMENT_NOUNS:
        return None  # "das Büro", "die Erklärung": not a person
    return head, "f" if words[0] == "die" else "m"


_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")


def _described_person(
    text: str,
    persons: list[tuple[int, int, Entity]],
    p_starts: list[int],
    pos: int,
    head: str,
    gender: str,
) -> Entity | None:
    """The person last named with the role ``head`` before ``pos``.

    ``Bundesinnenminister Wolfgang Schäuble … „…“, sagte der Minister`` → Schäuble:
    a word ending in the head (``Bundesinnenminister``, ``Präsidenten``) among the
    three words before a mention, or in its apposition (``X, der Vorsitzende der
    Partei,``).  The gender of a known first name must agree.
    """
    forms = (head, head + "n", head + "en", head + "s")

    def has_role(words: list[str]) -> bool:
        return any(w.lower().endswith(forms) for w in words)

    found: Entity | None = None
    i = bisect.bisect_left(p_starts, pos) - 1
    seen = 0
    while i >= 0 and pos - persons[i][0] < 4 * _LOOKBACK_CHARS and seen < 40:
        ms, me, e = persons[i]
        i -= 1
        if me > pos:
            continue
        seen += 1
        g = _gender(e, text)
        if g is not None and g != gender:
            continue
        # the words before it, back to the previous person ("Landeshauptmann Erwin
        # Pröll Mitterlehner angeschrien": the title is Pröll's)
        lo = max(0, ms - 60, persons[i][1] if i >= 0 and persons[i][1] <= ms else 0)
        before = re.split(r"[.!?:;„“\"»«()]", text[lo:ms])[-1]
        after = text[me : me + 80]
        appo = re.match(r"\s*,\s*(?:der|die|des|dem)?\s*([^,.;:]{0,60})", after)
        if has_role(_WORD.findall(before)[-3:]) or (
            appo is not None and has_role(_WORD.findall(appo.group(1))[:3])
        ):
            if found is None:
                found = e
            elif e.id != found.id:
                return None  # two persons with that role ("Außenminister Lawrow … Kerry")
    return found


def _person_by_part(entities: Sequence[Entity], word: str) -> Entity | None:
    """The one PER entity whose name has ``word`` as a name part (``Cho`` → Cho Tae-yong)."""
    found = [
        e
        for e in entities
        if e.type == "PER" and word in {_norm(p) for p in re.split(r"[\s-]+", e.name)}
    ]
    return found[0] if len(found) == 1 else None


def _plural_cue(text: str, q: Quote) -> bool:
    """Is the verb next to the speaker plural ("sagten", "stellten")?"""
    if q.speaker_start is None or q.speaker_end is None:
        return False
    # the verb next to it in its own sentence ("Sie warnte" after "… würden." is singular)
    after = re.match(r"\s*(\w+)", text[q.speaker_end : q.speaker_end + 30])
    before = re.search(r"(\w+)\s*$", text[max(0, q.speaker_start - 30) : q.speaker_start])
    for m in (before, after):  # "stellten sie fest", "Sie warnte"
        w = m.group(1) if m else ""
        if w[:1].islower() and re.fullmatch(r"\w+(?:ten|en|ind)", w):
            return True
        if w[:1].islower() and re.fullmatch(r"\w+(?:te|t|ist|ird)", w):
            return False
    return False


# English titles right before a mention ("Mrs. Clinton", "Mr. Kaine")
_TITLE_GENDER = re.compile(r"\b(Mrs|Ms|Miss|Mr)\.?\s+$")


def _gender(e: Entity, text: str = "") -> str | None:
    """``"f"``/``"m"`` from a first name in the lexicon, else from an English title
    before one of its mentions in ``text`` (``Mrs. Clinton``), else None."""
    for part in e.name.lower().split()[:-1] or e.name.lower().split()[:1]:
        if part in lex.FEMALE_NAMES:
            return "f"
        if part in lex.MALE_NAMES:
            return "m"
    if text:
        for m in e.mentions[:8]:  # bounded: called for every pronoun and candidate
            t = _TITLE_GENDER.search(text, max(0, m.start - 6), m.start)
            if t is not None:
                return "m" if t.group(1) == "Mr" else "f"
    return None


_SENTENCE_START = re.compile(r"(?:[.!?…][“”\"»«]?\s+|\n)(?=\S)")


def _last_per(
    previous: list[Quote],
    persons: list[tuple[int, int, Entity]],
    p_starts: list[int],
    pos: int,
    by_id: dict[str, Entity],
    text: str = "",
    pronoun: str = "",
) -> Entity | None:
    """The person ``er``/``sie`` at ``pos`` refers to.

    Candidates agree in gender (a first name of the lexicon: ``er`` is not
    Angela Merkel).  The later of: the speaker of the most recent earlier
    quote who is a person, and the most salient person of the last sentence
    that names one outside quoted content — its first (the subject in
    ``Novak Djokovic gewann gegen Kevin Anderson. „…“, sagte er.``)
    (``persons``, sorted by start; ``Kuleba forderte mehr Luftabwehr. „…“,
    sagte er.`` → Kuleba, even after an earlier quote by Borrell).
    """
    wrong = {"er": "f", "he": "f", "sie": "m", "she": "m"}.get(pronoun)

    def agrees(e: Entity) -> bool:
        return wrong is None or _gender(e, text) != wrong

    spoken: tuple[int, Entity] | None = None
    for p in reversed(previous[-_LOOKBACK:]):
        e = by_id.get(p.speaker_entity) if p.speaker_entity else None
        if e is not None and e.type == "PER":
            if agrees(e):
                spoken = (p.speaker_start if p.speaker_start is not None else p.start, e)
            break
    named: tuple[int, Entity] | None = None
    i = bisect.bisect_left(p_starts, pos) - 1
    while i >= 0 and pos - persons[i][0] < 4 * _LOOKBACK_CHARS:
        if persons[i][1] <= pos and agrees(persons[i][2]):
            named = (persons[i][0], persons[i][2])
            break
        i -= 1
    if named is not None and text:
        # the first agreeing person of that sentence is its likely subject
        lo = max(0, named[0] - 400)
        starts = [m.end() for m in _SENTENCE_START.finditer(text, lo, named[0])]
        sent_start = starts[-1] if starts else lo
        j = i - 1
        while j >= 0 and persons[j][0] >= sent_start:
            if agrees(persons[j][2]):
                named = (persons[j][0], persons[j][2])
            j -= 1
    if spoken and named:
        return named[1] if named[0] > spoken[0] else spoken[1]
    return (spoken or named or (None, None))[1]
