"""Living data: the release store, updates from publishers' newest files, changes, freshness.

A *release* is one complete set of curated tables (``<name>.csv`` + ``<name>.meta.json``,
``rejects/``) plus a ``release.json`` manifest written last. ``"shipped"`` is the set inside
the installed package; every ``warstats update`` adds a new release folder under the user's
data home and never touches the shipped one.
"""
