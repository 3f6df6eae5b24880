"""The JSONL claim store: validated on read, locked and atomic on write.

See :mod:`claimtrack.store.claims` for the files that make up a store and
how they are kept in step.
"""

from .check import RepairReport, check_store, repair_store
from .claims import DEFAULT_STORE, FOLD_BYTES, STORE_ENV, ClaimStore, FoldReport, default_store_path
from .records import SCHEMA_VERSION, describe_validation_error, dump_record, migrate, parse_record
from .rejected import Problem
from .spool import ClaimSpool

__all__ = [
    "ClaimSpool",
    "ClaimStore",
    "DEFAULT_STORE",
    "FOLD_BYTES",
    "FoldReport",
    "Problem",
    "RepairReport",
    "SCHEMA_VERSION",
    "STORE_ENV",
    "check_store",
    "default_store_path",
    "describe_validation_error",
    "dump_record",
    "migrate",
    "parse_record",
    "repair_store",
]
