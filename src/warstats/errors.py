"""One exception family for warstats.

Every error a user can meet derives from :class:`WarstatsError`, so
``except warstats.WarstatsError`` catches them all. Messages name the file,
row, column and value involved, and say what to do next.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


class WarstatsError(Exception):
    """Base class of every error raised by warstats."""


class SourceFormatError(WarstatsError):
    """A raw publisher file does not look as its reader expects.

    Parameters
    ----------
    file : path of the raw file.
    problem : what is wrong, in words.
    row : 1-based line/row number in the file, or a record key (e.g. a date).
    column : column or field name.
    value : the offending value.
    expected : what the reader expected instead.
    """

    def __init__(
        self,
        file: str | Path,
        problem: str,
        *,
        row: int | str | None = None,
        column: str | None = None,
        value: object = None,
        expected: str | None = None,
    ) -> None:
        self.file = str(file)
        self.problem = problem
        self.row = row
        self.column = column
        self.value = value
        self.expected = expected
        parts = [f"{self.file}: {problem}"]
        where = []
        if row is not None:
            where.append(f"row {row}")
        if column is not None:
            where.append(f"column {column!r}")
        if where:
            parts.append("at " + ", ".join(where))
        if value is not None:
            parts.append(f"value {value!r}")
        if expected:
            parts.append(f"expected {expected}")
        message = "; ".join(parts)
        message += (
            ". If the publisher released a new version of this file, update the reader "
            "(see warstats.readers) or fetch the release the reader was written for."
        )
        super().__init__(message)


class ValidationError(WarstatsError):
    """A table failed its schema. ``failures`` holds one row per failing check and row."""

    def __init__(self, message: str, failures: object = None) -> None:
        super().__init__(message)
        self.failures = failures


class DatasetNotFoundError(WarstatsError, KeyError):
    """An unknown dataset name was asked for."""

    def __init__(self, name: str, available: Sequence[str]) -> None:
        import difflib

        close = difflib.get_close_matches(name, available, n=1, cutoff=0.5)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        self.name = name
        self.suggestion = close[0] if close else None
        super().__init__(
            f"No dataset named {name!r}.{hint} Available: {', '.join(sorted(available))}. "
            "ws.list_datasets() describes each."
        )

    def __str__(self) -> str:  # KeyError would otherwise quote the message
        return str(self.args[0])


class SourceNotFoundError(WarstatsError, KeyError):
    """A source_id is not in the source registry."""

    def __str__(self) -> str:
        return str(self.args[0])


class OutputPathError(WarstatsError, OSError):
    """An output cannot be written where asked: a file where a folder is expected, a
    missing or read-only folder, a symbolic link in the way, or a file warstats did not
    write. The command line answers it with exit status 2 and one plain sentence."""


class InputFileError(WarstatsError):
    """A user's file cannot be read as a table (missing, a folder, empty, binary, an
    unknown encoding or delimiter); the message says what was found and what to do."""


class InputPathError(InputFileError):
    """The path given for a user's file names no readable file (nothing there, a folder,
    no permission to read): a usage problem, which the command line answers with exit
    status 2 and one plain sentence (a file that is there but is not a table stays a data
    problem, exit status 1)."""


class IntegrityError(WarstatsError):
    """A curated file does not match its checksum, or a build lost rows."""


class MeasureKindError(WarstatsError, TypeError):
    """An operation does not make sense for a measure kind (e.g. summing stocks over dates)."""


class IncompatibleUnitsError(WarstatsError, ValueError):
    """Amounts in different units, currencies, stages or price bases were combined."""


class SeriesBreakError(WarstatsError):
    """A growth calculation spans a definitional break in the series."""


class MissingDataError(WarstatsError, LookupError):
    """Data needed for a computation (a rate, a population year) is not there."""
