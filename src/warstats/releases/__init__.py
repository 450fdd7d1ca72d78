"""Living data: the release store, updates from publishers' newest files, changes, freshness.

A *release* is one complete set of curated tables (``<name>.csv`` + ``<name>.meta.json``,
``rejects/``) plus a ``release.json`` manifest written last. ``"shipped"`` is the set inside
the installed package; every ``warstats update`` adds a new release folder under the user's
data home and never touches the shipped one.
"""

import sys as _sys
import types as _types


class _CallablePackage(_types.ModuleType):
    """``ws.releases()`` must work even after ``import warstats.releases.…``, which binds
    this package to the name ``warstats.releases``: calling the package lists releases."""

    def __call__(self, *args, **kwargs):
        from warstats.releases.store import releases

        return releases(*args, **kwargs)


_sys.modules[__name__].__class__ = _CallablePackage
