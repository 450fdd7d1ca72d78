"""Source registry: the one place where publishers, URLs, licences and citations live.

Records are kept in ``catalog/*.toml`` (one file per topic) and validated when
first read. Every row of every dataset names one of them in ``source_id``.
"""

from warstats.provenance.citation import Citation, cite_ids
from warstats.provenance.registry import Source, get_source, list_sources, sources_frame

__all__ = ["Citation", "Source", "cite_ids", "get_source", "list_sources", "sources_frame"]
