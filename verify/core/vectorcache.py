"""Announcements' meaning vectors for the batch re-match, kept in one matrix so a block's pairs read theirs in
one step (a Python conversion per pair cost as much as the array search itself)."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Sequence

import numpy as np


def as_row(vector: Sequence[float]) -> np.ndarray:
    """A vector as float32 (`semantic.embed` gives float32 arrays: read in place, not element by element)."""
    if isinstance(vector, array) and vector.typecode == "f":
        return np.frombuffer(vector, dtype=np.float32)
    return np.asarray(vector, dtype=np.float32)


def as_matrix(vectors: Sequence[Sequence[float]]) -> np.ndarray:
    """Many vectors as one float32 matrix, the bytes of float32 arrays joined in one step."""
    if not len(vectors):
        return np.zeros((0, 0), dtype=np.float32)
    if all(isinstance(v, array) and v.typecode == "f" for v in vectors):
        return np.frombuffer(b"".join(vectors), dtype=np.float32).reshape(len(vectors), -1)
    return np.stack([as_row(v) for v in vectors])


class VectorCache:
    """Vectors by document number, up to `budget` of them (emptied when full, before a block is read), and
    the vectors as `embed` gave them, for the analyses (whose meaning part is computed from those).

    `VectorCache.complete(matrix)` holds every document's vector, made beforehand: a full re-match whose
    claims' pools reach more announcements than there are (each claim's pool is 200 deep; a hundred
    thousand claims asked for two million vectors, the million announcements hold one each) makes each once,
    on every core, before matching."""

    def __init__(self, documents: int, embed: Callable[[list[int]], list], budget: int):
        self.embed, self.budget = embed, budget
        self.row_of = np.full(documents, -1, dtype=np.int64)
        self.matrix = np.zeros((0, 0), dtype=np.float32)
        self.raw: dict[int, Sequence[float]] = {}
        self.whole = False

    @classmethod
    def complete(cls, matrix: np.ndarray) -> VectorCache:
        cache = cls(0, lambda docs: [], 0)
        cache.matrix, cache.whole = matrix, True
        return cache

    def vector(self, d: int) -> Sequence[float] | None:
        """A document's vector as `embed` gave it (a float32 array), or None when it was not made."""
        if self.whole:
            return array("f", self.matrix[d].tobytes())
        return self.raw.get(d)

    def rows(self, docs: np.ndarray) -> np.ndarray:
        """The vectors of these documents (made now, in one batch, where missing)."""
        if self.whole:
            return self.matrix[docs]
        wanted = np.unique(docs)
        missing = wanted[self.row_of[wanted] < 0]
        if len(self.raw) + len(missing) > self.budget:
            self.row_of[:] = -1
            self.raw.clear()
            missing = wanted
        made = self.embed([int(d) for d in missing])
        if len(made):
            start = len(self.raw)
            needed = start + len(made)
            if self.matrix.shape[0] < needed:
                grown = np.zeros((max(needed, self.budget), len(made[0])), dtype=np.float32)
                if start:
                    grown[:start] = self.matrix[:start]
                self.matrix = grown
            self.matrix[start:needed] = as_matrix(made)
            self.row_of[missing] = np.arange(start, needed)
            self.raw.update(zip((int(d) for d in missing), made, strict=True))
        return self.matrix[self.row_of[docs]]
