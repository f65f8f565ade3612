"""English speaker spans for :func:`lagebild.enrich.quotes.find_quotes` (before confidence).

A signed quote ("“…” ― Jorge Falcon"), a quote carried on from a tail that shares its
speaker span, and the noun phrase of an English speaker with its apposition ("Rep. G.K.
Butterfield (D-N.C.), head of …", "Derek Mitchell, who served as …").  Private.
"""

from __future__ import annotations

import re

from lagebild.enrich._quote_en_np import extend_description, extend_name, introduces
from lagebild.model import Quote


# "“…” ― Jorge Falcon": a name of two to four capitalised words after a dash, then the
# end of the line or sentence or the next quote
_EN_DASH_SOURCE = re.compile(
    r"[”\"’]?\s*[―—]\s*((?:[A-Z][\w’'-]+|[A-Z]\.)(?:\s+(?:[A-Z][\w’'-]+|[A-Z]\.)){1,3})"
    r"(?=\s*(?:[.\n]|$|[“\"]))"
)


_EN_DAYS = frozenset(
    """monday tuesday wednesday thursday friday saturday sunday january february march
    april may june july august september october november december""".split()
)
_EN_FINITE = frozenset(
    """is are was were has have had will would could can should may might did does
    says said tells told asks asked assures""".split()
)
_EN_JOIN = frozenset("as while and after when because but".split())
_EN_RELATIVE = frozenset("who which".split())
_EN_PRON = frozenset("he she they it we i you".split())
# a party tag or a short bracket between the name and its apposition:
# "Rep. G.K. Butterfield (D-N.C.), head of …"
_EN_TAG = r"(?:\s*\([^()\n]{1,30}\))?"
_EN_NOT_APPOSITION = (
    r"(?!(?:in|at|on|by|from|with|after|before|during|for|meanwhile|also|who|which|"
    r"that|then|however|too|though|according)\b)(?![a-z]+(?:ing|ly)\b)"
)
_EN_SAY_VERB = (
    r"(?:said|says|told|tells|wrote|writes|added|adds|explained|noted|argued|stated|tweeted"
    r"|warned|insisted|claimed|stressed|suggested|suggests|announced|acknowledged|predicted"
    r"|contended|asserted|cautioned|countered|recalled|conceded|testified|emphasized)\b"
)
_EN_APPOSITION = re.compile(
    _EN_TAG + r",\s+(" + _EN_NOT_APPOSITION
    + r"(?:a|an|the|its|his|her|their|[a-z][a-z-]+)\b[^.;:,“”\"\n]{1,150}?)"
    # "…, president of the union, which represents …, said": the relative clause of a
    # thing is left out; "…, who has served …, said" (a person's) is kept
    r"(?:,\s+which\b[^.;:“”\"\n]{1,150}?|(,\s+who\b[^.;:“”\"\n]{1,150}?))?,?\s+"
    + _EN_SAY_VERB
)
# "Derek Mitchell, who served as ambassador to Burma until this year, said"
_EN_RELATIVE_FRONT = re.compile(
    _EN_TAG + r"(,\s+who\b[^.;:“”\"\n]{1,150}?),\s+" + _EN_SAY_VERB
)
_EN_TITLE_BEFORE = re.compile(
    r"(?<![\w.])(?:Sen|Gov|Lt|Rep|Dr|Rev|Gen|Col|Sgt|Mr|Mrs|Ms|Prof|Sec|Amb)\. $"
)
_EN_TAIL_HEAD = (
    _EN_TAG + r",\s+((?!(?:in|at|on|by|from|with|after|before|during|for|meanwhile|also|which|"
    r"that|then|however|too|though|according|adding|and|but|as|when|while|if)\b)"
    r"(?![a-z]+(?:ing|ly|ed)\b)"
    r"(?:who|a|an|the|its|his|her|their|[a-z][a-z-]+)\b[^;:“”\"\n]{1,150}?)"
)
# to the sentence end, over the periods of titles and initials ("… met Mr. Clarke.")
_EN_TAIL_APPOSITION = re.compile(
    _EN_TAIL_HEAD + r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bJr)(?<!\b[A-Z])"
    r"\.(?=\s|$)"
)
# too long for that: up to the first period ("…, an E.U. institution whose …")
_EN_TAIL_APPOSITION_SHORT = re.compile(_EN_TAIL_HEAD + r"\.(?=\s|$)")
_EN_WORD = re.compile(r"[\w’'.-]+")
# a reporting verb right before an inverted speaker ("…,” said Ryan Leenders, 30, …)
_EN_VERB_BEFORE = re.compile(r"\b" + _EN_SAY_VERB + r"\s+$")
_EN_VERBS = r"(?:(?:has|had|have)\s+)?" + _EN_SAY_VERB
# "Secretary of State John F. Kerry", "Loretta E. Lynch": the words before a surname
# that follows an initial (the sentence splitter may have cut at the initial)
_EN_INITIAL_BEFORE = re.compile(
    r"(?:(?:[A-Z][\w’'-]*\.?|of)\s+){0,4}?[A-Z][\w’'-]+\s+(?:[A-Z]\.\s+){1,2}$"
)
_EN_TITLE_END = frozenset("rev del sen gov rep dr lt gen col sgt mr mrs ms prof sec amb".split())
_EN_NAME_AFTER = re.compile(r"\.((?:\s+[A-Z][\w’'-]+){1,3})")
# words that open no speaker: adverbs and clause openers taken for a subject
_EN_NO_SPEAKER = frozenset(
    """meanwhile now once however also then still instead later today yesterday here
    there adding going aside saying""".split()
)
_EN_NO_SPEAKER_CLAUSE = frozenset("adding going aside saying".split())
_EN_OPENER = frozenset("but and so even yet then".split())
_EN_SUBJ_PRON = frozenset("he she they i we".split())
_EN_MODAL_END = frozenset("to could would should can will may might must".split())


def _en_fix_speaker(text: str, q: Quote) -> None:
    """English speaker spans that are not a noun phrase (PolNeAR train, read by hand):

    * a dateline (``WASHINGTON —``) or a date (``Monday``, ``Tuesday at …``): none;
    * a clause ending in a relative pronoun (``business leaders who``): the pronoun;
    * a clause with a second subject after a conjunction (``Clinton beamed as she``,
      ``a woman asked for a photo and Clinton``): that subject;
    * a name followed by its verb (``He criticized Clinton’s track record``,
      ``Graham assures his audience he will``): the name;
    * ``according to early results of exit polls …``: the whole phrase up to the comma;
    * a noun apposition between name and verb (``Kevin Brady, chairman of …, said``)
      joins the speaker (not an adverbial: ``Trump, in Kentucky, said``);
    * title abbreviations right before a name (``Lt. Gov. Dan Patrick``) join it.
    """
    if q.speaker_start is None:
        return
    a, b = q.speaker_start, q.speaker_end
    words = [(m.start() + a, m.end() + a, m.group(0)) for m in _EN_WORD.finditer(text[a:b])]
    if not words:
        return

    def set_span(x: int, y: int | None) -> None:
        if y is None:
            q.speaker_start = q.speaker_end = q.speaker_text = None
            q.evidence = ""
        else:
            q.speaker_start, q.speaker_end, q.speaker_text = x, y, text[x:y]

    while text[a:b][:1] in "'\"“”" and a < b:
        a += 1  # "''Secretary Clinton": a quote mark is no part of the speaker
    if a >= b or not text[a:b].strip(" '\""):
        return set_span(0, None)
    if a != q.speaker_start:
        set_span(a, b)
        words = [(m.start() + a, m.end() + a, m.group(0)) for m in _EN_WORD.finditer(text[a:b])]
    low0 = [w[2].lower() for w in words]
    if low0[0] in _EN_NO_SPEAKER:
        if len(words) == 1 or low0[0] in _EN_NO_SPEAKER_CLAUSE:
            # "Meanwhile, it attacked …", "aside from saying he …": no speaker
            return set_span(0, None)
        # "Then someone asked": the adverb is no part of the speaker
        a = words[1][0]
        set_span(a, b)
        words = words[1:]
        low0 = low0[1:]
    if (
        len(words) > 1
        and low0[-1] in _EN_SUBJ_PRON
        and low0[0] not in _EN_SUBJ_PRON
        and (words[0][2].islower() or low0[0] in _EN_OPENER)
        and low0[0] not in _EN_RELATIVE
        and low0[0] != "that"
    ):
        # "even now at 86 she", "but he": the pronoun is the subject
        return set_span(words[-1][0], words[-1][1])
    if (
        len(words) > 2
        and low0[0] in _EN_SUBJ_PRON
        and words[1][2].islower()
        and low0[-1] not in _EN_RELATIVE
    ):
        # "He then defended the remark", "I hope in 2017 America": the pronoun
        return set_span(words[0][0], words[0][1])
    if len(words) <= 2 and all(w[2][:1].isupper() for w in words):
        m = _EN_INITIAL_BEFORE.search(text, max(0, a - 80), a)
        if m is not None:
            a = m.start()
            set_span(a, b)
        elif low0[-1].rstrip(".") in _EN_TITLE_END:
            m = _EN_NAME_AFTER.match(text, b)
            if m is not None:
                return set_span(a, m.end(1))
    if (
        len(words) >= 2
        and low0[-1] in _EN_MODAL_END
        and not any(w in _EN_JOIN or w in _EN_SUBJ_PRON for w in low0)
    ):
        # "Ham went on to", "Donald Trump needs to": the name before its verb
        k = 0
        while k < len(words) and words[k][2][:1].isupper():
            k += 1
        if 0 < k < len(words) - 1:
            return set_span(words[0][0], words[k - 1][1])
    comma = text.find(",", a, b)
    if comma > a and q.end <= a and text[b : b + 1] == ".":
        # "said Ben Hall, a developer who met Mr. Clarke.": the apposition found by the
        # token rules stopped at a title's period; the tail runs to the sentence end
        m = _EN_TAIL_APPOSITION.match(text, comma)
        if m is not None and m.end(1) > b:
            return set_span(a, m.end(1))
    first = words[0][2]
    nxt = text[b : b + 3].lstrip()
    line_start = a == 0 or text[a - 1] == "\n"
    if (
        len(words) == 1
        and first.isupper()
        and len(first) >= 5
        and (nxt[:1] in "—–-(" or (line_start and nxt[:1] == ","))
    ):
        return set_span(0, None)  # "WASHINGTON — …": the dateline
    if first.lower() in _EN_DAYS:
        return set_span(0, None)
    according = q.evidence.startswith("source_according")
    inverted = _EN_VERB_BEFORE.search(text, max(0, a - 40), a) is not None
    if q.end <= a or according:
        # "said a longtime GOP data expert who has worked for …": the whole description
        e = extend_description(text, a, b)
        if e is not None:
            return set_span(a, e)
    if len(words) <= 4 and words[0][2][:1].isupper() and low0[0] not in _EN_PRON:
        # "Rachel Berg, a philanthropist from Monsey, New York, said", "said Ryan
        # Leenders, 30, a member of …": ages, places and appositions join the name
        e = extend_name(text, a, b, before_verb=not (inverted or according), verb=_EN_VERBS)
        if e is not None and e > b:
            return set_span(a, e)
    if according and len(words) <= 2:
        # "according to early results of the exit polls conducted by …,": to the comma
        end = text.find(",", b, b + 200)
        stop = text.find(".", b, b + 200)
        if end > b and (stop < 0 or end < stop):
            return set_span(a, end)
    if len(words) <= 3 and all(w[2][:1].isupper() for w in words):
        # "Texas Lt. Gov. Dan Patrick", "Vatican spokesman the Rev. Federico Lombardi":
        # titles and capitalised words right before the name belong to it
        x = a
        while True:
            m0 = _EN_TITLE_BEFORE.search(text, max(0, x - 40), x)
            if m0 is None or m0.end() != x:
                break
            x = m0.start()
        if x < a and text[x:a].split()[0].lower() not in _EN_DAYS:
            a = x
            set_span(a, b)
    m = _EN_TAIL_APPOSITION.match(text, b) or _EN_TAIL_APPOSITION_SHORT.match(text, b)
    if m is not None and q.end <= a and len(words) <= 4 and words[0][2][:1].isupper():
        # "…,” said Erin Brockovich, the environmental activist.": an apposition that
        # runs to the end of the sentence belongs to the speaker of the tail
        return set_span(a, m.end(1))
    m = _EN_APPOSITION.match(text, b)
    if m is not None and len(words) <= 4 and words[0][2][:1].isupper():
        # "Kevin Brady, chairman of the House Ways and Means Committee, said": the
        # apposition belongs to the speaker (with a person's relative clause after it)
        return set_span(a, m.end(2) if m.group(2) else m.end(1))
    m = _EN_RELATIVE_FRONT.match(text, b)
    if (
        m is not None
        and len(words) <= 4
        and all(w[2][:1].isupper() for w in words)
        and introduces(text[a:b])
    ):
        # "Derek Mitchell, who served as ambassador …, said": the name with its clause
        # (not after a later mention: "Mr. Leenders, who estimated …, said")
        return set_span(a, m.end(1))
    if len(words) < 3:
        return
    low = [w[2].lower() for w in words]
    if low[-1] in _EN_RELATIVE:
        return set_span(words[-1][0], words[-1][1])
    for k in range(len(words) - 2, 0, -1):
        if low[k] in _EN_JOIN:
            tail = words[k + 1 :]
            if 1 <= len(tail) <= 4 and (
                tail[0][2].lower() in _EN_PRON or all(w[2][:1].isupper() for w in tail)
            ):
                if tail[0][2].lower() in _EN_PRON:
                    tail = tail[:1]  # "That’s when she pointed to": the pronoun
                return set_span(tail[0][0], tail[-1][1])
            break
    if first[:1].isupper() or low[0] in _EN_PRON:
        for k in range(1, min(len(words), 5)):
            w = low[k]
            if w in _EN_FINITE or (w.endswith("ed") and len(w) > 4 and words[k][2].islower()):
                if all(x[2][:1].isupper() for x in words[:k]) or (k == 1 and low[0] in _EN_PRON):
                    return set_span(words[0][0], words[k - 1][1])
                break
def _en_speakers(text: str, quotes: list[Quote]) -> None:
    """English speaker spans, in place: a signed quote (\"“…” ― Name\"), a quote carried
    on from a tail shares its speaker span, the apposition fix of :func:`_en_fix_speaker`."""
    for q in quotes:
        if q.kind == "direct":
            m = _EN_DASH_SOURCE.match(text, q.end)
            if m is not None:
                # "“…” ― Christina Luis": a signed quote (readers' voices, epigraphs)
                q.speaker_start, q.speaker_end = m.start(1), m.end(1)
                q.speaker_text, q.evidence = m.group(1), "dash_source"
    # a quote carried on from a tail ("…,” said X, the Y. “…”) shares its speaker span
    # and gets the same noun phrase (apposition included)
    fixed: dict[tuple[int | None, int | None], Quote] = {}
    for q in quotes:
        key = (q.speaker_start, q.speaker_end)
        if q.speaker_start is not None and key in fixed:
            first_q = fixed[key]
            q.speaker_start, q.speaker_end = first_q.speaker_start, first_q.speaker_end
            q.speaker_text = first_q.speaker_text
            if first_q.speaker_start is None:
                q.evidence = ""
            continue
        _en_fix_speaker(text, q)
        if key[0] is not None:
            fixed[key] = q
