"""One line of the store <-> one validated :class:`~claimtrack.models.Claim`."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from ..errors import BadRecordError
from ..models import SCHEMA_VERSION, Claim


def describe_validation_error(exc: ValidationError) -> str:
    """Render a pydantic error as ``field: message; field: message``."""
    parts = []
    for error in exc.errors():
        location = ".".join(str(part) for part in error["loc"]) or "record"
        parts.append(f"{location}: {error['msg']}")
    return "; ".join(parts)


def _from_v1(data: dict[str, Any]) -> dict[str, Any]:
    # Version 2 added `orphaned`; every version-1 record was a live claim.
    return {**data, "orphaned": False, "schema_version": 2}


def _from_v2(data: dict[str, Any]) -> dict[str, Any]:
    # Version 3 added `doc_sha256`; claims extracted before it index no stored document.
    return {**data, "doc_sha256": None, "schema_version": 3}


def _from_v3(data: dict[str, Any]) -> dict[str, Any]:
    # Version 4 added `quantities`, read from the claim's own words as extraction does, and
    # `cluster`, which the next extract into the store gives every claim.
    from ..quantities import find_quantities

    text = data.get("text")
    found = find_quantities(text) if isinstance(text, str) else []
    return {**data, "quantities": [q.model_dump(mode="json") for q in found], "cluster": None, "schema_version": 4}


# MIGRATIONS[n] turns a version-n record into a version-(n+1) one.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _from_v1, 2: _from_v2, 3: _from_v3}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring a record of any older schema version up to :data:`SCHEMA_VERSION`."""
    version = data.get("schema_version", 1)
    while _is_int(version) and version < SCHEMA_VERSION and version in MIGRATIONS:
        data = MIGRATIONS[version](data)
        version = data["schema_version"]
    return data


def _is_int(value: Any) -> bool:
    # JSON true is a Python bool, which is an int: it is not a version number.
    return isinstance(value, int) and not isinstance(value, bool)


class DuplicateKeyError(ValueError):
    """A JSON object names the same key twice: which value was meant cannot be known."""


def _refuse_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data = dict(pairs)
    if len(data) != len(pairs):
        keys = [key for key, _ in pairs]
        twice = next(key for key in keys if keys.count(key) > 1)
        raise DuplicateKeyError(f"duplicate key {twice!r}")
    return data


def load_json_object(line: str, *, path: str, line_number: int) -> dict[str, Any]:
    """Parse one line as a JSON object, refusing what json.loads would let pass silently.

    A byte-order mark before the first record is read, not rejected; a key
    given twice is an error (json.loads keeps the last value, so the line
    would mean something else to each reader); undecodable bytes are an error.
    """
    ensure_utf8(line, path=path, line_number=line_number)
    if line_number == 1:
        line = line.removeprefix("\ufeff")
    try:
        data = json.loads(line, object_pairs_hook=_refuse_duplicate_keys)
    except DuplicateKeyError as exc:
        raise BadRecordError(path, line_number, str(exc)) from None
    except json.JSONDecodeError as exc:
        raise BadRecordError(path, line_number, f"not valid JSON ({exc.msg})") from None
    if not isinstance(data, dict):
        raise BadRecordError(path, line_number, "not a JSON object")
    return data


def ensure_utf8(line: str, *, path: str, line_number: int) -> None:
    """Refuse a line read with surrogate escapes: its bytes were not UTF-8."""
    if line.isascii():  # constant time for a str; no ASCII text holds a surrogate
        return
    try:
        line.encode("utf-8")
    except UnicodeEncodeError:
        raise BadRecordError(path, line_number, "not valid UTF-8 text") from None


def parse_record(line: str, *, path: str, line_number: int) -> Claim:
    """Validate one JSON line as a :class:`Claim`, or raise :class:`BadRecordError`."""
    data = load_json_object(line, path=path, line_number=line_number)
    version = data.get("schema_version", 1)
    if _is_int(version) and version > SCHEMA_VERSION:
        raise BadRecordError(
            path,
            line_number,
            f"schema_version {version} is newer than this claimtrack understands ({SCHEMA_VERSION}); upgrade claimtrack",
        )
    try:
        return Claim.model_validate(data if version == SCHEMA_VERSION else migrate(data))
    except ValidationError as exc:
        raise BadRecordError(path, line_number, describe_validation_error(exc)) from None


# How every line claimtrack writes today begins: dump_record puts the version first.
_CURRENT_LINE_START = f'{{"schema_version": {SCHEMA_VERSION}, '


def parse_vouched_record(line: str, *, path: str, line_number: int) -> Claim:
    """:func:`parse_record` for a line of a store the index vouches for (see ``StoreIndex.vouched``).

    Such a line was written by :func:`dump_record`, so it cannot name a key
    twice: a current-version line is parsed and validated in one pass by
    pydantic, about twice as fast as the duplicate-key check allows; any
    other line takes the strict path.
    """
    if not line.startswith(_CURRENT_LINE_START):
        return parse_record(line, path=path, line_number=line_number)
    ensure_utf8(line, path=path, line_number=line_number)
    try:
        return Claim.model_validate_json(line)
    except ValidationError as exc:
        raise BadRecordError(path, line_number, describe_validation_error(exc)) from None


def dump_record(claim: Claim) -> str:
    """One JSON line, keys in schema order, non-ASCII kept readable."""
    return json.dumps(claim.model_dump(mode="json"), ensure_ascii=False)
