"""Search: German-aware keyword search, semantic search, hybrid ranking.

Keyword search indexes a *normalised* copy of title and text (``_text``): every word is
case-folded, umlauts are transliterated (``ü`` → ``ue``, so ``Suedkorea`` = ``Südkorea``)
and stemmed with the Snowball stemmer of the article's language, and the heads of German
compounds are indexed beside them (``Wohnungsbrand`` → ``brand``).  Queries get the same
treatment (``_query``), so phrase (``"..."``) and prefix (``atom*``) queries work on the
normalised forms; BM25 ranks the matches (``_keyword``).  Snippets are cut from the original
text, with the matching words highlighted (``_snippet``).

Semantic search (``_semantic``) embeds the query with the same multilingual model as the
articles and ranks by cosine similarity; hybrid search fuses both rankings by reciprocal rank
fusion (``_search``).  ``_suggest`` restores umlauts in transliterated queries and offers
"did you mean"; ``_index`` keeps the index.  Every statement is the store's
(:mod:`lagebild.store.search_index`).
"""

from __future__ import annotations

from ..store.search_index import Filters
from ._index import index_article, sync_index
from ._index import prepare as prepare
from ._keyword import COUNT_CAP as COUNT_CAP
from ._keyword import MAX_RANKED as MAX_RANKED
from ._query import MAX_QUERY_CHARS as MAX_QUERY_CHARS
from ._query import MAX_TERMS as MAX_TERMS
from ._query import MIN_PREFIX as MIN_PREFIX
from ._query import SearchError
from ._search import Hit, search
from ._search import Ranking as Ranking
from ._search import hits_for as hits_for
from ._search import rank as rank
from ._semantic import MATCH_SIMILARITY as MATCH_SIMILARITY
from ._semantic import MIN_SIMILARITY as MIN_SIMILARITY
from ._semantic import sync_vectors as sync_vectors
from ._snippet import snippet as snippet
from ._suggest import SUGGEST_BELOW as SUGGEST_BELOW
from ._suggest import restore_umlauts, suggest
from ._text import compound_heads as compound_heads
from ._text import normalise

__all__ = [
    "Filters", "Hit", "SearchError", "index_article", "normalise", "restore_umlauts", "search", "suggest",
    "sync_index",
]  # fmt: skip

# (``x as x``: also importable, outside the small public API: index helpers, cost bounds.)
