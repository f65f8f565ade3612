"""find_whole_words equals one longest-first alternation regex (what it replaced)."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.enrich.quotes import find_whole_words

_ALPHABET = st.sampled_from(list("Kim JongUn-_ä1.,Südkorea"))


def _regex_reference(text, forms):
    usable = sorted(set(f for f in forms if f), key=len, reverse=True)
    if not usable:
        return []
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, usable)) + r")(?![\w-])")
    return [(m.start(), m.end(), m.group(0)) for m in pattern.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(
    text=st.text(alphabet=_ALPHABET, max_size=60),
    forms=st.lists(st.text(alphabet=_ALPHABET, min_size=1, max_size=8), max_size=6),
)
def test_same_as_alternation_regex(text, forms):
    assert find_whole_words(text, forms) == _regex_reference(text, forms)


def test_longest_form_and_boundaries():
    text = "Kim Jong Un traf Kim; Kimchi und Kim-Lee nicht, Kim. auch"
    got = find_whole_words(text, ["Kim", "Kim Jong Un"])
    assert [t for _, _, t in got] == ["Kim Jong Un", "Kim", "Kim"]
    assert got[0][:2] == (0, 11)
