"""Ids named by a unique prefix."""

from __future__ import annotations

import pytest

from claimtrack.errors import DocumentNotFoundError
from claimtrack.prefixes import by_prefix


def test_prefixes_an_exact_id_wins_over_the_longer_ids_it_starts():
    assert by_prefix("kyiv", ["kyiv", "kyiv-2"], "document", DocumentNotFoundError) == "kyiv"
    assert by_prefix("kyiv-", ["kyiv", "kyiv-2"], "document", DocumentNotFoundError) == "kyiv-2"


def test_prefixes_an_ambiguous_or_unknown_prefix_says_so():
    with pytest.raises(DocumentNotFoundError, match=r"document id prefix 'ky' is ambiguous: it matches kyiv, kyiv-2"):
        by_prefix("ky", ["kyiv", "kyiv-2"], "document", DocumentNotFoundError)
    with pytest.raises(DocumentNotFoundError, match="no document has an id starting with 'odesa'"):
        by_prefix("odesa", ["kyiv"], "document", DocumentNotFoundError)
    with pytest.raises(DocumentNotFoundError, match="^nothing here$"):
        by_prefix("odesa", [], "document", DocumentNotFoundError, none_found="nothing here")
