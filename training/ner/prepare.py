"""Turn the public NER corpora into spaCy DocBins for training.

Usage:
    python training/ner/prepare.py --out /tmp/ner-corpus [--data ../shared/data]
        [--germeval-train PATH] [--no-europarl] [--no-augment] [--seed 13]

Writes ``train.spacy`` and ``dev.spacy`` (plus ``stats.json``).

Label set (what the model learns): GermEval 2014 outer labels with OTH renamed
MISC: PER ORG LOC MISC and their ``deriv``/``part`` variants (``LOCderiv``,
``ORGpart``, ...).  Europarl (CoNLL-style MISC) is mapped onto it: a one-token
lower-case MISC chunk (``europäischen``) becomes ``LOCderiv``, other MISC stays
MISC.  Extra corpora (``--extra-conll``: SmartData, Europeana) do not mark
derived adjectives; in their sentences such adjectives get a *missing* label
(neither entity nor O) unless ``--full-annotation`` is given.

Splits: GermEval dev is split into a training part and a held-out part
(``--heldout`` sentences, default 300) used as the dev set during training;
the GermEval test split is never read here.

Augmentation (``--no-augment`` to switch off) adds copies of a share of the
training sentences damaged the way machine translation damages German news:
function words capitalised (``Südkorea Und Japan``), headline casing,
compound place names split (``Nord Korea``, ``Süd Sudan``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from lagebild.evaluate.ner import Sentence, chunks, read_conll  # noqa: E402

FUNCTION_WORDS = {
    "und", "oder", "der", "die", "das", "den", "dem", "des", "in", "im", "von", "vom",
    "mit", "auf", "für", "zu", "zum", "zur", "an", "am", "bei", "nach", "aus", "über",
    "ein", "eine", "einen", "einer", "ist", "sind", "hat", "haben", "wird", "nicht",
    "sich", "auch", "als", "wie", "dass", "gegen", "unter", "sowie",
}
COMPASS = re.compile(
    r"^(Nord|Süd|Ost|West|Zentral|Mittel|Inner|Ober|Unter|Klein|Groß|Neu)([a-zäöü]{3,})$"
)


def fine_label(label: str, *, conll: bool, token_text: str) -> str:
    if label.startswith("OTH"):
        label = "MISC" + label[3:]
    if conll and label == "MISC" and token_text[:1].islower():
        return "LOCderiv"
    return label


def sentence_to_ents(sent: Sentence, *, conll: bool) -> list[tuple[int, int, str]]:
    out = []
    for s, e, lab in chunks(sent.tags):
        text = sent.tokens[s] if e - s == 1 else "X"
        out.append((s, e, fine_label(lab, conll=conll, token_text=text)))
    return out


def augment(tokens: list[str], ents: list[tuple[int, int, str]], rng: random.Random):
    """Return a damaged copy (tokens, ents) or None if nothing changed."""
    kind = rng.random()
    toks = list(tokens)
    if kind < 0.4:  # capitalised function words, as MT output often has them
        changed = False
        for i, t in enumerate(toks):
            if i > 0 and t in FUNCTION_WORDS and rng.random() < 0.6:
                toks[i] = t[:1].upper() + t[1:]
                changed = True
        return (toks, list(ents)) if changed else None
    if kind < 0.6:  # headline casing
        toks = [t[:1].upper() + t[1:] if t[:1].isalpha() else t for t in toks]
        return (toks, list(ents)) if toks != tokens else None
    # split compound place names inside LOC chunks: Nordkorea -> Nord Korea
    new_toks: list[str] = []
    mapping = []
    changed = False
    in_loc = set()
    for s, e, lab in ents:
        if lab == "LOC":
            in_loc.update(range(s, e))
    for i, t in enumerate(toks):
        m = COMPASS.match(t)
        mapping.append(len(new_toks))
        if i in in_loc and m:
            new_toks.extend([m.group(1), m.group(2)[:1].upper() + m.group(2)[1:]])
            changed = True
        else:
            new_toks.append(t)
    if not changed:
        return None
    mapping.append(len(new_toks))
    new_ents = [(mapping[s], mapping[e], lab) for s, e, lab in ents]
    return new_toks, new_ents


def damage_sentence(sent: Sentence) -> Sentence:
    """Deterministic MT-style damage of a gold sentence, for robustness scores.

    Every function word after the first token is capitalised and compound
    place names inside LOC chunks are split (``Nordkorea`` -> ``Nord Korea``);
    tags are carried over (IOB2).
    """
    toks: list[str] = []
    tags: list[str] = []
    for i, (t, tag) in enumerate(zip(sent.tokens, sent.tags, strict=True)):
        m = COMPASS.match(t)
        if m and tag.endswith("-LOC"):
            toks += [m.group(1), m.group(2)[:1].upper() + m.group(2)[1:]]
            tags += [tag, "I-LOC"]
            continue
        if i > 0 and t in FUNCTION_WORDS:
            t = t[:1].upper() + t[1:]
        toks.append(t)
        tags.append(tag)
    return Sentence(toks, tags)


# Hand-written (this project's own) lists used by the entity-substitution
# augmentation: international organisations as German news names them, and
# adjective stems of place names (the inflection suffix is kept).
ORG_NAMES = [
    "Vereinte Nationen", "Vereinten Nationen", "UN", "UNO", "NATO", "Nato", "EU",
    "Europäische Union", "Europäischen Union", "Europäische Kommission",
    "Europäischen Kommission", "Europäische Zentralbank", "EZB", "Weltbank",
    "Internationaler Währungsfonds", "Internationalen Währungsfonds", "IWF",
    "Weltgesundheitsorganisation", "WHO", "UNICEF", "UNHCR", "OSZE", "G7", "G20",
    "Afrikanische Union", "Afrikanischen Union", "Arabische Liga", "Arabischen Liga",
    "ASEAN", "OPEC", "Internationale Atomenergiebehörde", "IAEA", "Rotes Kreuz",
    "Internationalen Komitees vom Roten Kreuz", "Amnesty International",
    "Human Rights Watch", "Ärzte ohne Grenzen", "Hamas", "Hisbollah", "Taliban",
    "Bundeswehr", "Bundesregierung", "Bundestag", "Bundesrat", "Kreml", "Pentagon",
    "Weißes Haus", "Weißen Haus", "CIA", "FBI", "Bundesnachrichtendienst", "BND",
    "Europarat", "Sicherheitsrat", "UN-Sicherheitsrat", "Siemens", "Volkswagen",
    "Deutsche Bank", "Deutschen Bank", "Reuters", "dpa", "AFP", "Gazprom", "Samsung",
    "Toyota", "Google", "Microsoft", "Apple", "Tesla", "SPD", "CDU", "CSU", "FDP",
    "Grünen", "AfD", "Linke", "Republikaner", "Demokraten", "Kommunistische Partei",
]
LOC_ADJ_STEMS = [
    "deutsch", "französisch", "britisch", "englisch", "amerikanisch", "US-amerikanisch",
    "russisch", "ukrainisch", "chinesisch", "japanisch", "koreanisch", "nordkoreanisch",
    "südkoreanisch", "indisch", "pakistanisch", "afghanisch", "iranisch", "irakisch",
    "syrisch", "israelisch", "palästinensisch", "libanesisch", "türkisch", "ägyptisch",
    "saudi-arabisch", "jemenitisch", "polnisch", "italienisch", "spanisch", "portugiesisch",
    "niederländisch", "belgisch", "österreichisch", "schweizerisch", "schwedisch",
    "norwegisch", "finnisch", "dänisch", "griechisch", "ungarisch", "tschechisch",
    "rumänisch", "bulgarisch", "serbisch", "kroatisch", "europäisch", "afrikanisch",
    "asiatisch", "kanadisch", "mexikanisch", "brasilianisch", "argentinisch",
    "australisch", "taiwanisch", "vietnamesisch", "philippinisch", "indonesisch",
    "nigerianisch", "kenianisch", "äthiopisch", "sudanesisch", "libysch", "algerisch",
    "marokkanisch", "tunesisch", "georgisch", "armenisch", "belarussisch", "litauisch",
    "lettisch", "estnisch", "kosovarisch", "bayerisch", "sächsisch", "berliner",
]
ADJ_SUFFIXES = ("", "e", "en", "er", "es", "em")


class Substituter:
    """Entity-substitution augmentation: swap names for others of the same type.

    PER chunks get first/last names from the name lists, LOC chunks that are
    country names get another country, LOCderiv adjectives another adjective
    stem with the same ending, ORG chunks another organisation (hand list plus
    the ORG names of the training data).
    """

    def __init__(self, gaz_dir: Path, org_pool: list[str], rng: random.Random):
        self.rng = rng

        def read(name, col=0):
            path = gaz_dir / name
            if not path.exists():
                return []
            out = []
            raw = path.read_bytes()
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("latin-1")
            for line in text.lstrip("\ufeff").splitlines():
                w = line.split("\t")[col].strip()
                if re.fullmatch(r"[A-ZÄÖÜ][a-zäöüß]{2,14}", w):
                    out.append(w)
            return out

        self.first = read("vornamen.list")
        self.last = read("nachnamen.list")
        countries = []
        if (gaz_dir / "laendernamen.list").exists():
            for line in (gaz_dir / "laendernamen.list").read_text(encoding="utf-8").splitlines():
                line = line.strip()
                if line and "," not in line and len(line.split()) <= 3:
                    countries.append(line)
        self.countries = countries
        self.country_set = set(countries)
        self.orgs = ORG_NAMES + org_pool
        stems = sorted(LOC_ADJ_STEMS, key=len, reverse=True)
        self.adj_re = re.compile(
            r"^(" + "|".join(re.escape(x) for x in stems) + r")(e|en|er|es|em)?$")

    def pick(self, toks: list[str], lab: str) -> list[str] | None:
        text = " ".join(toks)
        r = self.rng
        if lab == "PER" and self.first and self.last:
            if len(toks) == 1:
                return [r.choice(self.last)]
            if len(toks) <= 3:
                return [r.choice(self.first), r.choice(self.last)]
        elif lab == "LOC" and self.countries and text in self.country_set:
            return r.choice(self.countries).split()
        elif lab == "LOCderiv" and len(toks) == 1:
            m = self.adj_re.match(toks[0].lower())
            if m and toks[0][:1].islower():
                return [r.choice(LOC_ADJ_STEMS) + (m.group(2) or "")]
        elif lab == "ORG" and len(toks) <= 4:
            return r.choice(self.orgs).split()
        return None

    def __call__(self, tokens, ents):
        new_toks: list[str] = []
        new_ents = []
        pos = 0
        changed = False
        for s, e, lab in sorted(ents):
            new_toks.extend(tokens[pos:s])
            rep = self.pick(tokens[s:e], lab) if self.rng.random() < 0.8 else None
            if rep:
                changed = True
            rep = rep or tokens[s:e]
            new_ents.append((len(new_toks), len(new_toks) + len(rep), lab))
            new_toks.extend(rep)
            pos = e
        new_toks.extend(tokens[pos:])
        return (new_toks, new_ents) if changed else None


# Lower-case adjectives derived from names (nordkoreanischen, europäische,
# deutschen): GermEval marks them LOCderiv etc., the extra corpora leave them
# unmarked.  In sentences from those corpora they are set to "missing" instead
# of O, so the extra data does not teach the model to ignore them.
DERIV_RE = re.compile(r"^(deutsch|[a-zäöüß-]{3,}isch)(e|en|er|es|em)?$")


def src_flag(src: str) -> str:
    return " partial" if src.endswith(" partial") else ""


def make_doc(nlp, tokens, ents, *, partial: bool = False):
    from spacy.tokens import Doc, Span

    doc = Doc(nlp.vocab, words=tokens)
    spans = [Span(doc, s, e, label=lab) for s, e, lab in ents]
    missing = []
    if partial:
        inside = {i for s, e, _ in ents for i in range(s, e)}
        missing = [Span(doc, i, i + 1) for i, t in enumerate(tokens)
                   if i not in inside and DERIV_RE.match(t)]
    doc.set_ents(spans, missing=missing, default="outside")
    return doc


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", required=True)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--germeval-train", action="append", default=[],
                    help="extra GermEval-format training file(s), e.g. NER-de-train.tsv")
    ap.add_argument("--extra-conll", action="append", default=[],
                    help="extra CoNLL-format training file(s) with PER/ORG/LOC/MISC tags")
    ap.add_argument("--no-europarl", action="store_true")
    ap.add_argument("--no-germeval-dev", action="store_true")
    ap.add_argument("--germeval-dev-repeat", type=int, default=1,
                    help="copies of each GermEval dev training sentence (upweighting)")
    ap.add_argument("--no-augment", action="store_true")
    ap.add_argument("--full-annotation", action="store_true",
                    help="treat --extra-conll corpora as fully annotated (no missing "
                         "labels for derived adjectives)")
    ap.add_argument("--augment-share", type=float, default=0.25)
    ap.add_argument("--heldout", type=int, default=300)
    ap.add_argument("--substitute-share", type=float, default=0.0,
                    help="share of sentences copied with entity substitution")
    ap.add_argument("--gazetteers", default="/tmp/ner-ext/gaz",
                    help="dir with vornamen.list, nachnamen.list, laendernamen.list")
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args(argv)

    import spacy
    from spacy.tokens import DocBin

    rng = random.Random(args.seed)
    data = Path(args.data)
    nlp = spacy.blank("de")

    gdev = read_conll(data / "germeval2014" / "dev.tsv")
    idx = list(range(len(gdev)))
    rng.shuffle(idx)
    held = set(idx[: args.heldout])
    train: list[tuple[list[str], list[tuple[int, int, str]], str]] = []
    dev: list[tuple[list[str], list[tuple[int, int, str]]]] = []
    for i, s in enumerate(gdev):
        item = (s.tokens, sentence_to_ents(s, conll=False))
        if i in held:
            dev.append(item)
        elif not args.no_germeval_dev:
            for _ in range(args.germeval_dev_repeat):
                train.append((*item, "germeval-dev"))
    for f in args.germeval_train:
        for s in read_conll(f):
            train.append((s.tokens, sentence_to_ents(s, conll=False), "germeval-train"))
    if not args.no_europarl:
        for s in read_conll(data / "europarl-ner-de" / "train.tsv"):
            train.append((s.tokens, sentence_to_ents(s, conll=True), "europarl"))
    for f in args.extra_conll:
        for s in read_conll(f):
            src = Path(f).name + ("" if args.full_annotation else " partial")
            train.append((s.tokens, sentence_to_ents(s, conll=True), src))

    stats = Counter(src for _, _, src in train)
    if args.substitute_share > 0:
        org_pool = sorted({" ".join(t[s:e]) for t, ents, _ in train for s, e, lab in ents
                           if lab == "ORG" and e - s <= 4})
        sub = Substituter(Path(args.gazetteers), org_pool, rng)
        print(f"substitution lists: {len(sub.first)} first, {len(sub.last)} last names, "
              f"{len(sub.countries)} countries, {len(sub.orgs)} organisations", file=sys.stderr)
        extra = []
        for toks, ents, src in train:
            if ents and rng.random() < args.substitute_share:
                res = sub(toks, ents)
                if res is not None:
                    extra.append((res[0], res[1], "substituted" + src_flag(src)))
        train.extend(extra)
        stats["substituted"] = len(extra)
    if not args.no_augment:
        extra = []
        for toks, ents, src in train:
            if rng.random() < args.augment_share:
                aug = augment(toks, ents, rng)
                if aug is not None:
                    extra.append((aug[0], aug[1], "augmented" + src_flag(src)))
        train.extend(extra)
        stats["augmented"] = len(extra)
    rng.shuffle(train)

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    db = DocBin()
    labels: Counter[str] = Counter()
    for toks, ents, src in train:
        db.add(make_doc(nlp, toks, ents, partial=src.endswith(" partial")))
        labels.update(lab for _, _, lab in ents)
    db.to_disk(out / "train.spacy")
    db = DocBin()
    for toks, ents in dev:
        db.add(make_doc(nlp, toks, ents))
    db.to_disk(out / "dev.spacy")
    # the held-out GermEval dev sentences, in GermEval layout, for evaluate_all.py
    with open(out / "heldout.tsv", "w", encoding="utf-8") as fh:
        for i in sorted(held):
            s = gdev[i]
            for k, (tok, tag) in enumerate(zip(s.tokens, s.tags, strict=True), 1):
                fh.write(f"{k}\t{tok}\t{tag}\tO\n")
            fh.write("\n")
    info = {"sources": dict(stats), "train_sentences": len(train), "dev_sentences": len(dev),
            "labels": dict(labels.most_common())}
    (out / "stats.json").write_text(json.dumps(info, indent=2, ensure_ascii=False))
    print(json.dumps(info, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
