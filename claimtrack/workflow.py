"""Articles in, claims and their documents into a store: the one extraction workflow.

The CLI's ``extract`` is a thin wrapper over :func:`extract_into_store`, and
so is anything else that fills a store (a notebook, a benchmark). What it
decides:

- **Which document each input is.** ``--doc-id`` when given; else the id a
  file or URL already has in the store; else the file's stem, or, for files
  of one batch that share a stem (a tree of ``index.md``), their path
  relative to the folder they share; standard input gets an id made from
  its words.
- **No silent replacement.** An id that already belongs to another text read
  from somewhere else is refused for that input (the batch goes on), unless
  ``replace`` says to replace it deliberately. Re-extracting the same file
  or URL after it changed is an update, not a clash.
- **Nothing half stored.** Claims are spooled as they are found and written,
  with the texts they index, in one short locked write at the end.
"""

from __future__ import annotations

import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, BinaryIO, Iterator, Optional, Sequence, TextIO

from .errors import InputError
from .extract import iter_chunk_claims
from .ingest import Document, expand_inputs, read_document
from .models import Claim, DocumentRecord, now
from .readers.fetch import is_url
from .store import ClaimSpool, ClaimStore, Problem
from .store.documents import same_source, stored_path

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

STDIN = "-"


class ExtractEvents:
    """What a caller hears while a batch is extracted; override what you need (all do nothing here)."""

    def planned(self, inputs: Sequence[str]) -> None:
        """The inputs that will be read, in order."""

    def started(self, path: str) -> None:
        """An input is being read and extracted."""

    def advanced(self, path: str, share: float) -> None:
        """``share`` (0-1) more of the input's text has been extracted."""

    def warning(self, message: str) -> None:
        """Something about an input the user should know; it was still extracted."""

    def error(self, problem: InputError) -> None:
        """An input that could not be read or stored; the batch goes on without it."""


@dataclass
class ExtractReport:
    """What a batch did: counts, the inputs it skipped, the annotations set aside."""

    documents: int = 0
    sentences: int = 0
    claims: int = 0
    attributed: int = 0
    errors: list[InputError] = field(default_factory=list)
    set_aside: list[Problem] = field(default_factory=list)

    def summary(self, store_path: Path) -> str:
        counts = ", ".join(
            _count(n, word) for n, word in ((self.documents, "document"), (self.sentences, "sentence"), (self.claims, "claim"))
        )
        return f"{counts}, {self.attributed} attributed -> {store_path}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def extract_into_store(
    paths: Sequence[str],
    store: ClaimStore,
    *,
    nlp: "Language",
    doc_id: Optional[str] = None,
    replace: bool = False,
    stdin: TextIO | BinaryIO | None = None,
    events: Optional[ExtractEvents] = None,
) -> ExtractReport:
    """Read ``paths`` (files, folders, URLs, ``-``), extract their claims and store them with their texts."""
    events = events or ExtractEvents()
    report = ExtractReport()
    if doc_id is not None and len(paths) > 1:
        raise InputError("--doc-id names one document: give one input")
    files, errors = expand_inputs(paths)
    for problem in errors:
        _skip(problem, report, events)
    events.planned(files)
    chooser = _IdChooser(store, files, doc_id)
    records: list[DocumentRecord] = []
    with ClaimSpool() as spool:
        for path in files:
            events.started(path)
            try:
                document = _read(path, chooser, store, replace=replace, stdin=stdin, taken=spool)
            except InputError as problem:
                _skip(problem, report, events)
                continue
            for warning in document.warnings:
                events.warning(warning)
            spool.add(document.doc_id, _claims_of(document, nlp, report, lambda share, path=path: events.advanced(path, share)))
            records.append(_record(document, store))
            report.documents += 1
        if len(spool):
            report.set_aside = store.replace_documents(spool.documents(), records)
    return report


def _skip(problem: InputError, report: ExtractReport, events: ExtractEvents) -> None:
    report.errors.append(problem)
    events.error(problem)


def _read(path: str, chooser: "_IdChooser", store: ClaimStore, *, replace: bool, stdin, taken: ClaimSpool) -> Document:
    """Read one input under the id chosen for it, refusing an id that belongs to other words."""
    document = read_document(path, stdin=stdin if stdin is not None else sys.stdin.buffer, doc_id=chooser.id_for(path))
    if document.doc_id in taken:
        raise InputError(f"{path}: another input in this batch also has the document id {document.doc_id!r}; give it its own --doc-id")
    current = chooser.current.get(document.doc_id)
    if current is not None and current.sha256 != document.sha256 and not replace:
        if not same_source(document.path, current, store.path.parent):
            where = _origin(current, store)
            raise InputError(
                f"{_label(path)}: document id {document.doc_id!r} already belongs to another text, read from {where}; "
                "give this one its own --doc-id, or --replace to replace that document"
            )
    return document


def _label(path: str) -> str:
    return "<stdin>" if path == STDIN else path


def _origin(record: DocumentRecord, store: ClaimStore) -> str:
    if record.path is None:
        return "standard input"
    if "://" in record.path:
        return record.path
    return os.path.relpath(os.path.normpath(store.path.parent / record.path))


def _claims_of(document: Document, nlp: "Language", report: ExtractReport, advance) -> Iterator[Claim]:
    """The document's claims, counted and marked with the text they index, as they are found."""
    length = max(len(document.text), 1)
    for piece in iter_chunk_claims(document.text, doc_id=document.doc_id, doc_path=document.path, nlp=nlp):
        report.sentences += piece.sentences
        report.claims += len(piece.claims)
        report.attributed += sum(1 for claim in piece.claims if claim.attributed)
        advance(piece.characters / length)
        for claim in piece.claims:
            yield claim.model_copy(update={"doc_sha256": document.sha256})


def _record(document: Document, store: ClaimStore) -> DocumentRecord:
    meta = document.metadata
    return DocumentRecord(
        doc_id=document.doc_id,
        sha256=document.sha256,
        path=stored_path(document.path, store.path.parent),
        url=document.url,
        title=meta.title,
        author=meta.author,
        publisher=meta.publisher,
        published=meta.published,
        extracted_at=now(),
        text=document.text,
    )


class _IdChooser:
    """The document id each input of a batch gets (see the module docstring)."""

    def __init__(self, store: ClaimStore, files: Sequence[str], explicit: Optional[str]):
        self.explicit = explicit
        self.current = store.documents.current()
        self.known: dict[str, str] = {}
        for record in self.current.values():
            if record.path is not None:
                self.known[_key(record.path, store.path.parent)] = record.doc_id
        self.by_tree = _tree_ids(files)

    def id_for(self, path: str) -> Optional[str]:
        """The id to read ``path`` under; None lets the reader choose (a stem, a URL's name, stdin's digest)."""
        if self.explicit is not None:
            return self.explicit
        if path == STDIN:
            return None
        known = self.known.get(_key(path, None))
        if known is not None:
            return known
        return self.by_tree.get(path)


def _key(path: str, base: Optional[Path]) -> str:
    """How a file or URL is recognised across runs: its real path, or the URL itself."""
    if "://" in path:
        return path
    return os.path.realpath(base / path if base is not None else path)


def _tree_ids(files: Sequence[str]) -> dict[str, str]:
    """Ids for files of the batch that share a stem: their paths, without suffix, below the folder they share."""
    by_stem: dict[str, list[str]] = defaultdict(list)
    for path in files:
        if path != STDIN and not is_url(path):
            by_stem[PurePath(path).stem].append(path)
    ids: dict[str, str] = {}
    for paths in by_stem.values():
        if len(paths) < 2:
            continue
        shared = os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in paths])
        for path in paths:
            ids[path] = PurePath(os.path.relpath(os.path.abspath(path), shared)).with_suffix("").as_posix()
    return ids
