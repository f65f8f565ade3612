"""Extractive briefings of an event or a storyline, headed in German or English.

Every line of a briefing is a sentence taken from an article (or a count made
from articles) and cites its articles as ``[n]``; the sources are listed at the
end.  Sentences and quotes are shown as written; only the headings and the
phrases lagebild adds follow ``lang``.  :func:`build_briefing` collects a
:class:`Briefing` from the store; :mod:`.brief_formats` writes it as Markdown,
HTML or PDF (``render_briefing``), escaping every piece of scraped text.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..clean.structure import dateline_end
from ..display_names import english_name
from ..errors import NotFound
from ..group.events import load_group
from ..group.describe import describe_event, describe_storyline, key_actors
from ..group.timelines import Entry, storyline_timeline
from ..group.titles import clean_headline
from ..store import briefing as queries
from .brief_formats import FORMATS, render_briefing, to_html, to_markdown, to_pdf
from .phrases import Phrases, dominant_lang, outlet_label, phrases
from .sources import independent_outlets, store_db

if TYPE_CHECKING:
    from ..store import Store

__all__ = [
    "FORMATS", "Briefing", "BriefingFile", "Item", "build_briefing", "export_briefing", "local_actor_names",
    "render_briefing", "to_html", "to_markdown", "to_pdf",
]  # fmt: skip

# Cues of claims and denials (lemmas and common inflected or separated forms), German and English.
CLAIM_CUES = re.compile(
    r"\b(zurückweis\w*|wies\w* [^.]{0,80}?zurück|weist [^.]{0,80}?zurück|zurückgewiesen|bestr[ie]tt?\w*|"
    r"dementi\w*|behaupt\w*|angeblich\w*|reject\w*|den(?:y|ies|ied)|claim\w*|allege\w*)",
    re.IGNORECASE,
)
_MAX_QUOTES_PER_SPEAKER = 2  # several voices rather than one statement in pieces
_MAX_QUOTES = 6
_MAX_CLAIMS = 6
_MAX_TIMELINE = 12
_MAX_BACKGROUND = 6
_MAX_HAPPENED = 8
# Said of articles whose outlet is unknown (together they count as one independent source at most).
_UNKNOWN_COUNTED = {
    "de": lambda n: f"({n} Artikel ohne Quellenangabe, zusammen höchstens als eine gezählt)",
    "en": lambda n: f"({n} article{'' if n == 1 else 's'} without a known source, counted as one at most)",
}
# Quotation marks around a direct quote, by briefing language.
_QUOTE_MARKS = {"de": ("„", "“"), "en": ("“", "”")}
# Two items repeat each other when they share this many words in runs of _RUN words (or half
# of the shorter one): a quote already shown inside a dated sentence, a claim that is a quote.
_RUN = 5
_REPEAT_WORDS = 7
# A date this many days before a storyline's first or after its last day is background
# (a 1982 reference, an earlier summit recalled), not one of the storyline's own events.
_OWN_MARGIN_DAYS = 14
# A live-blog timestamp opening a sentence ("9:34 p.m.:", "21.34 Uhr -") says when a post
# went up, not when something happened: such a sentence is never a timeline entry.
_CLOCK_LEAD = re.compile(
    r"^\W{0,3}\d{1,2}[:.]\d{2}\s*(?:[ap]\.?\s?m\.?|uhr|h)?\b\W*(?:\b(?:ET|EST|EDT|CET|MEZ|MESZ|GMT|UTC)\b)?",
    re.IGNORECASE,
)


@dataclass(slots=True)
class Item:
    text: str
    cites: list[int]
    lead: str = ""  # a bold prefix (speaker, actor, date), never scraped markup


@dataclass(slots=True)
class Briefing:
    """A briefing: ``sections`` are (heading, items); ``sources`` one dict per cited article.

    A source has ``n`` (its citation number), ``article``, ``title``, ``source`` (as stored,
    may be None), ``label`` (what to show: the source, else the URL's host, else "unknown
    source" in ``lang``), ``published`` and ``url``.
    """

    kind: str  # event | storyline
    id: str
    title: str
    subtitle: str
    sections: list[tuple[str, list[Item]]] = field(default_factory=list)
    sources: list[dict[str, object]] = field(default_factory=list)
    lang: str = "de"


@dataclass(slots=True, frozen=True)
class BriefingFile:
    """A briefing written out, ready to save or send."""

    data: bytes
    media_type: str  # e.g. application/pdf
    filename: str  # e.g. st-b57623c7406d.pdf


def export_briefing(
    store: Store, ref_kind: str, gid: str, *, fmt: str = "md", lang: str | None = None
) -> BriefingFile:
    """Build the briefing of an event or storyline and write it as ``md``, ``html`` or ``pdf``.

    The one call for an export button or a command.

    Args:
        store: the store to read.
        ref_kind: ``event`` or ``storyline``.
        gid: the event's or storyline's id.
        fmt: ``md`` (default), ``html`` or ``pdf``.
        lang: ``de`` or ``en``; None: the members' dominant language (see :func:`build_briefing`).

    Raises:
        NotFound: no such event or storyline.
        ValueError: an unknown format or language.
        LagebildError: PDF without fpdf2.
    """
    if fmt not in FORMATS:
        raise ValueError(f"Cannot write a briefing as {fmt!r}: expected one of {', '.join(FORMATS)}.")
    out = render_briefing(build_briefing(store, ref_kind, gid, lang=lang), fmt)
    media_type, ext = FORMATS[fmt]
    return BriefingFile(out.encode("utf-8") if isinstance(out, str) else out, media_type, f"{gid}.{ext}")


def local_actor_names(
    store: Store, gid: str, articles: list[str], lang: str | None = None
) -> list[str]:
    """The key actors of an event or storyline named as its members' main language names them.

    ``White House`` rather than the gazetteer's ``Weißes Haus`` for an English storyline (see
    :class:`_LocalNames`); German storylines keep the names as stored.

    Args:
        store: the store to read.
        gid: the event's (``ev-…``) or storyline's (``st-…``) id.
        articles: its canonical member articles.
        lang: name them in this language instead (``en``: the English interface names a German
            storyline's ``Europäische Union`` ``European Union`` too).

    Raises:
        NotFound: no such event or storyline.
    """
    conn = store_db(store)
    group = load_group(conn, "events" if gid.startswith("ev-") else "storylines", gid)
    if group is None:
        raise NotFound(f"No event or storyline {gid!r}. `lagebild stories` lists them.")
    actors = key_actors(conn, group)
    refs = queries.article_refs(conn, articles)
    lang = lang or dominant_lang(r.language for r in refs.values())
    if lang == "de":  # the gazetteer's names are German
        return [str(a["name"]) for a in actors]
    local = _LocalNames(conn, articles, refs, lang)
    local.read([str(a["id"]) for a in actors])  # all at once, not a statement per actor
    return [local.name(str(a["name"]), local.named(str(a["id"])), str(a["id"])) for a in actors]


class _Sources:
    """Numbers the cited articles in the order of their first citation."""

    def __init__(self, conn: Any, refs: dict[str, queries.ArticleRef], p: Phrases) -> None:
        self.conn = conn
        self.refs = refs
        self.p = p
        self.index: dict[str, int] = {}
        self.rows: list[dict[str, object]] = []

    def cite(self, aid: str) -> int:
        if aid not in self.index:
            if aid not in self.refs:
                self.refs.update(queries.article_refs(self.conn, [aid]))
            r = self.refs.get(aid) or queries.ArticleRef(aid, "", None, None, None, None)
            self.rows.append({
                "n": len(self.rows) + 1, "article": aid, "title": r.title, "source": r.source,
                "label": outlet_label(r.source, r.url, self.p), "published": r.published, "url": r.url,
            })  # fmt: skip
            self.index[aid] = len(self.rows)
        return self.index[aid]


def _sentence_text(conn: Any, aid: str, seq: int) -> str:
    return _without_dateline((queries.sentence_text(conn, aid, seq) or "").strip())


def _lead(conn: Any, aid: str) -> tuple[int, str]:
    """An article's lead: its first sentence that tells something (five words or more, no
    live-blog time stamp, no introduction ending in a colon: ``The Latest on the race (all times
    EDT):``); the first sentence when none does."""
    sentences = queries.article_sentences(conn, aid)
    for s in sentences:
        text = _without_dateline(s.text.strip())
        if len(re.findall(r"\w+", text)) >= 5 and not text.endswith(":") and not _CLOCK_LEAD.match(text):
            return s.seq, text
    return 0, _sentence_text(conn, aid, 0)


def _without_dateline(sentence: str) -> str:
    """The sentence without a leading dateline (the cited sentence is unchanged in the store)."""
    end = dateline_end(sentence)
    return sentence[end:] if len(sentence) - end > 20 else sentence


def build_briefing(
    store: Store, ref_kind: str, gid: str, *, lang: str | None = None, timeline: list[Entry] | None = None
) -> Briefing:
    """Collect a briefing for an event (``ev-…``) or a storyline (``st-…``).

    Args:
        store: the store to read.
        ref_kind: ``event`` or ``storyline``.
        gid: the event's or storyline's id.
        lang: ``de`` or ``en`` for headings and fixed phrases; None: the language most of
            the member articles are written in (``en`` only when English outnumbers German).
        timeline: the group's ``storyline_timeline``, where the caller has built it (the
            storyline page shows it too): not built a second time.

    Raises:
        NotFound: no such event or storyline.
        ValueError: a language other than ``de`` or ``en``.
    """
    conn = store_db(store)
    if lang is not None:
        phrases(lang)  # an unknown language fails before any reading
    table = "events" if ref_kind == "event" else "storylines"
    group = load_group(conn, table, gid)
    if group is None:
        raise NotFound(f"No {ref_kind} {gid!r}. `lagebild stories` lists storylines and events.")
    if ref_kind == "event":
        info = describe_event(conn, gid)
        articles = list(info["articles"])
        n_dup = len(info["duplicates"])
    else:
        info = describe_storyline(conn, gid)
        articles = [a for e in info["events"] for a in e["articles"]]
        n_dup = sum(len(e["duplicates"]) for e in info["events"])
    refs = queries.article_refs(conn, articles)
    p = phrases(lang or dominant_lang(r.language for r in refs.values()))
    if ref_kind == "event":
        when = info["date"] or p.undated
    elif info["start"] == info["end"] or not info["end"]:  # one day once, `undatiert` once
        when = info["start"] or p.undated
    else:
        when = f"{info['start'] or p.undated} {p.until} {info['end']}"
    src = _Sources(conn, refs, p)
    n_out = independent_outlets(store, articles)
    # no id: the reader reads the title; the id is in the file name and the address
    sub = f"{p.event if ref_kind == 'event' else p.storyline} · {when} · {p.count(len(articles), 'article')}"
    if n_dup:
        sub += f" ({p.plus} {p.count(n_dup, 'duplicate')}, {p.not_counted})"
    sub += f" · {p.count(n_out, 'independent')}"
    unknown = sum(1 for a in articles if not (refs.get(a) and (refs[a].source or refs[a].url)))
    if unknown:  # together one outlet at most (present/sources.py): say so, the analyst may know better
        sub += " " + _UNKNOWN_COUNTED[p.lang](unknown)
    title = str(info["title"] or "")
    b = Briefing(ref_kind, gid, clean_headline(title) or title, sub, lang=p.lang)  # an event: its first headline

    used: set[tuple[str, int]] = set()  # (article, sentence) already shown: never twice
    shown = _Shown()  # the words already shown: no sentence or quote a second time
    # 1. What happened: for a storyline its events (headline, date, independent outlets);
    #    for an event the lead sentence of each article.
    happened: list[Item] = []
    if ref_kind == "event":
        for aid in articles[:_MAX_HAPPENED]:
            seq, text = _lead(conn, aid)
            used.add((aid, seq))
            if not text:
                text = queries.article_head(conn, aid)
            happened.append(Item(text, [src.cite(aid)]))
            shown.add(text)
    else:
        events = [e for e in info["events"] if e["articles"]]
        if len(events) > _MAX_HAPPENED:  # the most reported ones, shown in date order
            keep = {e["id"] for e in sorted(events, key=lambda e: -len(e["articles"]))[:_MAX_HAPPENED]}
            events = [e for e in events if e["id"] in keep]
        for e in events:
            n_out = independent_outlets(store, list(e["articles"]))
            head = clean_headline(str(e["title"] or "")) or _sentence_text(conn, e["articles"][0], 0)
            text = f"{head} ({p.count(n_out, 'independent')})"
            happened.append(Item(text, [src.cite(a) for a in e["articles"]], lead=str(e["date"] or p.undated)))
            shown.add(head)
    b.sections.append((p.happened, happened))

    # 2. When: the storyline's own dated events in order; background and announced dates apart.
    span = _own_span(info, ref_kind)
    own: list[Entry] = []
    background: list[Entry] = []
    for entry in storyline_timeline(conn, gid) if timeline is None else timeline:
        if entry.date is None or (entry.citations[0].article, entry.citations[0].sentence) in used:
            continue
        if not _within(entry.date, span):
            background.append(entry)
        elif not _YEAR_ONLY.match(entry.date):  # "this year", "the 2016 campaign": no date of an event
            own.append(entry)

    def shows_news(entry: Entry) -> bool:  # (checked only for the entries that could be shown)
        return not _is_clock_time(conn, entry) and not shown.repeats(entry.text)

    when_items = [_entry_item(e, src, used, p) for e in _most_cited(own, _MAX_TIMELINE, shows_news)]
    shown.add_all(it.text for it in when_items)
    b.sections.append((p.when, when_items))

    # 3. Who was involved, named as the briefing's language names them.
    local = _LocalNames(conn, articles, refs, p.lang)
    who = []
    ranked = key_actors(conn, group, 12)  # the 12 quoted ones below; their first 6 (key_actors' default) here
    actors = ranked[:6]
    with_roles = queries.actor_articles_of(conn, [str(a["id"]) for a in actors], articles, p.lang)
    for actor in actors:
        named = with_roles[str(actor["id"])]
        cites = [src.cite(a) for a in named.articles]
        text = f"{p.named_in} {p.count(len(cites), 'articles_dat')}"
        if named.role:
            text = f"{named.role}; " + text
        who.append(Item(text, sorted(cites), lead=local.name(str(actor["name"]), named, str(actor["id"]))))
    b.sections.append((p.who, who))

    # 5. and 6. are chosen before 4.: a claim or background sentence shown whole is better than
    # the same words again as a quote (numbers are still given in reading order below).
    # 5. Open claims and denials.
    claim_rows: list[tuple[str, str]] = []
    seen_c: set[str] = set()
    for aid in articles:
        for s in queries.article_sentences(conn, aid):
            sentence = _without_dateline(s.text.strip())
            if (
                CLAIM_CUES.search(sentence)
                and sentence[:60] not in seen_c
                and (aid, s.seq) not in used
                and not shown.repeats(sentence)
            ):
                seen_c.add(sentence[:60])
                used.add((aid, s.seq))
                shown.add(sentence)
                claim_rows.append((aid, sentence))
        if len(claim_rows) >= _MAX_CLAIMS:
            break
    claim_rows = claim_rows[:_MAX_CLAIMS]

    # 6. Background (dates well before the storyline) and what was announced (planned dates).
    background = _most_cited(background, _MAX_BACKGROUND, shows_news)
    shown.add_all(e.text for e in background)
    planned = _planned(conn, articles, used, shown)

    # 4. What the key actors said: direct quotes of named speakers first.
    key_ids = {a["id"] for a in ranked}
    quotes = []
    quotes_by = queries.quotes_of_many(conn, articles)  # not a statement per article
    for aid in articles:
        for q in quotes_by.get(aid, ()):
            # A group speaker ("die drei Länder") is shown as its members.
            speaker = p.names(list(q.members)) if len(q.members) > 1 else (q.speaker_name or q.speaker_text)
            if not speaker or len(q.text) < 25:
                continue
            # People speak; a country as "speaker" is often a statement or an office.
            rank = (
                q.speaker_type != "PER" and len(q.members) < 2,  # a joint statement counts like a person
                q.kind != "direct",
                q.speaker_entity not in key_ids,
                q.speaker_entity is None,
                -len(q.text) // 50,
            )
            entity = q.speaker_entity if q.speaker_name and len(q.members) < 2 else None
            quotes.append((rank, aid, speaker, q.text, q.kind, entity))
    quotes.sort(key=lambda x: x[0])
    said: list[Item] = []
    seen: set[tuple[str, str]] = set()
    per_speaker: dict[str, int] = {}
    opening, closing = _QUOTE_MARKS[p.lang]
    for _, aid, speaker, text, kind, entity in quotes:
        key = (speaker, text[:40])
        if key in seen or per_speaker.get(speaker, 0) >= _MAX_QUOTES_PER_SPEAKER:
            continue
        if shown.repeats(text):  # already shown in a sentence above
            continue
        seen.add(key)
        shown.add(text)
        per_speaker[speaker] = per_speaker.get(speaker, 0) + 1
        said.append(
            Item(
                f"{opening}{text}{closing}" if kind == "direct" else f"{p.paraphrase} {text}",
                [src.cite(aid)],
                lead=local.name(speaker, local.named(entity), entity) if entity else speaker,
            )
        )
        if len(said) >= _MAX_QUOTES:
            break

    b.sections.append((p.said, said))
    b.sections.append((p.claims, [Item(text, [src.cite(aid)]) for aid, text in claim_rows]))
    back = [_entry_item(e, src, used, p) for e in background]
    back += [Item(text, [src.cite(aid)], lead=f"{p.date(date)} ({p.announced})") for aid, text, date in planned]
    b.sections.append((p.background, back))
    b.sources = src.rows
    return b


def _span_days(value: str) -> tuple[dt.date, dt.date] | None:
    """First and last day of a TIMEX3 date (day, ISO week, month or year)."""
    m = re.match(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?|-W(\d{2}))?$", value or "")
    if not m:
        return None
    y, mo, d, w = m.groups()
    try:
        if w:
            lo = dt.date.fromisocalendar(int(y), int(w), 1)
            return lo, lo + dt.timedelta(days=6)
        if d:
            day = dt.date(int(y), int(mo), int(d))
            return day, day
        if mo:
            last = calendar.monthrange(int(y), int(mo))[1]
            return dt.date(int(y), int(mo), 1), dt.date(int(y), int(mo), last)
        return dt.date(int(y), 1, 1), dt.date(int(y), 12, 31)
    except ValueError:
        return None


def _own_span(info: dict[str, object], ref_kind: str) -> tuple[dt.date, dt.date] | None:
    """The days of the storyline's (event's) own events, widened by a margin."""
    lo = _span_days(str(info.get("start" if ref_kind == "storyline" else "date") or ""))
    hi = _span_days(str(info.get("end") or "")) or lo
    if lo is None or hi is None:
        return None
    margin = dt.timedelta(days=_OWN_MARGIN_DAYS)
    return lo[0] - margin, hi[1] + margin


def _within(date: str, span: tuple[dt.date, dt.date] | None) -> bool:
    days = _span_days(date)
    if span is None or days is None:
        return True  # nothing to compare with: everything is the storyline's own
    return days[1] >= span[0] and days[0] <= span[1]


def _is_clock_time(conn: Any, entry: Entry) -> bool:
    """A live-blog timestamp, not a date: dated only by a clock time, or opening with one."""
    if _CLOCK_LEAD.match(entry.text):
        return True
    if entry.date_from != "text":
        return False
    cite = entry.citations[0]
    times = queries.sentence_times(conn, cite.article, cite.sentence)
    if not times:
        return False
    # a clock time has digits ("9:34 p.m.", "21.34 Uhr"); a part of a day is a date
    # ("Samstagabend", "Monday night": TIME in TIMEX3, but no post's time stamp)
    clock = any(t == "TIME" and any(ch.isdigit() for ch in x) for t, x in times)
    dated = any(t == "DATE" or (t == "TIME" and not any(ch.isdigit() for ch in x)) for t, x in times)
    return clock and not dated


def _most_cited(entries: list[Entry], n: int, keep: Any = None) -> list[Entry]:
    """At most ``n`` entries that ``keep`` accepts, the most cited (then the earliest), shown in
    date order; ``keep`` is asked in that order and only until ``n`` are found."""
    chosen: list[int] = []
    for i in sorted(range(len(entries)), key=lambda i: (-len(entries[i].citations), i)):
        if len(chosen) == n:
            break
        if keep is None or keep(entries[i]):
            chosen.append(i)
    return [entries[i] for i in sorted(chosen)]


def _entry_item(entry: Entry, src: _Sources, used: set[tuple[str, int]], p: Phrases) -> Item:
    label = p.date(entry.date) if entry.date else p.undated
    if entry.date_from == "cross-reference":
        label += f" ({p.inferred})"
    used.update((c.article, c.sentence) for c in entry.citations)
    return Item(_without_dateline(entry.text), [src.cite(c.article) for c in entry.citations], lead=label)


def _planned(
    conn: Any, articles: list[str], used: set[tuple[str, int]], shown: _Shown
) -> list[tuple[str, str, str]]:
    """(article, sentence, date) about a scheduled date (``date_from = planned``) of the members, by date."""
    out, seen = [], set()
    for row in queries.planned_sentences(conn, articles):
        if (row.article, row.seq) in used:
            continue
        text = _without_dateline(row.text.strip())
        if text[:60] in seen or shown.repeats(text):
            continue
        seen.add(text[:60])
        shown.add(text)
        used.add((row.article, row.seq))
        out.append((row.article, text, str(row.date)))
    return out[:_MAX_BACKGROUND]


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


_YEAR_ONLY = re.compile(r"^\d{4}$")


class _LocalNames:
    """An actor's name as the briefing's language writes it.

    Entity names are the gazetteer's (German: ``Vereinigte Staaten``, ``Weißes Haus``). In English
    an entity with a gazetteer English name (``name_en``) is named by it (``United States``,
    ``United Nations``, ``Pope Francis``). Otherwise, when a name appears in none of the member
    articles written in the briefing's language, the form those articles use most is shown
    instead; the longer form wins a tie. Names that the articles use (``Donald Trump``) stay.
    """

    def __init__(self, conn: Any, articles: list[str], refs: dict[str, queries.ArticleRef], lang: str) -> None:
        self.conn = conn
        self.articles = articles
        self.lang = lang
        self.mine = {a for a in articles if (refs.get(a) and refs[a].language) == lang}
        self._text: str | None = None
        self._named: dict[str, queries.ActorArticles] = {}

    def read(self, entity_ids: list[str]) -> None:
        """Read what :meth:`named` gives for these entities in one go."""
        todo = [e for e in dict.fromkeys(entity_ids) if e not in self._named]
        self._named.update(queries.actor_articles_of(self.conn, todo, self.articles))

    def named(self, entity_id: str) -> queries.ActorArticles:
        if entity_id not in self._named:
            self._named[entity_id] = queries.actor_articles(self.conn, entity_id, self.articles)
        return self._named[entity_id]

    def _folded_text(self) -> str:
        if self._text is None:
            texts = queries.article_texts(self.conn, sorted(self.mine))
            self._text = f" {_fold(' '.join(texts.values()))} "
        return self._text

    def name(self, name: str, named: queries.ActorArticles, entity_id: str | None = None) -> str:
        if self.lang == "de":
            # the stored names are German nominatives (the gazetteer's, ``Europäische Union``);
            # the forms German articles write are often inflected (``der Europäischen Union``,
            # ``Mazedoniens``): a German briefing names actors as `stories` and the pages do
            return name
        if self.lang == "en" and entity_id is not None and (english := english_name(entity_id)):
            # the gazetteer's English name (``United Nations``, ``Pope Francis``, ``Spain``):
            # one name for the actor in every English briefing, not the German one
            return english
        if not self.mine or f" {_fold(name)} " in self._folded_text():
            return name
        counts: dict[str, int] = {}
        for aid, forms in zip(named.articles, named.forms, strict=False):
            if aid in self.mine:
                for form in set(forms):
                    if len(form) > 2 and f" {_fold(form)} " in self._folded_text():
                        counts[form] = counts.get(form, 0) + 1
        if not counts and entity_id is not None:
            # The members write the actor in no name form (only ``British``): the form the
            # store's other articles in this language write most (``United Kingdom``).
            counts = {
                form: n
                for form, n in queries.entity_forms(self.conn, entity_id, self.lang).items()
                if len(form) > 2 and form != name
            }
        if not counts:
            return name
        return max(counts, key=lambda f: (counts[f], len(f), f))


def _pieces(text: str) -> list[str]:
    """The sentences of ``text`` with five words or more, folded."""
    out = []
    for piece in re.split(r"(?<=[.!?;])\s+", text):
        folded = _fold(piece)
        if len(folded.split()) >= 5:
            out.append(folded)
    return out


class _Shown:
    """The words a briefing already shows, to keep any sentence or quote from a second section.

    A text repeats a shown one when they share at least :data:`_REPEAT_WORDS` words (or half of
    the shorter text) in runs of :data:`_RUN` words, when a whole sentence of one (five words or
    more: a quote's first sentence) is inside the other, or when a short text (a few words) is
    contained in a shown one.
    """

    def __init__(self) -> None:
        # per shown text: its folded words, them joined (" a b c "), its runs, its sentences
        self.shown: list[tuple[list[str], str, set[tuple[str, ...]], list[str]]] = []

    def add(self, text: str) -> None:
        words = _fold(text).split()
        if words:
            runs = {tuple(words[i : i + _RUN]) for i in range(len(words) - _RUN + 1)}
            self.shown.append((words, f" {' '.join(words)} ", runs, _pieces(text)))

    def add_all(self, texts: Any) -> None:
        for text in texts:
            self.add(text)

    def repeats(self, text: str) -> bool:
        words = _fold(text).split()
        if not words:
            return False
        joined, mine = f" {' '.join(words)} ", _pieces(text)
        mine_runs = [tuple(words[i : i + _RUN]) for i in range(len(words) - _RUN + 1)]
        for other, other_joined, runs, theirs in self.shown:
            if any(f" {x} " in other_joined for x in mine) or any(f" {x} " in joined for x in theirs):
                return True
            if len(words) < _RUN or len(other) < _RUN:
                short, long_ = (joined, other_joined) if len(words) <= len(other) else (other_joined, joined)
                if len(short.split()) >= 3 and short in long_:
                    return True
                continue
            covered: set[int] = set()
            for i, run in enumerate(mine_runs):
                if run in runs:
                    covered.update(range(i, i + _RUN))
            if covered and len(covered) >= min(_REPEAT_WORDS, (min(len(words), len(other)) + 1) // 2):
                return True
        return False
