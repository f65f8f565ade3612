"""Find entities and storylines by what an analyst types: a name, an alias, a folded spelling.

``Merkel``, ``merkel``, ``Angela Merkel`` and ``Schroeder`` (for ``Schröder``) all
find the entity; an ambiguous name gives every candidate, best first, so the
caller can offer a choice list.  The gazetteer's English display name (``name_en``:
``Pope Francis``, ``Federal Constitutional Court``) is a name too, as the English
interface shows it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..display_names import english_name
from ._sql import Db
from .entities import Conn

__all__ = ["Candidate", "entity_names", "find_entities", "fold_name"]

_FOLD = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "é": "e", "è": "e", "á": "a",
                       "à": "a", "ó": "o", "ò": "o", "í": "i", "ç": "c", "ñ": "n", "-": " "})  # fmt: skip


def fold_name(text: str) -> str:
    """Case-folded, umlauts transliterated, hyphens as spaces: ``Kim Jong-un`` = ``kim jong un``."""
    return " ".join(text.casefold().translate(_FOLD).split())


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entity that matches a typed name."""

    id: str
    name: str
    type: str
    articles: int
    match: str  # "id" | "name" | "alias" | "word": how well it matched, best first


_RANK = {"id": 0, "name": 1, "alias": 2, "word": 3}


def find_entities(conn: Conn, query: str, *, limit: int = 10) -> list[Candidate]:
    """Entities whose id, name (stored, or the gazetteer's English one: ``Pope Francis``) or an
    alias matches ``query`` (folded), best matches first.

    The best kind of match is returned: an exact name beats an alias, an alias
    beats a name that merely contains the typed word(s) (``Merkel`` in ``Angela
    Merkel``); within a kind, entities mentioned in more articles come first. When the
    best matches are all local entities (``lb:…``), a lesser match mentioned in as many
    articles as each of them or more is returned too, ahead of them (``Clinton``: Hillary
    Clinton before three rarely named bare ``Clinton`` entities; ``Chang``: ``Chang Ho-jin``
    before a bare ``Chang``, one article each: a caller lists both instead of picking the
    bare name).
    ``conn`` is the store's connection (``Store.db``), on either dialect.
    """
    q = fold_name(query)
    if not q:
        return []
    rows = (conn if isinstance(conn, Db) else Db(conn)).all(
        "SELECT e.id, e.name, e.type, e.aliases, count(ae.article_id) FROM entities e "
        "LEFT JOIN article_entities ae ON ae.entity_id = e.id GROUP BY e.id"
    )
    found: list[Candidate] = []
    words = q.split()
    for eid, name, etype, aliases_json, articles in rows:
        aliases = [a for a in Db.load(aliases_json or "[]") if isinstance(a, str)]
        names = [name, english] if (english := english_name(eid)) else [name]
        if query.strip() == eid:
            kind = "id"
        elif any(fold_name(n) == q for n in names):
            kind = "name"
        elif any(fold_name(a) == q for a in aliases):
            kind = "alias"
        elif any(_has_words(fold_name(n).split(), words) for n in [*names, *aliases]):
            kind = "word"
        else:
            continue
        found.append(Candidate(eid, name, etype, int(articles), kind))
    if not found:
        return []
    best = min(_RANK[c.match] for c in found)
    top = [c for c in found if _RANK[c.match] == best]
    # When every best match is a local entity (lb:…, not resolved to a known person or body),
    # a lesser match named in more articles is offered too: `Pence` is an unresolved
    # one-article `Pence` by name, but Mike Pence (an alias, a word) is who is meant.
    most = max(c.articles for c in top)
    local = all(c.id.startswith("lb:") for c in top)
    more = [c for c in found if local and _RANK[c.match] > best and c.articles >= most]
    top.sort(key=lambda c: (-c.articles, c.name, c.id))
    more.sort(key=lambda c: (-c.articles, c.name, c.id))
    return (more + top)[:limit]


def entity_names(conn: Conn) -> list[tuple[str, int]]:
    """(canonical name, articles naming it) of every entity some article names (for "did you
    mean": ``lagebild.search.suggest``).  ``conn``: either dialect."""
    rows = (conn if isinstance(conn, Db) else Db(conn)).all(
        "SELECT e.name, count(ae.article_id) FROM entities e "
        "JOIN article_entities ae ON ae.entity_id = e.id GROUP BY e.id, e.name"
    )
    return [(str(name), int(n)) for name, n in rows]


def _has_words(tokens: list[str], words: list[str]) -> bool:
    """``words`` appear in ``tokens`` as a contiguous run."""
    n = len(words)
    return any(tokens[i : i + n] == words for i in range(len(tokens) - n + 1))
