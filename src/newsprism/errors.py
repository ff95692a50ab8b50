"""Exceptions raised by newsprism. The CLI turns them into one-line messages."""

from __future__ import annotations

__all__ = [
    "NewsprismError",
    "InputError",
    "StoreError",
    "MissingExtraError",
    "EvalDataError",
    "DocumentMismatchError",
    "SchedulerError",
]


class NewsprismError(Exception):
    """Base class for every expected newsprism failure."""


class InputError(NewsprismError):
    """An input file or record cannot be read as an article."""

    def __init__(self, path: str, reason: str, record: int | None = None) -> None:
        self.path = path
        self.reason = reason
        self.record = record
        where = path if record is None else f"{path} record {record}"
        super().__init__(f"{where}: {reason}")


class StoreError(NewsprismError):
    """The DuckDB store cannot be opened or written."""


class MissingExtraError(NewsprismError):
    """An optional dependency is needed but not installed."""


class EvalDataError(NewsprismError):
    """An evaluation data set is missing or not in the expected layout."""


class DocumentMismatchError(NewsprismError, ValueError):
    """A spaCy doc passed along with an article was not made from the article's text."""


class SchedulerError(NewsprismError):
    """The Dask scheduler the per-article stages should run on cannot be reached."""
