"""Roles and name parts for entity resolution (:mod:`lagebild.enrich.resolve`).

The role nouns (``ROLE_NOUNS``, German and English) and :func:`find_role` that reads the role
written beside a person ("Außenminister Wang Yi", "the US envoy"); the tokens of a name, the
gazetteer's surnames and the surnames that come first ("Kim" for "Kim Jong Un").
"""

from __future__ import annotations

import re
from typing import Any

from lagebild.enrich.gazetteer import Gazetteer, fold, load, tokenize


# Surnames that come first (a lone "Kim" refers to "Kim Jong Un").
_EAST_ASIAN_SURNAMES = {
    "kim",
    "lee",
    "yi",
    "ri",
    "park",
    "pak",
    "choi",
    "choe",
    "cho",
    "jo",
    "jung",
    "chung",
    "kang",
    "yoon",
    "yun",
    "moon",
    "mun",
    "han",
    "shin",
    "oh",
    "seo",
    "kwon",
    "hwang",
    "ahn",
    "song",
    "jeon",
    "hong",
    "yoo",
    "ko",
    "jang",
    "lim",
    "im",
    "xi",
    "wang",
    "li",
    "zhang",
    "liu",
    "chen",
    "yang",
    "huang",
    "zhao",
    "wu",
    "zhou",
    "hu",
    "ma",
    "guo",
    "he",
    "lin",
    "luo",
    "zheng",
    "liang",
    "xie",
    "tang",
    "feng",
    "deng",
    "cao",
    "peng",
    "jiang",
    "tsai",
    "lai",
    "nguyen",
    "tran",
    "le",
    "pham",
    "hoang",
    "phan",
    "vu",
    "vo",
    "dang",
    "bui",
    "do",
    "ho",
    "ngo",
    "duong",
    "ly",
    "to",
    "hun",
    "sen",
    # more Korean and Chinese (Wade-Giles, Taiwan) family names; words that are also common
    # capitalised German/English words (Sun, Fan, Pan, Min, Fang, Yuan, Son, Tan) left out:
    # _refind_name_parts looks family names up as whole words
    "chang",
    "cheng",
    "chiang",
    "hsu",
    "kuo",
    "gao",
    "xu",
    "zhu",
    "qin",
    "jin",
    "mao",
    "wei",
    "shi",
    "dong",
    "ryu",
    "yu",
    "noh",
    "roh",
    "nam",
    "bae",
    "baek",
    "suh",
    "cha",
    "joo",
    "koo",
    "heo",
    "byun",
    "yeo",
    "sung",
    "seong",
}

# Role nouns (German and English), matched as the end of a (compound) word.
ROLE_NOUNS = (
    "präsident",
    "präsidentin",
    "minister",
    "ministerin",
    "kanzler",
    "kanzlerin",
    "sprecher",
    "sprecherin",
    "berater",
    "beraterin",
    "direktor",
    "direktorin",
    "sekretär",
    "sekretärin",
    "staatschef",
    "staatschefin",
    "regierungschef",
    "regierungschefin",
    "chef",
    "chefin",
    "vorsitzende",
    "vorsitzender",
    "botschafter",
    "botschafterin",
    "beauftragte",
    "beauftragter",
    "gesandte",
    "gesandter",
    "leiter",
    "leiterin",
    "kommandeur",
    "kommandeurin",
    "befehlshaber",
    "führer",
    "führerin",
    "machthaber",
    "diktator",
    "könig",
    "königin",
    "kronprinz",
    "emir",
    "papst",
    "bürgermeister",
    "bürgermeisterin",
    "gouverneur",
    "gouverneurin",
    "senator",
    "senatorin",
    "abgeordnete",
    "abgeordneter",
    "diplomat",
    "diplomatin",
    "general",
    "generalin",
    "admiral",
    "unterhändler",
    "unterhändlerin",
    "premier",
    "oberhaupt",
    "vizepräsident",
    "vizepräsidentin",
    "staatssekretär",
    "staatssekretärin",
    "president",
    "minister",
    "secretary",
    "adviser",
    "advisor",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "director",
    "chancellor",
    "leader",
    "ambassador",
    "envoy",
    "chief",
    "king",
    "queen",
    "governor",
    "senator",
    "premier",
    "commander",
)
_ROLE_TAIL = ("", "en", "n", "s", "es", "in", "innen", "e", "er", "em")
_ROLE_RE = re.compile(
    "(?:" + "|".join(sorted({re.escape(r) for r in ROLE_NOUNS}, key=len, reverse=True)) + ")"
    r"(?:innen|en|es|in|er|em|n|s|e)?$"
)
_DETS = {
    "der",
    "die",
    "das",
    "dem",
    "den",
    "des",
    "ein",
    "eine",
    "einem",
    "einen",
    "eines",
    "einer",
    "the",
    "a",
    "an",
    "seinem",
    "seinen",
    "seines",
    "ihrem",
    "ihren",
    "ihres",
    "its",
    "his",
    "her",
    "their",
}
_OBLIQUE = {
    "dem",
    "den",
    "des",
    "einem",
    "einen",
    "eines",
    "seinem",
    "seinen",
    "seines",
    "ihrem",
    "ihren",
    "ihres",
}
_COMPLEMENT_WORDS = {
    "der",
    "des",
    "dem",
    "den",
    "die",
    "das",
    "von",
    "vom",
    "für",
    "im",
    "in",
    "am",
    "beim",
    "und",
    "zu",
    "zur",
    "zum",
    "bei",
    "of",
    "the",
    "for",
    "and",
    "at",
    "on",
}
_WEAK_NOUNS = (
    "präsident",
    "kandidat",
    "diplomat",
    "soldat",
    "demokrat",
    "autokrat",
    "bürokrat",
    "fürst",
    "prinz",
    "kronprinz",
    "gesandt",
)
_TIME_ADVERBS = {"then", "now", "damals", "jetzt", "inzwischen", "mittlerweile", "derzeit"}
_ADJ_RE = re.compile(r"^[a-zäöüß][\w\-]*(?:e|en|er|es|em|isch)$")
_WORD_RE = re.compile(r"[\w][\w\-.'’]*")
_STOP_CLAUSE = re.compile(r"[.!?;:\n\"„“”«»()]")

_SURNAME_CACHE: dict[int, dict[str, dict[str, Any]]] = {}


def _surnames(gz: Gazetteer) -> dict[str, dict[str, Any]]:
    """Folded last name -> person record, for surnames only one gazetteer person has."""
    got = _SURNAME_CACHE.get(id(gz))
    if got is not None:
        return got
    seen: dict[str, list[dict[str, Any]]] = {}
    for r in gz.records:
        if r.get("kind") != "person":
            continue
        toks = _name_tokens(r["name"])
        if len(toks) >= 2:
            key = toks[-1] if toks[0] not in _EAST_ASIAN_SURNAMES else toks[0]
            seen.setdefault(key, []).append(r)
    out = {k: v[0] for k, v in seen.items() if len(v) == 1 and len(k) > 3}
    _SURNAME_CACHE[id(gz)] = out
    return out


def _name_tokens(surface: str) -> list[str]:
    return [fold(t) for _, _, t in tokenize(surface)]


# English-only role nouns: whole words (or after a hyphen: "Editor-in-Chief"), never the end of
# a longer word ("backing", "attacking", "overtaking" end in "king").
_EN_ONLY_NOUNS = frozenset(
    "president secretary adviser advisor spokesman spokeswoman spokesperson director chancellor "
    "leader ambassador envoy chief king queen governor commander".split()
)
_EN_ONLY_RE = re.compile(
    "(?:" + "|".join(sorted(_EN_ONLY_NOUNS, key=len, reverse=True)) + r")(?:s|es)?$"
)


def _is_role_token(tok: str) -> bool:
    low = tok.lower()
    m = _ROLE_RE.search(low)
    if not m or len(tok) <= 3:
        return False
    en = _EN_ONLY_RE.search(low)
    if en is not None and en.start() == m.start() and m.start() > 0 and low[m.start() - 1] != "-":
        return False  # an English noun glued to the end of another word
    return True


def _normalise_role(words: list[str]) -> str | None:
    """``['der', 'nationale', 'Sicherheitsberater', 'der', 'USA']`` -> nominative role."""
    if not words:
        return None
    if len(words) > 1 and words[0].lower() in _TIME_ADVERBS:
        words = words[1:]  # "Mrs. Clinton, then the secretary of state, …"
    det = None
    if words[0].lower() in _DETS:
        det = words[0].lower()
        words = words[1:]
    # find the role noun
    k = next(
        (
            i
            for i, w in enumerate(words)
            if _is_role_token(w) and (w[:1].isupper() or _EN_ROLE.match(w))
        ),
        None,
    )
    if k is None:
        return None
    noun = words[k]
    fem = noun.lower().endswith(("in", "innen"))
    adjs = words[:k]
    rest = words[k + 1 :]
    if det is not None and det not in ("the", "a", "an"):
        new_adjs = []
        for a in adjs:
            if a.islower() and a.endswith(("en", "e")):
                stem = a[:-2] if a.endswith("en") else a[:-1]
                a = stem + ("e" if fem else "er")
            new_adjs.append(a)
        adjs = new_adjs
        low = noun.lower()
        if not fem and det in _OBLIQUE | {"der"}:
            if low.endswith("n") and low[:-1].endswith(("gesandte", "beauftragte")):
                noun = noun[:-1]
            elif det in ("des", "eines") and low.endswith("s") and not low.endswith("ss"):
                noun = noun[:-1]
    if not fem:
        low = noun.lower()
        if low.endswith("en") and low[:-2].endswith(_WEAK_NOUNS):
            noun = noun[:-2]  # weak nouns never end in -en in the nominative singular
        if (
            det is None
            and adjs
            and all(a.islower() and a.endswith("en") for a in adjs)
            and noun != words[k]
        ):
            adjs = [a[:-2] + "er" for a in adjs]  # "russischen Präsidenten Putin"
    role = " ".join([*adjs, noun, *rest]).strip()
    role = re.sub(r"\s+-", "-", role)
    return role or None


def _is_complement(words: list[str]) -> bool:
    if not words:
        return True
    if words[0].lower() not in _COMPLEMENT_WORDS and not words[0][:1].isupper():
        return False
    for w in words:
        lw = w.lower()
        if lw in _COMPLEMENT_WORDS or w[:1].isupper() or _ADJ_RE.match(w):
            continue
        return False
    return True


def _names_someone(rest: list[str]) -> bool:
    """The words after a role noun begin with a name, not a complement: "Governor Kasich" in
    "Senator Cruz, Governor Kasich, Governor Christie" or "Machthaber Kim Jong Un" in "Die
    Schwester von Machthaber Kim Jong Un, Kim Yo Jong" is somebody else's title and name.

    A place in the genitive ("Präsident Russlands") or a country ("Präsident Frankreichs") is
    a complement, as are capitalised function words ("Of", "Der").
    """
    if not rest or not rest[0][:1].isupper() or rest[0].lower() in _COMPLEMENT_WORDS:
        return False
    rec = load().lookup(rest[0])
    if rec is None and rest[0].endswith("s"):
        rec = load().lookup(rest[0][:-1])
    places = ("country", "territory", "capital", "city", "region")
    return not (rec is not None and rec.get("kind") in places)


def _words_with_hyphens(segment: str) -> list[str]:
    return _WORD_RE.findall(segment)


_STRICT_ADJ = re.compile(
    r"^[\w\-]*(?:isch|ische|ischen|ischer|ale|alen|aler|ige|igen|iger|"
    r"liche|lichen|licher|ende|enden|ender|ierte|ierten)$",
    re.IGNORECASE,
)


def _is_adj(w: str) -> bool:
    return w.lower() not in _DETS and bool(_ADJ_RE.match(w) or _STRICT_ADJ.match(w))


_PARTICIPLE = re.compile(r"end(?:e|en|er|es|em)?$")
_EN_MODIFIERS = {
    "national",
    "security",
    "foreign",
    "defense",
    "defence",
    "prime",
    "deputy",
    "vice",
    "senior",
    "chief",
    "state",
    "press",
    "general",
    "special",
}
_EN_ROLE = re.compile(r"^[a-z]+$")


def _role_left(words: list[str], i: int) -> int:
    """Start index of the role phrase whose noun is ``words[i]``."""
    if _EN_ROLE.match(words[i]):  # English: "White House spokesman", "national security adviser"
        j = i
        while (
            j > 0
            and i - j < 4
            and (
                words[j - 1][:1].isupper()
                or _EN_ROLE.match(words[j - 1])
                and words[j - 1] in _EN_MODIFIERS
            )
        ):
            j -= 1
        return j
    # up to three adjectives back to a determiner: take from the determiner
    j = i
    while j > 0 and i - j < 3 and _is_adj(words[j - 1]):
        j -= 1
    if j > 0 and words[j - 1].lower() in _DETS:
        return j - 1
    # no determiner: only clear adjectives ("russischen", "Nationaler"), no
    # participles ("vor ihr sitzenden US-Präsidenten")
    j = i
    while (
        j > 0
        and i - j < 3
        and _STRICT_ADJ.match(words[j - 1])
        and not _PARTICIPLE.search(words[j - 1])
        and words[j - 1].lower() not in _DETS
    ):
        j -= 1
    return j


def _key_tokens(tokens: list[str]) -> list[str]:
    """Inflection-insensitive key tokens for organisations/places."""
    out = []
    last = len(tokens) - 1
    for i, t in enumerate(tokens):
        if len(t) > (4 if i == last else 3):
            sufs = ("es", "s") if i == last else ("en", "er", "es", "em", "e", "s")
            for suf in sufs:
                if t.endswith(suf) and not t.endswith("ss"):
                    t = t[: -len(suf)]
                    break
        out.append(t)
    return out


# English titles in title case before a name; the office words are English only, so German
# text ("Ministerpräsident", "Außenminister") never matches.
_EN_TITLE = re.compile(
    r"(?<![\w-])((?:(?:U\.S\.|US|UK|UN|EU|NATO|[A-Z][a-z]+(?:ese|an|ish|ian|ch|i))\s+)?"
    r"(?:(?:Prime|Foreign|Defen[cs]e|Vice|Deputy|Interior|Finance|Trade|Home|Chief|National"
    r"|Security|Homeland|General|Executive|Acting|Former|Senior|Supreme)\s+){0,3}"
    r"(?:(?:Attorney|Solicitor|Surgeon)\s+General|Minister|Secretary|President|Chancellor"
    r"|Premier|Adviser|Advisor|Ambassador|Envoy"
    r"|Spokesman|Spokeswoman|Chairman|Director|Leader)"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)?)\s+$"
)


def find_role(text: str, start: int, end: int) -> str | None:
    """Role of the person mentioned at ``text[start:end]`` from its context, or None."""
    before = text[max(0, start - 200) : start]
    after = text[end : end + 200]
    # A: "ROLE-PHRASE, NAME"
    m = re.search(r",\s*$", before)
    if m:
        clause = before[: m.start()]
        cut = max(clause.rfind(","), max((clause.rfind(c) for c in '.!?;:\n"„“”«»()'), default=-1))
        words = _words_with_hyphens(clause[cut + 1 :])[-16:]
        for i, w in enumerate(words):
            if (
                _is_role_token(w)
                and (w[:1].isupper() or w.isascii())
                and _is_complement(words[i + 1 :])
                and not _names_someone(words[i + 1 :])
            ):
                j = _role_left(words, i)
                role = _normalise_role(words[j:])
                if role:
                    return role
                break
    # B: "NAME, ROLE-PHRASE,"
    m = re.match(r",\s*", after)
    if m:
        rest = after[m.end() :]
        stop = re.search(r"[,.!?;:\n\"„“”«»()]", rest)
        if stop and stop.group() in ",.":
            words = _words_with_hyphens(rest[: stop.start()])
            if 1 <= len(words) <= 18:
                k = next((i for i, w in enumerate(words[:4]) if _is_role_token(w)), None)
                if (
                    k is not None
                    and all(
                        w.lower() in _DETS or _ADJ_RE.match(w) or w.lower() in _TIME_ADVERBS
                        for w in words[:k]
                    )
                    and _is_complement(words[k + 1 :])
                    and not _names_someone(words[k + 1 :])
                ):
                    role = _normalise_role(words)
                    if role:
                        return role
    # C-en: "Secretary of State NAME", "Japanese Prime Minister NAME", "US President NAME"
    m = _EN_TITLE.search(before)
    if m:
        return m.group(1)
    # C: "[det] [adj]* ROLE NAME", "Russlands Präsident NAME", "Staats- und Parteichef NAME"
    # (not across a comma, colon or quotation mark: "According to Yahoo News, Clinton spokesman
    # X", "… our next commander in chief," Clinton said)
    clause = re.split(r"[,;:!?\"„“”«»()\n]", before)[-1]
    words = _words_with_hyphens(clause)[-8:]
    if words and before[-1:].isspace() and _is_role_token(words[-1]):
        i = len(words) - 1
        j = _role_left(words, i)
        prefix = ""
        if j == i and i >= 2 and words[i - 1] in ("und", "and") and words[i - 2].endswith("-"):
            prefix = f"{words[i - 2]} und "
            j = i - 2
        role = _normalise_role(words[j:] if not prefix else words[i:])
        if role and prefix:
            role = prefix + role
        # a country in the genitive right before: "Nordkoreas Machthaber"
        if role and j > 0 and words[j - 1][:1].isupper() and words[j - 1].endswith("s"):
            rec = load().lookup(words[j - 1])
            if rec is not None and rec.get("kind") in ("country", "territory"):
                role = f"{role} {words[j - 1]}"
        return role
    return None
