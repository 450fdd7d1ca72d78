"""One module per report topic; each defines ``SECTION``."""
