"""Small shared helpers for metadata: dates, sources from domains and site names."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import unicodedata

__all__ = ["parse_date", "plausible_date", "source_from_url", "source_from_site", "slug"]

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$")
_DMY = re.compile(r"^\s*(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})\b")
_YMD_SLASH = re.compile(r"^\s*(\d{4})/(\d{1,2})/(\d{1,2})\b")


def parse_date(value: object) -> dt.date | None:
    """Parse the date forms found in article metadata; None when it is not a date."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, bool):  # `"published": true` says nothing about the day
        return None
    if isinstance(value, (int, float)):
        # Unix seconds (1973-2237) or milliseconds; a bare year (`"date": 2024`) or a
        # small count is not a day.
        if 1e8 <= value < 4e10:
            return dt.datetime.fromtimestamp(value, tz=dt.UTC).date()
        if 1e11 <= value < 4e13:
            return dt.datetime.fromtimestamp(value / 1000, tz=dt.UTC).date()
        return None
    if not isinstance(value, str):
        return None
    s = value.strip()
    for rx, order in ((_ISO, "ymd"), (_YMD_SLASH, "ymd"), (_DMY, "dmy")):
        m = rx.match(s)
        if m:
            a, b, c = (int(x) for x in m.groups())
            y, mo, d = (a, b, c) if order == "ymd" else (c, b, a)
            try:
                return dt.date(y, mo, d)
            except ValueError:
                return None
    try:  # RFC 2822, as in RSS feeds
        parsed = email.utils.parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.date() if parsed else None


# The earliest publication date taken at face value: the first printed newspapers (the
# Strasbourg "Relation", 1605) -- digitised archives go back that far; scrapers write
# 0001-01-01 for "none".
EARLIEST = dt.date(1600, 1, 1)


def plausible_date(value: dt.date | None) -> bool:
    """Whether ``value`` can be an article's publication date: from 1600 up to tomorrow.

    Anything else (the zero time ``0001-01-01``, ``9999-12-31``, a typo'd year) is no
    anchor for relative expressions (``gestern``, ``next week``) and is not stored as
    the publication date.
    """
    if value is None:
        return False
    return EARLIEST <= value <= dt.date.today() + dt.timedelta(days=1)


# Site names and domains of outlets common in the inputs; anything else gets a slug.
_KNOWN_SITES = {
    "dw": "dw",
    "deutsche welle": "dw",
    "dw.com": "dw",
    "times of india": "toi",
    "the times of india": "toi",
    "timesofindia": "toi",
    "toi": "toi",
    "indiatimes": "toi",
    "tagesschau": "tagesschau",
    "tagesschau.de": "tagesschau",
    "der spiegel": "spiegel",
    "spiegel": "spiegel",
    "zeit online": "zeit",
    "die zeit": "zeit",
    "faz": "faz",
    "faz.net": "faz",
    "süddeutsche zeitung": "sz",
    "sueddeutsche": "sz",
    "welt": "welt",
    "derstandard": "standard",
    "der standard": "standard",
    "reuters": "reuters",
    "associated press": "ap",
    "apnews": "ap",
    "bbc": "bbc",
    "bbc news": "bbc",
    "the guardian": "guardian",
    "theguardian": "guardian",
    "yonhap": "yonhap",
    "yna": "yonhap",
    "korea herald": "koreaherald",
    "koreaherald": "koreaherald",
    "nhk": "nhk",
    "kyodo": "kyodo",
}

_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac"}


def slug(value: str) -> str:
    s = unicodedata.normalize("NFKD", value.casefold())
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


def source_from_site(site: str) -> str | None:
    """`DW` → `dw`, `Times of India` → `toi`, unknown names → a slug."""
    key = site.strip().casefold()
    if not key or len(key) > 60:
        return None
    if key in _KNOWN_SITES:
        return _KNOWN_SITES[key]
    if "." in key and " " not in key:
        return source_from_url(key)
    return slug(key) or None


def source_from_url(url: str) -> str | None:
    """`https://www.dw.com/de/...` → `dw`; `timesofindia.indiatimes.com` → `toi`."""
    host = re.sub(r"^[a-z]+://", "", url.strip().casefold()).split("/")[0].split(":")[0]
    if not host or "." not in host:
        return None
    labels = [x for x in host.split(".") if x and x not in {"www", "m", "amp", "mobile", "de"}]
    for label in labels:
        if label in _KNOWN_SITES:
            return _KNOWN_SITES[label]
    parts = host.split(".")
    if len(parts) >= 3 and parts[-2] in _SECOND_LEVEL:
        main = parts[-3]
    elif len(parts) >= 2:
        main = parts[-2]
    else:
        main = parts[0]
    return _KNOWN_SITES.get(main, main) or None
