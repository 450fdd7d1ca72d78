"""Dataset specs, one module per topic. Each module defines ``SPECS``."""
