"""Readers: one module per publisher format. Raw file → tidy long frame, nothing else.

Each reader checks the file's shape (columns, header rows, types, ranges) and raises
:class:`warstats.errors.SourceFormatError` naming file, row, column and value when a
release drifted from the format the reader was written for. Documented fixes are
applied through :class:`warstats.readers.common.Rejects`, which records every row a
rule touched.
"""
