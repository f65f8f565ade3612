"""A text that remembers how it was changed.

The cleaner runs several passes; each pass looks at the *current* text and
proposes changes in current-text coordinates.  :class:`EditBuffer` maps every
change back onto the base text, so that in the end there is one flat list of
non-overlapping :class:`~lagebild.model.Edit` records over the base text.
A change that touches text an earlier pass already changed is merged into
that earlier edit (its reasons are joined), so edits never overlap.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from ..model import Edit

__all__ = ["Change", "EditBuffer", "replay", "revert"]


@dataclass(slots=True, frozen=True)
class Change:
    """A proposed change in current-text coordinates."""

    start: int
    end: int
    after: str
    kind: str
    reason: str


@dataclass(slots=True)
class _Piece:
    base_start: int
    base_end: int
    after: str | None = None  # None: base text kept as it is
    kind: str = ""
    reason: str = ""


class EditBuffer:
    """Holds the base text and the edits made to it so far."""

    def __init__(self, base: str) -> None:
        self.base = base
        self._pieces: list[_Piece] = [_Piece(0, len(base))] if base else []
        self._text: str | None = base

    # -- reading -----------------------------------------------------------
    @property
    def text(self) -> str:
        if self._text is None:
            self._text = "".join(self._piece_text(p) for p in self._pieces)
        return self._text

    def _piece_text(self, p: _Piece) -> str:
        return self.base[p.base_start : p.base_end] if p.after is None else p.after

    @property
    def edits(self) -> list[Edit]:
        return [
            Edit(
                kind=p.kind,
                reason=p.reason,
                before=self.base[p.base_start : p.base_end],
                after=p.after,
                start=p.base_start,
            )
            for p in self._pieces
            if p.after is not None
        ]

    def base_offset(self, pos: int) -> int:
        """Map an offset in the current text to the base text (best effort)."""
        cur = 0
        for p in self._pieces:
            n = len(self._piece_text(p))
            if pos < cur + n or (pos == cur + n and p is self._pieces[-1]):
                if p.after is None:
                    return p.base_start + (pos - cur)
                return p.base_start
            cur += n
        return len(self.base)

    # -- changing ----------------------------------------------------------
    def apply(self, changes: Iterable[Change]) -> int:
        """Apply non-overlapping changes given in current-text coordinates.

        No-op changes are skipped, and a change overlapping an earlier one of
        the same batch is dropped.  Returns the number of changes applied.
        """
        text = self.text
        batch: list[Change] = []
        last_end = -1
        for c in sorted(changes, key=lambda c: (c.start, c.end)):
            if not (0 <= c.start <= c.end <= len(text)):
                raise ValueError(f"change out of range: {c}")
            if text[c.start : c.end] == c.after or c.start < last_end:
                continue
            if batch and c.start == last_end == batch[-1].start:
                continue  # two changes at one point: keep the first
            batch.append(c)
            last_end = c.end
        if not batch:
            return 0

        # 1. Split kept pieces at every change boundary.
        cuts = sorted({x for c in batch for x in (c.start, c.end)})
        fine: list[_Piece] = []
        cur = 0
        for p in self._pieces:
            n = len(self._piece_text(p))
            if p.after is None:
                prev = cur
                for x in cuts[bisect_right(cuts, cur) : bisect_left(cuts, cur + n)]:
                    fine.append(_Piece(p.base_start + prev - cur, p.base_start + x - cur))
                    prev = x
                fine.append(_Piece(p.base_start + prev - cur, p.base_end))
            else:
                fine.append(p)
            cur += n
        starts: list[int] = []
        ends: list[int] = []
        cur = 0
        for p in fine:
            starts.append(cur)
            cur += len(self._piece_text(p))
            ends.append(cur)

        # 2. Group changes by the pieces they cover; a change touching an
        #    edited piece takes that whole piece, so groups may merge.
        groups: list[tuple[int, int, list[Change]]] = []
        for c in batch:
            if c.start == c.end:
                idx = bisect_right(starts, c.start) - 1
                if idx >= 0 and fine[idx].after is not None and starts[idx] < c.start < ends[idx]:
                    lo, hi = idx, idx + 1
                else:
                    lo = hi = bisect_left(starts, c.start)
            else:
                lo = bisect_right(ends, c.start)
                hi = bisect_left(starts, c.end)
            if groups and lo < groups[-1][1]:
                glo, ghi, gch = groups[-1]
                groups[-1] = (glo, max(ghi, hi), [*gch, c])
            else:
                groups.append((lo, hi, [c]))

        # 3. Rebuild the piece list.
        new: list[_Piece] = []
        k = 0
        for lo, hi, group in groups:
            new.extend(fine[k:lo])
            covered = fine[lo:hi]
            s = min(starts[lo] if covered else group[0].start, group[0].start)
            e = max(ends[hi - 1] if covered else s, group[-1].end)
            out: list[str] = []
            pos = s
            for c in group:
                out.append(text[pos : c.start])
                out.append(c.after)
                pos = c.end
            out.append(text[pos:e])
            after = "".join(out)
            if covered:
                base_start, base_end = covered[0].base_start, covered[-1].base_end
            else:
                base_start = fine[lo].base_start if lo < len(fine) else len(self.base)
                base_end = base_start
            reasons = [p.reason for p in covered if p.after is not None] + [c.reason for c in group]
            if self.base[base_start:base_end] == after:
                new.append(_Piece(base_start, base_end))
            else:
                kind = "removed" if after == "" else "repaired"
                new.append(
                    _Piece(base_start, base_end, after, kind, "; ".join(dict.fromkeys(reasons)))
                )
            k = hi
        new.extend(fine[k:])
        self._pieces = _merge_kept(new)
        self._text = None
        return len(batch)


def _merge_kept(pieces: list[_Piece]) -> list[_Piece]:
    out: list[_Piece] = []
    for p in pieces:
        if p.base_start == p.base_end and p.after is None:
            continue
        if out and p.after is None and out[-1].after is None and out[-1].base_end == p.base_start:
            out[-1] = _Piece(out[-1].base_start, p.base_end)
        else:
            out.append(p)
    return out


def replay(base: str, edits: Iterable[Edit]) -> str:
    """Rebuild the cleaned text from the base text and its edits.

    Raises:
        ValueError: if an edit does not fit the base text.
    """
    out: list[str] = []
    pos = 0
    for ed in edits:
        if ed.start < pos or base[ed.start : ed.end] != ed.before:
            raise ValueError(f"edit does not fit the base text at {ed.start}: {ed.before!r}")
        out.append(base[pos : ed.start])
        out.append(ed.after)
        pos = ed.end
    out.append(base[pos:])
    return "".join(out)


def revert(text: str, edits: Iterable[Edit]) -> str:
    """Rebuild the base text from the cleaned text and its edits."""
    out: list[str] = []
    base_pos = 0  # position in base
    text_pos = 0  # matching position in cleaned text
    for ed in edits:
        gap = ed.start - base_pos
        out.append(text[text_pos : text_pos + gap])
        text_pos += gap
        if text[text_pos : text_pos + len(ed.after)] != ed.after:
            raise ValueError(f"edit does not fit the cleaned text near {text_pos}: {ed.after!r}")
        out.append(ed.before)
        text_pos += len(ed.after)
        base_pos = ed.end
    out.append(text[text_pos:])
    return "".join(out)
