"""Score :func:`lagebild.enrich.quotes.find_quotes` on annotated data.

Three data sets:

* :func:`evaluate` — SpkAtt-2023 task 2 (German WikiNews), one JSON per
  article with ``Sentences[{SentenceId, Tokens}]`` and
  ``Annotations[{Message, Source, Cue, Form, IsNested, …}]`` whose token
  addresses are ``"sentence:token"``.
* :func:`evaluate_jsonl` — our own small development set
  (``tests/data/eval/quotes_de.jsonl``).
* :func:`evaluate_polnear` — PolNeAR (English political news, brat
  Source/Cue/Content); :func:`evaluate` hands a folder with an
  ``attributions/`` subfolder to it, so ``lagebild eval quotes
  …/polnear/dev`` works unchanged.

What :func:`evaluate` computes, precisely:

1. **Text.**  The tokens are detokenized into one paragraph (no space before
   ``, . ; : ! ? ) “`` and after ``„ (``; straight ``"`` alternate as opening
   and closing), keeping each token's character offsets.  Sentences are
   joined by a space, so our own splitter has to find them again.
2. **System groups.**  Each :class:`Quote` becomes a group with a Message
   token set (tokens overlapping ``[start, end)``; for direct quotes the
   quote marks right outside the content are added, as the gold data
   includes them) and a Source token set (tokens overlapping the speaker
   span; empty when there is none).
3. **Gold groups.**  Only top-level annotations (``IsNested`` false), as in
   the shared task's *simplified* track; roles Message and Source.
4. **Matching** per document: system and gold groups are paired one to one,
   greedily by decreasing token-overlap F1 of their Messages (pairs with no
   overlap are never matched).  The official scorer uses the optimal
   (Hungarian) assignment with the same weights; greedy differs only on ties.
5. **Scores** (``*_p/_r/_f1``): for every matched pair, unmatched system
   group (all its tokens false positives) and unmatched gold group (all its
   tokens false negatives), and for each role, precision ``tp/(tp+fp)`` and
   recall ``tp/(tp+fn)`` over tokens when defined.  Precision and recall are
   averaged over all defined values (macro over groups, as the official
   scorer does); F1 is their harmonic mean.  ``msg`` uses the Message role,
   ``source`` the Source role, ``joint`` pools the values of both roles.
6. **Exact** (``msg_exact_*``): a system Message counts when its token set
   equals a gold Message's token set exactly (ignoring a final ``.``).
7. ``by_form`` gives, per gold ``Form``, how many gold groups were matched.
"""

from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from collections.abc import Iterable
from pathlib import Path

from lagebild.enrich.quotes import find_quotes
from lagebild.enrich.sentences import split_sentences
from lagebild.model import Entity, Mention, Quote

__all__ = [
    "detokenize",
    "evaluate",
    "evaluate_jsonl",
    "evaluate_polnear",
    "quotes_to_groups",
    "speaker_curve",
    "speaker_decisions",
    "spkatt_gold",
]

_NO_SPACE_BEFORE = set(",.;:!?)]}“”%…") | {"'s"}
_NO_SPACE_AFTER = set("„([{")
_MARKS = set('„“”"»«‚‘’')


def detokenize(sentences: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """Join tokens into text; return the text and per-token ``(start, end)``."""
    parts: list[str] = []
    offsets: list[list[tuple[int, int]]] = []
    pos = 0
    no_space_next = True
    straight_open = False
    for toks in sentences:
        sent_offs = []
        for tok in toks:
            space = not no_space_next
            no_space_next = False
            if tok in _NO_SPACE_BEFORE:
                space = False
            if tok == '"':
                if straight_open:
                    space = False
                else:
                    no_space_next = True
                straight_open = not straight_open
            if tok in _NO_SPACE_AFTER:
                no_space_next = True
            if space:
                parts.append(" ")
                pos += 1
            sent_offs.append((pos, pos + len(tok)))
            parts.append(tok)
            pos += len(tok)
        offsets.append(sent_offs)
    return "".join(parts), offsets


def _read_spkatt(f: Path) -> tuple[dict, str, list, list, list[int]]:
    """One SpkAtt-2023 JSON file: the document, its detokenised text, every token's offsets
    and text (flat), and the index of each sentence's first token."""
    doc = json.loads(f.read_text(encoding="utf-8"))
    sents = sorted(doc["Sentences"], key=lambda s: int(s["SentenceId"]))
    token_lists = [s["Tokens"] for s in sents]
    text, offs = detokenize(token_lists)
    flat_offs = [o for so in offs for o in so]
    flat_toks = [t for tl in token_lists for t in tl]
    sent_start = [0]
    for tl in token_lists:
        sent_start.append(sent_start[-1] + len(tl))
    return doc, text, flat_offs, flat_toks, sent_start


def quotes_to_groups(
    quotes: Iterable[Quote], token_offsets: list[tuple[int, int]], token_texts: list[str]
) -> list[tuple[list[int], list[int], str]]:
    """Map quotes to (message token ids, source token ids, form)."""
    starts = [s for s, _ in token_offsets]

    def toks_in(a: int, b: int) -> list[int]:
        i = max(0, bisect.bisect_right(starts, a) - 1)
        out = []
        while i < len(token_offsets) and token_offsets[i][0] < b:
            s, e = token_offsets[i]
            if e > a and s < b:
                out.append(i)
            i += 1
        return out

    groups = []
    for q in quotes:
        msg = toks_in(q.start, q.end)
        if q.kind == "direct" and msg:
            if msg[0] > 0 and token_texts[msg[0] - 1] in _MARKS:
                msg.insert(0, msg[0] - 1)
            if msg[-1] + 1 < len(token_texts) and token_texts[msg[-1] + 1] in _MARKS:
                msg.append(msg[-1] + 1)
        src: list[int] = []
        if q.speaker_start is not None and q.speaker_end is not None:
            src = toks_in(q.speaker_start, q.speaker_end)
        groups.append((msg, src, "Direct" if q.kind == "direct" else "Indirect"))
    return groups


def _prf(gold: set[int], sys: set[int]) -> tuple[int, int, int]:
    tp = len(gold & sys)
    return tp, len(sys) - tp, len(gold) - tp


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _overlap_f1(a: set[int], b: set[int]) -> float:
    tp = len(a & b)
    if not tp:
        return 0.0
    return _f1(tp / len(b), tp / len(a))


def _addr(addr: str, sent_start: list[int]) -> int:
    s, t = addr.split(":")
    return sent_start[int(s)] + int(t)


def evaluate(
    directory: str | Path, *, limit: int | None = None, min_confidence: float | None = None
) -> dict:
    """Score the quote finder on SpkAtt-2023 task 2 JSON files.

    Args:
        directory: folder with ``*.json`` files (e.g. ``…/dev/task2``).
        limit: score only the first ``limit`` files (sorted by name).
        min_confidence: passed to :func:`find_quotes`; ``0`` scores every
            speaker found, the default only those shown (the token scores
            reward guessing: an abstained speaker counts as all missed).

    Returns:
        A dict of scores (see the module docstring) and counts.
    """
    if (Path(directory) / "attributions").is_dir():
        return evaluate_polnear(directory, limit=limit)
    files = sorted(Path(directory).glob("*.json"))
    if limit is not None:
        files = files[:limit]
    docs = []
    for f in files:
        doc, text, flat_offs, flat_toks, sent_start = _read_spkatt(f)
        gold = []
        for a in doc["Annotations"]:
            if a.get("IsNested"):
                continue
            msg = {_addr(x, sent_start) for x in a["Message"]}
            src = {_addr(x, sent_start) for x in a.get("Source", [])}
            gold.append((msg, src, a.get("Form", "")))
        quotes = find_quotes(
            text, split_sentences(text), lang="de", min_confidence=min_confidence
        )
        system = [
            (set(m), set(s), form) for m, s, form in quotes_to_groups(quotes, flat_offs, flat_toks)
        ]
        docs.append((gold, system, flat_toks))
    out: dict = {"files": len(files)}
    out.update(_score(docs))
    return out


Group = tuple[set[int], set[int], str]


def _match(gold: list[Group], system: list[Group]) -> list[tuple[Group, Group]]:
    """Greedy one-to-one pairing by message overlap F1, plus the unpaired ones."""
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            o = _overlap_f1(g[0], s[0])
            if o > 0:
                pairs.append((o, gi, si))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_s: set[int] = set()
    matched = []
    for _o, gi, si in pairs:
        if gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        matched.append((gold[gi], system[si]))
    empty: Group = (set(), set(), "")
    matched += [(gold[gi], empty) for gi in range(len(gold)) if gi not in used_g]
    matched += [(empty, system[si]) for si in range(len(system)) if si not in used_s]
    return matched


def _score(docs: list[tuple[list[Group], list[Group], list[str]]]) -> dict:
    """Steps 4–7 of the module docstring over ``(gold, system, tokens)`` per document."""
    prec: dict[str, list[float]] = {"Message": [], "Source": []}
    rec: dict[str, list[float]] = {"Message": [], "Source": []}
    exact_tp = n_sys = n_gold = 0
    by_form: Counter[str] = Counter()
    by_form_found: Counter[str] = Counter()
    for gold, system, flat_toks in docs:
        n_sys += len(system)
        n_gold += len(gold)

        # exact message matches (a final "." does not count)
        def strip(ms: set[int], toks: list[str] = flat_toks) -> frozenset[int]:
            return frozenset(i for i in ms if toks[i] not in (".", "!", "?"))

        gold_exact = Counter(strip(g[0]) for g in gold)
        for sm, _, _ in system:
            k = strip(sm)
            if gold_exact[k] > 0:
                gold_exact[k] -= 1
                exact_tp += 1
        for g, s in _match(gold, system):
            if g[0]:
                by_form[g[2]] += 1
                if s[0]:
                    by_form_found[g[2]] += 1
            for role, gk, sk in (("Message", g[0], s[0]), ("Source", g[1], s[1])):
                tp, fp, fn = _prf(gk, sk)
                if tp + fp:
                    prec[role].append(tp / (tp + fp))
                if tp + fn:
                    rec[role].append(tp / (tp + fn))

    def avg(xs: list[float]) -> float:
        return sum(xs) / len(xs) if xs else 0.0

    out: dict = {"gold": n_gold, "system": n_sys}
    for name, roles in (
        ("msg", ["Message"]),
        ("source", ["Source"]),
        ("joint", ["Message", "Source"]),
    ):
        p = avg([v for r in roles for v in prec[r]])
        r_ = avg([v for r in roles for v in rec[r]])
        out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = (
            round(p, 4),
            round(r_, 4),
            round(_f1(p, r_), 4),
        )
    ep = exact_tp / n_sys if n_sys else 0.0
    er = exact_tp / n_gold if n_gold else 0.0
    out["msg_exact_p"], out["msg_exact_r"], out["msg_exact_f1"] = (
        round(ep, 4),
        round(er, 4),
        round(_f1(ep, er), 4),
    )
    out["by_form"] = {k: f"{by_form_found[k]}/{v}" for k, v in sorted(by_form.items())}
    return out


# --------------------------------------------------------------------------
# PolNeAR (English)

_EN_TOKEN = re.compile(r"\w+(?:['’]\w+)*|[^\w\s]")


def _read_ann(path: Path) -> list[tuple[list[tuple[int, int]], list[tuple[int, int]]]]:
    """Attributions of a brat file as (content fragments, source fragments)."""
    spans: dict[str, list[tuple[int, int]]] = {}
    events = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        if parts[0].startswith("T"):
            label, _, offs = parts[1].partition(" ")
            frags = []
            for fr in offs.split(";"):
                a, b = fr.split()
                frags.append((int(a), int(b)))
            spans[parts[0]] = frags
        elif parts[0].startswith("E"):
            events.append(parts[1].split())
    out = []
    for args in events:
        content: list[tuple[int, int]] = []
        source: list[tuple[int, int]] = []
        for arg in args[1:]:
            role, _, tid = arg.partition(":")
            if role.startswith("Content"):
                content += spans.get(tid, [])
            elif role.startswith("Source"):
                source += spans.get(tid, [])
        if content:
            out.append((content, source))
    return out


def evaluate_polnear(
    directory: str | Path, *, limit: int | None = None, nested: bool = False, details: bool = False
) -> dict:
    """Score the English quote finder on one PolNeAR split (``…/polnear/dev``).

    The folder holds ``text/<article>.txt`` and ``attributions/<article>_<annotator>.ann``
    (brat: Source, Cue and Content spans tied by Attribution events).  An
    article annotated twice is scored once, with the alphabetically first
    annotator's file.  Tokens are ``\\w+`` runs (with inner apostrophes) and
    single punctuation marks of the raw text; a gold group is an attribution's
    Content tokens (Message; all fragments) and Source tokens (empty when it
    has none).  Unless ``nested``, attributions whose Content lies inside
    another attribution's Content are left out, as in the SpkAtt simplified
    track.  System groups are built as for SpkAtt (:func:`quotes_to_groups`,
    quote marks of direct quotes included, as PolNeAR's Content includes
    them).

    Returns the SpkAtt-style token scores (``msg_*``, ``source_*``,
    ``joint_*``, ``msg_exact_*``; see the module docstring) plus quote-level
    scores: ``span_p/r/f1`` counts a system quote as found when its Message
    has token-overlap F1 >= 0.5 with a gold Content (one to one, greedy);
    ``speaker_acc`` is the share of those pairs with a gold Source whose
    system speaker has token-overlap F1 >= 0.5 with it, ``speaker_exact`` the
    share with the same token set; ``speaker_acc_shown`` the share right
    among those pairs whose quote has a speaker (the attributions shown) and
    ``speaker_shown`` the share of the pairs that have one.  ``details`` adds
    per-pair records for inspection.
    """
    root = Path(directory)
    anns: dict[str, Path] = {}
    for ann in sorted((root / "attributions").glob("*.ann")):
        anns.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    names = sorted(anns)
    if limit is not None:
        names = names[:limit]
    docs = []
    n_pairs = spk_n = spk_ok = spk_exact = spk_shown = n_sys = n_gold = 0
    records = []
    for name in names:
        text = (root / "text" / f"{name}.txt").read_text(encoding="utf-8")
        toks = [(m.start(), m.end()) for m in _EN_TOKEN.finditer(text)]
        tok_texts = [text[a:b] for a, b in toks]
        starts = [a for a, _ in toks]

        def ids(frags: list[tuple[int, int]], starts: list[int] = starts, toks=toks) -> set[int]:
            out: set[int] = set()
            for a, b in frags:
                i = max(0, bisect.bisect_right(starts, a) - 1)
                while i < len(toks) and toks[i][0] < b:
                    if toks[i][1] > a:
                        out.add(i)
                    i += 1
            return out

        gold_all = [(ids(c), ids(s), "gold") for c, s in _read_ann(anns[name])]
        gold_all = [g for g in gold_all if g[0]]
        if nested:
            gold = gold_all
        else:
            gold = [g for g in gold_all if not any(g[0] < h[0] for h in gold_all)]
        quotes = find_quotes(text, split_sentences(text, lang="en"), lang="en")
        system = [(set(m), set(s), f) for m, s, f in quotes_to_groups(quotes, toks, tok_texts)]
        docs.append((gold, system, tok_texts))
        n_sys += len(system)
        n_gold += len(gold)
        # quote level: overlap F1 >= 0.5, one to one
        for g, s in _match(gold, system):
            if not (g[0] and s[0]) or _overlap_f1(g[0], s[0]) < 0.5:
                if details:
                    records.append(
                        {
                            "doc": name,
                            "ok": False,
                            "gold": _show(text, toks, g),
                            "sys": _show(text, toks, s),
                        }
                    )
                continue
            n_pairs += 1
            good = None
            if g[1]:
                spk_n += 1
                good = _overlap_f1(g[1], s[1]) >= 0.5
                spk_ok += good
                spk_exact += g[1] == s[1]
                spk_shown += bool(s[1])
            if details:
                records.append(
                    {
                        "doc": name,
                        "ok": True,
                        "speaker_ok": good,
                        "gold": _show(text, toks, g),
                        "sys": _show(text, toks, s),
                    }
                )
    out: dict = {"files": len(names)}
    out.update(_score(docs))
    del out["by_form"]
    p = n_pairs / n_sys if n_sys else 0.0
    r = n_pairs / n_gold if n_gold else 0.0
    out["span_p"], out["span_r"], out["span_f1"] = round(p, 4), round(r, 4), round(_f1(p, r), 4)
    out["speaker_acc"] = round(spk_ok / spk_n, 4) if spk_n else 0.0
    out["speaker_exact"] = round(spk_exact / spk_n, 4) if spk_n else 0.0
    # on the attributions shown (issue 11's measure): pairs whose quote has a speaker
    out["speaker_acc_shown"] = round(spk_ok / spk_shown, 4) if spk_shown else 0.0
    out["speaker_shown"] = round(spk_shown / spk_n, 4) if spk_n else 0.0
    if details:
        out["details"] = records
    return out


def _show(text: str, toks: list[tuple[int, int]], g: Group) -> dict:
    def span(ids: set[int]) -> str:
        if not ids:
            return ""
        return text[toks[min(ids)][0] : toks[max(ids)][1]]

    return {"msg": span(g[0]), "src": span(g[1])}


# --------------------------------------------------------------------------
# Own development set


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", s.lower())


def _best_match(gold_text: str, sysq: list, taken) -> tuple[float, int]:
    """The system quote (not yet ``taken``) whose words overlap ``gold_text`` best: (F1, index)."""
    best, bi = 0.0, -1
    for i, q in enumerate(sysq):
        if i in taken:
            continue
        o = _word_f1(gold_text, q.text)
        if o > best:
            best, bi = o, i
    return best, bi


def _word_f1(a: str, b: str) -> float:
    wa, wb = Counter(_words(a)), Counter(_words(b))
    tp = sum((wa & wb).values())
    if not tp:
        return 0.0
    return _f1(tp / sum(wb.values()), tp / sum(wa.values()))


def evaluate_jsonl(path: str | Path) -> dict:
    """Score on a JSONL development set.

    Each line: ``{"id", "lang", "text", "quotes": [{"text", "speaker",
    "kind"}]}``.  A system quote is paired with the gold quote of highest
    word-overlap F1 on the content (at least 0.5, one to one).  Reported:
    ``content_p/r/f1`` (paired quotes), ``content_overlap`` (mean word F1 of
    the pairs), ``speaker_acc`` (pairs whose speaker text equals the gold
    speaker, or contains it when gold gives a name inside a longer phrase),
    ``kind_acc`` (pairs with the right kind).

    An item may list ``"entities": [{"id", "name", "type", "forms"}]`` (every
    occurrence of a form in the text becomes a mention) and its gold quotes
    ``"entities": [ids]``, the speaker entities in order; then
    ``entity_acc`` is the share of such pairs whose ``speaker_entities`` equal
    the gold list as sets and whose ``speaker_entity`` is its first id
    (``entity_n`` pairs counted).
    """
    n_gold = n_sys = matched = spk_ok = kind_ok = ent_n = ent_ok = 0
    overlaps: list[float] = []
    failures = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        item = json.loads(line)
        text = item["text"]
        lang = item.get("lang", "de")
        ents = [
            Entity(
                id=e["id"],
                name=e["name"],
                type=e["type"],
                mentions=[
                    Mention(text=f, start=m.start(), end=m.end())
                    for f in e.get("forms", [e["name"]])
                    for m in re.finditer(rf"(?<!\w){re.escape(f)}(?!\w)", text)
                ],
            )
            for e in item.get("entities", [])
        ]
        sysq = find_quotes(text, split_sentences(text, lang=lang), lang=lang, entities=ents or None)
        gold = item["quotes"]
        n_gold += len(gold)
        n_sys += len(sysq)
        used: set[int] = set()
        for g in gold:
            best, bi = _best_match(g["text"], sysq, used)
            if best < 0.5:
                failures.append((item["id"], "missed", g["text"][:60]))
                continue
            used.add(bi)
            q = sysq[bi]
            matched += 1
            overlaps.append(best)
            gs = (g.get("speaker") or "").strip()
            ss = (q.speaker_text or "").strip()
            if (not gs and not ss) or (gs and ss and (gs == ss or gs in ss)):
                spk_ok += 1
            else:
                failures.append((item["id"], "speaker", f"{ss!r} != {gs!r}"))
            if "entities" in g:
                ent_n += 1
                want = g["entities"]
                if set(q.speaker_entities) == set(want) and q.speaker_entity == (
                    want[0] if want else None
                ):
                    ent_ok += 1
                else:
                    failures.append((item["id"], "entities", f"{q.speaker_entities} != {want}"))
            if g.get("kind") == q.kind:
                kind_ok += 1
            else:
                failures.append((item["id"], "kind", f"{q.kind} != {g.get('kind')}"))
    p = matched / n_sys if n_sys else 0.0
    r = matched / n_gold if n_gold else 0.0
    return {
        "gold": n_gold,
        "system": n_sys,
        "content_p": round(p, 4),
        "content_r": round(r, 4),
        "content_f1": round(_f1(p, r), 4),
        "content_overlap": round(sum(overlaps) / len(overlaps), 4) if overlaps else 0.0,
        "speaker_acc": round(spk_ok / matched, 4) if matched else 0.0,
        "kind_acc": round(kind_ok / matched, 4) if matched else 0.0,
        "entity_acc": round(ent_ok / ent_n, 4) if ent_n else 0.0,
        "entity_n": ent_n,
        "failures": failures,
    }


# --------------------------------------------------------------------------
# Speaker confidence: precision / coverage / abstention


def spkatt_gold(doc: dict, sent_start: list[int]) -> list[tuple[set[int], set[int], str]]:
    """A SpkAtt document's top-level gold quotes with a message, as ``(message token addresses,
    source token addresses, index)`` -- the gold side that :func:`speaker_decisions` and the
    training scripts under ``training/quotes/`` pair with the finder's quotes."""
    gold: list[tuple[set[int], set[int], str]] = []
    for a in doc["Annotations"]:
        if a.get("IsNested") or not a.get("Message"):
            continue
        msg = {_addr(x, sent_start) for x in a["Message"]}
        src = {_addr(x, sent_start) for x in a.get("Source", [])}
        gold.append((msg, src, str(len(gold))))
    return gold


def speaker_decisions(directory: str | Path, *, limit: int | None = None) -> dict:
    """Every speaker decision of the quote finder on SpkAtt-2023 task 2 files.

    Quotes are found without a confidence threshold (``min_confidence=0``),
    paired with gold quotes as in :func:`evaluate` (step 4).  For each system
    quote that proposes a speaker: ``(evidence, confidence, right)``, where
    ``right`` is true when it is paired with a gold quote that has a Source
    and the two speaker token sets have overlap F1 >= 0.5 (a speaker for a
    quote that is not one, or for a gold quote without Source, is wrong).

    Returns:
        ``{"decisions": [...], "gold_with_source": n, "files": n}``.
    """
    files = sorted(Path(directory).glob("*.json"))[:limit]
    decisions: list[tuple[str, float, bool]] = []
    gold_src = 0
    for f in files:
        doc, text, flat_offs, flat_toks, sent_start = _read_spkatt(f)
        gold = spkatt_gold(doc, sent_start)
        gold_src += sum(1 for g in gold if g[1])
        quotes = find_quotes(text, split_sentences(text), lang="de", min_confidence=0.0)
        groups = quotes_to_groups(quotes, flat_offs, flat_toks)
        system = [(set(m), set(sp), str(i)) for i, (m, sp, _f) in enumerate(groups)]
        for g, sg in _match(gold, system):
            if not sg[0] or not sg[1]:
                continue
            q = quotes[int(sg[2])]
            right = bool(g[0]) and bool(g[1]) and _overlap_f1(g[1], sg[1]) >= 0.5
            decisions.append((q.evidence, q.confidence, right))
    return {"decisions": decisions, "gold_with_source": gold_src, "files": len(files)}


def speaker_decisions_jsonl(paths: str | Path | Iterable[str | Path]) -> dict:
    """Every speaker decision of the quote finder on JSONL development sets.

    The JSONL form of :func:`speaker_decisions` (same return value), for our
    own hand-written sets (``tests/data/eval/quotes_de.jsonl``,
    ``quotes_speakers_de.jsonl``).  Quotes are found with
    ``min_confidence=0`` and paired with gold quotes as in
    :func:`evaluate_jsonl` (word-overlap F1 >= 0.5, one to one).  A proposed
    speaker is right when its quote is paired and the speaker text equals the
    gold speaker or contains it; a speaker for a quote that is not in the gold
    list, or whose gold quote has no speaker, is wrong.
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    decisions: list[tuple[str, float, bool]] = []
    gold_spk = items = 0
    for path in paths:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            item = json.loads(line)
            items += 1
            text, lang = item["text"], item.get("lang", "de")
            sents = split_sentences(text, lang=lang)
            sysq = find_quotes(text, sents, lang=lang, min_confidence=0.0)
            gold = item["quotes"]
            gold_spk += sum(1 for g in gold if (g.get("speaker") or "").strip())
            paired: dict[int, str] = {}
            for g in gold:
                best, bi = _best_match(g["text"], sysq, paired)
                if best >= 0.5:
                    paired[bi] = (g.get("speaker") or "").strip()
            for i, q in enumerate(sysq):
                if q.speaker_start is None:
                    continue
                gs, ss = paired.get(i, ""), (q.speaker_text or "").strip()
                decisions.append((q.evidence, q.confidence, bool(gs) and (gs == ss or gs in ss)))
    return {"decisions": decisions, "gold_with_source": gold_spk, "files": items}


def speaker_curve(
    decided: dict, thresholds: Iterable[float] = (0.0, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85)
) -> list[dict]:
    """Precision, coverage and abstention of shown speakers per threshold.

    ``precision``: right / shown (a speaker is shown when its confidence is at
    least the threshold); ``coverage``: right shown speakers / gold quotes with
    a Source; ``abstention``: share of proposed speakers held back.
    """
    ds = decided["decisions"]
    out = []
    for t in thresholds:
        shown = [d for d in ds if d[1] >= t]
        right = sum(d[2] for d in shown)
        out.append(
            {
                "threshold": t,
                "shown": len(shown),
                "precision": round(right / len(shown), 4) if shown else 0.0,
                "coverage": round(right / decided["gold_with_source"], 4)
                if decided["gold_with_source"]
                else 0.0,
                "abstention": round(1 - len(shown) / len(ds), 4) if ds else 0.0,
            }
        )
    return out


def evidence_table(decided: dict) -> dict[str, tuple[int, float]]:
    """Per evidence: how many speakers were proposed and the share that was right."""
    per: dict[str, list[int]] = {}
    for ev, _c, ok in decided["decisions"]:
        n = per.setdefault(ev, [0, 0])
        n[0] += 1
        n[1] += ok
    return {k: (n, round(r / n, 3)) for k, (n, r) in sorted(per.items(), key=lambda x: -x[1][0])}


if __name__ == "__main__":  # pragma: no cover - manual use
    import sys

    if sys.argv[1] == "speakers":
        # python -m lagebild.evaluate.quotes speakers DIR: per-rule share of
        # right speakers and the precision/coverage/abstention curve
        from lagebild.enrich.quotes import SPEAKER_THRESHOLD

        decided = speaker_decisions(sys.argv[2])
        res: dict = {
            "evidence": evidence_table(decided),
            "curve": speaker_curve(
                decided, sorted({0.0, 0.5, 0.6, SPEAKER_THRESHOLD, 0.7, 0.8, 0.9})
            ),
        }
    else:
        target = sys.argv[1]
        res = evaluate_jsonl(target) if target.endswith(".jsonl") else evaluate(target)
    print(json.dumps(res, ensure_ascii=False, indent=1))
