"""Faster copies of library functions that check themselves against the original.

underthesea's sentence splitter and POS tagger spend most of their time in
pure-Python loops that can be done in far fewer steps with the library's own
model and rules.  A copy like that is only safe while the library's internals
stay where the copy expects them, so ``CheckedCopy`` loads the copy on first
use, compares it with the public function on sample inputs, and from then on
uses the public function whenever loading failed or any answer differed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

In = TypeVar("In")
Out = TypeVar("Out")


class CheckedCopy(Generic[In, Out]):
    """A callable that answers as ``reference`` does, through ``_fast`` once that has proved equal.

    Subclasses set ``SAMPLES`` and implement ``_load`` (fetch the library
    internals ``_fast`` needs; False or any exception means they have moved) and
    ``_fast``.
    """

    SAMPLES: Sequence[In] = ()

    def __init__(self, reference: Callable[[In], Out]) -> None:
        self.reference = reference
        self._ready: bool | None = None  # None: not loaded yet; False: use the reference

    def __call__(self, arg: In) -> Out:
        if self._ready is None:
            self._ready = self._check()
        return self._fast(arg) if self._ready else self.reference(arg)

    def _check(self) -> bool:
        try:
            return self._load() and all(self._fast(s) == self.reference(s) for s in self.SAMPLES)
        except Exception:  # noqa: BLE001 - any surprise in the library's internals: use its public function
            return False

    def _load(self) -> bool:
        raise NotImplementedError

    def _fast(self, arg: In) -> Out:
        raise NotImplementedError
