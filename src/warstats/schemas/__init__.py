"""pandera schemas: one DataFrameModel per dataset, all built on :class:`Observation`.

Importing this package imports pandera; ``import warstats`` does not.
"""
