"""Entity resolution: mentions -> :class:`~lagebild.model.Entity` records.

``resolve(text, spans)`` takes the spans of the statistical NER
(``(start, end, label)`` or ``(start, end, label, source)`` tuples, or objects
with ``start``/``end``/``label``), runs the gazetteer ruler itself and

1. merges both (the ruler wins where it knows the name; NER fills the rest),
2. maps a capital used as an actor (``Pjöngjang und Moskau haben ...
   zurückgewiesen``) to its country, or where the article names that country
   itself; otherwise (``in Seoul``, a dateline, ``Wien-Wahl``, ``von Brüssel aus``)
   it stays the city, and no country appears that no one named,
3. clusters mentions within the article: a short person name (last token, or
   first token of an East Asian name) joins the nearest longer one (``Sullivan``
   -> ``Jake Sullivan``, ``Kim`` -> ``Kim Jong Un``, ``Cho`` -> ``Cho Tae-yong``),
   inflected forms join their base (``Nordkoreas``, ``Putins``),
4. gives every entity a corpus-wide id: the gazetteer id (a Wikidata QID where
   known) or ``lb:<type>:<slug>`` from the transliteration-normalised name, so
   ``Kim Jong-un`` and ``Kim Jong Un`` share an id across articles,
5. reads roles from appositions and titles (``der nationale Sicherheitsberater der
   USA, Jake Sullivan`` -> ``nationaler Sicherheitsberater der USA``).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from lagebild.enrich import names_rules
from lagebild.enrich.gazetteer import Gazetteer, RulerMatch, fold, load, slug
from lagebild.enrich.names import filter_spans
from lagebild.enrich.names_cues import _article
from lagebild.enrich.names_lexicon import _inflected_adjective
from lagebild.enrich.names_companies import place_compound
from lagebild.enrich.names_english_caps import (
    caps_place_name,
    drop_units,
    fold_caps_types,
    join_first_names,
    kin_of_known_person,
)
from lagebild.enrich.names_english_places import (
    american_group,
    genitive_in_person,
    keeps_german_article,
    person_surnames,
    place_inside,
    place_surname,
)
from lagebild.enrich.names_sports import club_towns
from lagebild.enrich.roles import (
    ROLE_NOUNS,
    _EAST_ASIAN_SURNAMES,
    _is_role_token,
    _key_tokens,
    _name_tokens,
    _surnames,
    find_role,
)
from lagebild.model import Entity, Mention


__all__ = ["resolve", "acts_as_actor", "entity_id_for", "find_role", "ROLE_NOUNS"]

_TYPES = ("PER", "ORG", "LOC", "MISC")

# Prepositions after which a capital is a place, not an actor.
_LOCATIVE = {
    "in",
    "im",
    "nach",
    "aus",
    "bei",
    "beim",
    "nahe",
    "vor",
    "um",
    "über",
    "durch",
    "zu",
    "zum",
    "bis",
    "ab",
    "via",
    "nördlich",
    "südlich",
    "östlich",
    "westlich",
    "außerhalb",
    "innerhalb",
    "to",
    "from",
    "at",
    "near",
    "into",
}
_COORD = {"und", "oder", "sowie", "and", "or", ","}


@dataclass(slots=True)
class _M:
    start: int
    end: int
    text: str
    type: str
    source: str  # "gazetteer" | "ner"
    entity_id: str | None = None
    flag: str = "name"
    alias: str | None = None
    cluster: int = -1
    tokens: list[str] = field(default_factory=list)


class _Index:
    """Spans sorted by start, for the spans overlapping ``[a, b)`` in log time.

    ``resolve`` must stay near-linear in the article's length (a megabyte of text
    has tens of thousands of mentions): every "which mentions overlap this one"
    question goes through here instead of a scan over all mentions.
    """

    __slots__ = ("items", "starts", "width")

    def __init__(self, items: Iterable[Any]):
        self.items = sorted(items, key=lambda x: (x[0], -x[1]))
        self.starts = [x[0] for x in self.items]
        self.width = max((x[1] - x[0] for x in self.items), default=0)

    def overlapping(self, a: int, b: int) -> list[Any]:
        i = bisect_left(self.starts, a - self.width)
        j = bisect_left(self.starts, b)
        return [x for x in self.items[i:j] if x[1] > a]


def _town_adjective_in_name(text: str, m: _M) -> bool:
    """``Düsseldorfer EG``, ``Frankfurter Allgemeine``: a town's adjective before an
    abbreviation or a capitalised adjective begins a club's or a paper's name; it is no
    mention of the town (``Wiener Experte``, ``Schweizer Roger Federer`` are)."""
    if not names_rules.on("town_adjective_name") or m.entity_id is None:
        return False
    if load().by_id.get(m.entity_id, {}).get("kind") not in ("city", "capital"):
        return False  # "Schweizer SVP": a country's adjective still names the country
    nxt = re.match(r"[ \u00a0]+([A-ZÄÖÜ][\w\-]*)", text[m.end : m.end + 40])
    if nxt is None:
        return False
    w = nxt.group(1)
    return bool(re.fullmatch(r"[A-ZÄÖÜ]{2,5}", w)) or (
        w[1:].islower() and _inflected_adjective(w.lower())
    )


def _inside_other_name(
    text: str, m: _M, ner_index: _Index, surnames: frozenset[str] = frozenset()
) -> bool:
    """A gazetteer match that is part of another name, not a mention of its own (*surnames*:
    :func:`person_surnames`, ``Cuban`` of ``Mark Cuban``)."""
    if m.start > 0 and text[m.start - 1].isalpha():
        return True
    hits = ner_index.overlapping(m.start, m.end)
    if m.flag != "name":
        return bool(hits) or _town_adjective_in_name(text, m) or american_group(text, m) or (
            m.text in surnames
        )
    if text[m.end : m.end + 1] == "-" or text[m.start - 1 : m.start] == "-":
        # "UN-Flüchtlingshochkommissariat" names the UN; "Dublin-Abkommen" not Dublin
        kind = load().by_id.get(m.entity_id or "", {}).get("kind")
        return kind in ("city", "capital") and place_compound(text, m.end)
    rec = load().by_id.get(m.entity_id or "") if m.type == "PER" else None
    return any(
        (lab in ("ORG", "MISC") and a <= m.start and m.end <= b and b - a > m.end - m.start)
        or (lab == "LOC" and a < m.start and m.end <= b and place_inside(text, a, b))
        or (lab == "PER" and a <= m.start and m.end < b and genitive_in_person(text, m))
        or place_surname(text, m, a, b, lab)  # "Rep. Steve Israel"
        or (rec is not None and b == m.end and kin_of_known_person(text, a, b, lab, m.start, rec))
        for a, b, lab in hits
    )


def _sports_towns(
    text: str, ms: list[_M], ner: list[tuple[int, int, str]], gz: Gazetteer
) -> tuple[list[_M], list[tuple[int, int, str]]]:
    """In a sports report, a gazetteer town that names a club (``Bremen`` beside ``Werder
    Bremen``, ``gegen Hannover``; :func:`lagebild.enrich.names_sports.club_towns`) is the
    club: its match gives way to an ORG mention instead of typing the name LOC."""
    towns = [
        (m.start, m.end)
        for m in ms
        if m.flag == "name"
        and gz.by_id.get(m.entity_id or "", {}).get("kind") in ("city", "capital")
    ]
    states = {
        (m.start, m.end)
        for m in ms
        if gz.by_id.get(m.entity_id or "", {}).get("kind") in ("country", "territory", "region")
    }
    # the model's one-word places the gazetteer knows as no country ("Augsburg", "Bilbao")
    towns += [
        (a, b) for a, b, lab in ner if lab == "LOC" and " " not in text[a:b] and (a, b) not in states
    ]
    clubs = club_towns(text, ner, towns)
    if not clubs:
        return ms, ner
    have = {(a, b) for a, b, _ in ner}
    ner = [(a, b, "ORG" if (a, b) in clubs else lab) for a, b, lab in ner]
    ner += [(a, b, "ORG") for a, b in sorted(clubs) if (a, b) not in have]
    return [m for m in ms if (m.start, m.end) not in clubs], ner


def _english_alias(m: _M, gz: Gazetteer) -> bool:
    """A place's English name in a German article (``Statistik Austria``, ``die Austria``,
    ``Austria Klagenfurt``, ``Die Eroberung von Mexico``): part of a name or a title, not
    the place, which German text writes ``Österreich``, ``Mexiko`` (the gazetteer's first
    alias is the English label)."""
    rec = gz.by_id.get(m.entity_id or "")
    if rec is None or m.flag != "name" or rec.get("type") != "LOC":
        return False
    aliases = rec.get("aliases") or []
    name, alias = fold(rec["name"]), fold(m.text)
    return (
        bool(aliases)
        and m.text == aliases[0]
        and not m.text.isupper()  # "USA", "UK"
        and "." not in m.text  # "St. Petersburg"
        and not name.startswith(alias)  # "Frankfurt" of "Frankfurt am Main"
        and alias != name
    )


def entity_id_for(name: str, type_: str) -> str:
    """Corpus-wide id for an entity not in the gazetteer: ``lb:per:jake-sullivan``."""
    return f"lb:{type_.lower()}:{slug(name)}"


def _span_tuple(s: Any) -> tuple[int, int, str, str, str | None]:
    if isinstance(s, tuple | list):
        start, end, label = s[0], s[1], s[2]
        source = s[3] if len(s) > 3 else "ner"
        return int(start), int(end), str(label), str(source), None
    sub = getattr(s, "subtype", None)
    return int(s.start), int(s.end), str(s.label), str(getattr(s, "source", "ner")), sub


_TRIM_LEAD = re.compile(r"^(?:(?:der|die|das|dem|den|des|the)\s+)+", re.IGNORECASE)


_HONORIFIC = {"herr", "frau", "dr", "prof", "mr", "mrs", "ms"}


# Words a statistical NER tags (mostly MISC) that no analyst wants in an entity list:
# currencies and units ("8 Milliarden Dollar").
_NOT_ENTITIES = frozenset(
    """Dollar US-Dollar Euro Euros Cent Yen Yuan Renminbi Rubel Pfund Franken Won Rupien Rupie
    Lira Zloty Kronen Krone Dollars Euro-Cent Prozent Kilometer Meter Tonnen""".split()
)


def _clean_ner(text: str, start: int, end: int, label: str) -> tuple[int, int] | None:
    """Trim articles, punctuation and (for persons) leading titles off an NER span."""
    surf = text[start:end]
    m = _TRIM_LEAD.match(surf)
    if m and not keeps_german_article(text, m.group()):  # "DES MOINES" in English
        start += m.end()
    if label == "PER":  # "US-Präsident Joe Biden", "Frau Merkel" -> the name
        while True:
            w = re.match(r"[\w\-.]+\s+", text[start:end])
            if not w or not re.search(r"\s\S", text[start:end]):
                break
            word = w.group().strip().rstrip(".")
            if not (_is_role_token(word) or word.lower() in _HONORIFIC):
                break
            start += w.end()
    while end > start and not text[end - 1].isalnum():
        end -= 1
    while start < end and not text[start].isalnum():
        start += 1
    if end <= start or not text[start].isupper():
        return None
    return start, end


def _prev_words(text: str, pos: int, n: int) -> list[str]:
    """The last *n* words (and commas) before *pos* within the same sentence."""
    window = text[max(0, pos - 120) : pos]
    cut = max(window.rfind(c) for c in ".!?;:\n")
    toks = re.findall(r"\w+|,", window[cut + 1 :])
    return toks[-n:]


# What may follow the place of a dateline: "SEOUL:", "Seoul (dpa) -", "Wien – Die ...",
# "Wien/Brüssel – Der ..."
_DATELINE_AFTER = re.compile(
    r"(?:/[A-ZÄÖÜ][\w\-]+)*\s*(?::\s|\((?:[^()\n]{1,30})\)\s*[–—-]|[–—]\s|-\s+[A-ZÄÖÜ\"„])"
)


# "Frankfurt am Main", "Freiburg im Breisgau", "Neustadt an der Weinstraße", "Rothenburg ob der Tauber"
_TOWN_LINKS = (("am",), ("im",), ("an", "der"), ("an", "den"), ("in", "der"), ("ob", "der"), ("bei",))


def _town_head(m: _M, ner_forms: set[tuple[str, str]]) -> list[str] | None:
    """The town ``X`` of a place ``X am Y`` (``HOHENRIED AM INN``, ``Frankfurt an der Oder``) when the
    article also names ``X`` alone as a place: a reader takes both for the one town."""
    toks = m.tokens
    if m.type != "LOC" or len(toks) < 3:
        return None
    for link in _TOWN_LINKS:
        if tuple(toks[1:1 + len(link)]) == link and len(toks) > 1 + len(link) and ("LOC", toks[0]) in ner_forms:
            return toks[:1]
    return None


def is_dateline(text: str, start: int, end: int) -> bool:
    """True if the place at ``text[start:end]`` is a dateline (``Wien – Die ...``).

    A dateline opens a line or follows the end of a sentence (10kGNAD runs title
    and body together: ``... gehört. Wien – Die Gewerkschaft ...``); it names where
    the report was filed, so it is a place, never an actor.
    """
    # only a bounded look back: a one-line megabyte must not cost a scan per place
    line_start = text.rfind("\n", max(0, start - 200), start) + 1
    if start > 200 and line_start == 0:
        line_start = start - 200
    if not text[line_start:start].strip() and re.match(r"\s*(?::|\(|–|—|-\s)", text[end : end + 8]):
        return True
    if not _DATELINE_AFTER.match(text, end, min(len(text), end + 40)):
        return False
    before = text[max(0, start - 3) : start]
    # "... gehört. Wien – Die", "... gehört.' Wien –"
    return bool(re.search(r"[.!?][\"'“”»]?\s+$", before)) and start - line_start > 0


def _capital_is_place(text: str, m: RulerMatch) -> bool:
    """True if the capital at *m* is used as a place (``in Seoul``), not as an actor."""
    if is_dateline(text, m[0], m[1]):
        return True
    toks = _prev_words(text, m[0], 12)
    # walk back over a coordination of names ("in Seoul, Tokio und Washington")
    i = len(toks) - 1
    while i >= 0:
        t = toks[i].lower()
        if t in _COORD:
            i -= 1
        elif (
            toks[i][:1].isupper()
            and t not in _LOCATIVE
            and i > 0
            and toks[i - 1].lower() in _COORD | _LOCATIVE
        ):
            i -= 1
        else:
            break
    return i >= 0 and toks[i].lower() in _LOCATIVE


# Capitals that seat international institutions: acting, they are those bodies, not the
# host country ("Brüssel fordert" is the EU, not Belgien); they keep their place identity.
_SEAT_OF_INSTITUTIONS = frozenset({"Q239"})  # Brüssel


def _capital_as_country(text: str, m: RulerMatch, hit: dict[str, Any], named: set[str]) -> bool:
    """True if the capital at *m* stands for its country's government.

    Only where the text uses it as a government actor (``Pjöngjang warnte``, ``Berlin lehnt
    ab``: :func:`acts_as_actor`), or where the article names the country itself and the
    capital is no place there (``Zusammenarbeit zwischen Pjöngjang und Moskau`` beside
    ``Nordkorea``): a capital in a dateline (``Antwerpen/Wien –``), after a preposition
    (``von Brüssel aus``) or inside a compound (``Wien-Wahl``) never brings in a country no
    one named.  A seat of international bodies (``Brüssel``) stays the city.
    """
    if m[2] in _SEAT_OF_INSTITUTIONS:
        return False
    if acts_as_actor(text, m[0], m[1]):
        return True
    if hit["capital_of"] not in named:
        return False
    glued = text[m[1] : m[1] + 1] == "-" or text[max(0, m[0] - 1) : m[0]] in ("-", "/")
    return not glued and not _capital_is_place(text, m)


_PAREN_PLACE = re.compile(r"\s?\(([A-ZÄÖÜ][a-zäöüß][\w\-]*(?:\s[A-ZÄÖÜ][\w\-]*)?)\)")


def _other_place(text: str, m: RulerMatch, gz: Gazetteer) -> int | None:
    """End of ``Lebanon (Ohio)`` when a country or capital is qualified by a region.

    A place name followed by another place in parentheses names a namesake town
    (``Lebanon (Ohio)``, ``Paris (Texas)``), not the country or capital; an
    agency (``Wien (APA)``, ``Seoul (dpa)``) or another name of the same entity
    (``Nordkorea (DVRK)``) is not such a qualifier.
    """
    if m.flag != "name" or m.kind not in ("country", "capital", "territory"):
        return None
    q = _PAREN_PLACE.match(text, m[1], min(len(text), m[1] + 40))
    if q is None:
        return None
    inner = gz.lookup(q.group(1))
    if inner is not None and (
        inner["id"] == m[2] or inner.get("kind") in ("country", "org") or inner["id"] == gz.by_id[m[2]].get("capital_of")
    ):
        return None
    if is_dateline(text, m[0], m[1]):
        return None
    return q.end()


# Speech and decision verbs whose subject acts: finite forms (German present/past,
# separable prefixes follow later in the clause; English past/present).
_ACT_VERB = re.compile(
    r"(?:warn|forder|fordr|kritisier|verurteil|droh|protestier|dementier|reagier|appellier|beton"
    r"|verlang|bestätig|erklär|kündig|sag|teil|beharr|dräng|lehn|weis|wies|beschl[oi]ss|beschließ"
    r"|entschied|entscheid|bestreit|bestritt|ruf|rief|wirft|warf|beschuldig|signalisier|verhäng"
    r"|billig|genehmig|unterzeichn|verweiger|boykottier|antwort|bekräftig|zweifel|beschwer|mahn"
    r"|dring|bestell|fürcht|befürcht|hofft|will|wollen)(?:e|t|te|ten|en|et|ete|eten|st)?"
    r"|(?:warn|demand|reject|condemn|announc|urg|accus|threaten|insist|respond|protest"
    r"|call|vow|refus|decid|agre|welcom|criticiz|criticis)(?:s|es|ed|d)?|denied|denies|said|says|told",
    re.IGNORECASE,
)
# After ``hat``/``haben`` the participle closes the clause: "Pjöngjang hat ... gewarnt".
_ACT_PARTICIPLE = re.compile(
    r"(?:ge(?:warnt|fordert|droht|sagt|rufen|mahnt)|kritisiert|verurteilt|protestiert|dementiert"
    r"|reagiert|appelliert|betont|verlangt|bestätigt|erklärt|angekündigt|mitgeteilt|abgelehnt"
    r"|zurückgewiesen|beschlossen|entschieden|bestritten|aufgerufen|vorgeworfen|beschuldigt"
    r"|signalisiert|verhängt|gebilligt|genehmigt|unterzeichnet|verweigert|boykottiert|geantwortet"
    r"|bekräftigt|einbestellt|bestellt|gedrängt)",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w\-]+|[^\w\s]")
_AUX = {"hat", "haben", "hatte", "hatten", "has", "have", "had"}
_CLAUSE_END = {".", ";", ":", "!", "?", "–", "—"}


def acts_as_actor(text: str, start: int, end: int) -> bool:
    """True if the place name at ``text[start:end]`` is the subject of a speech or decision verb.

    ``Pjöngjang warnte``, ``Berlin lehnt den Plan ab``, ``Frankreich fordert``, ``Am Montag
    warnte Pjöngjang``, ``Pjöngjang und Moskau haben die Kritik zurückgewiesen``, ``Paris
    said``.  A place after a preposition (``in Berlin``) or in a dateline is never one.
    """
    if is_dateline(text, start, end):
        return False
    before = _prev_words(text, start, 3)
    if before and before[-1].lower() in _LOCATIVE | {"von", "mit", "gegen", "für", "an", "auf", "of", "with", "in"}:
        return False
    after = _WORD.findall(text[end : min(len(text), end + 300)])
    # skip a coordination of names ("Pjöngjang und Moskau warnten")
    i = 0
    while i + 1 < len(after) and after[i].lower() in _COORD and after[i + 1][:1].isupper():
        i += 2
    if i < len(after):
        w = after[i]
        if _ACT_VERB.fullmatch(w):
            return True
        if w.lower() in _AUX:
            for x in after[i + 1 : i + 15]:
                if x in _CLAUSE_END or x == ",":
                    break
                if _ACT_PARTICIPLE.fullmatch(x):
                    return True
    # verb second, subject after it: "Am Montag warnte Pjöngjang", "Zugleich fordert Frankreich"
    if before and _ACT_VERB.fullmatch(before[-1]) and before[-1][:1].islower():
        return True
    return False


def find_whole_words(text: str, forms: Sequence[str]) -> list[tuple[int, int, str]]:
    """Non-overlapping whole-word occurrences of ``forms`` in ``text``, left to right.

    At each position the longest form wins; a match may not touch a word
    character or a hyphen on either side.  The same result as ``finditer`` over
    one alternation regex of the forms sorted longest first, but without
    compiling a new regex per article (``str.find`` per form is C-speed).
    """
    hits: list[tuple[int, int, str]] = []
    n = len(text)
    for form in set(forms):
        if not form:
            continue
        at = text.find(form)
        while at >= 0:
            end = at + len(form)
            before = text[at - 1] if at else ""
            after = text[end] if end < n else ""
            if not (before and (before.isalnum() or before in "_-")) and not (
                after and (after.isalnum() or after in "_-")
            ):
                hits.append((at, end, form))
            at = text.find(form, at + 1)
    hits.sort(key=lambda h: (h[0], -h[1]))
    out: list[tuple[int, int, str]] = []
    last = 0
    for h in hits:
        if h[0] >= last:
            out.append(h)
            last = h[1]
    return out


def _refind_name_parts(text: str, ms: list[_M], clusters: dict[str, list[_M]]) -> None:
    """Add the short references to persons named in full that no one tagged.

    A statistical NER misses some bare surnames (``Kim`` after ``Kim Jong Un``,
    ``Sullivan`` after ``Jake Sullivan``).  For each person named with two or
    more words, the surname -- and for an East Asian name the family name
    first -- is looked up as a whole word (also with genitive ``s``) where no
    mention is yet, and added to that person; a part two persons of the article
    share is left alone.
    """
    owners: dict[str, set[str]] = {}
    for key, group in clusters.items():
        for m in group:
            if m.type != "PER" or m.flag != "name" or len(m.tokens) < 2:
                continue
            words = m.text.split()
            parts = [words[-1]]
            if m.tokens[0] in _EAST_ASIAN_SURNAMES:
                parts.append(words[0])
            for part in parts:
                if len(part) >= 3 and part[:1].isupper() and part.replace("-", "").isalpha():
                    owners.setdefault(part, set()).add(key)
    usable = {p: next(iter(k)) for p, k in owners.items() if len(k) == 1}
    if not usable:
        return
    forms = {**{p + "s": k for p, k in usable.items()}, **usable}
    where = {id(m): key for key, group in clusters.items() for m in group}
    index = _Index((m.start, m.end, m) for m in ms)
    for a, b, form in find_whole_words(text, list(forms)):
        hits = [x[2] for x in index.overlapping(a, b)]
        tokens = _name_tokens(form[:-1] if form not in usable else form)
        if not hits:
            m = _M(a, b, text[a:b], "PER", "ner", flag="short", tokens=tokens)
            clusters[forms[form]].append(m)
            ms.append(m)
            continue
        # exactly this word, tagged as something other than a person ("Kim" as MISC)
        m = hits[0]
        if (
            len(hits) == 1
            and (m.start, m.end) == (a, b)
            and m.source == "ner"
            and m.type != "PER"
            and where.get(id(m)) not in (None, forms[form])
        ):
            old = clusters[where[id(m)]]
            old.remove(m)
            if not old:
                del clusters[where[id(m)]]
            m.type, m.tokens = "PER", tokens
            clusters[forms[form]].append(m)


def resolve(
    text: str,
    spans: Iterable[Any] = (),
    *,
    gazetteer: Gazetteer | None = None,
    adjectives: bool = True,
    roles: bool = True,
    names_guard: bool = True,
) -> list[Entity]:
    """Resolve NER spans plus gazetteer matches in *text* into entities.

    *spans*: the statistical NER's output; spans whose source is
    ``"gazetteer"``/``"ruler"`` are ignored (the ruler is run here).  NER spans
    with a ``subtype`` (``deriv``/``part``) are skipped.  With
    ``adjectives=True`` country adjectives (``nordkoreanische``) are kept as
    mentions of the country (not as aliases).  Before clustering, NER spans pass
    the names-not-nouns guard (:func:`lagebild.enrich.names.filter_spans`);
    ``names_guard=False`` skips it (to measure what it does).
    """
    gz = gazetteer or load()
    ruler = gz.match(text, adjectives=adjectives)
    # the countries the article names itself (by name or adjective), not through a capital
    named = {r[2] for r in ruler if gz.by_id[r[2]].get("kind") in ("country", "territory")}
    ms: list[_M] = []
    for r in ruler:
        hit = gz.by_id[r[2]]
        eid, typ = r[2], r[3]
        other = _other_place(text, r, gz)
        if other is not None:  # "Lebanon (Ohio)" is not the country
            ms.append(_M(r[0], other, text[r[0] : other], "LOC", "ner"))
            continue
        if hit.get("kind") == "capital" and hit.get("capital_of") and r.flag == "name":
            if _capital_as_country(text, r, hit, named):
                eid = hit["capital_of"]
                typ = gz.by_id[eid]["type"] if eid in gz.by_id else typ
        ms.append(_M(r[0], r[1], text[r[0] : r[1]], typ, "gazetteer", eid, r.flag, r.alias))
    ner: list[tuple[int, int, str]] = []
    for s in spans:
        start, end, label, source, sub = _span_tuple(s)
        if source in ("gazetteer", "ruler") or sub is not None:
            continue
        label = label if label in _TYPES else "MISC"
        # a name never runs over a line break ("Cho.\nCho" is two mentions)
        for piece in re.finditer(r"[^\n]+", text[start:end]):
            cl = _clean_ner(text, start + piece.start(), start + piece.end(), label)
            if cl is not None and text[cl[0] : cl[1]] not in _NOT_ENTITIES:
                ner.append((cl[0], cl[1], label))
    # names, not nouns: common nouns dropped, glued words and possessives cut off,
    # names cut at a middle initial or ordinal made whole (lagebild.enrich.names)
    if names_guard:
        ner = drop_units(text, filter_spans(text, ner))  # "300 Mark", "(1700 UTC)": no actors
        ms, ner = _sports_towns(text, ms, ner, gz)
        if names_rules.on("english_alias") and _article(text):
            # nor the model's one word there: a piece of "Statistik Austria", "die Austria"
            drop = {(m.start, m.end) for m in ms if _english_alias(m, gz)}
            ms = [m for m in ms if (m.start, m.end) not in drop]
            ner = [s for s in ner if s[:2] not in drop or " " in text[s[0] : s[1]]]
    # an adjective inside a name the NER found ("Hamburger SV") is not the place; nor is a
    # place inside a longer organisation's or work's name ("Eintracht Frankfurt", "Radio
    # Free Asia") or glued to the end of a word ("KommAustria")
    ner_index = _Index(ner)
    surnames = person_surnames(text, ner) if names_guard else frozenset()
    ms = [m for m in ms if not _inside_other_name(text, m, ner_index, surnames)]
    ruler_index = _Index((m.start, m.end) for m in ms)

    for start, end, label in ner:
        overl = ruler_index.overlapping(start, end)
        if overl:
            contains = all(start <= a and b <= end for a, b in overl)
            longer = (end - start) > max(b - a for a, b in overl) + 3
            if not (contains and longer and label in ("ORG", "MISC")):
                continue
        ms.append(_M(start, end, text[start:end], label, "ner"))
    ms.sort(key=lambda m: (m.start, -m.end))
    for m in ms:
        m.tokens = _name_tokens(m.text)
    if names_guard and names_rules.on("caps_fold"):
        fold_caps_types(text, ms)

    # --- clustering ---------------------------------------------------------
    clusters: dict[str, list[_M]] = {}

    def add(key: str, m: _M) -> None:
        clusters.setdefault(key, []).append(m)

    for m in ms:
        if m.entity_id:
            add("gz:" + m.entity_id, m)

    article_ids = {m.entity_id for m in ms if m.entity_id}
    per_full = [m for m in ms if m.type == "PER" and len(m.tokens) >= 2]
    known_keys = {" ".join(m.tokens): m for m in per_full}
    full_last = {f.tokens[-1] for f in per_full}
    # full names by their last one or two tokens (and, East Asian, by their first):
    # the candidates a short name may join, each list in text order
    by_tail: dict[tuple[str, ...], list[_M]] = {}
    by_head: dict[tuple[str, ...], list[_M]] = {}
    for f in per_full:
        for k in (1, 2):
            if len(f.tokens) > k:
                by_tail.setdefault(tuple(f.tokens[-k:]), []).append(f)
                if f.tokens[0] in _EAST_ASIAN_SURNAMES:
                    by_head.setdefault(tuple(f.tokens[:k]), []).append(f)
    tail_starts = {k: [f.start for f in v] for k, v in by_tail.items()}
    head_starts = {k: [f.start for f in v] for k, v in by_head.items()}

    def full_name_for(m: _M, toks: list[str]) -> _M | None:
        """The nearest full name before *m* that *toks* ends (or, East Asian, begins)."""
        best_before: _M | None = None
        first: _M | None = None
        key = tuple(toks)
        for table, starts in ((by_tail, tail_starts), (by_head, head_starts)):
            cands = table.get(key)
            if not cands:
                continue
            i = bisect_left(starts[key], m.start)
            if i > 0 and (best_before is None or cands[i - 1].start > best_before.start):
                best_before = cands[i - 1]
            if first is None or cands[0].start < first.start:
                first = cands[0]
        return best_before or first

    def key_of(m: _M) -> str:
        if m.entity_id:
            return "gz:" + m.entity_id
        return "nm:" + m.type + ":" + " ".join(m.tokens)

    # base forms of every NER name for genitive stripping
    ner_forms = {(m.type, " ".join(m.tokens)) for m in ms if not m.entity_id}
    suffixed: set[int] = set()  # "X am Y" mentions joined to the place X the article also names

    for m in ms:
        if m.entity_id:
            continue
        toks = list(m.tokens)
        # genitive: "Putins", "Sullivans", "Rapp-Hoopers"
        if toks and toks[-1].endswith("s") and len(toks[-1]) > 3:
            base = toks[:-1] + [toks[-1][:-1]]
            bkey = " ".join(base)
            if (
                (m.type, bkey) in ner_forms
                or bkey in known_keys
                or (len(base) == 1 and base[-1] in full_last)
            ):
                toks = base
                m.tokens = toks
        if m.type == "PER" and len(toks) <= 2:
            full = full_name_for(m, toks)
            if full is not None and full is not m:
                add(key_of(full), m)
                continue
            # a lone surname of a known office-holder whose country the article
            # mentions ("Sullivan" in an article about the USA)
            if len(toks) == 1:
                person = _surnames(gz).get(toks[0])
                if person is not None and person.get("country") in article_ids:
                    m.entity_id = person["id"]
                    add("gz:" + person["id"], m)
                    continue
        if m.type != "PER":
            toks = _key_tokens(toks)
        head = _town_head(m, ner_forms)
        if head is not None:  # "HOHENRIED AM INN –" beside "Hohenried": one place
            suffixed.add(id(m))
            toks = _key_tokens(head)
        add("nm:" + m.type + ":" + " ".join(toks), m)

    _refind_name_parts(text, ms, clusters)
    if names_guard and names_rules.on("lone_first_name"):
        join_first_names(clusters, gz)

    # --- roles --------------------------------------------------------------
    role_of: dict[str, str] = {}
    if roles:
        for key, group in clusters.items():
            types = Counter(m.type for m in group)
            if types.most_common(1)[0][0] != "PER":
                continue
            for m in sorted(group, key=lambda m: m.start):
                if m.flag != "name":
                    continue
                role = find_role(text, m.start, m.end)
                if role:
                    role_of[key] = role
                    break

    # --- entities -----------------------------------------------------------
    out: list[Entity] = []
    for key, group in clusters.items():
        group.sort(key=lambda m: m.start)
        rec = gz.by_id.get(key[3:]) if key.startswith("gz:") else None
        if rec is not None:
            eid, name, typ, qid = rec["id"], rec["name"], rec["type"], rec.get("wikidata")
        else:
            typ = Counter(m.type for m in group).most_common(1)[0][0]
            names = [m for m in group if m.flag == "name"]
            pool = [m for m in names or group if id(m) not in suffixed] or names or group
            best = max(pool, key=lambda m: (len(m.tokens), -m.start))
            name = best.text
            if (
                typ == "LOC"
                and names_guard
                and names_rules.on("caps_fold")
                and len(name) >= 4
                and name.isupper()
            ):
                name = caps_place_name(text, pool, best)  # "KIEL -": Kiel
            elif (
                len(best.tokens) == 1
                and best.text.endswith("s")
                and best.tokens[0] != fold(best.text)
            ):
                name = best.text[:-1]
            key_name = key.split(":", 2)[2] if key.startswith("nm:") else " ".join(best.tokens)
            eid, qid = entity_id_for(key_name or name, typ), None
        aliases: list[str] = []
        for m in group:
            for a in (m.text, m.alias) if m.flag == "name" else ():
                if a and a != name and a not in aliases:
                    aliases.append(a)
        out.append(
            Entity(
                id=eid,
                name=name,
                type=typ,
                aliases=aliases,
                wikidata=qid,
                role=role_of.get(key),
                mentions=[
                    Mention(
                        text=m.text, start=m.start, end=m.end,
                        actor=typ == "LOC" and m.flag == "name" and acts_as_actor(text, m.start, m.end),
                    )  # fmt: skip
                    for m in group
                ],
            )
        )
    out.sort(key=lambda e: e.mentions[0].start if e.mentions else 0)
    return out
