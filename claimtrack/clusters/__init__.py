"""Claim clusters: the claims of different documents that state the same fact.

- :mod:`.signature`: a claim's words, figures, dates and names, normalised.
- :mod:`.matching`: whether two signatures state the same fact (veto, then similarity).
- :mod:`.assign`: a new claim's cluster, from the indexed claims of other documents.
- :mod:`.sidecar`: the index beside the store that extract matches against.
- :mod:`.summary`: the clusters of a store, as ``claimtrack clusters`` lists them.
"""
