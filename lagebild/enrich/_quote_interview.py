"""Answers in an interview laid out with speaker labels (issue 11 §2).  Private.

``STANDARD: Haben Sie ein Rezept …? Stöger: Wenn es so einfach wäre …``: DER STANDARD (and
many feeds) print interviews as turns after a name and a colon, without quotation marks; the
10kGNAD dev sample (``bench/quotes_news_sample.py``) lost every answer of such an interview.
When at least two labels each open two or more turns, the turns of a label whose turns are
not mostly questions are that speaker's words (rule ``colon_name``, as ``Name: „…“``); the
interviewer's questions are not quotes.
"""

from __future__ import annotations

import re
from collections import defaultdict

from lagebild.model import Quote

# a label: one to three capitalised words (or an all-caps name) after a sentence end or the
# start of the text, then a colon and the turn's first word
_LABEL = re.compile(
    r"(?:(?<=^)|(?<=[.?!…:)\]“\"] ))"
    r"((?:[A-ZÄÖÜ][\w\-ÄÖÜäöüß.]*)"
    r"(?: (?:von |van |de )?[A-ZÄÖÜ][\w\-äöüß]*){0,2}): "
    r"(?=[„“\"»A-ZÄÖÜ0-9])"
)
# labels that are no speaker's name
_NOT_NAMES = frozenset(
    "frage antwort thema fazit grund hintergrund ziel ergebnis info infos tipp tipps "
    "achtung update link quelle quellen foto fotos video bild anm".split()
)


def interview_quotes(text: str) -> list[Quote]:
    """The answers of an interview laid out with labels; [] when ``text`` is none."""
    labels = [(m.start(), m.end(), m.group(1)) for m in _LABEL.finditer(text)]
    labels = [x for x in labels if x[2].lower() not in _NOT_NAMES]
    count: dict[str, int] = defaultdict(int)
    for _a, _b, name in labels:
        count[name] += 1
    if sum(1 for c in count.values() if c >= 2) < 2:
        return []
    turns = [x for x in labels if count[x[2]] >= 2]
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for k, (_a, b, name) in enumerate(turns):
        end = turns[k + 1][0] if k + 1 < len(turns) else len(text)
        seg = text[b:end].rstrip()
        if seg:
            spans[name].append((b, b + len(seg)))
    out: list[Quote] = []
    for name, segs in spans.items():
        questions = sum(1 for a, b in segs if text[a:b].rstrip().endswith("?"))
        if questions * 2 >= len(segs):
            continue  # the interviewer
        for a, b in segs:
            at = text.rfind(name, 0, a)
            out.append(
                Quote(
                    text=text[a:b], start=a, end=b, kind="direct", cue=":",
                    speaker_text=name, speaker_start=at, speaker_end=at + len(name),
                    evidence="colon_name",
                )
            )  # fmt: skip
    return out
