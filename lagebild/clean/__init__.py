"""Clean an article: strip furniture, repair damage, log every edit.

:func:`clean` is the stage ``Article -> Article``.  Its steps, in order:

1. encoding damage — line endings, invisible characters, odd spaces; mojibake
   (ftfy) and Unicode NFC; embed and HTML tags left in a text body
2. structure — title line and its copies, separator lines, trailing
   ``source-section`` label, agency byline, teasers for unrelated stories,
   blank lines, hard-wrapped lines; the metadata found on the way
3. language — detected unless the input gave it
4. in-line repairs — glued words, capitalised function words, unbalanced or
   doubled quote marks, space before punctuation, runs of spaces
5. metadata — clean title, source, section, date (and where it came from),
   dateline, agencies; the article id (a hash of the normalised body)

Every change is an :class:`~lagebild.model.Edit` over ``article.base``;
:func:`replay` rebuilds the cleaned text from base and edits, :func:`revert`
the base from cleaned text and edits.
"""

from __future__ import annotations

from ._buffer import replay, revert
from .keys import article_id, content_key
from .steps import CleanOptions, clean

__all__ = ["CleanOptions", "article_id", "clean", "content_key", "replay", "revert"]
