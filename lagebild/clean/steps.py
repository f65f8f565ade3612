"""The cleaning stage, step by step (see the package's docstring for the order)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .._meta import plausible_date, source_from_site, source_from_url
from .._names import source_from_name
from ..errors import NoArticle
from ..model import Article
from . import repair
from ._embeds import char_references, embed_markup
from ._buffer import Change, EditBuffer
from .keys import content_key
from .lang import SUPPORTED, detect_language
from .structure import _DANGLING, split_title, structure


@dataclass(slots=True, kw_only=True)
class CleanOptions:
    """Options of the cleaner.

    Attributes:
        repair: run the in-line repairs of translation and scraping damage.
        teasers: remove short lines unrelated to the article (pasted teasers).
    """

    repair: bool = True
    teasers: bool = True


_DEFAULT = CleanOptions()
# Rounds of the in-line repairs and line checks at most (almost every text needs one,
# a few two or three).
_REPAIR_ROUNDS = 6


def _edges(text: str) -> list[Change]:
    out = []
    lead = len(text) - len(text.lstrip())
    if lead:
        out.append(Change(0, lead, "", "removed", "blank line"))
    trail = len(text) - len(text.rstrip())
    if trail and len(text.rstrip()) > 0:
        out.append(Change(len(text) - trail, len(text), "", "removed", "blank line"))
    return out


def _plain(s: str) -> str:
    """Light repair for metadata strings (not logged: the raw form is kept beside it)."""
    if repair._MOJIBAKE.search(s):
        import ftfy

        s = ftfy.fix_encoding(s)
    s = unicodedata.normalize("NFC", s)
    return re.sub(r"\s+", " ", s.replace("\u00ad", "")).strip()


def _drop_implausible(article: Article) -> None:
    """A publication date before 1600 or after tomorrow is flagged, not kept: it is
    no anchor for relative dates (the raw input still holds it)."""
    if article.published is not None and not plausible_date(article.published):
        article.flags.append(f"date-implausible:{article.published.isoformat()}")
        article.published, article.published_from = None, "none"


# A sentence end: after a word of two lower-case letters or capitals (not `3.`, `Dr.`), before a
# capital; abbreviations that end like words are skipped.
_LEAD_SENTENCE = re.compile(
    r"(?<=[a-zäöüß]{2}|[A-ZÄÖÜ]{2}|[a-zäöüß][\"“”»])[.!?](?=[\"“”»«')]?\s+[\"„“»(]?[A-ZÄÖÜ0-9])"
)
_ABBREVIATIONS = frozenset(
    """Prof Mio Mrd Tsd bzw vgl etc Abs Tel Str Mag Ing Dipl inkl evtl ggf usw Hrsg Mrs Sen Gov Rep
    Gen Col Jan Feb Aug Sept Okt Nov Dez Jhd Jh Nr St Dr Mr Ms""".split()
)
# `2015. Rom – Nach`, `2015. ROM (dpa) – Nach`: a full stop, then a dateline (the place, an
# optional agency, a dash) and a capital; not after a day's number (`am 5. Juli – Die`).
_BEFORE_DATELINE = re.compile(
    r"(?<=\w)(?<!\b\d)(?<!\b\d\d)[.!?](?=\s+(?:[A-ZÄÖÜ][a-zäöüß]+(?:[ -][A-ZÄÖÜ][a-zäöüß]+){0,2}|[A-ZÄÖÜ]{2,}(?: [A-ZÄÖÜ]{2,}){0,2})"
    r"(?:\s*\([A-Za-z][A-Za-z/ ,.]{1,30}\))?\s+[–—]\s+[A-ZÄÖÜ„\"»])"
)
_LEAD_MAX = 160  # a title longer than this is cut (the grouping's headline limit)
_LEAD_CUT = 100


# A report's opening place and day: ``London, 26. Nov.``, ``Hattingen, den 3. Februar``.
_MONTH_ABBR = r"(?:Jan|Feb|Mär|Mar|Apr|Mai|May|Jun|Jul|Aug|Sep|Okt|Oct|Nov|Dez|Dec)[a-zä]*\.?"
_PLACE_DATE_START = re.compile(rf"[A-ZÄÖÜ][\w.-]+(?: [A-ZÄÖÜ][\w.-]+)?, (?:den |vom )?\d{{1,2}}\. ?{_MONTH_ABBR} ")
# the same inside a line that a heading was joined into (``… Republik an London, 26. Nov. Im …``)
_PLACE_DATE_INSIDE = re.compile(rf"(?<=[a-zäöüß] )[A-ZÄÖÜ][\w-]+, (?:den |vom )?\d{{1,2}}\. ?{_MONTH_ABBR} [A-ZÄÖÜ]")


_FINAL_STOP = re.compile(r"(?<=[A-Za-zÄÖÜäöüß]{3})\.$")
_TITLE_ABBREVIATIONS = _ABBREVIATIONS | {"Inc", "Corp", "Ltd", "Bros", "Co", "Jr", "Sr"}


def _without_final_stop(title: str) -> str:
    """A headline ends without a full stop (PolNeAR's ``… for Hillary Clinton.``, an OCR'd page's
    ``Italien.``); ``U.S.``, ``Inc.``, ``…`` and a title of several sentences keep theirs."""
    t = title.rstrip()
    m = _FINAL_STOP.search(t)
    if m is None or _LEAD_SENTENCE.search(t):
        return title
    word = re.search(r"(\w+)\.$", t)
    if word is None or word.group(1) in _TITLE_ABBREVIATIONS or word.group(1).isupper():
        return title
    return t[:-1]


def lead_title(text: str, dateline: str | None = None) -> str:
    """A title for an article that came without one: its first sentence (without a leading
    dateline and a final full stop), or its first words cut at a word boundary with ``…``.

    ``Kabinett Renzi wegen Bankenskandal unter Druck. Rom – Hunderte …`` → ``Kabinett Renzi
    wegen Bankenskandal unter Druck``.
    """
    lines = text.strip().split("\n")
    first = lines[0]
    # a hard-wrapped paragraph (an OCR'd page) goes on in the next lines: its first sentence
    # ends there, not at the first line's end (``… daß kein`` / ``Priester in die Kammer komme.``)
    for more in lines[1:]:
        if not more.strip() or len(first) > _LEAD_MAX or _LEAD_SENTENCE.search(first):
            break
        words = first.split()
        if not (first.endswith(",") or words[-1] in _DANGLING or more.strip()[:1].islower()):
            break  # the line ends a heading (``Die große Februarkrise``), not mid-clause
        if first.rstrip().endswith((".", "!", "?")) or _PLACE_DATE_START.match(more.strip()):
            # a two-line heading ends there (``… in`` / ``Frankreich.``); ``London, 26. Nov.``
            # starts the report
            break
        first = f"{first} {more.strip()}"
    if dateline and first.startswith(dateline):
        rest = re.sub(r"^[\s.:,–—-]+", "", first[len(dateline) :])
        first = rest if rest else first
    # A dateline after a full stop starts the body, whatever ends the sentence before it
    # (`… als im ersten Quartal 2015. Rom – Nach der …`: a 10kGNAD lead, then the report).
    if (inside := _PLACE_DATE_INSIDE.search(first, 20, _LEAD_MAX + 40)) is not None:
        first = first[: inside.start()].rstrip()
    placed = _BEFORE_DATELINE.search(first, 0, _LEAD_MAX + 40)
    for m in _LEAD_SENTENCE.finditer(first, 0, _LEAD_MAX + 1):
        if placed is not None and placed.start() < m.start():
            break
        word = re.search(r"\w+$", first[: m.start()])
        if word is not None and word.group() in _ABBREVIATIONS:
            continue
        sentence = first[: m.end()]
        return sentence[:-1] if sentence.endswith(".") else sentence
    if placed is not None and placed.start() <= _LEAD_MAX:
        return first[: placed.start()]
    if len(first) <= _LEAD_MAX:
        return first[:-1] if first.endswith(".") and not first.endswith("..") else first
    cut = first[:_LEAD_CUT].rsplit(" ", 1)[0].rstrip(",;:–- ")
    return cut + " …"


def clean(article: Article, options: CleanOptions | None = None) -> Article:
    """Clean ``article.base`` into ``article.text`` and fill in the metadata.

    Raises:
        NoArticle: if nothing of an article is left after cleaning.
    """
    opts = options or _DEFAULT
    buf = EditBuffer(article.base)
    # 1. Encoding damage.
    if article.format != "html":  # the HTML reader decoded its references already
        for _ in range(3):  # `AT&amp;T`, `&lt;tweet …&gt;`, doubly escaped `&amp;quot;`
            refs = char_references(buf.text)
            if not refs:
                break
            buf.apply(refs)
    buf.apply(repair.invisible_and_spaces(buf.text))
    buf.apply(repair.mojibake_and_nfc(buf.text))
    buf.apply(embed_markup(buf.text))  # `<tweet …>`, `<a href=…>` left by a scraper
    # 2. Structure.
    changes, found = structure(buf.text, fmt=article.format, title_raw=_plain(article.title_raw))
    if not opts.teasers:
        changes = [c for c in changes if not c.reason.startswith("teaser")]
    buf.apply(changes)
    # 3. Language.
    lang = article.language or detect_language(buf.text)
    # 4. In-line repairs, until nothing changes (one repair can make room for another: a collapsed space
    # lets `Südkorea  Und` be seen, a split `dasDieDie` shows the next junction), so
    # that cleaning the cleaned text again changes nothing.
    for _ in range(_REPAIR_ROUNDS):
        changed = 0
        if opts.repair:
            changed += buf.apply(repair.ocr_hyphens(buf.text))
            changed += buf.apply(repair.glued_words(buf.text))
            changed += buf.apply(repair.capitalised_function_words(buf.text, lang))
            changed += buf.apply(repair.transliterated_umlauts(buf.text, lang))
            for _ in range(2):  # doubled marks first, then balance what is left
                n = buf.apply(repair.quote_marks(buf.text))
                changed += n
                if not n:
                    break
            changed += buf.apply(repair.space_before_punctuation(buf.text))
            changed += buf.apply(repair.missing_space_after_sentence(buf.text))
        changed += buf.apply(repair.whitespace(buf.text))
        changed += buf.apply(_edges(buf.text))
        # The furniture and line checks again, on the text as it is now (a repair can
        # leave a separator or a blank line; paragraphs once apart by blank lines are
        # now adjacent), as a second cleaning of the cleaned text would: no title line
        # any more, whatever the input's format.
        more, _ = structure(buf.text, fmt="record", title_raw=_plain(found.title_raw or article.title_raw))
        if not opts.teasers:
            more = [c for c in more if not c.reason.startswith("teaser")]
        changed += buf.apply(more)
        if not changed:
            break
    else:
        # the rounds ran out while the line checks still found something (each round takes one
        # of nine dateline lines in a row): those checks alone until a second cleaning finds none
        for _ in range(buf.text.count("\n") + 1):
            more, _ = structure(buf.text, fmt="record", title_raw=_plain(found.title_raw or article.title_raw))
            if not opts.teasers:
                more = [c for c in more if not c.reason.startswith("teaser")]
            if not buf.apply(more):
                break

    article.text = buf.text
    article.edits = buf.edits
    if not any(ch.isalnum() for ch in article.text):
        where = article.origins[0] if article.origins else "<input>"
        title = found.title_raw or ""
        if len(title) > 200:  # one long line that is no paragraph of sentences
            raise NoArticle(
                where,
                f"one line of {len(title):,} characters and no sentence end inside it: "
                "read as a title, no article text after it",
            )
        raise NoArticle(where, "no article text after the title")

    # 5. Metadata: what the input gave wins; inferred values fill the gaps.
    article.title_raw = found.title_raw or article.title_raw
    title, site, title_date = split_title(_plain(article.title_raw))
    if opts.repair:
        title = _without_final_stop(repair.umlauts_in_title(repair.headline_case(title, article.text, lang), lang))
    article.title = title
    if not article.title.strip():  # a record without a title: lists and links need words, not an id
        article.title = lead_title(article.text, found.dateline or article.dateline)
        article.flags.append("no-title")
    # The source: the record's or sidecar's own label (set by the reader) first, then a label in
    # the text, the title's site suffix, the file name, and a URL's host last.
    if not article.source or article.hints.get("source_from") == "url":
        label = (
            found.source  # a `source-section` label line
            or (source_from_site(site) if site else None)  # `… – DW – 24.06.2024`
            or (source_from_name(article.origins[0]) if article.origins else None)  # nyt_2016-…
        )
        if label:
            article.source = label
            article.hints.pop("source_from", None)
        elif not article.source and article.url:
            article.source = source_from_url(article.url)
    if not article.section and found.section:
        article.section = found.section
    _drop_implausible(article)
    if article.published is None:
        if title_date:
            article.published, article.published_from = title_date, "title"
        elif found.published:
            article.published, article.published_from = found.published, found.published_from
        _drop_implausible(article)
    article.dateline = article.dateline or found.dateline
    article.agencies = article.agencies or found.agencies
    article.language = lang
    if lang not in SUPPORTED:
        article.flags.append("language-unsupported" if lang else "language-unknown")
    if article.published is None:
        article.flags.append("no-date")
    key = content_key(article.text)
    article.id = key[:16]
    article.hints["content_key"] = key  # the store's identity check needs it: no second pass over the text
    return article
