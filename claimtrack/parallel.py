"""Where documents are parsed: in this process, in N local worker processes, or on a Dask cluster.

A runner takes batches of :class:`~claimtrack.chunks.ChunkTask` (pieces of
documents, in input order) and yields, batch by batch and in that same
order, their :class:`~claimtrack.chunks.ChunkResult` lists. Workers load the
pipeline once and keep it; the caller (the one store writer) receives
results in input order whatever order they finish in, so every runner
writes the same store. At most a few batches per worker are in flight, so
a corpus of any size is read as it is parsed, never all at once.
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import gc
import multiprocessing
import os
import queue
import signal
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from .chunks import ChunkResult, ChunkTask
from .errors import ClusterError

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language

# Pieces are parsed together, through one nlp.pipe call, up to this many
# characters: enough for spaCy to batch its matrix work, small enough that
# workers share the tail of a corpus evenly.
BATCH_CHARS = 16_000
# Batches in flight per worker: one being parsed, one waiting.
_AHEAD = 2
# How often Python hands the GIL between the parsing and the rules' threads (default 0.005).
_SWITCH_SECONDS = 0.0005

_CONNECT_SECONDS = 10

Batch = list[ChunkTask]


def batches(tasks: Iterable[ChunkTask], limit: int = BATCH_CHARS) -> Iterator[Batch]:
    """Group consecutive pieces into batches of at most ``limit`` characters (a longer piece goes alone)."""
    batch: Batch = []
    size = 0
    for task in tasks:
        if batch and size + len(task.text) > limit:
            yield batch
            batch, size = [], 0
        batch.append(task)
        size += len(task.text)
    if batch:
        yield batch


class Runner:
    """Parses batches somewhere; a context manager that releases its workers on exit."""

    def map(self, batches: Iterable[Batch]) -> Iterator[list[ChunkResult]]:
        """Each batch's results, in the order the batches came."""
        raise NotImplementedError

    def close(self) -> None:
        """Release the workers."""

    def __enter__(self) -> Runner:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


class InProcess(Runner):
    """Parse in this process with an already loaded pipeline (``--jobs 1``).

    spaCy parses in a second thread, one batch ahead of claimtrack's
    attribution rules in this one: spaCy's matrix and parser loops release
    the GIL, so the two overlap when a core is free. The batches (and so the
    reading of inputs, and the events it sends) are drawn in that thread.

    Python hands the GIL between threads every 5 ms by default: the parsing
    thread, back from each of its many GIL-free stretches, waits that long
    for the rules' thread to let go. A shorter interval while parsing lets
    the two overlap (measured with ``benchmarks/extract_parallel.py``).
    """

    def __init__(self, nlp: Language):
        self.nlp = nlp

    def map(self, batches: Iterable[Batch]) -> Iterator[list[ChunkResult]]:
        from .extract import results_of

        ahead: queue.Queue = queue.Queue(maxsize=_AHEAD)
        quit = threading.Event()
        thread = threading.Thread(target=self._parse, args=(batches, ahead, quit), name="claimtrack-parse", daemon=True)
        interval = sys.getswitchinterval()
        sys.setswitchinterval(_SWITCH_SECONDS)
        thread.start()
        try:
            while True:
                item = ahead.get()
                if item is _END:
                    return
                if isinstance(item, BaseException):
                    raise item
                batch, docs = item
                yield results_of(batch, docs)
        finally:
            quit.set()
            thread.join()
            sys.setswitchinterval(interval)

    def _parse(self, batches: Iterable[Batch], ahead: queue.Queue, quit: threading.Event) -> None:
        from .matmul import one_blas_thread

        item: Any = _END
        try:
            with one_blas_thread():
                for batch in batches:
                    if not _put(ahead, (batch, list(self.nlp.pipe(task.text for task in batch))), quit):
                        return
        except BaseException as exc:  # handed to the consuming thread, which raises it
            item = exc
        _put(ahead, item, quit)


_END = object()


def _put(ahead: queue.Queue, item: Any, quit: threading.Event) -> bool:
    """Put ``item`` when there is room; False when the consumer has gone."""
    while not quit.is_set():
        try:
            ahead.put(item, timeout=0.1)
            return True
        except queue.Full:
            continue
    return False


def _in_order(submit: Callable[[Batch], Any], batches: Iterable[Batch], window: int) -> Iterator[list[ChunkResult]]:
    """Submit batches, at most ``window`` in flight, and yield their results oldest first."""
    pending: deque = deque()
    for batch in batches:
        pending.append(submit(batch))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


class LocalPool(Runner):
    """Parse in ``jobs`` worker processes on this machine.

    On Linux, when this process runs no thread but its own, it loads the
    pipeline once and forks the workers at once, before any other thread
    starts (a progress bar's, the pool's own): each starts parsing with the
    pipeline it inherits, sharing its memory until written, rather than
    importing spaCy and loading the pipeline again, about 2 s of CPU a
    worker, while the others do the same on the same cores. The objects made
    so far are frozen out of the collector's reach first (``gc.freeze``), so
    that no collection touches, and so copies, the pages the workers share,
    nor walks the pipeline's objects again in this process; a library
    caller's objects of that moment stay frozen too (``gc.unfreeze()`` gives
    them back to the collector). Elsewhere, or beside other threads (a
    library caller's), where forking is unsafe, the workers are spawned and
    each loads the pipeline; not through a fork server, whose socket
    directory would outlive a ``kill -9``.

    Workers ignore SIGINT and SIGTERM: a Ctrl-C at the terminal reaches the
    whole process group, and so does the SIGTERM of ``timeout``, of a shell's
    ``kill %1`` or of systemd stopping a service; it is this process that
    decides to stop after the documents in hand, which the workers then
    finish. They exit by themselves if this process dies without shutting
    them down (``kill -9``).
    """

    def __init__(self, jobs: int, model: str | None = None):
        from concurrent.futures import ProcessPoolExecutor

        self.jobs = jobs
        forking = _can_fork()
        if forking:
            _pipeline(model)
            gc.freeze()
            for stream in (sys.stdout, sys.stderr):
                stream.flush()  # a forked worker gets a copy of whatever is still buffered
        start = multiprocessing.get_context("fork" if forking else "spawn")
        self.pool = ProcessPoolExecutor(jobs, mp_context=start, initializer=_start_worker, initargs=(model, os.getpid()))
        if forking:
            self.pool.submit(os.getpid)  # forks every worker now, in this thread, before the pool starts its own

    def map(self, batches: Iterable[Batch]) -> Iterator[list[ChunkResult]]:
        return _in_order(lambda batch: self.pool.submit(_parse_here, batch), batches, _AHEAD * self.jobs)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)


class DaskRunner(Runner):
    """Parse on the workers of a Dask cluster (``scheduler``: an address like ``tcp://host:8786``, or a Client).

    Each worker process loads the pipeline on its first batch and keeps it.
    Results stream back as they finish and are handed on in input order.
    """

    def __init__(self, scheduler: Any, model: str | None = None):
        try:
            from distributed import Client
        except ImportError:
            raise ClusterError("running on a Dask cluster needs dask: pip install 'claimtrack[dask]'") from None
        self.own_client = isinstance(scheduler, str)
        try:
            self.client = Client(scheduler, timeout=_CONNECT_SECONDS) if isinstance(scheduler, str) else scheduler
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        except ValueError as exc:  # distributed's parse of the address: "missing port number in address 'foo'"
            raise ClusterError(f"{scheduler!r} is not a Dask scheduler's address (like tcp://host:8786): {exc}") from None
        self.model = model
        threads = sum(self.client.nthreads().values()) or 1
        self.window = _AHEAD * threads

    def map(self, batches: Iterable[Batch]) -> Iterator[list[ChunkResult]]:
        submit = lambda batch: self.client.submit(parse_on_worker, batch, self.model, pure=False)  # noqa: E731
        return _in_order(submit, batches, self.window)

    def close(self) -> None:
        if self.own_client:
            self.client.close()


# One pipeline per worker process, loaded on first use and kept; a lock
# because a Dask worker may run several tasks at once in threads.
_pipelines: dict[str | None, Language] = {}
_lock = threading.Lock()


def _pipeline(model: str | None) -> Language:
    if model not in _pipelines:
        from . import extract  # noqa: F401  # the rules, imported with the pipeline: a forked worker inherits both
        from .nlp import load_pipeline

        keep_freed_memory()
        _pipelines[model] = load_pipeline(model)
    return _pipelines[model]


# glibc's malloc thresholds in a parsing process (see keep_freed_memory): the largest values its own
# adaptive thresholds reach on 64-bit machines.
_TRIM_THRESHOLD = 64 << 20
_MMAP_THRESHOLD = 32 << 20
_M_TRIM_THRESHOLD, _M_MMAP_THRESHOLD = -1, -3  # mallopt's parameter numbers (malloc.h)


def keep_freed_memory() -> None:
    """Let this process's C allocator keep the memory it frees for the next batch (glibc only; else nothing).

    spaCy allocates and frees arrays of several megabytes for every batch.
    Given straight back to the system, each is faulted in again, page by
    page, when it is allocated next. Dask's nanny starts its workers with a
    trim threshold of 64 KiB, so that they give memory back eagerly: parsing
    40 articles there took 690,000 page faults and 1.3-1.6 s of system time
    in a worker, against 22,000-25,000 faults and 0.05-0.11 s with these
    thresholds (and 94,000, 0.3-0.5 s, with glibc's own adaptive ones). A
    worker keeps up to 64 MiB more than it would otherwise.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # a C library without mallopt
        return
    mallopt(_M_TRIM_THRESHOLD, _TRIM_THRESHOLD)
    mallopt(_M_MMAP_THRESHOLD, _MMAP_THRESHOLD)


def _can_fork() -> bool:
    """Whether workers may be forked from this process: on Linux (macOS's system libraries are not safe to use in
    a forked child), and with no other thread running, which could hold a lock the children would inherit held."""
    return sys.platform.startswith("linux") and threading.active_count() == 1


def _start_worker(model: str | None, parent: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    threading.Thread(target=_exit_with, args=(parent,), name="claimtrack-watch-parent", daemon=True).start()
    global _default_model
    _default_model = model
    _pipeline(model)
    atexit.register(_exit_without_teardown)


_default_model: str | None = None


def _exit_without_teardown() -> None:
    """End a worker that the pool shut down without tearing its interpreter down.

    Freeing a loaded pipeline object by object takes a worker 0.2 s of CPU,
    at the end of every run, while the store writer waits for it. Nothing
    is lost: a worker sends each result before it takes the next batch, and
    writes nothing else. Registered once the pipeline is loaded, so a worker
    that failed to start still exits as Python would.
    """
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(0)


def _exit_with(parent: int) -> None:
    """End this worker once the process that started it is gone (killed, say, with ``kill -9``)."""
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def _parse_here(batch: Batch) -> list[ChunkResult]:
    from .extract import parse_batch

    return parse_batch(batch, _pipeline(_default_model))


def parse_on_worker(batch: Batch, model: str | None) -> list[ChunkResult]:
    """Parse a batch on a Dask worker with its cached pipeline (importable, so Dask pickles it by name)."""
    from .extract import parse_batch

    with _lock:
        return parse_batch(batch, _pipeline(model))
