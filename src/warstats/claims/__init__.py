"""Claims checked against the data, all in one place.

``read`` (claims and qualifier rules, validated) → ``measure`` (candidate figures per
claim) → ``judge`` (the one rule of time) → ``check`` (verdicts, reasons, quotes) →
``chart`` (plots the measured figures; never re-checks). Depends only on lower layers
(readers' CSV checks, datasets, analysis helpers, chart style); nothing below imports it.
"""

from __future__ import annotations

from warstats.claims.check import VERDICTS, check_and_measure, check_claims
from warstats.claims.quote import quote

__all__ = ["VERDICTS", "check_and_measure", "check_claims", "quote"]
