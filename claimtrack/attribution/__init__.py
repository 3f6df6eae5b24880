"""Attribution: who (source) said (cue) what (content), found in a parsed spaCy Doc.

Two public entry points, used by :mod:`claimtrack.extract`:

* :func:`find_attributions` finds source, cue and content spans;
* :func:`normalise_sources` turns source mentions into canonical names, roles,
  affiliations and types, resolving pronouns and short names within the document.

All offsets are character offsets into ``doc.text``, half-open ``[start, end)``.
"""

from .finder import find_attributions
from .sources import normalise_sources
from .spans import Attribution, SourceInfo

__all__ = ["Attribution", "SourceInfo", "find_attributions", "normalise_sources"]
