"""A faster stand-in for the Matcher of spaCy's ``attribute_ruler``, giving the same matches.

The English pipelines' attribute ruler maps tags to coarse parts of speech
and fixes lemmas and morphology with ~180 patterns of one or two tokens,
each a few ``ATTR == value`` or ``ATTR IN [...]`` tests. spaCy's general
Matcher walks every pattern at every token and calls a Python predicate for
each ``IN`` test: on news text that is about an eighth of the pipeline's
time, more than the tagger, parser and lemmatizer together. Here each
pattern is tested on the whole Doc at once, on arrays of token attributes
(:meth:`Doc.to_array`), which finds the same ``(match_id, start, end)``
triples; the ruler sorts and applies them as before, so the annotations are
the same. A pattern this does not understand (an operator, a regex, an
extension attribute, a greedy filter, a callback) leaves spaCy's Matcher in
place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import numpy
    from spacy.language import Language
    from spacy.strings import StringStore
    from spacy.tokens import Doc

# Token attributes a pattern may test, as Doc.to_array reads them (hashes of
# strings, or 0/1 for flags), and what the Doc must be annotated with to have them.
_ATTRIBUTES = ("ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT")
_NEEDS = {"TAG": "TAG", "POS": "POS", "DEP": "DEP"}
RULER = "attribute_ruler"


class _Test:
    """One token of a pattern: its attribute ``column`` holds one of ``values``, or none of them (``negated``).

    ``values`` are uint64 hashes, as Doc.to_array gives them. A REGEX test
    has no fixed values: the strings it accepts are found per Doc and remembered.
    """

    def __init__(self, offset: int, column: int, values: Sequence[int] = (), *, negated: bool = False, regex: str = ""):
        import numpy

        self.offset, self.column, self.negated = offset, column, negated
        self.values = numpy.array(sorted(set(values)), dtype=numpy.uint64)
        self.regex = re.compile(regex) if regex else None
        self.seen: dict[int, bool] = {}

    def passes(self, column: numpy.ndarray, strings: StringStore) -> numpy.ndarray:
        """Which of the tokens whose attribute values are ``column`` pass the test."""
        import numpy

        values = self.values if self.regex is None else self._matching(numpy.unique(column), strings)
        hit = column == values[0] if len(values) == 1 else numpy.isin(column, values)
        return ~hit if self.negated else hit

    def _matching(self, present: numpy.ndarray, strings: StringStore) -> numpy.ndarray:
        import numpy

        assert self.regex is not None
        for value in present.tolist():
            if value not in self.seen:
                self.seen[value] = bool(self.regex.search(strings[value]))
        return numpy.array([value for value in present.tolist() if self.seen[value]], dtype=numpy.uint64)


@dataclass(frozen=True)
class _Pattern:
    key: int
    length: int
    tests: tuple[_Test, ...]


class TokenMatcher:
    """Finds the matches of ``matcher``'s patterns with array tests; anything else is asked of ``matcher`` itself.

    Patterns added to it (or removed) later are compiled again; while one is
    beyond the array tests, spaCy's Matcher does all the matching.
    """

    def __init__(self, matcher: Any):
        # Any: it reads the Matcher's _patterns, which spaCy's stubs do not declare, and passes calls through as they came.
        self.matcher: Any = matcher
        self.compiled = compile_patterns(matcher)

    def __call__(self, doclike: Any, *, as_spans: bool = False, allow_missing: bool = False, **options: Any) -> Any:
        from spacy.tokens import Doc

        if self.compiled is None or as_spans or options or not isinstance(doclike, Doc) or not self._annotated(doclike):
            return self.matcher(doclike, as_spans=as_spans, allow_missing=allow_missing, **options)
        return self.find(doclike)

    def add(self, *args: Any, **kwargs: Any) -> None:
        self.matcher.add(*args, **kwargs)
        self.compiled = compile_patterns(self.matcher)

    def remove(self, key: Any) -> None:
        self.matcher.remove(key)
        self.compiled = compile_patterns(self.matcher)

    def _annotated(self, doc: Doc) -> bool:
        # spaCy's Matcher skips a test of a missing annotation (allow_missing) or refuses it: keep its behaviour.
        assert self.compiled is not None
        return all(doc.has_annotation(_NEEDS[name]) for name in self.compiled[1] if name in _NEEDS)

    def find(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Every ``(match_id, start, end)`` of every pattern in ``doc``, in pattern order."""
        assert self.compiled is not None
        patterns, attributes = self.compiled
        if len(doc) == 0 or not patterns:
            return []
        table = doc.to_array(list[int | str](attributes))
        if table.ndim == 1:
            table = table.reshape(-1, 1)
        matches: list[tuple[int, int, int]] = []
        for pattern in patterns:
            starts = _starts(table, pattern, doc.vocab.strings)
            matches.extend((pattern.key, int(start), int(start) + pattern.length) for start in starts)
        return matches

    def __getattr__(self, name: str) -> Any:
        # Everything but matching (patterns, serialisation, len) stays the Matcher's.
        return getattr(self.matcher, name)

    def __len__(self) -> int:
        return len(self.matcher)

    def __contains__(self, key: object) -> bool:
        return key in self.matcher


def _starts(table: numpy.ndarray, pattern: _Pattern, strings: StringStore) -> numpy.ndarray:
    """Token positions where ``pattern`` starts a match."""
    import numpy

    positions = len(table) - pattern.length + 1
    if positions <= 0:
        return numpy.empty(0, dtype=numpy.int64)
    hit = numpy.ones(positions, dtype=bool)
    for test in pattern.tests:
        hit &= test.passes(table[test.offset : test.offset + positions, test.column], strings)
    return numpy.flatnonzero(hit)


def speed_up_attribute_ruler(nlp: Language) -> bool:
    """Give the pipeline's attribute ruler a :class:`TokenMatcher` when all its patterns allow; whether it did."""
    if RULER not in nlp.pipe_names:
        return False
    ruler: Any = nlp.get_pipe(RULER)
    matcher = getattr(ruler, "matcher", None)
    if matcher is None or isinstance(matcher, TokenMatcher):
        return False
    faster = TokenMatcher(matcher)
    if faster.compiled is None:
        return False
    ruler.matcher = faster
    return True


def compile_patterns(matcher: Any) -> tuple[list[_Pattern], list[str]] | None:
    """The Matcher's patterns as array tests, and the attributes they read; None if one is beyond them.

    It reads the Matcher's ``_patterns`` and ``_filter`` (public in spaCy 3's
    Cython class); a spaCy without them keeps its own matching.
    """
    keys, filters = getattr(matcher, "_patterns", None), getattr(matcher, "_filter", None)
    if keys is None or filters is None:
        return None
    attributes: list[str] = []
    patterns = []
    for key in keys:
        if key not in matcher or filters.get(key) is not None:
            return None
        on_match, alternatives = matcher.get(key)
        if on_match is not None:
            return None
        for alternative in alternatives:
            tests = _tests(alternative, attributes)
            if tests is None:
                return None
            patterns.append(_Pattern(key, len(alternative), tests))
    return patterns, attributes


def _tests(pattern: list[dict], attributes: list[str]) -> tuple[_Test, ...] | None:
    if not pattern:
        return None
    tests = []
    for offset, token in enumerate(pattern):
        for name, wanted in token.items():
            if name not in _ATTRIBUTES:
                return None
            if name not in attributes:
                attributes.append(name)
            test = _test(offset, attributes.index(name), wanted)
            if test is None:
                return None
            tests.append(test)
    return tuple(tests)


def _test(offset: int, column: int, wanted: Any) -> _Test | None:
    """The test of one attribute of one token: a value, or {"IN": [...]}, {"NOT_IN": [...]}, {"REGEX": "..."}."""
    from spacy.strings import get_string_id

    if isinstance(wanted, bool):
        return _Test(offset, column, [int(wanted)])
    if isinstance(wanted, (str, int)):
        return _Test(offset, column, [get_string_id(wanted)])
    if not isinstance(wanted, dict) or len(wanted) != 1:
        return None
    (operator, argument), *_ = wanted.items()
    if operator == "REGEX" and isinstance(argument, str):
        return _Test(offset, column, regex=argument)
    if operator in ("IN", "NOT_IN") and argument and all(isinstance(v, (str, int)) for v in argument):
        return _Test(offset, column, [get_string_id(v) for v in argument], negated=operator == "NOT_IN")
    return None
