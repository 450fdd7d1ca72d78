"""Pure analysis functions: frame in, frame out, ``source_id`` kept. No I/O, no plotting."""
