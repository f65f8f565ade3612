"""Round 19 of the names guard (issue 10 §2): companies, products, "Related:" headlines and
glued tails in English articles.  English articles only:

* ``en_company_suffix``: a name of two or more words whose last word is a company's or body's
  suffix (``International``, ``Organization``, ``Inc``, ``Corp``, ``Ltd``, ``LLC``, ...) is an
  organisation whatever type the model gave (``Mondelez International`` LOC, ``Trump
  Organization`` MISC); a name with ``Airport`` in it stays a place.
* ``en_product``: the names a maker's products are listed by (``the company that makes Oreos,
  Chips Ahoy and Nilla Wafers``, ``maker of ...``, ``cookies such as ...``: the whole list)
  are things (MISC), and so is the same name elsewhere in the article, singular or plural,
  unless the model typed it a person there (``a pitchman for the Oreo``).
* ``en_related_line``: the title-case lines after a ``Related:`` line are the headlines of
  other articles; no name of theirs is listed (``Rand Paul Scores Direct Hit On``).
* ``en_glued_tail``: a date glued onto an organisation after ``on`` is cut off (``YMCA of the
  Suncoast on Nov. 3``), and so is a person's surname the article names, glued after an
  organisation's name of three or more words (``Office of Immigrant Affairs Clinton``).

Each rule asks its switch in :mod:`lagebild.enrich.names_rules`.
"""

from __future__ import annotations

import re

from lagebild.enrich import names_rules as _rules
from lagebild.enrich.names_english_types import _LIST_SEP, _first_name, is_english

Span = tuple[int, int, str]

_SUFFIXES = frozenset(
    """International Organization Organisation Inc Inc. Corp Corp. Corporation Co. Ltd Ltd.
    LLC Holdings Incorporated""".split()
)
# A maker's products (what follows is their names, a list as a whole).
_PRODUCT_CUE = re.compile(
    r"(?:\b(?:compan(?:y|ies)|firms?|makers?|manufacturers?)\s+(?:that|which)\s+(?:also\s+)?"
    r"(?:makes|made|sells|sold|produces|produced)|\bmakers?\s+of|"
    r"\b(?:products?|cookies|snacks|candy|candies|drinks|beers|sodas|cereals|toys)"
    r",?\s+(?:such\s+as|like|including))\s*$"
)
_PLURAL = re.compile(r"^[’']?s(?=\W)")  # "Oreos": the model's span may end before the s
_RELATED = re.compile(r"""^\W*Related\W*$""")
_MONTHS = (
    r"(?:Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec)\.?|January|February|March|April|May|June|"
    r"July|August|September|October|November|December"
)
_DATE_TAIL = re.compile(r"\s+on\s+(?:" + _MONTHS + r")\s+\d{1,2}\W*$")


def _title_case(line: str) -> bool:
    words = [w for w in line.split() if w[:1].isalpha()]
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.7 * len(words)


def _related_ranges(text: str) -> list[tuple[int, int]]:
    """The (start, end) of each title-case line right after a ``Related:`` line."""
    out = []
    pos = 0
    lines = text.split("\n")
    starts = []
    for line in lines:
        starts.append(pos)
        pos += len(line) + 1
    k = 0
    while k < len(lines):
        if _RELATED.match(lines[k]):
            k += 1
            while k < len(lines) and _title_case(lines[k]):
                out.append((starts[k], starts[k] + len(lines[k])))
                k += 1
        else:
            k += 1
    return out


def _products(text: str, spans: list[Span]) -> set[tuple[int, int]]:
    """The spans listed after a product cue (the whole list)."""
    out: set[tuple[int, int]] = set()
    prev_end = -1
    chain = False
    for a, b, _lab in sorted(spans):
        gap = _PLURAL.sub("", text[prev_end:a]) if prev_end >= 0 else ""
        if chain and prev_end >= 0 and _LIST_SEP.fullmatch(gap):
            out.add((a, b))
        elif _PRODUCT_CUE.search(text[max(0, a - 50) : a]):
            chain = True
            out.add((a, b))
        else:
            chain = False
        prev_end = b
    return out


def _is_product(name: str, products: set[str]) -> bool:
    if name in products or name + "s" in products:
        return True
    return name.endswith("s") and name[:-1] in products


def english_products(text: str, spans: list[Span]) -> list[Span]:
    """The rules of this module, on an English article's spans (others pass unchanged)."""
    if not spans or not is_english(text):
        return spans
    related = _related_ranges(text) if _rules.on("en_related_line") else []
    listed = _products(text, spans) if _rules.on("en_product") else set()
    products = {text[a:b] for a, b in listed}
    persons = {" ".join(text[a:b].split()) for a, b, lab in spans if lab == "PER"}
    surnames = {p.split()[-1] for p in persons if p}
    persons_elsewhere = {
        " ".join(text[a:b].split()) for a, b, lab in spans if lab == "PER" and (a, b) not in listed
    }
    out: list[Span] = []
    for a, b, lab in spans:
        if any(s <= a and b <= e for s, e in related):
            continue  # "Rand Paul Scores Direct Hit On" in a "Related:" headline
        name = text[a:b]
        words = name.split()
        if not words:
            continue
        if _rules.on("en_glued_tail") and lab in ("ORG", "MISC", "LOC"):
            m = _DATE_TAIL.search(name)
            if m and m.start() > 0:
                b = a + m.start()  # "YMCA of the Suncoast on Nov. 3"
                name = text[a:b]
                words = name.split()
            elif (
                len(words) >= 4
                and lab == "ORG"
                and " ".join(words[-2:]) not in persons
                and words[-1] in surnames
                and words[-2][:1].isupper()
                and not _first_name(words[-2])
                and words[-1] not in words[:-1]
            ):
                b = a + name.rfind(words[-1])  # "Office of Immigrant Affairs Clinton"
                b = a + len(text[a:b].rstrip())
                name = text[a:b]
                words = name.split()
        if (a, b) in listed and lab == "PER" and (name in surnames or name in persons_elsewhere):
            pass  # "the company that made Trump rich" beside "Donald Trump": a person
        elif (a, b) in listed or (lab != "PER" and products and _is_product(name, products)):
            lab = "MISC"  # "Chips Ahoy" PER in the list, "the Oreo" ORG elsewhere
        elif (
            lab != "ORG"
            and len(words) >= 2
            and words[-1] in _SUFFIXES
            and "Airport" not in words
            and _rules.on("en_company_suffix")
        ):
            lab = "ORG"  # "Mondelez International" LOC, "Trump Organization" MISC
        out.append((a, b, lab))
    return out
