"""In-line repairs of encoding, translation and scraping damage.

Each function looks at the current text and returns :class:`Change` records;
it never edits text itself, so every repair is logged and reversible.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from ._buffer import Change

__all__ = [
    "capitalised_function_words",
    "glued_words",
    "invisible_and_spaces",
    "mojibake_and_nfc",
    "ocr_hyphens",
    "quote_marks",
    "space_before_punctuation",
    "transliterated_umlauts",
    "umlauts_in_title",
    "whitespace",
]

R = "repaired"


def _minimal(line_start: int, old: str, new: str, reason: str) -> Change:
    """One change covering only the differing middle of old → new."""
    p = 0
    n = min(len(old), len(new))
    while p < n and old[p] == new[p]:
        p += 1
    s = 0
    while s < n - p and old[len(old) - 1 - s] == new[len(new) - 1 - s]:
        s += 1
    return Change(line_start + p, line_start + len(old) - s, new[p : len(new) - s], R, reason)


_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]+")
_ODD_SPACE = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\t\f\v]+")
_CR = re.compile(r"\r\n?|[\u2028\u2029\x85]")


def invisible_and_spaces(text: str) -> list[Change]:
    """Line endings to \\n, soft hyphens, zero-width and control characters out, odd spaces to ' '."""
    chars = set(text)  # one pass in C decides which of the slower scans are needed
    out: list[Change] = []
    if chars & _CR_CHARS:
        out += [Change(m.start(), m.end(), "\n", R, "line ending") for m in _CR.finditer(text)]
    if chars & _INVISIBLE_CHARS:
        out += [Change(m.start(), m.end(), "", R, "invisible character") for m in _INVISIBLE.finditer(text)]
    if chars & _ODD_SPACE_CHARS:
        out += [Change(m.start(), m.end(), " ", R, "whitespace") for m in _ODD_SPACE.finditer(text)]
    if chars & _CONTROL_CHARS:  # NUL and the like, wherever they are: no text holds them
        out += [Change(m.start(), m.end(), "", R, "control character") for m in _CONTROL.finditer(text)]
    return out


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]+")
_CONTROL_CHARS = frozenset(chr(c) for c in [*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_CR_CHARS = frozenset("\r\u2028\u2029\x85")
_INVISIBLE_CHARS = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")
_ODD_SPACE_CHARS = frozenset(
    "\u00a0\u202f\u205f\u3000\t\f\v" + "".join(chr(c) for c in range(0x2000, 0x200B))
)


# Two-character sequences that UTF-8 read as Windows-1252/Latin-1 produces.
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00c5\u00ce\u00cf\u00d0\u00d1\u00e2\u00ef]"
    "[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014"
    "\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039\u203a\u20ac\u2122]"
)


_MOJIBAKE_LEAD = frozenset("\u00c2\u00c3\u00c5\u00ce\u00cf\u00d0\u00d1\u00e2\u00ef")
# Text that was compatibility-decomposed (NFKD) after it was garbled: the lead ``Ã`` falls
# apart into ``A`` and a combining tilde (composed again by NFC), and some second bytes into
# plain characters, ``¼`` into ``1⁄4``, ``º`` into ``o``, ``¯`` into a space and a macron
# (``GÃ1⁄4len``, ``JesÃos``, ``naÃ ̄ve``).  Each expansion is turned back into the character it
# came from, derived from Unicode's own decomposition table over the second bytes.
_SECOND_BYTES = [chr(c) for c in range(0x80, 0xC0)] + list(
    "\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018\u2019\u201a"
    "\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122")
_EXPANDED = {
    unicodedata.normalize("NFKD", c): c for c in _SECOND_BYTES if unicodedata.normalize("NFKD", c) != c
}
_EXPANDED = {k: v for k, v in _EXPANDED.items() if k.strip()}  # not what became a bare space
_EXPANDED_RE = re.compile(
    "(?P<lead>[\u00c2\u00c3])(?P<exp>"
    + "|".join(re.escape(k) for k in sorted(_EXPANDED, key=len, reverse=True))
    + ")"
)


def _unexpanded(line: str) -> str:
    """``GÃ1⁄4len`` → ``GÃ¼len``, so that ftfy can decode it.  An expansion of one plain
    character (``o``, ``a``, ``1``) only inside a lower-case word (``JesÃos``): a capital
    ``Ã`` there is no spelling of any language, in ``SÃO`` it is Portuguese."""

    def back(m: re.Match[str]) -> str:
        exp = m["exp"]
        before = line[m.start() - 1] if m.start() > 0 else ""
        # (or after a first layer of the same damage: ``RaÃ\x83Âol``)
        if len(exp) == 1 and not (before.islower() or before in _MOJIBAKE_LEAD or "\x80" <= before <= "\x9f"):
            return m.group()
        return m["lead"] + _EXPANDED[exp]

    return _EXPANDED_RE.sub(back, line)


def _fix_line(line: str) -> str:
    import ftfy

    if _EXPANDED_RE.search(line):
        undone = _unexpanded(line)
        if undone != line:
            fixed = ftfy.fix_encoding(undone)
            if fixed != undone:  # only where the restored pairs now decode
                return fixed
    return ftfy.fix_encoding(line)


def mojibake_and_nfc(text: str) -> list[Change]:
    """Repair mojibake (``SÃ¼dkorea`` → ``Südkorea``) with ftfy, and normalise to NFC.

    NFC comes first: in decomposed text the ``Ã`` of ``PeÃ±a`` is ``A`` and a combining
    tilde, which no mojibake check sees."""
    out: list[Change] = []
    if text.isascii():
        return out
    nfc_text = text if unicodedata.is_normalized("NFC", text) else None
    suspicious = not _MOJIBAKE_LEAD.isdisjoint(text) or (
        nfc_text is None and not _MOJIBAKE_LEAD.isdisjoint(unicodedata.normalize("NFC", text))
    )
    if not suspicious and nfc_text is not None:
        return out
    pos = 0
    for line in text.split("\n"):
        new = line
        reasons = []
        if not new.isascii() and not unicodedata.is_normalized("NFC", new):
            new = unicodedata.normalize("NFC", new)
            reasons.append("unicode NFC")
        if suspicious and (_MOJIBAKE.search(new) or _EXPANDED_RE.search(new)):
            fixed = _fix_line(new)
            if fixed != new:
                new = unicodedata.normalize("NFC", fixed)
                reasons.insert(0, "mojibake")
        if new != line:
            out.append(_minimal(pos, line, new, " + ".join(reasons)))
        pos += len(line) + 1
    return out


# Capitalised words that cannot end a glued compound but often start the next
# sentence or phrase after a former link boundary ("Nord KoreaDie Entwicklung").
_FUNCTION_CAP = frozenset(
    """Die Der Das Den Dem Des Ein Eine Einen Einem Einer Eines Und Oder Aber Doch Sowie
    Im In Am An Auf Aus Bei Mit Nach Von Vom Vor Zu Zum Zur Für Über Unter Gegen Seit Nachdem
    Es Er Sie Wir Ich Ihr Man Dass Als Wie Wenn Weil Auch Nicht Laut Damit Dies Diese Dieser
    The And Of On For With To Is Was Has Its His Her He She They We At By From As That This
    Are Were Will Would""".split()
)
# Real words and names written with an inner capital; never split.
_CAMEL_OK = frozenset(
    """LinkedIn YouTube PayPal PlayStation WhatsApp TikTok FedEx MasterCard SpaceX BlackRock
    DeepMind OpenAI PowerPoint JavaScript TypeScript GitHub GitLab WordPress CureVac BioNTech
    AstraZeneca GlaxoSmithKline ExxonMobil ThyssenKrupp ProSieben ProSiebenSat InterCity
    BahnCard DaimlerChrysler HarperCollins SoftBank SolarWinds MacBook iPhone iPad eBay
    McDonald McDonalds McKinsey MacArthur DiCaprio LaGuardia DeSantis VfB VfL FreeBSD
    StudiVZ SpaceShipOne KiTa BaFin DAXplus NordLB HypoVereinsbank TotalEnergies""".split()
)
# Only the junction is matched (lower case, then a capital); the words on both sides are
# looked at only there, which keeps this one fast scan of the text.
_CAMEL = re.compile(r"[a-zäöüß][A-ZÄÖÜ]")
# A capitalised word, which may be glued to the next one (`dasDieDie`: every junction in one pass).
_CAP_WORD = re.compile(r"[A-ZÄÖÜ][a-zäöüß]+(?![\wäöüß])|[A-ZÄÖÜ][a-zäöüß]+(?=[A-ZÄÖÜ])")
_NAME_PREFIX = re.compile(r"(?:Mc|Mac|O|D|De|Di|La|Le|Van|Von)[A-Z]")
_CAPS_GLUE = re.compile(r"\b([A-ZÄÖÜ]{2,})(Die|Der|Das|Und|The|And)\b(?= )")
# After the function word the sentence goes on: a space and a word (`KoreaDie Entwicklung`);
# `NowThis,` `MoveOn)` `cacheAsBitmap` are names, not a seam.
_GOES_ON = re.compile(r" [\wÄÖÜäöüß„\"(]")


# Bounds of the look around one junction (scraped text may hold a 1 MB "word": every junction
# must cost a constant, or `xDieDieDie…` takes minutes).
_WORD_MAX = 40
_TOKEN_MAX = 200
_CHAIN_MAX = 3


def _token(text: str, i: int) -> str:
    """The whitespace-delimited token around text[i] (at most ``_TOKEN_MAX`` characters each side)."""
    lo = max(0, i - _TOKEN_MAX)
    a = max(text.rfind(" ", lo, i), text.rfind("\n", lo, i)) + 1 or lo
    b = i
    while b < len(text) and b - i < _TOKEN_MAX and not text[b].isspace():
        b += 1
    return text[max(a, lo) : b]


def _named_token(token: str) -> bool:
    """A hashtag, handle, web address or password-like token (`#ImWithHer`, `MoveOn.org`)."""
    return any(c in token for c in "#@/") or any(c.isdigit() for c in token) or bool(
        re.search(r"[a-z]\.[a-z]", token)
    )


def _seam(text: str, right: re.Match[str]) -> bool:
    """The function word at a junction is followed by the rest of a sentence, or by another
    glued function word that is (`dasDieDie Welt`)."""
    end = right.end()
    for _ in range(_CHAIN_MAX):
        if _GOES_ON.match(text, end):
            return True
        nxt = _CAP_WORD.match(text, end)
        if nxt is None or nxt.group() not in _FUNCTION_CAP:
            return False
        end = nxt.end()
    return False


def glued_words(text: str) -> list[Change]:
    """``Nord KoreaDie`` → ``Nord Korea Die``: words glued at a former link boundary.

    Where the glued-on word repeats the word before it or that word's end (``Nordkorea
    KoreaDie``: a link text pasted after the word it was linked from), the repeated word is
    removed (``Nordkorea Die``).  Hashtags, handles, web addresses and camel-case names
    (``#ImWithHer``, ``MoveOn.org``, ``NowThis,``, ``WeAreDevelopers``) are left alone: at a
    real seam the function word is followed by the rest of the sentence.
    """
    out: list[Change] = []
    for m in _CAMEL.finditer(text):
        cut = m.start() + 1
        right = _CAP_WORD.match(text, cut)
        if right is None or right.group() not in _FUNCTION_CAP:
            continue
        ws = cut - 1
        while ws > 0 and text[ws - 1].isalpha() and cut - ws <= _WORD_MAX:
            ws -= 1
        if cut - ws < 2 or cut - ws > _WORD_MAX:
            continue  # iPhone, eBay: one lower-case letter before the capital; no word that long
        word = text[ws : right.end()]
        if word in _CAMEL_OK or word.rstrip("s") in _CAMEL_OK or _NAME_PREFIX.match(word):
            continue
        if not _seam(text, right) or _named_token(_token(text, cut)):
            continue
        repeat = _repeated(text, ws, cut)
        if _kicker(text, repeat.start - 1 if repeat else cut):
            # `Nordkorea KoreaDie staatliche …` opening a paragraph: a label line, then the sentence
            s = repeat.start - 1 if repeat else cut
            out.append(Change(s, cut, "\n", R, "glued words: label line"))
            continue
        out.append(repeat or Change(cut, cut, " ", R, "glued words"))
    for m in _CAPS_GLUE.finditer(text):
        if not _named_token(_token(text, m.start(2))):
            out.append(Change(m.start(2), m.start(2), " ", R, "glued words"))
    return out


_KICKER_WORDS = 3


def _kicker(text: str, end: int) -> bool:
    """text[line start:end] is a short label opening its paragraph (`Nordkorea`, `Nord Korea`):
    at most three capitalised words, no function word, no punctuation (a kicker or a link text
    pasted before the first sentence; `Die Unterdrückung Nord Korea` is a sentence)."""
    ls = text.rfind("\n", max(0, end - _WORD_MAX * _KICKER_WORDS), end) + 1
    if ls == 0 and end > _WORD_MAX * _KICKER_WORDS:
        return False
    words = text[ls:end].split()
    return 0 < len(words) <= _KICKER_WORDS and all(
        w[0].isupper() and w.replace("-", "").isalpha() and w not in _FUNCTION_CAP for w in words
    )


def _repeated(text: str, ws: int, cut: int) -> Change | None:
    """``Nordkorea KoreaDie``: the word text[ws:cut] repeats the end of the word before it.

    Returns the change that removes it (the junction then has its space), or None.
    """
    word = text[ws:cut]
    if ws < 2 or text[ws - 1] != " " or len(word) < 3 or not word[0].isupper():
        return None
    ps = ws - 1
    while ps > 0 and text[ps - 1].isalpha() and ws - ps <= _WORD_MAX:
        ps -= 1
    prev = text[ps : ws - 1]
    if not prev.lower().endswith(word.lower()):
        return None
    return Change(ws, cut, "", R, "glued words: repeated word")


_LOWER_DE = ("Und", "Oder", "Sowie", "Sondern", "Mit", "Von", "Zu", "Zur", "Zum", "Im", "Am",
             "Für", "Bei", "Nach", "Aus", "Gegen", "Über", "Unter", "Vom", "Beim", "Ins", "Durch",
             "Ohne", "Gegenüber", "Zwischen", "Seit")  # fmt: skip
_LOWER_EN = ("And", "Or", "Of", "With", "For", "To", "From", "Into", "Between", "Against")
_FUNC_DE = re.compile(r" (%s) (?=[\wÄÖÜäöüß\"„])" % "|".join(_LOWER_DE))
_FUNC_EN = re.compile(r" (%s) (?=[\w\"“])" % "|".join(_LOWER_EN))
_SENTENCE_END = re.compile(r"[.!?…:;][\"“”»«')\]]*\s*$")


def capitalised_function_words(text: str, lang: str | None) -> list[Change]:
    """``Südkorea Und Japan`` → ``Südkorea und Japan`` inside running sentences.

    Only in paragraphs that end like prose; headings may be in title case.
    """
    rx = _FUNC_EN if lang == "en" else _FUNC_DE
    out: list[Change] = []
    if not rx.search(text):
        return out
    pos = 0
    for line in text.split("\n"):
        if _SENTENCE_END.search(line):
            for m in rx.finditer(line):
                prev = line[m.start() - 1 : m.start()]
                if not (prev.isalnum() and (lang != "en" or prev.islower())):
                    continue
                w = m.group(1)
                out.append(Change(pos + m.start(1), pos + m.end(1), w.lower(), R, "capitalised function word"))
        pos += len(line) + 1
    return out


_OPEN_DE = "„"
_QUOTE_CHAR = re.compile("[„“”]")
_DOUBLED = re.compile(r'„„+|““+|””+|""+')
_CLOSE = "“”"


def quote_marks(text: str) -> list[Change]:
    """Remove doubled and unbalanced quote marks (``sein.“ „ sagte`` → ``sein.“ sagte``)."""
    out: list[Change] = []
    if "„„" in text or "““" in text or "””" in text or '""' in text:
        for m in _DOUBLED.finditer(text):
            out.append(Change(m.start() + 1, m.end(), "", R, "doubled quote mark"))
    if out:
        return out  # the next round sees the text without doubles
    german = _OPEN_DE in text
    if not german:
        return out
    pos = 0
    carry = False  # a quote opened in the previous paragraph is still open
    for line in text.split("\n"):
        is_open = carry
        last_close = max(line.rfind(c) for c in _CLOSE)  # (one look per line, not per mark)
        for qm in _QUOTE_CHAR.finditer(line):
            i, ch = qm.start(), qm.group()
            if ch == _OPEN_DE:
                nxt = line[i + 1 : i + 2]
                close_later = last_close > i
                if is_open and not close_later:
                    out.append(_drop(line, pos, i, "unbalanced quote mark"))
                elif nxt == " " and close_later and line[i + 2 : i + 3].isalnum():
                    out.append(Change(pos + i + 1, pos + i + 2, "", R, "space after opening quote"))
                    is_open = True
                elif not nxt or not (nxt.isalnum() or nxt in "‚'…(.[-–"):
                    out.append(_drop(line, pos, i, "stray opening quote mark"))
                else:
                    is_open = True
            elif ch in _CLOSE:
                if is_open:
                    is_open = False
                else:
                    out.append(_drop(line, pos, i, "unbalanced quote mark"))
        carry = is_open
        pos += len(line) + 1
    return out


def _drop(line: str, pos: int, i: int, reason: str) -> Change:
    """Remove the quote mark at line[i] and one space next to it."""
    s, e = i, i + 1
    if i > 0 and line[i - 1] == " ":
        s -= 1
    elif line[i + 1 : i + 2] == " " and i == 0:
        e += 1
    return Change(pos + s, pos + e, "", R, reason)


_SPACE_PUNCT = re.compile(r" +(?=[.,;:!?](?:[\s\"“”»«)]|$))")
_SPACE_BEFORE_CLOSE = re.compile(r"(?<=[\w.,!?]) +(?=[“](?:[\s.,;:!?]|$))")


def space_before_punctuation(text: str) -> list[Change]:
    """``zu drosseln .`` → ``zu drosseln.``; ``Ganzes “`` → ``Ganzes“``."""
    out = [
        Change(m.start(), m.end(), "", R, "space before punctuation")
        for m in _SPACE_PUNCT.finditer(text)
        if m.start() > 0 and (text[m.start() - 1].isalnum() or text[m.start() - 1] in "\"“”»)]")
    ]
    if "„" in text:
        out += [Change(m.start(), m.end(), "", R, "space before closing quote") for m in _SPACE_BEFORE_CLOSE.finditer(text)]
    return out


_GLUED_SENTENCE = re.compile(r"(?<=[a-zäöüß][a-zäöüß])[.!?](?=[A-ZÄÖÜ][a-zäöüß])")


def missing_space_after_sentence(text: str) -> list[Change]:
    """``abgeschlossen hatten.Japans Ministerpräsident`` → ``hatten. Japans``.

    Not inside web addresses, e-mail addresses or file names (a token with
    ``/``, ``@`` or ``www``).
    """
    out: list[Change] = []
    for m in _GLUED_SENTENCE.finditer(text):
        a = m.start()
        while a > 0 and not text[a - 1].isspace() and m.start() - a <= _TOKEN_MAX:
            a -= 1
        b = m.end()
        while b < len(text) and not text[b].isspace() and b - m.end() <= _TOKEN_MAX:
            b += 1
        if m.start() - a > _TOKEN_MAX or b - m.end() > _TOKEN_MAX:
            continue  # no prose: a "word" that long (and each look must cost a constant)
        token = text[a:b]
        if "/" in token or "@" in token or "www" in token.lower():
            continue
        out.append(Change(m.end(), m.end(), " ", R, "missing space after sentence"))
    return out


# ``¬`` is the line-end hyphen of Fraktur OCR (HIPE, digitised newspapers); left inside a line
# when the wrap was joined with a space (``Schul¬ wesen``, ``nir¬ gends``).
_OCR_HYPHEN = re.compile(r"(?<=\w)¬[ \t]*\n?[ \t]*(?=(\w{1,8}))")
_OCR_HYPHEN_CONJ = frozenset(("und", "oder", "bis", "sowie"))


def ocr_hyphens(text: str) -> list[Change]:
    """``Schul¬ wesen`` → ``Schulwesen``; ``Nord¬ Amerika`` → ``Nord-Amerika``; ``Kantons¬ und`` →
    ``Kantons- und``."""
    if "¬" not in text:
        return []
    out = []
    for m in _OCR_HYPHEN.finditer(text):
        nxt = m.group(1)
        if nxt in _OCR_HYPHEN_CONJ:
            new = "- "
        elif nxt[0].isupper() or nxt[0].isdigit():
            new = "-"
        else:
            new = ""
        out.append(Change(m.start(), m.end(), new, R, "hyphenation at line break"))
    return out


_MULTI_SPACE = re.compile(r"(?<=\S)  +(?=\S)")
_EDGE_SPACE = re.compile(r"^ +| +$", re.M)


def whitespace(text: str) -> list[Change]:
    """Runs of spaces to one; no spaces at the start or end of a line."""
    out: list[Change] = []
    if "  " in text:
        out += [Change(m.start(), m.end(), " ", R, "whitespace") for m in _MULTI_SPACE.finditer(text)]
    if " \n" in text or "\n " in text or text[:1] == " " or text[-1:] == " ":
        out += [Change(m.start(), m.end(), "", R, "whitespace") for m in _EDGE_SPACE.finditer(text) if m.end() > m.start()]
    return out


_TITLE_WORD = re.compile(r"[A-Za-zÄÖÜäöüß][\wÄÖÜäöüß-]*")
# Capitalised in English-style title case, lower case inside a German headline.
_TITLE_FUNC_DE = frozenset(_LOWER_DE) | frozenset(
    """Die Der Das Den Dem Des Ein Eine Einen Einem Einer Eines In An Auf Ist Sind Wird Werden
    Hat Haben Soll Sollen Will Wollen Kann Können Muss Müssen Als Wie Nicht Auch Noch Nur
    Um Bis Vor Wegen Trotz Dass Ob Wenn Weil Sich Sein Seine Ihre Ihr Ab Zurück Erneut""".split()
)
_TITLE_BREAK = re.compile(r"[:–—|?!]\s*$")


def _lower_case_word(word: str) -> bool:
    """German dictionary says: not a noun (``Trifft`` → *treffen*, ``Erneut`` → *erneut*).

    simplemma's German lemma keeps a noun's capital (``Gespräche`` → *Gespräch*,
    ``Essen`` → *Essen*) and writes verbs, adjectives and adverbs in lower case; a word
    it does not know (a name) is left alone.
    """
    try:
        import simplemma
    except ImportError:  # pragma: no cover - a declared dependency
        return False
    if not simplemma.is_known(word, lang="de"):
        return False
    lemma = simplemma.lemmatize(word, lang="de")
    return lemma[:1].islower() and simplemma.lemmatize(word.lower(), lang="de")[:1].islower()


def headline_case(title: str, body: str, lang: str | None) -> str:
    """``Israel Und Hamas Verhandeln Über Waffenruhe`` → ``Israel und Hamas verhandeln über Waffenruhe``.

    Machine translation sometimes keeps the English title case in a German
    headline.  Only German titles of four or more words with at least one
    capitalised function word after the first word, or of six or more words
    all capitalised, are touched.  There,
    function words are lowered, and any other capitalised word that the
    article's own text never writes capitalised inside a sentence and that is
    either used in lower case there (``Verhandeln`` / ``verhandeln``) or is no
    noun by the German dictionary (``Trifft`` → *treffen*); nouns and names
    keep their capital.  The first word and a word after
    ``:``/``–`` stay as they are.  The raw title is kept in ``title_raw``.
    """
    if lang != "de" or len(title) > 300:  # (no headline is longer; each word is looked up in the body)
        return title
    words = list(_TITLE_WORD.finditer(title))
    if len(words) < 4:
        return title

    def initial(m: re.Match[str]) -> bool:
        return m.start() == words[0].start() or bool(_TITLE_BREAK.search(title[: m.start()]))

    lower = sum(1 for m in words if m.group()[:1].islower())
    if not any(m.group() in _TITLE_FUNC_DE and not initial(m) for m in words) and not (
        len(words) >= 6 and lower == 0
    ):
        return title
    out = list(title)
    for m in words:
        w = m.group()
        if initial(m) or not w[:1].isupper() or w[1:2].isupper():
            continue
        low = w[:1].lower() + w[1:]
        if w in _TITLE_FUNC_DE or (
            not re.search(r"[\w,;]\s+" + re.escape(w) + r"(?![\w-])", body)
            and (
                re.search(r"(?<![\w-])" + re.escape(low) + r"(?![\w-])", body)
                or _lower_case_word(w)
            )
        ):
            out[m.start()] = low[0]
    return "".join(out)


# A lower-case word written with ae/oe/ue for ä/ö/ü (`draengen`, `staerkere`): machine
# translation and ASCII-folded feeds.  Lower case only: `Mueller`, `Goethe`, `Baerbock` are names.
_TRANSLIT = re.compile(r"(?<![\w-])[a-zß]*(?:ae|oe|ue)[a-zß]*(?![\w-])")
_UMLAUT = {"ae": "ä", "oe": "ö", "ue": "ü"}


def _umlaut_forms(word: str) -> list[str]:
    """Every spelling of ``word`` with some of its ae/oe/ue as umlauts (not the ``ue`` of
    ``que``, ``aue``, ``eue``: `queen`, `blaue`, `neue`), fewest changes first."""
    out = [""]
    i = 0
    while i < len(word):
        two = word[i : i + 2]
        if two in _UMLAUT and not (two == "ue" and i > 0 and word[i - 1] in "aeq"):
            out = [x + two for x in out] + [x + _UMLAUT[two] for x in out]
            i += 2
        else:
            out = [x + word[i] for x in out]
            i += 1
    return sorted((x for x in out if x != word), key=lambda x: len(word) - len(x))


@functools.lru_cache(maxsize=4096)
def _restored(word: str) -> str | None:
    """The umlaut spelling of a lower-case word the German dictionary does not know, when it
    knows exactly that spelling (`draengen` → `drängen`); None otherwise."""
    import simplemma

    if len(word) > 40 or sum(word.count(p) for p in _UMLAUT) > 4:
        return None  # no German word; and the spellings to try double with each pair
    if simplemma.is_known(word, lang="de"):
        return None
    for form in _umlaut_forms(word):
        if simplemma.is_known(form, lang="de"):
            return form
    return None


def transliterated_umlauts(text: str, lang: str | None) -> list[Change]:
    """``draengen auf staerkere Sanktionen`` → ``drängen auf stärkere Sanktionen`` in German text.

    Only lower-case words the dictionary (simplemma) does not know whose umlaut spelling it
    knows; names and words it knows either way stay (`Mueller`, `neue`, `Frauen`).
    """
    out: list[Change] = []
    if lang != "de" or not ("ae" in text or "oe" in text or "ue" in text):
        return out
    for m in _TRANSLIT.finditer(text):
        better = _restored(m.group())
        if better is not None:
            out.append(_minimal(m.start(), m.group(), better, "transliterated umlaut"))
    return out


def umlauts_in_title(title: str, lang: str | None) -> str:
    """The title with :func:`transliterated_umlauts` applied (``title_raw`` keeps the input)."""
    for ch in sorted(transliterated_umlauts(title, lang), key=lambda c: -c.start):
        title = title[: ch.start] + ch.after + title[ch.end :]
    return title
