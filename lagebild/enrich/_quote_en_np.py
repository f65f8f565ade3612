"""English speaker noun phrases with their appositions, for :mod:`lagebild.enrich._quote_en`.

PolNeAR marks a speaker's whole noun phrase as the Source: the name with an age, a
place, one or more appositions and a relative clause that introduces the person
(``Ryan Leenders, 30, a member of the International Association of Machinists``,
``Rachel Berg, a philanthropist from Monsey, New York,``), and a description with
its modifiers (``a senior administration official who spoke on the condition of
anonymity``).  The token rules stop at the first comma, period or lower-case noun;
these functions read the phrase on the raw text, segment by segment.  Private.
"""

from __future__ import annotations

import re

# a period that ends a title, an initial, a state or a month, not the sentence
_ABBR_BEFORE = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Lt|Col|Sgt|Rev|Prof|St|Jr|Sr|Inc|Co|Corp|Ltd|No"
    r"|Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|Miss|Mo"
    r"|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo|Jan|Feb|Aug|Sept|Sep|Oct|Nov"
    r"|Dec)|(?<![\w.])[A-Z]|[A-Z]\.[A-Z])$"
)
_SEG_END = re.compile(r"[,;:“”\"\n()]|''|\.(?=\s|$)")
_WORD = re.compile(r"[\w’'.-]+")
# words that open an adverbial or a clause, not an apposition
_NOT_APPOSITION = frozenset(
    """in at on by from with after before during for meanwhile also which whose that then
    however too though according adding and but or as when while if speaking citing noting
    saying referring including who where because although said says told asked added
    wrote noted like not now still even already this these those it he she they we i you
    there here""".split()
)
_FINITE = frozenset(
    """is are was were has have had will would could can should may might did does do
    said says told tells asked asks added adds wrote writes noted notes argued argues
    believes believed thinks thought""".split()
)
_TITLES = frozenset(
    """mr mrs ms dr sen rep gov gen lt col sgt rev prof senator representative president
    secretary governor mayor chairman speaker judge justice gen. former""".split()
)
_DESC_START = frozenset(
    """a an the one two three four five several some many most another his her its their
    our other officials""".split()
)
MAX_SEGMENTS = 5


_TITLE_QUOTED = re.compile(r"(?:''|“|\")[A-Z][^“”\"\n]{0,60}?(?:''|”|\")")


def _segment(text: str, p: int, limit: int) -> tuple[int, str]:
    """The end of the comma-separated segment starting at ``p`` and what ends it
    (``,`` ``.`` or another mark); a period after a title or initial does not, nor a
    quoted title (``the author of ''Hacked World Order,''``)."""
    pos = p
    while True:
        m = _SEG_END.search(text, pos, limit)
        if m is None:
            return limit, ""
        if m.group(0) == "." and _ABBR_BEFORE.search(text, max(p, m.start() - 6), m.start()):
            pos = m.end()
            continue
        if m.group(0) in ("''", "“", '"'):
            t = _TITLE_QUOTED.match(text, m.start(), limit)
            if t is not None and m.start() > p:
                pos = t.end()
                continue
        return m.start(), m.group(0)


def _kind(seg: str) -> str:
    """``age``, ``apposition``, ``who`` (a relative clause about the person) or ``stop``."""
    words = _WORD.findall(seg)
    if not words or len(words) > 30:
        return "stop"
    low = [w.lower().rstrip(".") for w in words]
    if re.fullmatch(r"\d{1,3}", seg.strip()):
        return "age"
    if low[0] == "who":
        return "who" if len(words) >= 3 else "stop"
    if low[0] in _NOT_APPOSITION or low[0].endswith("ly") or low[0].endswith("ing"):
        return "stop"
    if not words[0][:1].isupper() and low[0] not in _DESC_START and low[0].endswith("ed"):
        return "stop"  # "run by …", "titled …": a participle
    for w in low:
        if w in ("who", "that", "which", "whose"):
            break
        if w in _FINITE:
            return "stop"  # a clause, not an apposition
    return "apposition"


def introduces(name: str) -> bool:
    """A first mention (first name and surname), after which a relative clause
    introduces the person; after a bare surname or ``Mr. X`` it tells a story."""
    words = [w for w in _WORD.findall(name) if w[:1].isupper()]
    words = [w for w in words if w.lower().rstrip(".") not in _TITLES]
    return len(words) >= 2


def extend_name(text: str, a: int, b: int, *, before_verb: bool, verb: str) -> int | None:
    """The end of the name ``text[a:b]`` with its ages, places, appositions and an
    introducing relative clause, or None when nothing follows.  ``before_verb``: the
    phrase must end in ``, <verb>`` (``Kevin Brady, chairman of …, said``); else it is
    a reporting tail's speaker and runs to its sentence's end or to the first segment
    that is no apposition."""
    limit = min(len(text), b + 400)
    stop = text.find("\n", b, limit)
    if stop >= 0:
        limit = stop
    pos = b
    best = None
    n = 0
    while n < MAX_SEGMENTS:
        m = re.match(r"(?:\s*\([^()\n]{1,30}\))?,\s+", text[pos:limit])
        if m is None:
            break
        p = pos + m.end()
        e, mark = _segment(text, p, limit)
        kind = _kind(text[p:e])
        if kind == "stop" or (kind == "who" and not introduces(text[a:b])):
            break
        if mark not in (",", ".", ""):
            break
        n += 1
        pos = e
        if before_verb:
            if re.match(r",?\s+(?:\w+ly\s+)?" + verb, text[pos:limit]):
                best = pos
        else:
            best = pos
        if kind == "who" or mark not in (",",):
            break
    return best


def extend_description(text: str, a: int, b: int) -> int | None:
    """A tail's or an ``according to`` source's description with its modifiers, up to
    a comma or the sentence end (``said a longtime GOP data expert who has worked for
    …``, ``according to a senior administration official who spoke …``), then a name
    apposition (``said his best friend at Lehigh, Bruce Turry,``)."""
    first = text[a:b].split()[0].lower() if text[a:b].split() else ""
    if first not in _DESC_START:
        return None
    limit = min(len(text), a + 300)
    e, mark = _segment(text, a, limit)
    words = _WORD.findall(text[a:e])
    if e <= b or len(words) > 20 or mark not in (",", ".", ""):
        return None
    low = [w.lower() for w in words]
    for k, w in enumerate(low):
        if w in ("who", "that", "which", "whose"):
            break
        if w in _FINITE or (k and w.endswith("ed") and words[k - 1][:1].isupper()):
            return None  # "a speech Mrs. Clinton delivered at …": a clause
    if mark == ",":
        m = re.match(r",\s+((?:[A-Z][\w’'.-]*\s+){0,3}[A-Z][\w’'.-]*)(?=[,.]|$)", text[e:limit])
        if m is not None:
            e = e + m.end(1)
            if text[e - 1] == "." and not _ABBR_BEFORE.search(text, max(a, e - 7), e - 1):
                e -= 1  # the sentence's period
    return e
