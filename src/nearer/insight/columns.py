"""A column of numbers that grows as a chat is read: one number (or row of them) for each message.

It grows in place (``ndarray.resize``, a ``realloc``: for a large array the pages are moved, not copied),
by an eighth at a time, so a column never needs twice its size in memory on the way, as gathering
pieces and joining them at the end would (numpy fills what it adds with zeros: little is added at once).
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, DTypeLike, NDArray

FIRST = 4096  # rows, to start with


class Column:
    def __init__(self, dtype: DTypeLike, width: int | None = None) -> None:
        self._tail: tuple[int, ...] = (width,) if width is not None else ()
        self.array: NDArray[Any] = np.zeros((FIRST, *self._tail), dtype=dtype)
        self.size = 0

    def extend(self, values: ArrayLike) -> None:
        added = np.asarray(values)
        end = self.size + len(added)
        if end > len(self.array):
            self.array.resize((max(end, len(self.array) * 9 // 8), *self._tail), refcheck=False)
        self.array[self.size : end] = added
        self.size = end

    def filled(self) -> NDArray[Any]:
        """The column as it stands, in an array of its own size (the column is done with)."""
        self.array.resize((self.size, *self._tail), refcheck=False)
        return self.array
