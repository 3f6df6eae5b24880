"""The finder's per-document tables read from the parse once (claimtrack.attribution.context).

The rules read these tables instead of spaCy's Token attributes: a table
that drifted from what spaCy says would change what the rules decide.
Every text here is written for these tests; spaCy's small English pipeline parses them.
"""

from __future__ import annotations

import pytest

from claimtrack.attribution.context import FinderContext
from claimtrack.attribution.lexicon import load_lexicon

TEXTS = [
    pytest.param(
        "The minister, who spoke on Monday, told reporters that the army had been ordered to withdraw.",
        id="nested-clauses",
    ),
    pytest.param("“We will not leave,” said Chief Jo Reed. Critics believe the plan is unlikely to work.", id="quotes"),
    pytest.param("Asked whether talks would resume, the envoy declined to comment.\n\nNo.", id="paragraphs"),
]


@pytest.mark.parametrize("text", TEXTS)
def test_context_tables_match_spacy(nlp, text):
    doc = nlp(text)
    ctx = FinderContext(doc, load_lexicon())
    assert ctx.deps == [t.dep_ for t in doc]
    assert ctx.lowers == [t.lower_ for t in doc]
    assert ctx.tags == [t.tag_ for t in doc]
    assert ctx.pos == [t.pos_ for t in doc]
