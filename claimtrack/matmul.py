"""spaCy's matrix products through numpy's BLAS, on one thread, instead of blis.

thinc, under spaCy's CPU pipelines, multiplies matrices with blis. On the
Intel Xeon (AVX-512) that claimtrack is measured on, blis 1.3 cannot tell
how many FMA units the processor has (``BLIS_ARCH_DEBUG=1``: "Number of
FMA units unknown; using 'haswell' (not 'skx') config") and runs its
Haswell kernels with reference (unoptimised) packing, and the English
pipeline's products of a batch took 1.8-2x as long as through the OpenBLAS
that numpy's wheels bundle, on one thread; the pipeline as a whole took
10-17% longer, with the same tags, parses and entities. thinc's own
``NumpyOps(use_blis=False)`` hands these products to numpy. (The parser's
compiled loop, one small product per step, still calls blis directly.)

OpenBLAS starts a thread per core; on products this small a second thread
doubled the CPU time without shortening anything, and took the core that
claimtrack's own rules run on. :func:`one_blas_thread` limits numpy's BLAS
to one thread while claimtrack parses, and puts back what was set before.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language


def use_numpy_matmul(nlp: Language) -> None:
    """Let every model of ``nlp`` that multiplies with blis on the CPU multiply with numpy instead."""
    from thinc.api import NumpyOps

    numpy_ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if type(layer.ops) is NumpyOps and layer.ops.use_blis:
                layer.ops = numpy_ops


# Threads may parse at once (a Dask worker's, a caller's own): the first to start limits BLAS, the last to
# finish puts back what was set before, so overlapping blocks never leave the process at one thread.
_lock = threading.Lock()
_controller: Any = None
_limiter: Any = None
_parsing = 0


@contextlib.contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's BLAS (and any other loaded) on one thread inside the block; as it was once no block is open."""
    global _controller, _limiter, _parsing
    from threadpoolctl import ThreadpoolController

    with _lock:
        if _parsing == 0:
            # Finding the loaded BLAS libraries takes a fraction of a millisecond; limiting through
            # the controller that found them, a hundredth of that.
            if _controller is None:
                _controller = ThreadpoolController()
            _limiter = _controller.limit(limits=1, user_api="blas")
        _parsing += 1
    try:
        yield
    finally:
        with _lock:
            _parsing -= 1
            if _parsing == 0:
                _limiter.restore_original_limits()
                _limiter = None
