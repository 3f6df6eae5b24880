"""Claim queries over a large store with DuckDB: the same rows as :mod:`claimtrack.query`, much faster.

DuckDB reads the store's lines as raw text (``read_csv`` with one VARCHAR
column), filters them with its JSON functions and writes the matching lines
unchanged, so JSON Lines output is byte for byte what the Python path
writes: every line of a store DuckDB may read is exactly ``dump_record`` of
its claim.

That is the condition for using it at all. claimtrack's promise is that
every line read is validated and a bad one reported with its file and line;
DuckDB does not validate, so it is only used on a store the id index
*vouches* for (:meth:`IdIndex.vouched`): one written by claimtrack's own
rewrites (extract, remove, compact) or passed by ``claimtrack check`` since
it last changed. Any other store, or a small one, is read by the Python path.

Annotations still in the journal change a claim's status and history: those
few claims are read through the id index, re-rendered in Python, and
swapped in (or left out) by the query itself. Matching "any case" is
Python's ``casefold``, which DuckDB computes with ``lower`` and, for the few
characters whose casefold is not their lower case, ``replace`` (see
:func:`_folded`).
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any, TextIO

from . import query
from .clusters.summary import ClusterSummary, DocumentLookup, document_date, source_key
from .cores import usable_cores
from .models import SCHEMA_VERSION, Claim
from .namefold import APOSTROPHES
from .query import ClaimFilter, NameTally, Seen, SourceSummary, filter_claims, fold_sources, search_folded
from .store import ClaimStore, dump_record
from .store.index import ORPHANED
from .store.journal import with_events

if TYPE_CHECKING:  # pragma: no cover
    import duckdb

# The column delimiter DuckDB is given, so that each line is one column: the
# character U+0001 itself (json.dumps writes it as \u0001, never raw).
_NEVER = "\x01"
# Below this size the Python path is as quick as starting DuckDB.
DUCKDB_BYTES = 32 * 1024 * 1024
_FETCH = 10_000
# One thread: DuckDB keeps the output in line order, and on 2 shared cores two threads
# buffered 2-4x the memory (370-920 MiB against 190 MiB) for no gain in speed.
_CONFIG: dict[str, str | bool | int | float | list[str]] = {"preserve_insertion_order": True, "threads": 1}


def usable(store: ClaimStore, *, min_bytes: int | None = None) -> bool:
    """Whether ``store`` is big enough (``min_bytes``, default :data:`DUCKDB_BYTES`) to be worth DuckDB,
    and vouched for (see the module docstring)."""
    try:
        if store.path.stat().st_size < (DUCKDB_BYTES if min_bytes is None else min_bytes):
            return False
    except OSError:
        return False
    if not store.index.vouched():
        return False
    try:
        import duckdb  # noqa: F401
    except ImportError:  # pragma: no cover - duckdb is a dependency
        return False
    return True


@dataclass(frozen=True)
class Selected:
    """The claims of ``store`` that ``selection`` selects, to be written by :func:`write_jsonl`.

    Iterating gives them as :class:`Claim` objects through the Python path.
    """

    store: ClaimStore
    selection: ClaimFilter

    def __iter__(self) -> Iterator[Claim]:
        return filter_claims(self.store.iter_claims(), with_document(self.store, self.selection))


def write_jsonl(store: ClaimStore, selection: ClaimFilter, out: TextIO) -> int:
    """Write the claims of ``store`` that match ``selection`` to ``out`` as JSON Lines; return how many.

    ``selection.doc`` is a document's id or a unique prefix of one (see
    :func:`resolve_document`). It is taken first as a whole id, as ids
    mostly are given: finding the document a prefix names reads the whole
    store once more (on 1,000,000 claims, as long as the query). A document
    whose id is the prefix is the one it names, before any longer id, so
    the rows written for it are those the resolved prefix selects; only
    when none is written is the prefix resolved (an error when it names no
    document or several) and the query run again for the document it names.

    When ``out`` is a pipe, a terminal, a socket or an empty file, DuckDB
    writes to it directly; otherwise the rows pass through Python.
    """
    written = _write_selected(store, selection, out)
    if written or selection.doc is None:
        return written
    resolved = with_document(store, selection)
    return _write_selected(store, resolved, out) if resolved.doc != selection.doc else 0


def _write_selected(store: ClaimStore, selection: ClaimFilter, out: TextIO) -> int:
    """:func:`write_jsonl`, with ``selection.doc`` (if any) a whole document id."""
    if selection.limit is not None and selection.limit <= 0:
        return 0
    con, sql, params = _query(store, selection)
    target = _direct_target(out)
    if target is None:
        return _fetch_into(con.execute(sql, params), out)
    out.flush()
    copy = f"COPY ({sql}) TO '{target}' (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '{_NEVER}', USE_TMP_FILE false)"
    try:
        rows = con.execute(copy, params).fetchone()
    except Exception as exc:  # duckdb.IOException; a reader that went away is a broken pipe
        if "Broken pipe" in str(exc) or "EPIPE" in str(exc):
            raise BrokenPipeError(32, "Broken pipe") from None
        raise
    _past_what_was_written(out)
    return int(rows[0]) if rows else 0


def _past_what_was_written(out: TextIO) -> None:
    """Move ``out``'s file offset past what DuckDB wrote into it, when it is a regular file. DuckDB opened the file
    anew, with an offset of its own: the one ``out`` shares with the shell that opened it stayed at 0, and the next
    write to it (the next command of ``{ claimtrack claims ...; echo END; } > file``) wrote over the claims."""
    import stat

    fd = out.fileno()
    if stat.S_ISREG(os.fstat(fd).st_mode):
        os.lseek(fd, 0, os.SEEK_END)


def _lines_sql(store: ClaimStore) -> str:
    """The store's lines as one VARCHAR column ``line``, read from the path in the parameter ``$path``."""
    return (
        f"read_csv($path, columns={{'line': 'VARCHAR'}}, delim='{_NEVER}', quote='', escape='', header=false,"
        f" auto_detect=false, max_line_size={_max_line_size(store)}, parallel=true)"
    )


def _max_line_size(store: ClaimStore) -> int:
    """DuckDB's line limit: its default (2 MiB), or the store's longest line. Its buffers are
    sized by it, so a needlessly high limit costs hundreds of megabytes."""
    return max(2 * 1024 * 1024, (store.index.longest_line() or 0) + 2)


def _fetch_into(cursor: Any, out: TextIO) -> int:
    count = 0
    while batch := cursor.fetchmany(_FETCH):
        out.write("".join(line + "\n" for (line,) in batch))
        count += len(batch)
    return count


def _direct_target(out: TextIO) -> str | None:
    """A path DuckDB can write ``out`` through, or None when it must not open it anew.

    Opening a regular file again would truncate it: only an empty one, written
    from its start and not in append mode, qualifies.
    """
    try:
        fd = out.fileno()
        info = os.fstat(fd)
    except (OSError, ValueError, AttributeError):
        return None
    import fcntl
    import stat

    if stat.S_ISREG(info.st_mode):
        if info.st_size != 0 or os.lseek(fd, 0, os.SEEK_CUR) != 0 or fcntl.fcntl(fd, fcntl.F_GETFL) & os.O_APPEND:
            return None
    elif not (stat.S_ISFIFO(info.st_mode) or stat.S_ISSOCK(info.st_mode) or stat.S_ISCHR(info.st_mode)):
        return None
    return f"/dev/fd/{fd}"


def _query(store: ClaimStore, selection: ClaimFilter) -> tuple[duckdb.DuckDBPyConnection, str, dict[str, Any]]:
    import duckdb

    con = duckdb.connect(config=_CONFIG)
    ids, rendered, keep = _journalled(store, selection)
    params: dict[str, Any] = {"path": str(store.path)}
    fields = _Fields()
    candidates = _candidates_sql(selection)
    exact = _prefilter_sql(selection, params)
    # The line tests again: a line can pass the prefilter below by naming a journalled id (as a parent).
    where = f"({exact}) AND ({_filter_sql(selection, params, fields, con)})"
    line_id = _line_id_sql(ids) if ids else None
    if line_id is not None:
        # The first characters of each line's id, read at their place, cost DuckDB next to nothing
        # (whole ids cut at their quote mark, or three scans of every line, cost a second or two
        # on a million lines); only the lines they pick have their whole id read.
        heads = _bucketed(con, ((i + _AFTER_ID)[:_ID_HEAD] for i in ids))
        params.update(ids=ids, rendered=rendered, keep=keep, id_heads=heads)
        line_head = f"substr(line, {_ID_AT}, {_ID_HEAD})"
        head = f"list_contains($id_heads[{_bucket_sql(line_head)}], {line_head})"
        journalled = f"({head} AND list_contains($ids, {line_id}))"
        select = f"CASE WHEN {journalled} THEN $rendered[list_position($ids, {line_id})] ELSE line END"
        where = f"CASE WHEN {journalled} THEN $keep[list_position($ids, {line_id})] ELSE ({where}) END"
        prefilter = f"(({exact}) AND {candidates}) OR {head}"
    elif ids:  # an id written escaped in the line: it is parsed for
        params.update(ids=ids, rendered=rendered, keep=keep)
        claim_id = fields["$.id"]
        select = f"CASE WHEN list_contains($ids, {claim_id}) THEN $rendered[list_position($ids, {claim_id})] ELSE line END"
        where = f"CASE WHEN list_contains($ids, {claim_id}) THEN $keep[list_position($ids, {claim_id})] ELSE ({where}) END"
        names = " OR ".join(f"contains(line, {_literal(json.dumps(i, ensure_ascii=False))})" for i in ids)
        prefilter = f"(({exact}) AND {candidates}) OR {names}"
    else:
        select, prefilter = "line", f"({exact}) AND {candidates}"
    lines = _lines_sql(store)
    # Every field a filter reads is extracted in one parse of each line, and only
    # of the lines the exact line tests let through (see _prefilter_sql).
    extracted = f", json_extract_string(line, {fields.paths!r}) AS f" if fields.paths else ""
    limit = f" LIMIT {int(selection.limit)}" if selection.limit is not None else ""
    if ids:
        # Nor a list of the whole ids made into a join: they are looked for on the lines their heads pick.
        con.execute("SET disabled_optimizers = 'in_clause'")
    cluster = f", {_CLUSTER} AS c" if selection.repeated else ""
    inner = f"SELECT line{extracted}{cluster} FROM {lines} WHERE {prefilter}"
    return con, f"SELECT {select} FROM ({inner}) WHERE {where}{limit}", params


# How every line of a vouched store begins: the claim's id is the first string after this.
_ID_AT = len(f'{{"schema_version": {SCHEMA_VERSION}, "id": "') + 1
# Characters read there: far more than any id claimtrack makes (12); a longer journalled id is parsed for.
_ID_READ = 256
_QUOTE = '"'
# What follows the id in every line (schema order), and how many characters from the id's start
# DuckDB keeps inline, without allocating a string.
_AFTER_ID = '", "doc_id": "'
_ID_HEAD = 12
# Ids looked for on each line (journalled claims', repeated facts' clusters) are kept in this many lists, by their
# hash: a line is compared with the few of its own list, not with every id, however many there are. DuckDB's join
# of a list of ids may give the lines in another order (a QA store of 49,450 claims: --search strasse wrote 56 of
# its 1,825 matches after the rest), and sorting them back held every match in memory.
_BUCKETS = 4096


def _bucket_sql(string: str) -> str:
    """SQL for the list (1-based) of :func:`_bucketed` that the SQL ``string`` would be in."""
    return f"CAST(hash({string}) % {_BUCKETS} AS BIGINT) + 1"


def _bucketed(con: duckdb.DuckDBPyConnection, strings: Iterable[str]) -> list[list[str]]:
    """``strings`` in lists by DuckDB's hash of each (see :func:`_bucket_sql`), as DuckDB computes it."""
    buckets: list[list[str]] = [[] for _ in range(_BUCKETS)]
    query = f"SELECT hash(s) % {_BUCKETS} AS b, list(s) FROM (SELECT unnest($strings) AS s) GROUP BY b"
    for bucket, members in con.execute(query, {"strings": list(strings)}).fetchall():
        buckets[bucket] = members
    return buckets


def _line_id_sql(ids: list[str]) -> str | None:
    """SQL for a line's claim id read at its fixed place, or None when an id is written escaped.

    A vouched line starts as ``dump_record`` starts every line, so the id is
    the characters up to the next quote mark, unless an id holds a quote mark
    or a backslash (written escaped): then the id is read by parsing the line.
    One read instead of a scan of the whole line for each journalled id.
    """
    if any(len(i) >= _ID_READ or json.dumps(i, ensure_ascii=False) != f'"{i}"' for i in ids):
        return None
    return f"split_part(substr(line, {_ID_AT}, {_ID_READ}), '{_QUOTE}', 1)"


def _prefilter_sql(selection: ClaimFilter, params: dict[str, Any]) -> str:
    """The filters decided on the raw line alone, exactly, without parsing it.

    A vouched line is exactly ``dump_record`` of its claim, so a field's value
    appears in it as json.dumps writes it, and a claim's own words can never
    fake one (their quote marks are escaped, ``\\"``). ``doc_id``, ``source``,
    ``cue`` and ``parent`` are keys of the claim alone; ``status`` is a key of
    annotations too, but only the claim's is followed by its ``annotations``
    (schema order). Far cheaper than parsing JSON: most lines are never parsed.
    """
    parts = ["true"]
    if selection.doc is not None:
        params["doc_pattern"] = '"doc_id": ' + json.dumps(selection.doc, ensure_ascii=False) + ", "
        parts.append("contains(line, $doc_pattern)")
    if selection.status is not None:
        params["status_pattern"] = f'"status": "{selection.status.value}", "annotations": '
        parts.append("contains(line, $status_pattern)")
    if selection.attributed is not None:
        unattributed = """(contains(line, '"source": null') AND contains(line, '"cue": null'))"""
        parts.append(unattributed if selection.attributed is False else f"NOT {unattributed}")
    if selection.nested is not None:
        parts.append(("NOT " if selection.nested else "") + """contains(line, '"parent": null')""")
    if selection.has_number is not None:
        # In a vouched line these characters can only be a quantity's own fields.
        parts.append(("" if selection.has_number else "NOT ") + f"contains(line, {_literal(_AMOUNT)})")
    return " AND ".join(parts)


# The characters other than ASCII whose casefold holds ASCII ("ß" -> "ss", "ﬁ" -> "fi", the Kelvin sign -> "k"),
# from Python's own casefold (tests/test_duckquery.py checks the list against every code point).
FOLDS_TO_ASCII = "".join(
    map(chr, [0xDF, 0x130, 0x149, 0x17F, 0x1F0, *range(0x1E96, 0x1E9B), 0x1E9E, 0x212A, *range(0xFB00, 0xFB07)])
)
# What json.dumps writes escaped, as ``\"``, ``\\`` or ``\u0001``: a needle holding one is not on the line as it is.
_ESCAPED = frozenset('"\\' + "".join(map(chr, range(0x20))))


def _candidates_sql(selection: ClaimFilter) -> str:
    """A test on the raw line that keeps every line --source and --search may match, and drops most others.

    The casefolded needle, when it is ASCII and nothing json.dumps escapes,
    is somewhere on a matching line in some case, unless the field's match
    comes from a character of :data:`FOLDS_TO_ASCII` whose casefold holds
    one of the needle's letters ("ß" for "press"): each other character
    casefolds to ASCII only if it is ASCII, and is then written as itself.
    So a case-insensitive search of the line (RE2, no copy of it) for the
    needle spelt in every way those characters allow ("Reuterß" casefolds
    to "reuterss", which holds "reuters") drops most lines before any JSON
    is parsed; the lines it keeps are decided exactly by :func:`_filter_sql`.
    It may keep a line where the needle is in another field, never drop one
    that matches.
    """
    parts = ["true"]
    for needle in (selection.source, selection.search):
        folded = search_folded(needle or "")
        if folded and folded.isascii() and not _ESCAPED.intersection(folded):
            parts.append(_spelt_sql(folded))
    return " AND ".join(parts)


# At most this long a pattern of a needle spelt every way (see _spelt_sql): a needle of many s's has thousands.
_SPELLINGS_PATTERN = 2_000


def _spelt_sql(folded: str) -> str:
    """SQL that keeps a line holding ``folded`` (an ASCII casefolded needle) in a field, however spelt."""
    usable = [(c, search_folded(c)) for c in FOLDS_TO_ASCII if set(search_folded(c)) & set(folded)]
    spelt = _spellings(folded, usable)
    # Patterns are written into the SQL, not parameters: DuckDB compiles a constant pattern once.
    plain = _literal("(?i:" + "".join(_pattern_of(c) for c in folded) + ")")
    if len(spelt) > _SPELLINGS_PATTERN:
        # The lines holding one of those characters copied with each replaced by its casefold, and searched again.
        other = f"regexp_matches({_replacing('line', usable)}, {plain})"
    elif not spelt.startswith("(?:"):
        # Every spelling starts as the needle does, which RE2 looks for first: as fast as the needle alone.
        return f"regexp_matches(line, {_literal(f'(?i:{spelt})')})"
    else:
        # Only the lines holding one of those characters are searched for every spelling: a pattern without a
        # start to look for first is read byte by byte (--source trump on a million claims, 2.6 s against 0.6 s).
        other = f"regexp_matches(line, {_literal(f'(?i:{spelt})')})"
        usable = [(c, fold) for c, fold in usable if c in spelt]  # not "ẗ" for "trump": no "tr" starts its "ẗ"
    # One search for each character (memchr on its first byte): an RE2 class of them costs more than the JSON parse.
    holding = " OR ".join(f"contains(line, '{c}')" for c, _ in usable)
    return f"(regexp_matches(line, {plain}) OR (({holding}) AND {other}))"


def _spellings(folded: str, usable: list[tuple[str, str]]) -> str:
    """An RE2 pattern (to be read case-insensitively) of the text whose casefold holds ``folded``, where each of
    the characters ``usable`` (with their casefolds) may stand for letters of it: "reuter(?:s|ß|...)".

    A match is the needle's letters, each itself or within a character's
    casefold: the first may be the end of one ("ßun" for "sun"), the last
    the start of one ("reuterß"), any other a whole one ("straße").
    """

    @functools.cache
    def rest(start: int) -> str:
        """The pattern of ``folded[start:]`` at the start of the text."""
        if start == len(folded):
            return ""
        options = [_pattern_of(folded[start]) + rest(start + 1)]
        for char, fold in usable:
            if folded.startswith(fold, start):
                options.append(char + rest(start + len(fold)))
            elif fold.startswith(folded[start:]):
                options.append(char)
        return _either(options)

    options = [rest(0)]
    for char, fold in usable:
        for cut in range(1, len(fold)):
            end = fold[cut:]
            if folded.startswith(end):
                options.append(char + rest(len(end)))
            elif end.startswith(folded):
                options.append(char)
    return _either(options)


def _either(options: list[str]) -> str:
    return options[0] if len(options) == 1 else "(?:" + "|".join(options) + ")"


# An apostrophe in a needle is any of the ones search_folded straightens, on the line as written.
_ANY_APOSTROPHE = r"[\x27\x{2018}\x{2019}\x{2bc}]"


def _pattern_of(char: str) -> str:
    """The RE2 pattern of one character of a folded needle: itself, escaped, or any apostrophe."""
    if char == "'":
        return _ANY_APOSTROPHE
    return char if char.isalnum() else f"\\x{ord(char):02x}"


# How dump_record writes the start of an amount: kind, then value (schema order).
_AMOUNT = '"kind": "amount", "value": '


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


class _Fields:
    """The JSON paths a query reads; ``fields[path]`` is the SQL for the path's value as text (NULL for JSON null or missing)."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    def __getitem__(self, path: str) -> str:
        if path not in self.paths:
            self.paths.append(path)
        return f"f[{self.paths.index(path) + 1}]"


def _journalled(store: ClaimStore, selection: ClaimFilter) -> tuple[list[str], list[str], list[bool]]:
    """The claims with journalled events: their ids, their lines as they now are, and whether they match."""
    claims = _journalled_claims(store)
    return [c.id for c in claims], [dump_record(c) for c in claims], [selection.matches(c) for c in claims]


def _journalled_claims(store: ClaimStore) -> list[Claim]:
    """The claims with events waiting in the journal, as they are with those events."""
    claims = []
    for claim_id, entries in store.journal.read().items():
        found = [claim for _, claim in store._find(claim_id) if claim.id == claim_id]
        if found:  # else an entry no claim takes: the Python path ignores it too
            claims.append(with_events(found[0], entries))
    return claims


def _filter_sql(selection: ClaimFilter, params: dict[str, Any], fields: _Fields, con: duckdb.DuckDBPyConnection) -> str:
    """``selection`` as an SQL condition, deciding as :meth:`ClaimFilter.matches` does.

    A source or cue is there when its text is: in a vouched store either is
    an object with a text, or null.
    """
    parts = ["true"]
    if selection.source:
        params["source"] = search_folded(selection.source)
        text, name = fields["$.source.text"], fields["$.source.name"]
        parts.append(f"({_contains(text, '$source')} OR {_contains(name, '$source')})")
    if selection.search:
        params["search"] = search_folded(selection.search)
        parts.append(_contains(fields["$.text"], "$search"))
    if selection.repeated:
        params["clusters"] = _bucketed(con, sorted(selection.repeated_clusters or ()))
        # The line's cluster (c, read once in the inner query) among the few clusters of its list (see _bucketed).
        parts.append(f"coalesce(list_contains($clusters[{_bucket_sql('c')}], c), false)")
    return " AND ".join(parts)


def _contains(field: str, needle: str) -> str:
    """``needle`` (folded already) in ``field`` folded as :func:`claimtrack.query.search_folded` folds it."""
    return f"({field} IS NOT NULL AND contains({_folded(field)}, {needle}))"


# The characters whose casefold is not what DuckDB's lower gives: "ß" -> "ss", "ς" -> "σ", "ﬁ" -> "fi", the Greek
# letters with a subscript iota, and Cherokee small letters, which casefold to capitals (tests/test_duckquery.py
# checks the list against every code point, with the DuckDB installed).
CASEFOLD_NOT_LOWER = "".join(
    map(
        chr,
        [
            0xB5, 0xDF, 0x130, 0x149, 0x17F, 0x1F0, 0x345, 0x390, 0x3B0, 0x3C2, 0x3D0, 0x3D1, 0x3D5, 0x3D6, 0x3F0,
            0x3F1, 0x3F5, 0x587, *range(0x13A0, 0x13F6), *range(0x13F8, 0x13FE), *range(0x1C80, 0x1C89),
            *range(0x1E96, 0x1E9C), 0x1E9E, 0x1F50, 0x1F52, 0x1F54, 0x1F56, *range(0x1F80, 0x1FB0),
            *range(0x1FB2, 0x1FB5), 0x1FB6, 0x1FB7, 0x1FBC, 0x1FBE, *range(0x1FC2, 0x1FC5), 0x1FC6, 0x1FC7, 0x1FCC,
            0x1FD2, 0x1FD3, 0x1FD6, 0x1FD7, *range(0x1FE2, 0x1FE5), 0x1FE6, 0x1FE7, *range(0x1FF2, 0x1FF5), 0x1FF6,
            0x1FF7, 0x1FFC, *range(0xAB70, 0xABC0), *range(0xFB00, 0xFB07), *range(0xFB13, 0xFB18),
        ],
    )
)  # fmt: skip
# Replaced by their casefold before lower: a casefold that lower leaves as it is.
_BEFORE_LOWER = [(c, c.casefold()) for c in CASEFOLD_NOT_LOWER if c.casefold().lower() == c.casefold()]
# Cherokee, whose casefold is a capital: its lower case replaced after lower by that capital.
_AFTER_LOWER = list(dict.fromkeys((c.lower(), c.casefold()) for c in CASEFOLD_NOT_LOWER if c.casefold().lower() != c.casefold()))
# Of those, the ones news text has (German, Turkish and Greek names, ligatures of text copied from a PDF, the micro
# sign): a line with only these is folded by the few replacements they need, not by all of them (on a million claims
# a tenth of whose sources are "İstanbul police" or "the Straße-Behörde", all of them took --source police from 1.01x
# DuckDB's time to 2.31x).
_COMMON_UNLIKE = "ßẞİŉſµςﬀﬁﬂﬃﬄﬅﬆ"
_COMMON_BEFORE_LOWER = [(old, new) for old, new in _BEFORE_LOWER if old in _COMMON_UNLIKE]


def _class_of(characters: str) -> str:
    """An RE2 character class of ``characters``, in a SQL string literal."""
    return "'[" + "".join(f"\\x{{{ord(c):X}}}" for c in characters) + "]'"


_UNLIKE_LOWER = _class_of(CASEFOLD_NOT_LOWER)
_RARELY_UNLIKE_LOWER = _class_of("".join(c for c in CASEFOLD_NOT_LOWER if c not in _COMMON_UNLIKE))
_STRAIGHTENED = [(chr(c), straight) for c, straight in APOSTROPHES.items()]


def _folded(field: str) -> str:
    """SQL for ``field`` as :func:`claimtrack.query.search_folded` gives it, in DuckDB alone.

    A Python function in the filter would decide it as well, but DuckDB then
    gave the rows out of store order (a QA store of 49,450 claims: --search
    strasse wrote 56 of its 1,825 matches after the rest), and sorting them
    back held every match in memory (1.1 GiB for a million). DuckDB's lower is
    the casefold of ASCII, and of other text but for :data:`CASEFOLD_NOT_LOWER`.
    """
    exact = _replacing(f"lower({_replacing(field, _BEFORE_LOWER)})", _AFTER_LOWER)
    common = f"lower({_replacing(field, _COMMON_BEFORE_LOWER)})"
    return (
        f"CASE WHEN strlen({field}) = length({field}) THEN lower({field}) "
        f"WHEN NOT regexp_matches({field}, {_UNLIKE_LOWER}) THEN {_replacing(f'lower({field})', _STRAIGHTENED)} "
        f"WHEN regexp_matches({field}, {_RARELY_UNLIKE_LOWER}) THEN {_replacing(exact, _STRAIGHTENED)} "
        f"ELSE {_replacing(common, _STRAIGHTENED)} END"
    )


def _replacing(sql: str, pairs: list[tuple[str, str]]) -> str:
    for old, new in pairs:
        sql = f"replace({sql}, {_literal(old)}, {_literal(new)})"
    return sql


def summarise_sources(store: ClaimStore, doc: str | None = None) -> list[SourceSummary]:
    """:func:`claimtrack.query.summarise_sources` of the claims (of document ``doc``, when given), computed by DuckDB.

    DuckDB counts each normalised name's claims, documents, types, mentions,
    roles and affiliations (:class:`NameTally`); the few thousand tallies
    are folded into sources by the same Python as the Python path's.
    Journalled annotations change no source, so the journal is not read.
    "First seen" is store order, which only ever compares positions: the
    attributed claims are copied into a table on every core, and a table's
    row ids follow the order its rows were read in (DuckDB keeps it, see
    ``preserve_insertion_order``). Numbering the lines as they are read
    would keep the reading on one thread.
    """
    import duckdb

    params: dict[str, Any] = {"path": str(store.path)}
    of_doc = ""
    if doc is not None:
        params["doc"] = doc
        of_doc = " AND doc_id = $doc"
    con = duckdb.connect(config={**_CONFIG, "threads": usable_cores()})
    con.execute(
        # A source's normalised name is its name, else its text.
        "CREATE TEMP TABLE l AS SELECT source.text AS t, coalesce(nullif(source.name, ''), source.text) AS n,"
        " source.type AS ty, source.role AS ro, source.affiliation AS af, doc_id AS doc"
        f" FROM {_json_columns_sql(store, _SOURCE_COLUMNS)}"
        f" WHERE source.text IS NOT NULL{of_doc}",
        params,
    )
    rows = con.execute(_sources_sql()).fetchall()
    documents = {name: count for name, _first, _claims, count, *_seen in rows}

    def count_documents(groups: list[list[NameTally]]) -> list[int]:
        # Most sources are one name, whose documents DuckDB counted; a name's document ids are not fetched
        # for those (a few hundred thousand strings on a large store), only the folded few are counted again.
        folded = {tally.name: n for n, group in enumerate(groups) if len(group) > 1 for tally in group}
        counts = {}
        if folded:
            counts = dict(con.execute(_FOLDED_DOCUMENTS_SQL, {"names": list(folded), "groups": list(folded.values())}).fetchall())
        return [counts[n] if len(group) > 1 else documents[group[0].name] for n, group in enumerate(groups)]

    return fold_sources(_tallies(rows), count_documents)


# The documents of each group of names (a source whose spellings were folded together): the names in
# $names, each one's group number at the same place in $groups.
_FOLDED_DOCUMENTS_SQL = """
SELECT g, count(DISTINCT doc) FROM l JOIN (SELECT unnest($names) AS n, unnest($groups) AS g) USING (n) GROUP BY g
"""


def _tallies(rows: Iterable[tuple]) -> list[NameTally]:
    return [
        NameTally(
            name=name,
            first=first,
            claims=claims,
            types=_as_seen(types),
            mentions=_as_seen(mentions),
            roles=_as_seen(roles),
            affiliations=_as_seen(affiliations),
        )
        for name, first, claims, _documents, types, mentions, roles, affiliations in rows
    ]


def _sources_sql() -> str:
    """The name tallies' query over the table ``l`` of attributed claims (see :func:`summarise_sources`)."""
    seen = {column: _seen_sql(column) for column in ("ty", "t", "ro", "af")}
    # Every claim is grouped twice, not five times: by all its source fields at once (a), and by name and
    # document (d); each name's counts and each field's values are then summed from a's few rows.
    return f"""
    WITH a AS MATERIALIZED (SELECT n, ty, t, ro, af, count(*) AS c, min(rowid) AS first FROM l GROUP BY ALL),
    d AS (SELECT n, count(DISTINCT doc) AS documents FROM l GROUP BY n),
    g AS (SELECT n, sum(c)::BIGINT AS claims, min(first) AS first FROM a GROUP BY n)
    SELECT g.n, g.first, g.claims, d.documents, ty.seen, t.seen, ro.seen, af.seen FROM g JOIN d USING (n)
    LEFT JOIN ({seen["ty"]}) ty USING (n) LEFT JOIN ({seen["t"]}) t USING (n)
    LEFT JOIN ({seen["ro"]}) ro USING (n) LEFT JOIN ({seen["af"]}) af USING (n)
    """


def _json_columns_sql(store: ClaimStore, columns: dict[str, str]) -> str:
    """The ``columns`` (name: DuckDB type) of each claim, read from the path in ``$path`` by DuckDB's JSON reader.

    It parses only what it is asked for: a fifth cheaper than extracting the
    same fields from each line read as text, in half the memory. Every line
    of a vouched store is a claim (all keys there, values of the schema's
    types), so the values are the Python path's.
    """
    return f"read_json($path, format='newline_delimited', columns={columns!r}, maximum_object_size={_max_line_size(store)})"


_SOURCE_COLUMNS = {
    "doc_id": "VARCHAR",
    "source": "STRUCT(text VARCHAR, name VARCHAR, type VARCHAR, role VARCHAR, affiliation VARCHAR)",
}
_CLUSTER_COLUMNS = {
    **dict.fromkeys(["id", "cluster", "doc_id", "doc_sha256", "text", "status"], "VARCHAR"),
    "source": "STRUCT(text VARCHAR, name VARCHAR)",
    "orphaned": "BOOLEAN",
}


def _seen_sql(column: str) -> str:
    """Per name, each non-empty value of ``column`` with its claims and first position (a :data:`Seen`), from a's groups."""
    return (
        f"SELECT n, list(struct_pack(v := {column}, c := c, first := first)) AS seen FROM"
        f" (SELECT n, {column}, sum(c)::BIGINT AS c, min(first) AS first FROM a WHERE {column} IS NOT NULL AND {column} <> ''"
        f" GROUP BY n, {column}) GROUP BY n"
    )


def _as_seen(rows: list[dict[str, Any]] | None) -> Seen:
    return {row["v"]: (row["c"], row["first"]) for row in rows or []}


def read_claims(store: ClaimStore, selection: ClaimFilter) -> Iterator[Claim]:
    """The claims :func:`write_jsonl` would write, as :class:`Claim` objects (for a few of a large store)."""
    con, sql, params = _query(store, selection)
    cursor = con.execute(sql, params)
    while batch := cursor.fetchmany(_FETCH):
        for (line,) in batch:
            yield Claim.model_validate_json(line)


def with_repeated_clusters(store: ClaimStore, selection: ClaimFilter) -> ClaimFilter:
    """:func:`claimtrack.query.with_repeated_clusters` over the store: by DuckDB where it is :func:`usable`."""
    if selection.repeated and selection.repeated_clusters is None and usable(store):
        return replace(selection, repeated_clusters=repeated_clusters(store))
    return query.with_repeated_clusters(selection, store.iter_claims())


def with_document(store: ClaimStore, selection: ClaimFilter) -> ClaimFilter:
    """``selection`` with its ``doc`` (an id, or a unique prefix of one) resolved to the id (:func:`resolve_document`)."""
    if selection.doc is None:
        return selection
    return replace(selection, doc=resolve_document(store, selection.doc))


def resolve_document(store: ClaimStore, prefix: str) -> str:
    """The id of the one document of ``store`` that is ``prefix`` or starts with it, as ``render`` finds it.

    A document is one with a stored text or with claims. Raises
    :class:`~claimtrack.errors.DocumentNotFoundError` naming ``prefix`` when
    none matches or several do, so that ``--doc`` with a mistyped id says so
    rather than matching nothing. The claims are read (by DuckDB where it is
    :func:`usable`) only when ``prefix`` is not itself a stored document's id.
    """
    records = store.documents.current() if store.documents.exists() else {}
    if prefix in records:
        return prefix
    return query.resolve_doc_id(prefix, [*records, *_claim_doc_ids(store, prefix)])


def _claim_doc_ids(store: ClaimStore, prefix: str) -> set[str]:
    """The document ids of the claims of ``store`` that start with ``prefix``."""
    if not usable(store):
        return {claim.doc_id for claim in store.iter_claims() if claim.doc_id.startswith(prefix)}
    import duckdb

    con = duckdb.connect(config=_CONFIG)
    sql = f"SELECT DISTINCT d FROM (SELECT {_DOC_ID} AS d FROM {_lines_sql(store)}) WHERE starts_with(d, $prefix)"
    return {doc_id for (doc_id,) in con.execute(sql, {"path": str(store.path), "prefix": prefix}).fetchall()}


def cluster_sizes(store: ClaimStore, clusters: Iterable[str]) -> dict[str, int]:
    """:func:`claimtrack.clusters.summary.cluster_sizes` over the store: by DuckDB where it is :func:`usable`."""
    from .clusters import summary

    wanted = sorted(set(clusters))
    if not wanted:
        return {}
    if not usable(store):
        return summary.cluster_sizes(store.iter_claims(), wanted)
    import duckdb

    con = duckdb.connect(config=_CONFIG)
    lines = f"SELECT {_CLUSTER} AS c FROM {_lines_sql(store)}"
    sql = f"SELECT c, count(*) FROM ({lines}) WHERE list_contains($clusters, c) GROUP BY c"
    return dict(con.execute(sql, {"path": str(store.path), "clusters": wanted}).fetchall())


def repeated_clusters(store: ClaimStore) -> frozenset[str]:
    """The clusters whose claims are in two documents or more, as :func:`claimtrack.query.with_repeated_clusters`
    finds them. Annotations change neither a claim's cluster nor its document: the journal is not read."""
    import duckdb

    con = duckdb.connect(config=_CONFIG)
    # No WHERE on the fields: DuckDB would push it below their projection and compute them twice.
    # The claims with no cluster make one group, of None, left out below.
    # An orphan's document no longer states its fact. Looking for the mark in every line costs a third more (0.45 s
    # on a million claims): only done when the index does not know the store to have none.
    live = "" if store.index.orphans() == 0 else f" FILTER (NOT contains(line, {_literal(ORPHANED)}))"
    sql = f"SELECT {_CLUSTER} AS c FROM {_lines_sql(store)} GROUP BY c HAVING count(DISTINCT {_DOC_ID}){live} > 1"
    return frozenset(cluster for (cluster,) in con.execute(sql, {"path": str(store.path)}).fetchall() if cluster is not None)


# A claim's cluster and document read off its raw line, for the lines where they are written plainly (no quote
# mark or backslash in them, the cluster a string): the last field (schema order) and the third. Two regular
# expressions, one anchored at each end of the line, cost less than half of parsing it; the other lines are parsed.
_CLUSTER_AT_END = _literal('"cluster": "([^"\\\\]*)"\\}$')
_CLUSTER = f"coalesce(nullif(regexp_extract(line, {_CLUSTER_AT_END}, 1), ''), json_extract_string(line, '$.cluster'))"
_DOC_ID_AT_START = _literal(f'^\\{{"schema_version": {SCHEMA_VERSION}, "id": "[^"\\\\]*", "doc_id": "([^"\\\\]*)", ')
_DOC_ID = f"coalesce(nullif(regexp_extract(line, {_DOC_ID_AT_START}, 1), ''), json_extract_string(line, '$.doc_id'))"


def summarise_clusters(store: ClaimStore, documents: DocumentLookup, *, min_documents: int = 2) -> list[ClusterSummary]:
    """:func:`claimtrack.clusters.summary.summarise_clusters` of the store's claims, computed by DuckDB.

    DuckDB groups the claims; the dates of the kept clusters' documents come
    from ``documents`` in Python. As in the Python path, a document's date is
    that of the version its first clustered claim (in line order) indexes.
    """
    import duckdb

    con = duckdb.connect(config=_CONFIG)
    journalled = _journalled_claims(store)
    params: dict[str, Any] = {
        "path": str(store.path),
        "min_documents": min_documents,
        "ids": [c.id for c in journalled] or [""],
        "statuses": [c.status.value for c in journalled] or [""],
    }
    summaries = []
    # A document is in many clusters: its date is looked up once.
    dates: dict[tuple[str, str | None], str | None] = {}
    for cluster, claims, representative, versions, sources, statuses, counts in con.execute(
        _clusters_sql(store), params
    ).fetchall():
        # Sources are folded here, as the Python path folds them (a function DuckDB called would import numpy).
        sources = {source_key(source) for source in sources or []}
        summary = ClusterSummary(cluster, representative, claims, {doc for doc, _ in versions}, sources)
        summary.statuses = dict(zip(statuses, counts))
        for doc, sha in versions:
            if (doc, sha) not in dates:
                dates[doc, sha] = _date_of(documents, doc, sha)
        summary.first_seen = min((date for doc, sha in versions if (date := dates[doc, sha]) is not None), default=None)
        summaries.append(summary)
    return sorted(summaries, key=lambda s: (-len(s.documents), s.first_seen or "", s.cluster))


def _clusters_sql(store: ClaimStore) -> str:
    """:data:`_CLUSTERS_SQL` for ``store``: without reading each claim's orphaned field when the index knows the
    store has no orphan (a tenth of the query's time on a million claims)."""
    if store.index.orphans() == 0:
        columns = {name: kind for name, kind in _CLUSTER_COLUMNS.items() if name != "orphaned"}
        return _CLUSTERS_SQL.format(claims=_json_columns_sql(store, columns), orphaned="false")
    return _CLUSTERS_SQL.format(claims=_json_columns_sql(store, _CLUSTER_COLUMNS), orphaned="coalesce(orphaned, false)")


def _date_of(documents: DocumentLookup, doc_id: str, sha: str | None) -> str | None:
    """The date :func:`document_date` gives a claim of ``doc_id`` indexing the text ``sha``."""
    record = documents(_Version(doc_id, sha))  # type: ignore[arg-type]  # the lookup reads these two fields only
    return document_date(record)


@dataclass(frozen=True)
class _Version:
    doc_id: str
    doc_sha256: str | None


# Line number, then the fields the summary reads; a source is its name, else its text (casefolded in
# Python); a journalled claim's status is the one its events give. An orphan is one of its cluster's claims, with
# its status, but neither its document nor its source states the fact any longer.
_CLUSTERS_SQL = """
WITH l AS (SELECT row_number() OVER () AS rn, * FROM {claims}),
c AS (
    SELECT rn, id, cluster, doc_id AS doc, doc_sha256 AS sha, text,
           CASE WHEN source.text IS NULL THEN NULL WHEN source.name IS NULL OR source.name = '' THEN source.text
                ELSE source.name END AS source,
           CASE WHEN list_contains($ids, id) THEN $statuses[list_position($ids, id)]
                ELSE coalesce(status, 'unverified') END AS status,
           {orphaned} AS orphaned
    FROM l WHERE cluster IS NOT NULL
),
first_version AS (SELECT doc, arg_min([sha], rn)[1] AS sha FROM c GROUP BY doc),
kept AS (SELECT cluster FROM c GROUP BY cluster HAVING count(DISTINCT doc) FILTER (WHERE NOT orphaned) >= $min_documents),
k AS (SELECT c.* FROM c JOIN kept USING (cluster)),
g AS (
    SELECT cluster, list(id ORDER BY rn) AS claims,
           coalesce(any_value(text) FILTER (WHERE id = cluster), arg_min(text, rn)) AS representative,
           list(DISTINCT source) FILTER (WHERE source IS NOT NULL AND NOT orphaned) AS sources
    FROM k GROUP BY cluster
),
v AS (
    SELECT cluster, list([doc, first_version.sha]) AS versions
    FROM (SELECT DISTINCT cluster, doc FROM k WHERE NOT orphaned) JOIN first_version USING (doc) GROUP BY cluster
),
s AS (
    SELECT cluster, list(status ORDER BY first) AS statuses, list(n ORDER BY first) AS counts
    FROM (SELECT cluster, status, min(rn) AS first, count(*) AS n FROM k GROUP BY cluster, status) GROUP BY cluster
)
SELECT g.cluster, g.claims, g.representative, coalesce(v.versions, []), g.sources, s.statuses, s.counts
FROM g LEFT JOIN v USING (cluster) JOIN s USING (cluster)
"""
