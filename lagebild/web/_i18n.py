"""Interface text: German first, English available."""

from __future__ import annotations

_DE = {
    "app": "lagebild", "tagline": "Lagebild aus Nachrichten", "overview": "Überblick",
    "search": "Suche", "storylines": "Handlungsstränge", "events": "Ereignisse",
    "recent": "Neueste Artikel", "no_stories": "Noch keine Handlungsstränge.",
    "articles": "Artikel", "entities": "Akteure", "quotes": "Zitate", "timeline": "Zeitleiste",
    "network": "Akteursnetz",
    "independent_outlets": "unabhängige Quellen (Agenturkopien einmal, Artikel ohne Quelle zusammen höchstens einmal gezählt)",
    "briefing": "Lagebericht", "actors": "Schlüsselakteure", "sources": "Quellen",
    "undated": "ohne Datum", "published": "veröffentlicht", "source": "Quelle",
    "language": "Sprache", "section": "Rubrik", "dateline": "Ortsmarke", "agencies": "Agenturen",
    "raw": "Rohtext", "edits": "Änderungsprotokoll des Bereinigers", "mode": "Art",
    "keyword": "Stichwort", "semantic": "Bedeutung", "hybrid": "beides", "from": "von", "to": "bis",
    "results": "Treffer", "no_results": "Keine Treffer.", "go": "Suchen", "said": "sagte",
    "hit_facets": "Die Treffer nach", "hit_facets_capped": "unter den ersten {} Treffern",
    "related_by_meaning": "weitere inhaltlich ähnlich, ohne die Suchwörter",
    "mentions_by_month": "Erwähnungen pro Monat", "roles": "Rollen", "aliases": "Namensformen",
    "what_said": "Was gesagt wurde", "who_quotes": "Zitiert in", "legend": "Markiert:",
    "legend_ent": "Akteure", "legend_time": "Zeitangaben", "legend_quote": "Zitate",
    "kind": "Art", "speaker": "Sprecher", "edit_kind": "Art", "reason": "Grund",
    "before": "vorher", "after": "nachher", "offset": "Position", "more": "weiter",
    "date": "Datum", "entity_types": "PER Person · ORG Organisation · LOC Ort · MISC Sonstiges",
    "lang_switch": "English", "events_of": "Ereignisse", "duplicates": "Dubletten",
    "all_articles": "Alle Artikel", "all_storylines": "Alle Handlungsstränge", "sort": "Sortierung",
    "sort_recent": "zuletzt fortgesetzt", "sort_size": "Größe", "sort_sources": "unabhängige Quellen",
    "size": "Artikel", "n_sources": "Quellen", "n_source": "Quelle", "unknown_source": "Quelle unbekannt", "entity": "Akteur", "next": "weiter", "first": "Anfang", "previous": "zurück",
    "filter": "Filter", "all": "alle", "month": "Monat", "type": "Typ", "name": "Name",
    "find_entity": "Akteur suchen (Name oder Namensform)", "event": "Ereignis", "storyline": "Handlungsstrang",
    "related": "Weitere Artikel zum Ereignis", "export": "Export", "export_md": "Lagebericht (Markdown)", "export_html": "Lagebericht (HTML)",
    "export_pdf": "Lagebericht (PDF)",
    "export_members_csv": "Artikel (CSV)", "export_members_jsonl": "Artikel (JSON Lines)",
    "export_results_csv": "Treffer (CSV)", "export_results_jsonl": "Treffer (JSON Lines)",
    "pending": "Gruppierung unvollständig: einige Artikel sind noch keinem Ereignis zugeordnet; "
               "`lagebild regroup` holt das nach.",
    "not_grouped": "noch keinem Ereignis zugeordnet", "duplicate_of": "Dublette von", "rank": "Rang",
    "of": "von", "only_multi": "nur mit mehreren Ereignissen", "title": "Titel",
    "no_actor": "Kein Akteur „{}“ bekannt.", "bad_offset": "Ungültiger Versatz „{}“: eine ganze Zahl von 0 bis 1000000.",
    "text": "Text", "direct": "direkt", "indirect": "indirekt",
    "skip": "Zum Inhalt", "main_nav": "Hauptnavigation", "wire_once": "Agenturkopien einmal, Artikel ohne Quelle zusammen höchstens einmal gezählt",
    "zoom_in": "Hineinzoomen", "zoom_out": "Herauszoomen", "zoom_reset": "Zurücksetzen", "shown_range": "sichtbar",
    "chart_hint": "Ziehen verschiebt · Strg + Mausrad, Doppelklick oder +/− zoomt · Klick öffnet",
    "undated_left_out": "ohne Datum, nicht gezeigt",
    "did_you_mean": "Meinten Sie:",
    "unknown_speaker": "unbekannt", "original": "Original", "origins": "Herkunft",
    "err_404": "Nicht gefunden", "err_400": "Ungültige Anfrage", "err_other": "Fehler",
    "err_404_text": "Diese Seite gibt es in diesem Lagebild nicht (mehr), vielleicht ein veralteter oder abgeschnittener Link.",
    "err_400_text": "Die Adresse enthält einen Wert, den diese Seite nicht annimmt.",
    "err_other_text": "Die Seite konnte nicht gezeigt werden.",
    "n_more_events": "+{} weitere Ereignisse", "one_more_event": "+1 weiteres Ereignis", "timeline_newest": "Die neuesten {} von {} Einträgen; alle:",
    "n_older_entries": "{} ältere Einträge", "nothing_found": "Nichts gefunden unter",
    # where the publication date was found (Article.published_from) and the article's flags
    "from_sidecar": "aus der Begleitdatei", "from_record": "aus dem Datensatz", "from_html": "aus den HTML-Metadaten",
    "from_title": "aus dem Titel", "from_body": "aus dem Text", "from_filename": "aus dem Dateinamen",
    "flag_no-title": "ohne Titel (erster Satz)", "flag_no-date": "ohne Datum",
    "flag_language-unknown": "Sprache nicht erkannt", "flag_language-unsupported": "Sprache ohne Modelle",
    "flag_ner-unavailable": "ohne Akteurserkennung", "flag_unenriched": "nicht angereichert",
}
_EN = {
    "app": "lagebild", "tagline": "Situation picture from the news", "overview": "Overview",
    "search": "Search", "storylines": "Storylines", "events": "Events",
    "recent": "Recent articles", "no_stories": "No storylines yet.",
    "articles": "Articles", "entities": "Actors", "quotes": "Quotes", "timeline": "Timeline",
    "network": "Actor network",
    "independent_outlets": "independent sources (wire copies counted once, articles without a known source together once at most)",
    "briefing": "Briefing", "actors": "Key actors", "sources": "Sources",
    "undated": "undated", "published": "published", "source": "Source",
    "language": "Language", "section": "Section", "dateline": "Dateline", "agencies": "Agencies",
    "raw": "Raw text", "edits": "Cleaner's edit log", "mode": "Mode",
    "keyword": "keyword", "semantic": "meaning", "hybrid": "both", "from": "from", "to": "to",
    "results": "results", "no_results": "No results.", "go": "Search", "said": "said",
    "hit_facets": "The results by", "hit_facets_capped": "among the first {} results",
    "related_by_meaning": "more close in meaning, without the query's words",
    "mentions_by_month": "Mentions per month", "roles": "Roles", "aliases": "Name forms",
    "what_said": "What was said", "who_quotes": "Quoted in", "legend": "Marked:",
    "legend_ent": "actors", "legend_time": "time expressions", "legend_quote": "quotes",
    "kind": "Kind", "speaker": "Speaker", "edit_kind": "Kind", "reason": "Reason",
    "before": "before", "after": "after", "offset": "Offset", "more": "more",
    "date": "Date", "entity_types": "PER person · ORG organisation · LOC place · MISC other",
    "lang_switch": "Deutsch", "events_of": "Events", "duplicates": "Duplicates",
    "all_articles": "All articles", "all_storylines": "All storylines", "sort": "Order",
    "sort_recent": "last continued", "sort_size": "size", "sort_sources": "independent sources",
    "size": "articles", "n_sources": "sources", "n_source": "source", "unknown_source": "source unknown", "entity": "Actor", "next": "next", "first": "first", "previous": "back",
    "filter": "Filter", "all": "all", "month": "Month", "type": "Type", "name": "Name",
    "find_entity": "Find an actor (name or name form)", "event": "Event", "storyline": "Storyline",
    "related": "More articles on the event", "export": "Export", "export_md": "Briefing (Markdown)", "export_html": "Briefing (HTML)",
    "export_pdf": "Briefing (PDF)",
    "export_members_csv": "Articles (CSV)", "export_members_jsonl": "Articles (JSON Lines)",
    "export_results_csv": "Results (CSV)", "export_results_jsonl": "Results (JSON Lines)",
    "pending": "Grouping incomplete: some articles are not in an event yet; `lagebild regroup` catches up.",
    "not_grouped": "not in an event yet", "duplicate_of": "Duplicate of", "rank": "Rank",
    "of": "of", "only_multi": "only with several events", "title": "Title",
    "no_actor": "No actor “{}” known.", "bad_offset": "Invalid offset “{}”: a whole number from 0 to 1000000.",
    "text": "Text", "direct": "direct", "indirect": "indirect",
    "skip": "Skip to content", "main_nav": "Main", "wire_once": "wire copies counted once, articles without a known source together once at most",
    "zoom_in": "Zoom in", "zoom_out": "Zoom out", "zoom_reset": "Reset", "shown_range": "shown",
    "chart_hint": "Drag to pan · Ctrl + wheel, double click or +/− to zoom · click to open",
    "undated_left_out": "undated, not shown",
    "did_you_mean": "Did you mean:",
    "unknown_speaker": "unknown", "original": "original", "origins": "From",
    "err_404": "Not found", "err_400": "Invalid request", "err_other": "Error",
    "err_404_text": "This page does not exist (any more) in this store; perhaps an outdated or truncated link.",
    "err_400_text": "The address holds a value this page does not accept.",
    "err_other_text": "The page could not be shown.",
    "n_more_events": "+{} more events", "one_more_event": "+1 more event", "timeline_newest": "The newest {} of {} entries; all:",
    "n_older_entries": "{} older entries", "nothing_found": "Nothing found under",
    "from_sidecar": "from the sidecar file", "from_record": "from the record", "from_html": "from the HTML metadata",
    "from_title": "from the title", "from_body": "from the text", "from_filename": "from the file name",
    "flag_no-title": "no title (first sentence)", "flag_no-date": "no date",
    "flag_language-unknown": "language not recognised", "flag_language-unsupported": "language without models",
    "flag_ner-unavailable": "no actor recognition", "flag_unenriched": "not enriched",
}


# singular and plural of the nouns that follow a number ("1 event", "2 events")
_NOUNS = {
    "de": {"article": ("Artikel", "Artikel"), "event": ("Ereignis", "Ereignisse"),
           "storyline": ("Handlungsstrang", "Handlungsstränge"), "source": ("Quelle", "Quellen"),
           "result": ("Treffer", "Treffer"), "actor": ("Akteur", "Akteure"), "quote": ("Zitat", "Zitate"),
           "outlet": ("unabhängige Quelle", "unabhängige Quellen")},
    "en": {"article": ("article", "articles"), "event": ("event", "events"),
           "storyline": ("storyline", "storylines"), "source": ("source", "sources"),
           "result": ("result", "results"), "actor": ("actor", "actors"), "quote": ("quote", "quotes"),
           "outlet": ("independent source", "independent sources")},
}  # fmt: skip


def text_for(lang: str) -> dict[str, str]:
    """The interface text of ``lang`` (``en``; anything else: German)."""
    return _EN if lang == "en" else _DE


def more_than(n: int, noun: str, lang: str) -> str:
    """"More than ``n``" and the plural noun: ``über 1 000 Treffer``, ``more than 1,000 results``
    (a count that stopped at ``n``)."""
    many = _NOUNS["en" if lang == "en" else "de"][noun][1]
    if lang == "en":
        return f"more than {n:,} {many}"
    return f"über {n:,} {many}".replace(",", " ")


def counted(n: int, noun: str, lang: str) -> str:
    """``n`` and the noun in the right number: ``1 Ereignis``, ``2 Ereignisse``, ``1 event``."""
    one, many = _NOUNS["en" if lang == "en" else "de"][noun]
    return f"{n} {one if n == 1 else many}"


# The cleaner's edit log is written in English (kinds and reasons, joined with "; " when edits
# merged); the German interface shows it in German.  A reason not listed here is shown as written.
_EDIT_DE = {
    "removed": "entfernt", "repaired": "repariert",
    "blank line": "Leerzeile", "title (moved to metadata)": "Titel (in die Metadaten)",
    "agency byline (moved to metadata)": "Agenturkürzel (in die Metadaten)",
    "source/section label (moved to metadata)": "Quellen-/Rubrikenangabe (in die Metadaten)",
    "copy of the title": "Kopie des Titels", "separator line": "Trennlinie",
    "teaser for an unrelated story": "Anreißer für einen anderen Artikel",
    "space before punctuation": "Leerzeichen vor Satzzeichen",
    "stray opening quote mark": "verirrtes öffnendes Anführungszeichen",
    "unbalanced quote mark": "unpaariges Anführungszeichen", "doubled quote mark": "doppeltes Anführungszeichen",
    "space after opening quote": "Leerzeichen nach öffnendem Anführungszeichen",
    "space before closing quote": "Leerzeichen vor schließendem Anführungszeichen",
    "glued words": "zusammengeklebte Wörter", "capitalised function word": "großgeschriebenes Funktionswort",
    "control character": "Steuerzeichen", "invisible character": "unsichtbares Zeichen",
    "hyphenation at line break": "Silbentrennung am Zeilenende",
    "line break inside a paragraph": "Zeilenumbruch im Absatz", "line ending": "Zeilenende",
    "missing space after sentence": "fehlendes Leerzeichen nach dem Satz",
    "mojibake": "falsch dekodierte Zeichen (Mojibake)", "whitespace": "Leerraum",
    "advertisement label": "Werbehinweis", "share prompt": "Teilen-Aufforderung",
    "link to another article": "Verweis auf einen anderen Artikel",
    "glued words: label line": "zusammengeklebte Wörter: Schlagwortzeile",
    "glued words: repeated word": "zusammengeklebte Wörter: wiederholtes Wort",
    "character reference": "HTML-Zeichenreferenz", "markup tag": "HTML-Tag",
    "dateline line (moved to metadata)": "Ortsmarke (in die Metadaten)",
    "transliterated umlaut": "umschriebener Umlaut",
}  # fmt: skip


def edit_note(text: str, lang: str) -> str:
    """An edit's kind or reason in the interface language: ``removed`` → ``entfernt``,
    ``title (moved to metadata); separator line`` → ``Titel (in die Metadaten); Trennlinie``."""
    if lang == "en" or not text:
        return text
    return "; ".join(_EDIT_DE.get(part, part) for part in text.split("; "))

