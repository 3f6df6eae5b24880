"""A faster stand-in for the Matcher of spaCy's ``attribute_ruler``, giving the same matches.

The English pipelines' attribute ruler maps tags to coarse parts of speech
and fixes lemmas and morphology with ~180 patterns of one or two tokens,
each a few ``ATTR == value`` or ``ATTR IN [...]`` tests. spaCy's general
Matcher walks every pattern at every token and calls a Python predicate for
each ``IN`` test: on news text that is about an eighth of the pipeline's
time, more than the tagger, parser and lemmatizer together. Here each
pattern is tested on the whole Doc at once, on arrays of token attributes
(:meth:`Doc.to_array`), and the patterns of one token that test single
values (a tag, a tag and a word) by looking each token's values up; both
find the same ``(match_id, start, end)`` triples. The ruler sorts them as
before and writes their attributes into the Doc's arrays, rule by rule in
the same order, rather than through a Span and a Token for each match (about
one a word), so the annotations are the same. A pattern this does not
understand (an operator, a greedy filter, an extension attribute, a
callback) leaves spaCy's Matcher in place; a rule that sets more than a
token's own attributes leaves the writing to spaCy.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
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
        self._lookups, self._scanned = _plan(self.compiled)

    def __call__(self, doclike: Any, *, as_spans: bool = False, allow_missing: bool = False, **options: Any) -> Any:
        from spacy.tokens import Doc

        if self.compiled is None or as_spans or options or not isinstance(doclike, Doc) or not self._annotated(doclike):
            return self.matcher(doclike, as_spans=as_spans, allow_missing=allow_missing, **options)
        return self.find(doclike)

    def add(self, *args: Any, **kwargs: Any) -> None:
        self.matcher.add(*args, **kwargs)
        self.compiled = compile_patterns(self.matcher)
        self._lookups, self._scanned = _plan(self.compiled)

    def remove(self, key: Any) -> None:
        self.matcher.remove(key)
        self.compiled = compile_patterns(self.matcher)
        self._lookups, self._scanned = _plan(self.compiled)

    def _annotated(self, doc: Doc) -> bool:
        # spaCy's Matcher skips a test of a missing annotation (allow_missing) or refuses it: keep its behaviour.
        assert self.compiled is not None
        return all(doc.has_annotation(_NEEDS[name]) for name in self.compiled[1] if name in _NEEDS)

    def find(self, doc: Doc) -> list[tuple[int, int, int]]:
        """Every ``(match_id, start, end)`` of every pattern in ``doc`` (in no particular order: the ruler sorts them)."""
        assert self.compiled is not None
        patterns, attributes = self.compiled
        if len(doc) == 0 or not patterns:
            return []
        table = doc.to_array(list[int | str](attributes))
        if table.ndim == 1:
            table = table.reshape(-1, 1)
        matches: list[tuple[int, int, int]] = []
        for lookup in self._lookups:
            lookup.find(table, matches)
        for pattern in self._scanned:
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


class _Lookup:
    """The patterns of one token whose tests are each one value of an attribute, all on the same ``columns``:
    found by looking each token's values up, not by a pass over the Doc for every pattern (most of the
    English ruler's 180 patterns are a tag, or a tag and a word: its tag map and its exceptions)."""

    def __init__(self, columns: tuple[int, ...]):
        self.columns = columns
        self.keys: dict[tuple[int, ...], list[int]] = {}  # the tested values, in column order -> the patterns' keys
        self._arrays: tuple[numpy.ndarray, numpy.ndarray] | None = None

    def add(self, pattern: _Pattern) -> None:
        values = {test.column: int(test.values[0]) for test in pattern.tests}
        self.keys.setdefault(tuple(values[column] for column in self.columns), []).append(pattern.key)
        self._arrays = None

    def find(self, table: numpy.ndarray, matches: list[tuple[int, int, int]]) -> None:
        """Add the matches in the Doc whose attributes are ``table`` (one row a token) to ``matches``."""
        import numpy

        values, keys = self._sorted()
        column = table[:, self.columns[0]]
        at = numpy.searchsorted(values, column).clip(0, len(values) - 1)
        rows = numpy.flatnonzero(values[at] == column)
        if len(self.columns) == 1 and len(keys) == len(self.keys):  # one pattern a value: no row to look at
            matches.extend(zip(keys[at[rows]].tolist(), rows.tolist(), (rows + 1).tolist(), strict=True))
            return
        found = self.keys
        for row, wanted in zip(rows.tolist(), table[rows][:, list(self.columns)].tolist(), strict=True):
            for key in found.get(tuple(wanted), ()):
                matches.append((key, row, row + 1))

    def _sorted(self) -> tuple[numpy.ndarray, numpy.ndarray]:
        """The first column's values that a pattern tests, sorted, and (when each is one pattern's) its key."""
        import numpy

        if self._arrays is None:
            first = sorted({values[0]: keys for values, keys in self.keys.items()}.items())
            keyed = [keys[0] for _, keys in first] if all(len(keys) == 1 for _, keys in first) else []
            self._arrays = numpy.array([value for value, _ in first], dtype=numpy.uint64), numpy.array(keyed, dtype=numpy.uint64)
        return self._arrays


def _plan(compiled: tuple[list[_Pattern], list[str]] | None) -> tuple[list[_Lookup], list[_Pattern]]:
    """The compiled patterns as lookups (see :class:`_Lookup`), and the patterns tested on the whole Doc."""
    lookups: dict[tuple[int, ...], list[_Pattern]] = {}
    scanned = []
    for pattern in compiled[0] if compiled is not None else []:
        columns = tuple(sorted({test.column for test in pattern.tests}))
        if pattern.length == 1 and len(columns) == len(pattern.tests) and all(_is_one_value(t) for t in pattern.tests):
            lookups.setdefault(columns, []).append(pattern)
        else:
            scanned.append(pattern)
    return [_lookup(patterns) for patterns in lookups.values()], scanned


def _lookup(patterns: list[_Pattern]) -> _Lookup:
    """A lookup of ``patterns`` (tests of the same columns), its columns ordered by how many values the patterns
    test, most first: the first column is searched in every row, the others only in the rows it finds."""
    values: dict[int, set[int]] = {}
    for pattern in patterns:
        for test in pattern.tests:
            values.setdefault(test.column, set()).add(int(test.values[0]))
    lookup = _Lookup(tuple(sorted(values, key=lambda column: (-len(values[column]), column))))
    for pattern in patterns:
        lookup.add(pattern)
    return lookup


def _is_one_value(test: _Test) -> bool:
    return not test.negated and test.regex is None and len(test.values) == 1


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
    # The ruler's own methods, on this instance: its class's make a Span, then a Token, for every match (about one a
    # word: every tag is mapped to a part of speech) and look the match's rule up by its name's string.
    ruler.match = functools.partial(_sorted_matches, ruler, {})
    ruler.set_annotations = functools.partial(_set_attributes, ruler, ruler.set_annotations)
    return True


def _sorted_matches(ruler: Any, rules: dict[int, int], doc: Doc) -> list[tuple[int, int, int, int]]:
    """What ``AttributeRuler.match`` gives: ``(rule, match_id, start, end)``, sorted so that later rules win;
    each rule's number (its name is its number as a string) looked up once, in ``rules``."""
    matches = []
    for match_id, start, end in ruler.matcher(doc, allow_missing=True, as_spans=False):
        rule = rules.get(match_id)
        if rule is None:
            rule = rules[match_id] = int(ruler.vocab.strings[match_id])
        matches.append((rule, match_id, start, end))
    matches.sort()
    return matches


def _set_attributes(ruler: Any, spacys: Callable[..., None], doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
    """What ``AttributeRuler.set_annotations`` does, written into the Doc's arrays at once: each rule's tokens
    given its values in turn, in the matches' order, so a later rule's value wins as when they are set token by
    token. Left to ``spacys`` (spaCy's own method) when a rule sets what the arrays would set differently (a
    word's lexeme, an extension) or a rule's token index falls outside its match, where spaCy raises its error."""
    import numpy

    if not matches:
        return
    columns = _columns(ruler.attrs)
    if columns is None:
        spacys(doc, matches)
        return
    positions: dict[int, list[int]] = {}
    indices = ruler.indices
    for rule, _, start, end in matches:
        index = indices[rule]
        position = start + index if index >= 0 else end + index
        if not start <= position < end:
            spacys(doc, matches)
            return
        positions.setdefault(rule, []).append(position)
    table = doc.to_array(columns).reshape(len(doc), len(columns))
    for rule, tokens in positions.items():  # in the matches' order: the rules' numbers, ascending
        for attribute, value in ruler.attrs[rule].items():
            table[numpy.array(tokens), columns.index(attribute)] = value
    doc.from_array(columns, table)  # type: ignore[arg-type]  # spaCy's stub asks for Ints2d, a thinc alias of this array


# The token attributes a rule may set for its matches to be written as arrays: they are the token's alone (spaCy's
# set_token_attrs also writes a word's lexeme, where it has the attribute: none of these).
_TOKEN_ONLY = ("POS", "TAG", "DEP", "LEMMA", "MORPH")


def _columns(rules: list[dict]) -> list[int | str] | None:
    """The attributes the ruler's ``rules`` set, as the arrays' columns; None if one is not :data:`_TOKEN_ONLY`."""
    from spacy import symbols

    allowed = {getattr(symbols, name) for name in _TOKEN_ONLY}
    found = sorted({attribute for rule in rules for attribute in rule})
    return list[int | str](found) if all(isinstance(attribute, int) and attribute in allowed for attribute in found) else None


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
