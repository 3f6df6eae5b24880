"""Claim clusters: the claims of different documents that state the same fact.

- :mod:`.signature`: a claim's words, figures, dates and names, normalised.
- :mod:`.matching`: whether two signatures state the same fact (veto, then similarity).
- :mod:`.assign`: a new claim's cluster, from the indexed claims of other documents.
- :mod:`.sidecar`: the index beside the store that extract matches against.
- :mod:`.summary`: the clusters of a store, as ``claimtrack clusters`` lists them.

Built from a wheel, :mod:`.signature`, :mod:`.matching`, :mod:`.assign`,
:mod:`.sidecar` and the modules they need run compiled by mypyc (see
``setup.py``); the same code runs as Python where they were not built.
"""

from __future__ import annotations

import importlib.util
from importlib.machinery import EXTENSION_SUFFIXES


def compiled() -> bool:
    """Whether clustering runs compiled: the extension modules ``setup.py`` builds are installed, and imported
    before the ``.py`` files beside them. Found without importing them."""
    spec = importlib.util.find_spec(f"{__name__}.matching")
    return spec is not None and spec.origin is not None and spec.origin.endswith(tuple(EXTENSION_SUFFIXES))
