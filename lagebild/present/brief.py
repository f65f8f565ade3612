"""Extractive German briefings of an event or a storyline, in Markdown or HTML.

Every line of a briefing is a sentence taken from an article (or a count made
from articles) and cites its articles as ``[n]``; the sources are listed at the
end.  English articles are quoted as they are.  In HTML every piece of scraped
text is escaped.
"""

from __future__ import annotations

import calendar
import datetime as dt
import html
import json
import re
import sqlite3
from dataclasses import dataclass, field

from ..clean.structure import dateline_end
from ..errors import NotFound
from ..group.events import load_group
from ..group.storylines import join_names, describe_event, describe_storyline, key_actors
from ..group.timelines import Entry, storyline_timeline
from ..group.titles import clean_headline
from .sources import independent_outlets

__all__ = ["Briefing", "build_briefing", "to_markdown", "to_html"]

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
    lead: str = ""  # a bold prefix (speaker, actor), never scraped markup


@dataclass(slots=True)
class Briefing:
    kind: str  # event | storyline
    id: str
    title: str
    subtitle: str
    sections: list[tuple[str, list[Item]]] = field(default_factory=list)
    sources: list[dict[str, object]] = field(default_factory=list)


class _Sources:
    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.index: dict[str, int] = {}
        self.rows: list[dict[str, object]] = []

    def cite(self, aid: str) -> int:
        if aid not in self.index:
            r = self.conn.execute(
                "SELECT title, source, published, url FROM articles WHERE id = ?", (aid,)
            ).fetchone()
            self.rows.append({"n": len(self.rows) + 1, "article": aid, "title": r[0], "source": r[1],
                              "published": r[2], "url": r[3]})  # fmt: skip
            self.index[aid] = len(self.rows)
        return self.index[aid]


def _sentence_text(conn: sqlite3.Connection, aid: str, seq: int) -> str:
    r = conn.execute(
        'SELECT substr(a.text, s.start + 1, s."end" - s.start) FROM sentences s JOIN articles a'
        " ON a.id = s.article_id WHERE s.article_id = ? AND s.seq = ?",
        (aid, seq),
    ).fetchone()
    return _without_dateline((r[0] if r else "").strip())


def _without_dateline(sentence: str) -> str:
    """The sentence without a leading dateline (the cited sentence is unchanged in the store)."""
    end = dateline_end(sentence)
    return sentence[end:] if len(sentence) - end > 20 else sentence


def build_briefing(conn: sqlite3.Connection, ref_kind: str, gid: str) -> Briefing:
    """Collect a briefing for an event (``ev-…``) or a storyline (``st-…``).

    Raises:
        NotFound: no such event or storyline.
    """
    table = "events" if ref_kind == "event" else "storylines"
    group = load_group(conn, table, gid)
    if group is None:
        raise NotFound(f"No {ref_kind} {gid!r}. `lagebild stories` lists storylines and events.")
    if ref_kind == "event":
        info = describe_event(conn, gid)
        title = str(info["title"])
        articles = list(info["articles"])  # type: ignore[arg-type]
        when = info["date"] or "undatiert"
        n_dup = len(info["duplicates"])  # type: ignore[arg-type]
    else:
        info = describe_storyline(conn, gid)
        title = str(info["title"])
        articles = [a for e in info["events"] for a in e["articles"]]  # type: ignore[union-attr]
        when = f"{info['start'] or 'undatiert'} bis {info['end'] or 'undatiert'}"
        n_dup = sum(len(e["duplicates"]) for e in info["events"])  # type: ignore[union-attr]
    src = _Sources(conn)
    n_out = independent_outlets(conn, articles)
    sub = f"{'Ereignis' if ref_kind == 'event' else 'Handlungsstrang'} {gid} · {when} · {len(articles)} Artikel"
    if n_dup:
        sub += f" (dazu {n_dup} Duplikat{'e' if n_dup > 1 else ''}, nicht gezählt)"
    sub += f" · {n_out} unabhängige Quelle{'n' if n_out != 1 else ''}"
    b = Briefing(ref_kind, gid, title, sub)

    used: set[tuple[str, int]] = set()  # (article, sentence) already shown: never twice
    # 1. What happened: for a storyline its events (headline, date, independent outlets);
    #    for an event the lead sentence of each article.
    happened: list[Item] = []
    if ref_kind == "event":
        for aid in articles[:_MAX_HAPPENED]:
            text = _sentence_text(conn, aid, 0)
            used.add((aid, 0))
            if not text:
                text = conn.execute(
                    "SELECT substr(text, 1, 300) FROM articles WHERE id = ?", (aid,)
                ).fetchone()[0]
            happened.append(Item(text, [src.cite(aid)]))
    else:
        events = [e for e in info["events"] if e["articles"]]  # type: ignore[union-attr]
        if len(events) > _MAX_HAPPENED:  # the most reported ones, shown in date order
            keep = {e["id"] for e in sorted(events, key=lambda e: -len(e["articles"]))[:_MAX_HAPPENED]}
            events = [e for e in events if e["id"] in keep]
        for e in events:
            n_out = independent_outlets(conn, list(e["articles"]))
            head = clean_headline(str(e["title"] or "")) or _sentence_text(conn, e["articles"][0], 0)
            text = f"{head} ({n_out} unabhängige Quelle{'n' if n_out != 1 else ''})"
            happened.append(Item(text, [src.cite(a) for a in e["articles"]], lead=str(e["date"] or "undatiert")))
    b.sections.append(("Was geschah", happened))

    # 2. When: the storyline's own dated events in order; background and announced dates apart.
    span = _own_span(info, ref_kind)
    own: list[Entry] = []
    background: list[Entry] = []
    for entry in storyline_timeline(conn, gid):
        if entry.date is None or _is_clock_time(conn, entry):
            continue
        key = (entry.citations[0].article, entry.citations[0].sentence)
        if key in used:
            continue
        (own if _within(entry.date, span) else background).append(entry)
    when_items = [_entry_item(e, src, used) for e in _most_cited(own, _MAX_TIMELINE)]
    b.sections.append(("Wann", when_items))

    # 3. Who was involved.
    who = []
    for actor in key_actors(conn, group):
        role = conn.execute(
            "SELECT ae.role, ae.article_id FROM article_entities ae WHERE ae.entity_id = ? AND ae.article_id IN"
            f" ({','.join('?' * len(articles))}) ORDER BY ae.role IS NULL LIMIT 1",
            [actor["id"], *articles],
        ).fetchone()
        cites = [src.cite(a) for (a,) in conn.execute(
            f"SELECT article_id FROM article_entities WHERE entity_id = ? AND article_id IN"
            f" ({','.join('?' * len(articles))})", [actor["id"], *articles])]  # fmt: skip
        n = len(cites)
        text = f"genannt in {n} Artikel{'n' if n != 1 else ''}"
        if role and role[0]:
            text = f"{role[0]}; " + text
        who.append(Item(text, sorted(cites), lead=str(actor["name"])))
    b.sections.append(("Wer beteiligt war", who))

    # 4. What the key actors said: direct quotes of named speakers first.
    key_ids = {a["id"] for a in key_actors(conn, group, 12)}
    quotes = []
    for aid in articles:
        for q in conn.execute(
            "SELECT q.text, q.kind, q.speaker_text, q.speaker_entity, e.name, e.type,"
            " (SELECT json_group_array(m.name) FROM json_each(q.speaker_entities) j"
            "  JOIN entities m ON m.id = j.value) FROM quotes q"
            " LEFT JOIN entities e ON e.id = q.speaker_entity WHERE q.article_id = ? ORDER BY q.seq",
            (aid,),
        ):
            text, kind, sp_text, sp_ent, sp_name, sp_type, group_names = q
            members = json.loads(group_names) if group_names else []
            # A group speaker ("die drei Länder") is shown as its members.
            speaker = join_names(members) if len(members) > 1 else (sp_name or sp_text)
            if not speaker or len(text) < 25:
                continue
            # People speak; a country as "speaker" is often a statement or an office.
            rank = (
                sp_type != "PER" and len(members) < 2,  # a joint statement counts like a person
                kind != "direct",
                sp_ent not in key_ids,
                sp_ent is None,
                -len(text) // 50,
            )
            quotes.append((rank, aid, speaker, text, kind))
    quotes.sort(key=lambda x: x[0])
    said, seen, per_speaker = [], set(), {}  # type: ignore[var-annotated]
    shown = [_fold(it.text) for _, items in b.sections for it in items]
    for _, aid, speaker, text, kind in quotes:
        key = (speaker, text[:40])
        if key in seen or per_speaker.get(speaker, 0) >= _MAX_QUOTES_PER_SPEAKER:
            continue
        if any(_fold(text)[:60] in s for s in shown):  # already shown in a sentence above
            continue
        seen.add(key)
        per_speaker[speaker] = per_speaker.get(speaker, 0) + 1
        said.append(
            Item(
                f"„{text}“" if kind == "direct" else f"(sinngemäß) {text}",
                [src.cite(aid)],
                lead=speaker,
            )
        )
        if len(said) >= _MAX_QUOTES:
            break
    b.sections.append(("Was die Beteiligten sagten", said))

    # 5. Open claims and denials.
    claims, seen_c = [], set()
    for aid in articles:
        text_all = conn.execute("SELECT text FROM articles WHERE id = ?", (aid,)).fetchone()[0]
        for seq, start, end in conn.execute(
            'SELECT seq, start, "end" FROM sentences WHERE article_id = ? ORDER BY seq', (aid,)
        ):
            sentence = _without_dateline(text_all[start:end].strip())
            if CLAIM_CUES.search(sentence) and sentence[:60] not in seen_c and (aid, seq) not in used:
                seen_c.add(sentence[:60])
                used.add((aid, seq))
                claims.append(Item(sentence, [src.cite(aid)]))
        if len(claims) >= _MAX_CLAIMS:
            break
    b.sections.append(("Offene Behauptungen und Dementis", claims[:_MAX_CLAIMS]))

    # 6. Background (dates well before the storyline) and what was announced (planned dates).
    back = [_entry_item(e, src, used) for e in _most_cited(background, _MAX_BACKGROUND)]
    back += _planned(conn, articles, src, used)
    b.sections.append(("Hintergrund und Angekündigtes", back))
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


def _is_clock_time(conn: sqlite3.Connection, entry: Entry) -> bool:
    """A live-blog timestamp, not a date: dated only by a clock time, or opening with one."""
    if _CLOCK_LEAD.match(entry.text):
        return True
    if entry.date_from != "text":
        return False
    cite = entry.citations[0]
    span = conn.execute(
        'SELECT start, "end" FROM sentences WHERE article_id = ? AND seq = ?', (cite.article, cite.sentence)
    ).fetchone()
    if span is None:
        return False
    types = {t for (t,) in conn.execute(
        'SELECT type FROM times WHERE article_id = ? AND start >= ? AND "end" <= ?', (cite.article, *span))}  # fmt: skip
    return "TIME" in types and "DATE" not in types


def _most_cited(entries: list[Entry], n: int) -> list[Entry]:
    """At most ``n`` entries, the most cited (then the earliest), shown in date order."""
    if len(entries) > n:
        keep = sorted(range(len(entries)), key=lambda i: (-len(entries[i].citations), i))[:n]
        entries = [entries[i] for i in sorted(keep)]
    return entries


def _entry_item(entry: Entry, src: _Sources, used: set[tuple[str, int]]) -> Item:
    label = entry.date or "undatiert"
    if entry.date_from == "cross-reference":
        label += " (erschlossen)"
    used.update((c.article, c.sentence) for c in entry.citations)
    return Item(_without_dateline(entry.text), [src.cite(c.article) for c in entry.citations], lead=label)


def _planned(
    conn: sqlite3.Connection, articles: list[str], src: _Sources, used: set[tuple[str, int]]
) -> list[Item]:
    """Sentences about a scheduled date (``date_from = planned``) of the members, by date."""
    rows = []
    for aid in articles:
        rows += [(date, aid, seq, start, end) for seq, start, end, date in conn.execute(
            'SELECT seq, start, "end", date FROM sentences WHERE article_id = ? AND date_from = ?'
            " ORDER BY seq", (aid, "planned"))]  # fmt: skip
    out, seen = [], set()
    for date, aid, seq, start, end in sorted(rows):
        if (aid, seq) in used:
            continue
        text = conn.execute("SELECT substr(text, ?, ?) FROM articles WHERE id = ?", (start + 1, end - start, aid)).fetchone()[0]
        text = _without_dateline(text.strip())
        if text[:60] in seen:
            continue
        seen.add(text[:60])
        used.add((aid, seq))
        out.append(Item(text, [src.cite(aid)], lead=f"{date} (angekündigt)"))
    return out[:_MAX_BACKGROUND]


def _fold(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _cites_md(cites: list[int]) -> str:
    return "".join(f"[{n}]" for n in dict.fromkeys(cites))


def _md_escape(text: str) -> str:
    return re.sub(r"([\\`*_\[\]<>#|])", r"\\\1", text.replace("\n", " "))


def to_markdown(b: Briefing) -> str:
    out = [f"# {_md_escape(b.title)}", "", f"*{_md_escape(b.subtitle)}*", ""]
    for heading, items in b.sections:
        out += [f"## {heading}", ""]
        if not items:
            out.append("- (nichts gefunden)")
        for it in items:
            lead = f"**{_md_escape(it.lead)}**: " if it.lead else ""
            out.append(f"- {lead}{_md_escape(it.text)} {_cites_md(it.cites)}")
        out.append("")
    out += ["## Quellen", ""]
    for s in b.sources:
        out.append(
            f"{s['n']}. {_md_escape(str(s['source'] or '?'))}, {s['published'] or 'undatiert'}: "
            f"{_md_escape(str(s['title']))} (`{s['article']}`)"
        )
    return "\n".join(out) + "\n"


def to_html(b: Briefing) -> str:
    e = html.escape
    out = [
        "<!DOCTYPE html>", '<html lang="de"><head><meta charset="utf-8">', f"<title>{e(b.title)}</title>",
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto;line-height:1.4}"
        "sup a{text-decoration:none}.meta{color:#555}</style></head><body>",
        f"<h1>{e(b.title)}</h1>", f'<p class="meta">{e(b.subtitle)}</p>',
    ]  # fmt: skip
    for heading, items in b.sections:
        out.append(f"<h2>{e(heading)}</h2><ul>")
        if not items:
            out.append("<li>(nichts gefunden)</li>")
        for it in items:
            lead = f"<strong>{e(it.lead)}</strong>: " if it.lead else ""
            cites = "".join(
                f'<sup><a href="#src{n}">[{n}]</a></sup>' for n in dict.fromkeys(it.cites)
            )
            out.append(f"<li>{lead}{e(it.text)} {cites}</li>")
        out.append("</ul>")
    out.append("<h2>Quellen</h2><ol>")
    for s in b.sources:
        title = e(str(s["title"]))
        url = str(s["url"] or "")
        if url.startswith(("http://", "https://")):
            title = f'<a href="{e(url, quote=True)}">{title}</a>'
        out.append(
            f'<li id="src{s["n"]}">{e(str(s["source"] or "?"))}, {e(str(s["published"] or "undatiert"))}: '
            f"{title} <code>{e(str(s['article']))}</code></li>"
        )
    out.append("</ol></body></html>")
    return "\n".join(out) + "\n"
