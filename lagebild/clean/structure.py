"""Line-level structure of a scraped article: what is title, body and furniture.

Finds the title line and its copies (ASCII-folded, truncated, with file-name
junk), separator lines, a trailing ``source-section`` label, an agency byline,
page junk on lines of its own (advertisement labels, share prompts, "read also"
links), the dateline (a place alone on the body's first line is removed),
teasers for unrelated stories, and hard-wrapped lines; returns changes that
remove or join them, and the metadata found on the way.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources

import simplemma

from .._meta import parse_date, source_from_site
from ._buffer import Change
from .lang import STOPWORDS

__all__ = ["Found", "split_title", "structure", "is_title_copy"]


@dataclass(slots=True)
class Found:
    """Metadata found while reading the structure."""

    title_raw: str = ""
    source: str | None = None
    section: str | None = None
    agencies: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    dateline: str | None = None
    published: dt.date | None = None
    published_from: str = "none"


_SEPARATOR = re.compile(r"^[-–—_=*~#.•·|+ ]{1,80}$")
_LABEL = re.compile(
    r"^(?P<src>[a-z][a-z0-9]{1,15})-(?P<sec>[a-zäöüß][a-zäöüß0-9]*(?:-[a-zäöüß0-9]+)*)$", re.I
)
_AG = r"[A-Za-z][A-Za-z-]{1,11}"
_BYLINE = re.compile(
    rf"^(?:(?P<authors>[A-Za-zäöü]{{1,5}}(?:\s*[/,]\s*[A-Za-zäöü]{{1,5}})*)\s*)?"
    rf"\((?P<agencies>{_AG}(?:\s*[,/;]\s*{_AG})*)\)\.?$"
)
KNOWN_AGENCIES = {
    "dpa": "dpa", "afp": "afp", "ap": "ap", "reuters": "reuters", "rtr": "reuters",
    "efe": "efe", "kna": "kna", "epd": "epd", "ansa": "ansa", "kyodo": "kyodo",
    "yonhap": "yonhap", "xinhua": "xinhua", "tass": "tass", "ria": "ria", "sid": "sid",
    "apa": "apa", "sda": "sda", "ips": "ips", "upi": "upi", "ddp": "ddp", "dapd": "dapd",
    "kcna": "kcna", "pti": "pti", "ians": "ians", "ani": "ani", "bbc": "bbc", "cnn": "cnn",
}  # fmt: skip
_AGENCY_ONLY = re.compile(
    r"^(?:(?:mit material von|quelle|quellen|source|sources)\s*:?\s*)?(?:[a-zäöü]{1,5}/)?"
    r"(?P<agencies>(?:%s)(?:\s*(?:[,/;]|und|and)\s*(?:%s))*)\.?$"
    % ("|".join(KNOWN_AGENCIES), "|".join(KNOWN_AGENCIES)),
    re.I,
)
_DATELINE_CAPS_AT = re.compile(
    r"(?P<place>[A-ZÄÖÜ][A-ZÄÖÜ'’.\-]{2,}(?: [A-ZÄÖÜ][A-ZÄÖÜ'’.\-]+){0,3})"
    # a state or country after a comma: `RENO, Nev. (AP) —`, `KIEL, Germany -`
    r"(?:,\s*[A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*){0,2})?"
    r"(?:\s*\((?P<agency>[^()]{2,30})\))?(?:\s*[:–—]|\s+--?)\s+(?=\S)"
)
_DATELINE_CAPS = re.compile("^" + _DATELINE_CAPS_AT.pattern)
_DATELINE_MIXED = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][a-zäöüß]+(?:[ -][A-ZÄÖÜ][a-zäöüß]+){0,2}(?:/[A-ZÄÖÜ][a-zäöüß]+)?)"
    r"(?:\s*\((?P<agency>[A-Za-z][A-Za-z/ ,.]{1,30})\))?\s+[–—-]\s+(?=[A-ZÄÖÜ„\"»])"
)
_NOT_PLACES = {"HINWEIS", "UPDATE", "ACHTUNG", "VIDEO", "FOTO", "LIVE", "EIL", "BREAKING", "NOTE", "EXKLUSIV"}


# A dateline alone on the body's first line: `München.`, `MÜNCHEN`, `Berlin (dpa):`,
# `Hohenried am Inn.`, `Wien, 24.06.2024` (what a page's own paragraph for the place leaves).
_PLACE_WORD = r"(?:St\.|[A-ZÄÖÜ][\w'’\-]*)"
_DATELINE_LINE = re.compile(
    rf"^(?P<place>{_PLACE_WORD}(?:(?: (?:am|an der|an|im|in der|ob der|bei|upon|on))? {_PLACE_WORD}){{0,3}})"
    r"(?:\s*\((?P<agency>[^()]{2,30})\))?"
    r"(?:,\s*(?P<date>\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{4}-\d{2}-\d{2}))?"
    r"\s*(?P<end>[.:–—-]?)$"
)
# A dateline with a full stop before the first sentence, on the same line: `Augsburg. Die …`
# (kept in the text like the other datelines; the place goes to the metadata).
_DATELINE_DOT = re.compile(
    r"^(?P<place>[A-ZÄÖÜ][a-zäöüß]+(?:-[A-ZÄÖÜ][a-zäöüß]+)?(?: (?:am|an der|im|ob der) [A-ZÄÖÜ][a-zäöüß]+)?)"
    r"\.\s+(?=[A-ZÄÖÜ„\"»])"
)
# Words that open a line like a place but are headings or labels.
_NOT_PLACE_WORDS = frozenset(
    "hintergrund fazit kommentar analyse interview meinung update hinweis achtung eilmeldung korrektur "
    "anmerkung zusammenfassung vorab live liveticker ticker video videos foto fotos bilder bild grafik "
    "podcast newsletter exklusiv breaking note audio transkript einleitung vorwort quelle quellen danke "
    "ende schluss nachtrag aktualisierung anzeige werbung advertisement sponsored mehr inhalt "
    "abstract letters letter editorial opinion analysis commentary review correction corrections summary "
    "highlights exclusive watch listen related photo photos transcript contents "
    # abbreviations before a name (`Mr. Trump`, `Sen. Ted Cruz`)
    "mr mrs ms dr prof sen rep gov gen lt col sgt jr sr rev hon pres sec capt maj adm nr bzw vgl ca".split()
)


@functools.cache
def _known_places() -> frozenset[str]:
    """The folded names and aliases of the gazetteer's places (countries, capitals, cities, regions)."""
    path = resources.files("lagebild") / "data" / "gazetteer.jsonl"
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        rec = json.loads(line) if line.strip() else {}
        if rec.get("type") == "LOC":
            out.update(n.casefold() for n in [rec["name"], *rec.get("aliases", [])])
    return frozenset(out)

# Page junk that stands alone on a line (only whole lines: `Die Anzeige wurde erstattet` stays).
_AD_LINE = re.compile(
    r"^[\W_]*(?:anzeige|werbung|advertisement|advertising|sponsored(?: content)?|gesponsert|"
    r"(?:weiterlesen|weiter) nach der anzeige|(?:der )?artikel (?:wird|geht) nach der anzeige "
    r"(?:weiter|fortgesetzt)|lesen sie nach der anzeige weiter|fortsetzung nach der anzeige|"
    r"(?:the )?(?:story|article) continues (?:below|after) (?:this )?(?:advertisement|ad))[\W_]*$",
    re.I,
)
_SHARE_LINE = re.compile(
    r"^(?:teilen sie diesen artikel|diesen artikel teilen|artikel teilen|beitrag teilen|"
    r"share this (?:article|story|page)|share (?:on|via))\b[^.!?]{0,80}$",
    re.I,
)
# "Read also" links: a header alone (the headlines on the next lines are links too) or
# followed by one headline on the same line.
_RELATED = re.compile(
    r"^(?:mehr zum thema|lesen sie auch|lesen sie mehr|lesen sie hier|auch interessant|"
    r"das könnte sie auch interessieren|weitere artikel|mehr dazu|mehr lesen|related(?: articles| stories)?|"
    r"read more|read also|see also)\s*:?\s*(?P<rest>.*)$",
    re.I,
)


def _is_link_headline(s: str) -> bool:
    """A line that reads like a linked headline: 2-20 words, no sentence end (a ? is allowed)."""
    return 2 <= len(s.split()) <= 20 and not re.search(r"[.!…;][\"“”»«')\]]*$", s)


def _page_junk(lines: list[tuple[int, str]], body: list[int]) -> dict[int, str]:
    """The body lines that are page junk, with the reason."""
    out: dict[int, str] = {}
    for k, i in enumerate(body):
        s = lines[i][1].strip()
        if _AD_LINE.match(s):
            out[i] = "advertisement label"
        elif _SHARE_LINE.match(s):
            out[i] = "share prompt"
        elif (m := _RELATED.match(s)) is not None:
            rest = m["rest"].strip()
            if rest and not _is_link_headline(rest):
                continue
            out[i] = "link to another article"
            # A header alone at the end: the headlines after it are its links (mid-article
            # the next line may be a subheading of the article itself: kept).
            after = [lines[j][1].strip() for j in body[k + 1 :]]
            if not rest and 0 < len(after) <= 6 and all(map(_is_link_headline, after)):
                out.update(dict.fromkeys(body[k + 1 :], "link to another article"))
                break
    return out


def _could_be_place(place: str) -> bool:
    """Not a heading, label or function word: ``Fazit``, ``ABSTRACT``, ``Mr``, ``Die`` are no places."""
    words = place.casefold().split()
    if not words or place.upper() in _NOT_PLACES or words[0] in _NOT_PLACE_WORDS or words[0] in STOPWORDS:
        return False
    return not any(c.isdigit() for c in place)


def _no_common_word(place: str) -> bool:
    """No word of a mixed-case place is one the German dictionary knows only in lower case
    (``Endlich``, ``Schade``).  (Asked last: the dictionary takes a second to load.)"""
    return place.isupper() or not any(
        simplemma.lemmatize(w, lang="de")[:1].islower() for w in place.split() if w[:1].isupper()
    )


def _dateline_line(s: str, rest: list[str]) -> re.Match[str] | None:
    """``s`` is a dateline standing alone on the body's first line (``rest``: the lines after it).

    A place: not a heading or common word, and with an agency or a date beside it, or known to
    the gazetteer (``München``), or named again in the article (``Hohenried``): a label such
    as ``ABSTRACT.`` or ``Letters.`` is neither.  Mixed case also needs a final stop, colon or
    dash (a lone capitalised word could be a heading)."""
    m = _DATELINE_LINE.match(s)
    nxt = rest[0][:1] if rest else ""
    if m is None or not nxt or not (nxt.isupper() or nxt in "„\"»"):
        return None
    place = m["place"].strip(" .-")
    if not _could_be_place(place):
        return None
    if not (place.isupper() and len(place) > 2) and not (m["end"] or m["agency"] or m["date"]):
        return None
    if (m["agency"] or m["date"] or _confirmed_place(place, rest)) and _no_common_word(place):
        return m
    return None


def _confirmed_place(place: str, rest: list[str]) -> bool:
    """A place the gazetteer knows (``München``) or whose words the article names again
    (``Hohenried``; a column name like ``Economic Scene`` rarely is)."""
    if place.casefold() in _known_places():
        return True
    named = {w.casefold() for line in rest for w in re.findall(r"\b[A-ZÄÖÜ][a-zäöüß]+", line)}
    # every name word of the place (`Hohenried am Inn`: *Hohenried* and *Inn*)
    return all(w.casefold() in named for w in place.split() if w[:1].isupper())


def dateline_end(text: str, pos: int = 0) -> int:
    """End of an all-capitals dateline (``SEOUL:``, ``MÜNCHEN (dpa) -``) starting at
    ``pos``, or ``pos`` when there is none: for showing or quoting a report's first
    sentence without its place line."""
    m = _DATELINE_CAPS_AT.match(text, pos)
    if m is None or m["place"].strip(" .-") in _NOT_PLACES:
        return pos
    return m.end()

# A line that could be a heading or teaser: starts with a capital, digit or quote, has no
# sentence break inside and does not end mid-word or mid-clause.
_HEADLINE_LIKE = re.compile(r"^[\"„»'‚(\dA-ZÄÖÜ](?!.*[.!?] [A-ZÄÖÜ]).*[^,\-–(¬]$")
_SENTENCE_END = re.compile(r"[.!?…:;][\"“”»«')\]]*$")
_WEEKDAY_DATE = re.compile(
    r"\b(?:Montag|Dienstag|Mittwoch|Donnerstag|Freitag|Samstag|Sonnabend|Sonntag|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\s*\((\d{1,2}\.\d{1,2}\.\d{4})\)"
)
_DATE = r"\d{1,2}\.\s?\d{1,2}\.\s?\d{4}|\d{4}-\d{2}-\d{2}"
_DASH = r"\s+[–—|-]\s+"
_TITLE_SITE_DATE = re.compile(rf"^(?P<t>.+?){_DASH}(?P<site>[^–—|]{{1,40}}?){_DASH}(?P<date>{_DATE})\s*$")
_TITLE_DATE = re.compile(rf"^(?P<t>.+?){_DASH}(?P<date>{_DATE})\s*$")
_TITLE_SITE = re.compile(r"^(?P<t>.+?)\s+[–—|]\s+(?P<site>[^–—|]{2,40})\s*$")
_KNOWN_SITE_NAMES = {
    "dw", "deutsche welle", "times of india", "the times of india", "tagesschau.de", "tagesschau",
    "der spiegel", "spiegel", "zeit online", "faz.net", "faz", "sz.de", "welt", "n-tv.de",
    "derstandard.at", "bbc news", "reuters", "the guardian", "yonhap", "korea herald",
}  # fmt: skip


def split_title(title: str) -> tuple[str, str | None, dt.date | None]:
    """``Seoul … Pakt – DW – 24.06.2024`` → (``Seoul … Pakt``, ``DW``, 2024-06-24)."""
    t = title.strip()
    m = _TITLE_SITE_DATE.match(t)
    if m:
        return m["t"].strip(), m["site"].strip(), parse_date(m["date"].replace(" ", ""))
    m = _TITLE_DATE.match(t)
    if m:
        return m["t"].strip(), None, parse_date(m["date"].replace(" ", ""))
    m = _TITLE_SITE.match(t)
    if m:
        site = m["site"].strip()
        if site.casefold() in _KNOWN_SITE_NAMES or re.fullmatch(r"[\w-]+(\.[\w-]+)+", site):
            return m["t"].strip(), site, None
    return t, None, None


_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})


def _tokens(s: str, umlaut: str = "ae") -> list[str]:
    s = s.casefold()
    s = s.translate(_FOLD) if umlaut == "ae" else s.replace("ß", "ss")
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return _ALNUM.findall(s)


_ALNUM = re.compile(r"[a-z0-9]+")


def is_title_copy(line: str, title: str) -> bool:
    """A copy of the title: identical, ASCII-folded, truncated or with file-name junk."""
    if len(line) > 1.2 * len(title) + 24:  # a copy is never much longer than the title
        return False
    lt = _tokens(line)
    if not lt:
        return False
    for variant in ("ae", "a"):
        tt = _tokens(title, variant)
        lt_v = lt if variant == "ae" else _tokens(line, "a")
        k = 0
        while k < min(len(lt_v), len(tt)) and lt_v[k] == tt[k]:
            k += 1
        if k == len(lt_v) and k >= min(3, len(tt)):
            return True
        tail = len(lt_v) - k
        # Truncated copy with junk: `… Anstrengungen zu.jp` (last word cut, extension added).
        if k >= 3 and k >= 0.6 * len(lt_v) and tail <= 3:
            if k < len(tt) and tt[k].startswith(lt_v[k]):
                return True
            if tail <= 2 and all(len(x) <= 4 for x in lt_v[k:]):
                return True
    return False


def _content_keys(s: str) -> list[str]:
    """Content words of s as lowercase prefixes (robust to inflection and compounds)."""
    out = []
    for w in re.findall(r"[A-Za-zÄÖÜäöüß]{4,}", s):
        lw = w.casefold()
        if lw in STOPWORDS:
            continue
        out.append(lw[: max(4, min(len(lw) - 2, 8))])
    return out


def related(line: str, context: str) -> float:
    """Share of the line's content words that the rest of the article also uses."""
    keys = _content_keys(line)
    if not keys:
        return 1.0
    ctx = context.casefold()
    return sum(1 for k in keys if k in ctx) / len(keys)


# A line that holds sentences, not a headline: long, and a sentence ends inside it.
_SENTENCE_INSIDE = re.compile(r"[.!?][\"“”»«')]? +[\"„“»(]?[A-ZÄÖÜ0-9]")
_HEADLINE_MAX = 200


def _body_line(line: str) -> bool:
    """A file holding the whole article on its one line (an export, a corpus: 10kGNAD) has
    no title line: that line is the body, not a 2 000-character title.  A short one-paragraph
    report of two or three sentences on one line is a body too (a headline holds no sentence
    end followed by another sentence of that length)."""
    line = line.strip()
    inside = bool(_SENTENCE_INSIDE.search(line))
    return inside and (len(line) > _HEADLINE_MAX or len(line) >= _SHORT_BODY)


_SHORT_BODY = 80
# Last words that leave a line mid-clause: a hard-wrapped body's first line, not a headline
# (``Die Anstalt, worin die Lehrer ihre`` / ``Manövers des Protestantismus in``). Never a word
# that ends a clause as a verb's particle (``kündigt Tests an``, ``räumt auf``, ``lenkt ein``,
# ``kommt nicht``, ``signs on``): a headline may end with it.
_DANGLING = frozenset(
    """der die das den dem des eine einen einem einer eines und oder aber in im am vom von zum zur
    für als wie daß dass ob wenn weil seine seiner ihre ihrer ihren unsere kein keine the a of and
    or for with by from that""".split()
)


_WRAP_MIN = 30  # a hard-wrapped line is rarely shorter; a short headline stays a headline


def _wrapped_first_line(lines: list[tuple[int, str]], nonblank: list[int]) -> bool:
    """The first line of a plain text file is the start of a hard-wrapped body, not a title:
    it stops mid-word (``Bewegungs¬``, ``Fi-``) or mid-clause (a comma, a dangling article or
    preposition, the next line going on in lower case) and the next line follows it without a
    blank line. OCR'd newspaper pages (HIPE) begin like this."""
    if len(nonblank) < 2 or nonblank[1] != nonblank[0] + 1:
        return False
    first = lines[nonblank[0]][1].strip()
    nxt = lines[nonblank[1]][1].strip()
    if len(first) < _WRAP_MIN or _SENTENCE_END.search(first):
        return False  # a short first line is a headline whatever follows it
    words = first.split()
    return bool(
        first.endswith(("¬", ","))
        or _HYPHEN_WRAP.search(first)
        or (words[0].isalpha() and words[0].islower())  # ``der bei dieser …``, not ``iPhone 16: …``
        or nxt[:1].islower()
        or (len(words) >= 3 and words[-1] in _DANGLING)
    )


def structure(text: str, *, fmt: str, title_raw: str) -> tuple[list[Change], Found]:
    """Changes that strip furniture from ``text``, and the metadata found.

    ``title_raw`` is the title a reader already knows (JSON, HTML); for plain
    text inputs the first non-blank line is the title.
    """
    found = Found(title_raw=title_raw)
    lines: list[tuple[int, str]] = []
    pos = 0
    for line in text.split("\n"):
        lines.append((pos, line))
        pos += len(line) + 1
    nonblank = [i for i, (_, ln) in enumerate(lines) if ln.strip()]
    removed: dict[int, str] = {}
    if not nonblank:
        return [], found

    # 1. Title and its copies, separators right after it.
    rest = nonblank
    if fmt == "text" and not (
        (len(nonblank) == 1 and _body_line(lines[nonblank[0]][1]))
        or _wrapped_first_line(lines, nonblank)
    ):
        t = nonblank[0]
        found.title_raw = lines[t][1].strip()
        removed[t] = "title (moved to metadata)"
        rest = nonblank[1:]
    title_plain = split_title(found.title_raw)[0] if found.title_raw else ""
    for i in rest[:8]:
        s = lines[i][1].strip()
        if _SEPARATOR.match(s):
            removed[i] = "separator line"
        elif found.title_raw and (is_title_copy(s, found.title_raw) or (title_plain and is_title_copy(s, title_plain))):
            removed[i] = "copy of the title"
        else:
            break

    # 2. Furniture at the end: separators, source-section label, agency byline.
    body = [i for i in nonblank if i not in removed]
    for i in reversed(body[1:] if len(body) > 1 else []):
        s = lines[i][1].strip()
        if _SEPARATOR.match(s):
            removed[i] = "separator line"
            continue
        m = _LABEL.match(s)
        if m and found.section is None:
            found.source, found.section = m["src"].casefold(), m["sec"].casefold()
            removed[i] = "source/section label (moved to metadata)"
            continue
        m = _BYLINE.match(s)
        if m and not found.agencies:
            found.agencies = _agencies(m["agencies"])
            found.authors = [a for a in re.split(r"\s*[/,]\s*", m["authors"] or "") if a]
            removed[i] = "agency byline (moved to metadata)"
            continue
        m = _AGENCY_ONLY.match(s)
        if m and not found.agencies:
            # `ari/dpa`: initials, then agencies; `dpa/AFP`: agencies only
            words = re.split(r"[\s,/;:]+", s.casefold())
            found.agencies = list(dict.fromkeys(KNOWN_AGENCIES[w] for w in words if w in KNOWN_AGENCIES))
            removed[i] = "agency byline (moved to metadata)"
            continue
        break
    body = [i for i in nonblank if i not in removed]
    if not body:
        return _line_changes(lines, removed), found

    # 3. Page junk on lines of its own: advertisement labels, share prompts, "read also" links.
    removed.update(_page_junk(lines, body))
    body = [i for i in nonblank if i not in removed]
    if not body:
        return _line_changes(lines, removed), found

    # 4. Dateline (a place alone on the first line is removed) and a date in the first paragraph.
    first = lines[body[0]][1].strip()
    if len(body) > 1 and (m := _dateline_line(first, [lines[i][1].strip() for i in body[1:]])) is not None:
        found.dateline = m["place"].strip(" .-")
        if m["agency"]:
            found.agencies = found.agencies or _agencies(m["agency"])
        if m["date"] and found.published is None:
            found.published = parse_date(m["date"].replace(" ", ""))
            found.published_from = "body" if found.published else "none"
        removed[body[0]] = "dateline line (moved to metadata)"
        body = body[1:]
        first = lines[body[0]][1].strip()
    m = _DATELINE_CAPS.match(first) or _DATELINE_MIXED.match(first)
    if m is None and (dot := _DATELINE_DOT.match(first)) is not None:
        after = [first[dot.end() :], *(lines[i][1] for i in body[1:])]
        place = dot["place"]
        m = dot if _could_be_place(place) and _confirmed_place(place, after) and _no_common_word(place) else None
    if m and m["place"].upper() not in _NOT_PLACES:
        found.dateline = found.dateline or m["place"].strip()
        if m.groupdict().get("agency"):
            found.agencies = found.agencies or _agencies(m["agency"])
    for i in body[:2]:
        dm = _WEEKDAY_DATE.search(lines[i][1])
        if dm:
            found.published = parse_date(dm[1])
            found.published_from = "body" if found.published else "none"
            break

    # 5. Teasers: short unpunctuated lines unrelated to the rest of the article.
    if len(body) >= 3:
        # related(s, title + the other lines), without building that context for every line (a
        # file of 10 000 short lines took 15 s): a key is in the other lines when the whole text
        # holds it more often than the line itself (lines are apart by "\n", no key spans one)
        full = (found.title_raw + "\n" + "\n".join(lines[j][1] for j in body)).casefold()
        in_full: dict[str, int] = {}
        texts = [lines[i][1].strip() for i in body]
        # a wrapped page: its lines of one width, most of them ending mid-sentence
        wrapped = _hard_wrapped([len(t) for t in texts]) and (
            sum(1 for t in texts if not _SENTENCE_END.search(t)) >= 0.6 * len(texts)
        )
        for i in body[1:]:
            s = lines[i][1].strip()
            words = s.split()
            if not (2 <= len(words) <= 16) or _SENTENCE_END.search(s) or not _HEADLINE_LIKE.match(s):
                continue
            if _in_paragraph(lines, i, words, wrapped):
                continue
            keys = _content_keys(s)
            if not keys:
                continue
            own = lines[i][1].casefold()
            shared = 0
            for k in keys:
                if k not in in_full:
                    in_full[k] = full.count(k)
                shared += in_full[k] > own.count(k)
            if shared / len(keys) < 0.25:
                removed[i] = "teaser for an unrelated story"

    changes = _line_changes(lines, removed)
    changes += _joins(lines, [i for i in body if i not in removed])
    return changes, found


def _hard_wrapped(lengths: list[int]) -> bool:
    """Hard-wrapped text: most lines of a typical wrap width, none much longer."""
    return bool(lengths) and max(lengths) <= 110 and sum(1 for n in lengths if 45 <= n <= 100) >= 0.6 * len(lengths)


def _in_paragraph(lines: list[tuple[int, str]], i: int, words: list[str], wrapped: bool) -> bool:
    """Line ``i`` is a piece of a running paragraph, never a teaser standing on its own line: it
    stops mid-clause (``… der in den``, ``… Brunnwyl, Wallenschwyl oder``), the next line goes
    on in lower case, or, in hard-wrapped text (an OCR'd page), a text line touches it."""
    if words[-1] in _DANGLING or words[-1].endswith(","):
        return True
    nxt = lines[i + 1][1].strip() if i + 1 < len(lines) else ""
    if nxt[:1].islower():
        return True
    prev = lines[i - 1][1].strip() if i > 0 else ""
    return wrapped and bool(prev or nxt)


def _agencies(spec: str) -> list[str]:
    out = []
    for a in re.split(r"\s*(?:[,/;]|\bund\b|\band\b)\s*", spec.strip(), flags=re.I):
        a = a.strip().casefold()
        if a:
            out.append(KNOWN_AGENCIES.get(a, a))
    return list(dict.fromkeys(out))


def _line_changes(lines: list[tuple[int, str]], removed: dict[int, str]) -> list[Change]:
    """Remove each removed line with its newline, blank lines next to them too."""
    changes: list[Change] = []
    n = len(lines)
    i = 0
    while i < n:
        if i not in removed and lines[i][1].strip():
            i += 1
            continue
        j = i
        reasons: list[str] = []
        while j < n and (j in removed or not lines[j][1].strip()):
            if j in removed:
                reasons.append(removed[j])
            j += 1
        start = lines[i][0]
        end = lines[j][0] if j < n else lines[n - 1][0] + len(lines[n - 1][1])
        if j >= n and i > 0:
            start -= 1  # at the end: take the newline before instead
        if end > start:
            reason = "; ".join(dict.fromkeys(reasons)) or "blank line"
            changes.append(Change(start, end, "", "removed", reason))
        i = j
    return changes


_HYPHEN_WRAP = re.compile(r"(?<=[a-zäöüß])[-¬]$")  # ``¬``: the line-end hyphen of Fraktur OCR


def _joins(lines: list[tuple[int, str]], kept: list[int]) -> list[Change]:
    """Join hard-wrapped lines: no final punctuation, next line starts in lower case."""
    out: list[Change] = []
    wrapped = _hard_wrapped([len(lines[i][1].strip()) for i in kept])
    for a, b in zip(kept, kept[1:], strict=False):
        if b != a + 1:
            continue
        la, lb = lines[a][1].rstrip(), lines[b][1].lstrip()
        if not lb or _SENTENCE_END.search(la):
            continue
        continues = lb[0].islower() or la.endswith((",", "-", "¬")) or (
            wrapped and len(la.strip()) >= 45 and la.split()[-1][:1].islower()
        )
        if not continues:
            continue
        nl = lines[a][0] + len(lines[a][1])
        conj = lb.split(" ", 1)[0] in ("und", "oder", "bis", "sowie", "and", "or")
        if la.endswith("¬") and (conj or lb[0].isupper()):  # ``Kantons¬ und``, ``Nord¬ Amerika``
            new = "- " if conj else "-"
            out.append(Change(lines[a][0] + len(la) - 1, nl + 1, new, "repaired", "hyphenation at line break"))
        elif _HYPHEN_WRAP.search(la) and not conj:
            out.append(Change(lines[a][0] + len(la) - 1, nl + 1, "", "repaired", "hyphenation at line break"))
        else:
            out.append(Change(nl, nl + 1, " ", "repaired", "line break inside a paragraph"))
    return out


def site_source(site: str | None) -> str | None:
    return source_from_site(site) if site else None
