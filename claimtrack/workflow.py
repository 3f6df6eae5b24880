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
- **Nothing half stored, little lost.** Claims are spooled as they are found
  and written, with the texts they index, in short locked writes of whole
  documents: at the end, and along the way once a minute or more has passed,
  so a run that is killed or crashes keeps what it saved, and the next run
  resumes after it. Each save rewrites the store, so saves are spaced to take
  at most a tenth of the run however large the store is.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
import time
from collections import Counter, defaultdict, deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, BinaryIO, TextIO

from .chunks import MAX_CHUNK_CHARS, ChunkResult, ChunkTask, split_into_chunks
from .errors import InputError
from .fingerprint import pipeline_identity, settings_digest
from .ingest import Document, expand_inputs, file_doc_id, is_stream, read_document
from .models import Claim, DocumentRecord, now, publication_day
from .nlp import load_pipeline
from .parallel import DaskRunner, InProcess, LocalPool, Runner, batches
from .readers.fetch import is_url
from .store import ClaimSpool, ClaimStore, Problem
from .store.documents import DETAILS, changed_details, same_source, stored_path
from .store.index import fingerprint_of

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

    from .clusters.ahead import ClusteredAhead
    from .clusters.signature import SignedAhead

STDIN = "-"
# Saves along the way: at least this far apart, and spaced so that rewriting
# the store takes at most SAVE_SHARE of the run. (Until stop 28 a save was also
# made once every input was handed out, so that clustering the documents spooled
# so far overlapped the parsing of the last ones; it rewrote the store once more
# for little overlap, and extracts measured faster without it, in one process
# and with workers, into a fresh store and into a store five times the spool.)
SAVE_EVERY_SECONDS = 60.0
SAVE_SHARE = 0.1


class ExtractEvents:
    """What a caller hears while a batch is extracted; override what you need (all do nothing here).

    With ``jobs=1`` inputs are read in the thread that parses them, so
    ``started``, ``skipped``, ``warning`` and ``error`` may come from a thread
    other than the caller's, and so may ``in_hand`` for a document read after
    all before it were done; ``advanced`` and ``extracted`` come from the caller's.
    """

    def planned(self, inputs: Sequence[str]) -> None:
        """The inputs that will be read, in order."""

    def started(self, path: str) -> None:
        """An input is being read and extracted."""

    def in_hand(self, path: str) -> None:
        """The document whose claims come next: the oldest one read and not yet extracted, named when it is read
        or when the one before it is done. Inputs are read ahead of it (many, for worker processes): ``started``
        names those."""

    def advanced(self, path: str, share: float) -> None:
        """``share`` (0-1) more of the input's text has been extracted."""

    def warning(self, message: str) -> None:
        """Something about an input the user should know; it was still extracted."""

    def error(self, problem: InputError) -> None:
        """An input that could not be read or stored; the batch goes on without it."""

    def extracted(self, path: str) -> None:
        """All of an input's claims were found (they are stored with the others at the end)."""

    def skipped(self, path: str) -> None:
        """An input stored already with the same text and settings: not extracted again."""

    def saving(self, documents: int) -> None:
        """A save of ``documents`` whole documents into the store starts (along the way, or at the end)."""

    def saved(self, documents: int) -> None:
        """The save that started is done: those documents are stored."""


@dataclass
class ExtractReport:
    """What a batch did: counts, the inputs it skipped, the annotations set aside."""

    documents: int = 0
    sentences: int = 0
    claims: int = 0
    attributed: int = 0
    unchanged: int = 0
    # Stored already with the same text and settings, and new details (a corrected date or title): with --force
    # among the documents extracted again, else updated without extracting their claims again.
    details_updated: int = 0
    details: list[str] = field(default_factory=list)  # which details changed, in DETAILS order
    orphaned: int = 0  # annotated claims whose words did not come back, kept as orphans
    stopped: bool = False
    not_started: int = 0
    errors: list[InputError] = field(default_factory=list)
    set_aside: list[Problem] = field(default_factory=list)

    def summary(self, store_path: Path) -> str:
        counts = ", ".join(
            _count(n, word) for n, word in ((self.documents, "document"), (self.sentences, "sentence"), (self.claims, "claim"))
        )
        return f"{counts}, {self.attributed} attributed -> {store_path}{self._orphans()}"

    def _orphans(self) -> str:
        """What became of the verdicts on words a document no longer has; said as `remove` says it."""
        if not self.orphaned:
            return ""
        kept = "an orphan" if self.orphaned == 1 else "orphans"
        return f"; {_count(self.orphaned, 'annotated claim')} no longer in the text, kept as {kept}"


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def extract_into_store(
    paths: Sequence[str],
    store: ClaimStore,
    *,
    nlp: Language | None = None,
    model: str | None = None,
    jobs: int = 1,
    scheduler: Any = None,
    force: bool = False,
    doc_id: str | None = None,
    replace: bool = False,
    stdin: TextIO | BinaryIO | None = None,
    events: ExtractEvents | None = None,
    stop: threading.Event | None = None,
    cluster: bool = True,
) -> ExtractReport:
    """Read ``paths`` (files, folders, URLs, ``-``), extract their claims and store them with their texts.

    Parsing runs in this process with ``nlp`` (else the pipeline ``model``
    names) when ``jobs`` is 1, in ``jobs`` worker processes otherwise, or on
    the Dask cluster at ``scheduler`` (an address or a ``distributed.Client``);
    the store written is the same. A document stored already with the same
    text and the same settings is skipped unless ``force``, its details (title,
    publication date, author, publisher, URL) stored when they changed. Once ``stop`` is
    set (a signal handler sets it), no further document is started: those in
    hand are finished and stored, and ``report.stopped`` says so. With
    ``cluster`` (the default) each new claim joins the cluster of the
    earlier claims of other documents that state the same fact
    (:mod:`claimtrack.clusters`); the store's writer assigns them, whichever
    runner parsed the documents.
    """
    events = events or ExtractEvents()
    report = ExtractReport()
    if doc_id is not None and len(paths) > 1:
        raise InputError("--doc-id names one document: give one input")
    store.refuse_unwritable()  # before any input is read or parsed: that work could not be stored
    files, errors = expand_inputs(paths)
    files = _without_store_files(files, store, errors)
    for problem in errors:
        _skip(problem, report, events)
    with contextlib.ExitStack() as stack:
        runner = None
        if nlp is None and scheduler is None and _worth_workers(files, jobs):
            # Before the progress bar: the workers are forked from this process while it runs no other thread.
            runner = stack.enter_context(LocalPool(jobs, model))
        events.planned(files)
        if runner is None:
            if scheduler is None and nlp is None:
                nlp = load_pipeline(model)
            runner = stack.enter_context(_runner(nlp, model, scheduler))
        settings = settings_digest(pipeline_identity(model, nlp))
        inputs = _Inputs(
            store, files, report, events, settings=settings, doc_id=doc_id, replace=replace, force=force, stdin=stdin, stop=stop
        )
        # Workers parse while this process waits: it can choose the clusters of each document as it comes back.
        choose_ahead = cluster and (nlp is None or scheduler is not None)
        saver = stack.enter_context(_Saver(store, inputs, cluster=cluster, choose_ahead=choose_ahead))
        for results in runner.map(batches(inputs.tasks())):
            for result in results:
                finished = inputs.stored_piece(result, saver.spool)
                saver.sign_ahead(result.lines, finished)
                if not inputs.mid_document:
                    saver.save_if_due()
        saver.save()
        if inputs.new_details:
            store.update_details(inputs.new_details)
    return report


def _without_store_files(files: list[str], store: ClaimStore, errors: list[InputError]) -> list[str]:
    """``files`` less the store's own (claims.jsonl and the files beside it), each refused in ``errors``.

    Named by mistake (``extract data/claims.jsonl``), the store would be read
    as the text of an article and stored into itself as a junk document.
    """
    kept = []
    for path in files:
        own = None if path == STDIN or is_url(path) else store.own_file(path)
        if own is None:
            kept.append(path)
        else:
            what = "the claim store" if own == store.path else f"part of the claim store {store.path}"
            errors.append(InputError(f"{path}: {what}, not an article to extract", label=path))
    return kept


def _worth_workers(files: Sequence[str], jobs: int) -> bool:
    """Whether worker processes would pay for their start: several inputs, or one big enough to be cut in pieces."""
    if jobs <= 1:
        return False
    if len(files) > 1:
        return True
    return bool(files) and files[0] != STDIN and not is_url(files[0]) and _file_size(files[0]) > 2 * MAX_CHUNK_CHARS


def _file_size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def _runner(nlp: Language | None, model: str | None, scheduler: Any) -> Runner:
    """A Dask cluster's workers, or this process's ``nlp`` (local workers are started before it: see above)."""
    if scheduler is not None:
        return DaskRunner(scheduler, model)
    assert nlp is not None
    return InProcess(nlp)


@dataclass
class _InHand:
    """A document read and sent to be parsed, waiting for its pieces' claims."""

    path: str
    document: Document
    pieces: int


class _Inputs:
    """The batch's inputs read one by one as the runner asks for work, and their results stored in order."""

    def __init__(
        self,
        store: ClaimStore,
        files: Sequence[str],
        report: ExtractReport,
        events: ExtractEvents,
        *,
        settings: str,
        doc_id: str | None,
        replace: bool,
        force: bool,
        stdin,
        stop: threading.Event | None,
    ):
        self.store, self.files, self.report, self.events = store, files, report, events
        self.settings, self.replace, self.force, self.stdin, self.stop = settings, replace, force, stdin, stop
        self.chooser = _IdChooser(store, files, doc_id)
        self.taken: set[str] = set()
        self.in_hand: deque[_InHand] = deque()
        self.records: list[DocumentRecord] = []
        self.new_details: list[DocumentRecord] = []  # records of texts stored already, to store without extracting
        self.mid_document = False

    def tasks(self) -> Iterator[ChunkTask]:
        """The pieces of every input still to extract, in order; stops early once ``stop`` is set."""
        for index, path in enumerate(self.files):
            if self.stop is not None and self.stop.is_set():
                self.report.stopped = True
                self.report.not_started = len(self.files) - index
                return
            document = self._read(path)
            if document is None:
                continue
            pieces = split_into_chunks(document.text)
            self.in_hand.append(_InHand(path, document, len(pieces)))
            if len(self.in_hand) == 1:
                self.events.in_hand(path)
            for offset, text in pieces:
                ends = offset + len(text) == len(document.text)
                yield ChunkTask(document.doc_id, document.path, document.sha256, offset, text, ends)

    def _read(self, path: str) -> Document | None:
        """The input's document, or None when it cannot be read or is stored already, unchanged."""
        self.events.started(path)
        try:
            document = _read(
                path, self.chooser, self.store, replace=self.replace, stdin=self.stdin, taken=self.taken, stop=self.stop
            )
        except InputError as problem:
            _skip(problem, self.report, self.events)
            return None
        self.taken.add(document.doc_id)
        current = self.chooser.current.get(document.doc_id)
        if current is not None and (current.sha256, current.extraction_settings) == (document.sha256, self.settings):
            stored = self._new_details(current, _record(document, self.store, self.settings))
            if not self.force:
                if not stored:
                    self.report.unchanged += 1
                self.events.skipped(path)
                return None
        for warning in document.warnings:
            self.events.warning(warning)
        return document

    def _new_details(self, current: DocumentRecord, record: DocumentRecord) -> bool:
        """Note the details in which ``record`` (of the text ``current`` has) differs from it, to be stored (by
        :meth:`ClaimStore.update_details` unless the text is extracted again); False when there are none."""
        changed = changed_details(current, record)
        if not changed:
            return False
        self.report.details_updated += 1
        self.report.details = [name for name in DETAILS if name in changed or name in self.report.details]
        if not self.force:
            self.new_details.append(record)
        return True

    def stored_piece(self, result: ChunkResult, spool: ClaimSpool) -> Document | None:
        """Spool the claims of the oldest document's next piece; record the document once all its pieces are in,
        and return it then."""
        hand = self.in_hand[0]
        spool.add_lines(hand.document.doc_id, result.lines)
        self.report.sentences += result.sentences
        self.report.claims += len(result.lines)
        self.report.attributed += result.attributed
        self.events.advanced(hand.path, result.characters / max(len(hand.document.text), 1))
        hand.pieces -= 1
        self.mid_document = hand.pieces > 0
        if hand.pieces > 0:
            return None
        self.records.append(_record(hand.document, self.store, self.settings))
        self.report.documents += 1
        self.events.extracted(hand.path)
        # Only then: with --jobs 1 the next document, read in another thread into an empty hand, is named at once.
        self.in_hand.popleft()
        if self.in_hand:  # read already: its pieces are being parsed, or wait their turn
            self.events.in_hand(self.in_hand[0].path)
        return hand.document


class _Saver:
    """The run's spool of whole documents, written into the store along the way and at the end."""

    def __init__(self, store: ClaimStore, inputs: _Inputs, *, cluster: bool, choose_ahead: bool = False):
        self.store, self.inputs, self.cluster, self.choose_ahead = store, inputs, cluster, choose_ahead
        self.spool = ClaimSpool()
        self.ahead = _signed_ahead(cluster)
        self.chosen = self._clustered_ahead()
        self.loading_model = _load_embedding_model_now() if choose_ahead else None
        self.document_claims: list[Claim] = []  # the claims so far of the document being spooled
        self.last_saved = time.monotonic()
        self.save_took = 0.0

    def __enter__(self) -> _Saver:
        return self

    def __exit__(self, *exc_info) -> None:
        self._stop_choosing()
        self._model_loaded()
        self.spool.close()

    def sign_ahead(self, lines: list[str], finished: Document | None = None) -> None:
        """Make the clustering signatures of spooled claims now, while the parser works, rather than in the save
        that follows the last document (the one part of a run that no worker can share); and, with workers
        parsing, choose the clusters of each document ``finished`` by these lines."""
        if self.ahead is None:
            return
        self._model_loaded()
        claims = [Claim.model_validate_json(line) for line in lines]
        for claim in claims:
            self.ahead.add(claim)
        if self.chosen is None:
            return
        self.document_claims += claims
        if finished is not None:
            if finished.doc_id in self.inputs.chooser.current:
                self.chosen.stop()  # extracted again: the save forgets its old claims first, and chooses itself
            else:
                signatures = self.ahead.peek(self.document_claims)
                published = publication_day(finished.metadata.published)
                self.chosen.add_document(finished.doc_id, self.document_claims, signatures, published)
            self.document_claims = []

    def save_if_due(self) -> None:
        """Save when enough time has passed; call it only between documents."""
        if time.monotonic() - self.last_saved >= max(SAVE_EVERY_SECONDS, self.save_took / SAVE_SHARE):
            self.save()

    def save(self) -> None:
        """Write the spooled documents and their texts into the store, and start a fresh spool."""
        started = time.monotonic()
        if len(self.spool):
            records, self.inputs.records = self.inputs.records, []
            self._stop_choosing()
            self.inputs.events.saving(len(records))
            replacement = self.store.replace_documents(
                self.spool.documents(), records, cluster=self.cluster, ahead=self.ahead, chosen=self.chosen
            )
            self.inputs.events.saved(len(records))
            self.inputs.report.set_aside.extend(replacement.set_aside)
            self.inputs.report.orphaned += replacement.orphaned
            self.spool.close()
            self.spool = ClaimSpool()
            self.ahead = _signed_ahead(self.cluster)
            self.chosen = self._clustered_ahead()
        self.last_saved = time.monotonic()
        self.save_took = self.last_saved - started

    def _clustered_ahead(self) -> ClusteredAhead | None:
        if not self.choose_ahead:
            return None
        from .clusters.ahead import ClusteredAhead

        return ClusteredAhead(self.store.clusters_path, fingerprint_of(self.store.path))

    def _model_loaded(self) -> None:
        """Wait for the embedding model loading in the background, if it is (see _load_embedding_model_now)."""
        if self.loading_model is not None:
            self.loading_model.join()
            self.loading_model = None

    def _stop_choosing(self) -> None:
        if self.chosen is not None:
            self.chosen.stop()


def _load_embedding_model_now() -> threading.Thread:
    """Load the claim embedding model while the workers load the parser and this process waits for them."""
    from .clusters.embedding import load_model_in_background

    return load_model_in_background()


def _signed_ahead(cluster: bool) -> SignedAhead | None:
    if not cluster:
        return None
    from .clusters.signature import SignedAhead

    return SignedAhead()


def _skip(problem: InputError, report: ExtractReport, events: ExtractEvents) -> None:
    report.errors.append(problem)
    events.error(problem)


def _read(
    path: str, chooser: _IdChooser, store: ClaimStore, *, replace: bool, stdin, taken: set[str], stop: threading.Event | None
) -> Document:
    """Read one input under the id chosen for it, refusing an id that belongs to other words."""
    stdin = stdin if stdin is not None else sys.stdin.buffer
    document = read_document(path, stdin=stdin, doc_id=chooser.id_for(path), stop=stop)
    if document.doc_id in taken:
        raise InputError(
            f"{path}: another input in this batch also has the document id {document.doc_id!r}; give it its own --doc-id",
            label=_label(path),
        )
    current = chooser.current.get(document.doc_id)
    if current is None or current.sha256 == document.sha256 or replace:
        return document
    if not same_source(document.path, current, store.path.parent):
        raise InputError(
            f"{_label(path)}: document id {document.doc_id!r} already belongs to another text, "
            f"read from {_origin(current, store)}; give this one its own --doc-id, or --replace to replace that document",
            label=_label(path),
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


def _record(document: Document, store: ClaimStore, settings: str) -> DocumentRecord:
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
        extraction_settings=settings,
        text=document.text,
    )


class _IdChooser:
    """The document id each input of a batch gets (see the module docstring)."""

    def __init__(self, store: ClaimStore, files: Sequence[str], explicit: str | None):
        self.explicit = explicit
        # The texts' file says what is stored only beside the claims it was written with: with the claims file
        # deleted (to start over, say), nothing is stored, and nothing is skipped as stored already.
        self.current = store.documents.current() if store.path.exists() else {}
        self.known: dict[str, str] = {}
        for record in self.current.values():
            if record.path is not None:
                self.known[_key(record.path, store.path.parent)] = record.doc_id
        self.by_tree = _tree_ids(files)

    def id_for(self, path: str) -> str | None:
        """The id to read ``path`` under; None lets the reader choose (a stem, a URL's name, stdin's digest)."""
        if self.explicit is not None:
            return self.explicit
        if path == STDIN:
            return None
        known = self.known.get(_key(path, None))
        if known is not None:
            return known
        return self.by_tree.get(path)


def _key(path: str, base: Path | None) -> str:
    """How a file or URL is recognised across runs: its real path, or the URL itself."""
    if "://" in path:
        return path
    return os.path.realpath(base / path if base is not None else path)


def _tree_ids(files: Sequence[str]) -> dict[str, str]:
    """Ids for files of the batch that share a stem: their paths, without suffix, below the folder they share; with
    it, for files of one folder that differ only in it (`story.html`, `story.md`: a page saved two ways)."""
    by_stem: dict[str, list[str]] = defaultdict(list)
    for path in files:
        if path != STDIN and not is_url(path) and not is_stream(path):  # a stream's id is made of its words
            by_stem[PurePath(path).stem].append(path)
    ids: dict[str, str] = {}
    for paths in by_stem.values():
        if len(paths) < 2:
            continue
        shared = os.path.commonpath([os.path.dirname(os.path.abspath(p)) for p in paths])
        below = {path: PurePath(os.path.relpath(os.path.abspath(path), shared)) for path in paths}
        names = Counter(relative.with_suffix("").as_posix() for relative in below.values())
        for path, relative in below.items():
            name = relative.with_suffix("").as_posix()
            ids[path] = file_doc_id(name if names[name] == 1 else relative.as_posix())
    return ids
