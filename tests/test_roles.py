"""Roles shown on entity pages are offices or functions of that person (issue 10 §3).

Error classes found on the analyst's mixed feed of 2026-12-06 (``bench/role_audit.py``): an
English verb form ending in "king" taken for the role noun "king" (``backing``, ``American Samoa
overtaking``), another person's title and name in a list (``Governor Kasich`` for Ted Cruz,
``Machthaber Kim Jong Un`` for his sister), a possessive or time adverb kept (``Its president``,
``then the secretary of state``), English titles cut short (``General`` for an Attorney General).
"""

from __future__ import annotations

import pytest

from lagebild.enrich.roles import find_role

CASES = [
 ("who backed Senator Cruz, Governor Kasich, Governor Christie, Senator Rubio - all stripes.", "Kasich", "Governor"),
 ("who backed Senator Cruz, Governor Kasich, Governor Christie, Senator Rubio - all stripes.", "Cruz", "Senator"),
 ("who backed Senator Cruz, Governor Kasich, Governor Christie, Senator Rubio - all stripes.", "Christie", "Governor"),
 ("Die Schwester von Machthaber Kim Jong Un, Kim Yo Jong, warnte.", "Kim Yo Jong", None),
 ("winning Texas as well as the American Samoa, overtaking Sanders’ victories in smaller states", "Sanders", None),
 ("Minnesota Gov. Mark Dayton is backing Hillary Clinton, but", "Hillary Clinton", None),
 ("will focus solely on attacking Clinton, not boosting Trump.", "Clinton", None),
 ("Its president, Christine Lagarde, was reappointed in February.", "Christine Lagarde", "president"),
 ("as Mrs. Clinton, then the secretary of state, put it in her memoir.", "Clinton", "secretary of state"),
 ("asked former Attorney General Eric Holder whether", "Eric Holder", "Attorney General"),
 ("Homeland Security Deputy Secretary Alejandro Mayorkas told reporters.", "Alejandro Mayorkas", "Homeland Security Deputy Secretary"),
 ("Im Anschluss sagte der nationale Sicherheitsberater der USA, Jake Sullivan, Washington werde", "Jake Sullivan", "nationaler Sicherheitsberater der USA"),
 ("sagte der Sprecher von Präsident Wladimir Putin, Dmitri Peskow, am Freitag.", "Dmitri Peskow", "Sprecher von Präsident Wladimir Putin"),
 ("Das sagte der Präsident Frankreichs, Emmanuel Macron, am Montag.", "Emmanuel Macron", "Präsident Frankreichs"),
 ("sagte Siemens-Chef Joe Kaeser am Freitag", "Joe Kaeser", "Siemens-Chef"),
 ("with BuzzFeed Editor-in-Chief Ben Smith hosted", "Ben Smith", "Editor-in-Chief"),
 ("parted ways in late November with chief Albie Hecht. In", "Albie Hecht", "chief"),
 ("Germany’s Chancellor Angela Merkel heralded", "Angela Merkel", "Chancellor"),
 ("sagte Kremlchef Wladimir Putin", "Wladimir Putin", "Kremlchef"),

 ("Politico, According to Yahoo News, Clinton spokesman Jesse Lehrich said Friday", "Jesse Lehrich", "Clinton spokesman"),
 ("\"We are choosing our next commander in chief,\" Clinton said at the outset", "Clinton", None),
 ("Sanders responded by abruptly blocking Sanders’ access to his own data", "Sanders’", None),
 ("\"It's heartbreaking,\" Ryan said.", "Ryan", None),
 ("Namentlich werden Northrop Grumman, General Dynamics, Lockheed Martin und Raytheon genannt.", "Lockheed Martin", None),
 ("Namentlich werden Northrop Grumman, General Dynamics, Lockheed Martin und Raytheon genannt.", "Northrop Grumman", None),
 ("The group also views President Barack Obama, Hillary Clinton, Bill Clinton more favorably.", "Hillary Clinton", None),
 ("Staats- und Parteichef Xi Jinping sagte", "Xi Jinping", "Staats- und Parteichef"),
]


@pytest.mark.parametrize(("text", "name", "want"), CASES, ids=[f"{c[1]}-{c[2]}" for c in CASES])
def test_find_role(text: str, name: str, want: str | None) -> None:
    i = text.index(name)
    assert find_role(text, i, i + len(name)) == want
