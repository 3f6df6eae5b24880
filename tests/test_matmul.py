"""spaCy's products through numpy: the same annotations as blis gives, and numpy's BLAS on one thread while parsing."""

from __future__ import annotations

import pytest
from thinc.api import NumpyOps
from threadpoolctl import threadpool_info

from claimtrack.chunks import ChunkTask
from claimtrack.extract import parse_batch
from claimtrack.matmul import one_blas_thread, use_numpy_matmul
from claimtrack.nlp import add_sentence_rules
from conftest import base_pipeline_or_skip

# Written for these tests: names, figures, a quotation and a clause that attributes.
TEXT = (
    "Kyiv's defence ministry said on Monday that 11,000 soldiers had crossed the border. "
    '"We see them every day," Lieutenant Colonel Olena Hrytsenko told reporters in Kharkiv.\n\n'
    "Analysts at the Institute for the Study of War believe Moscow pays $2,000 per soldier each month."
)


def parses(doc) -> list[tuple[str, str, int, str, str]]:
    return [(t.tag_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in doc]


def blis_users(nlp) -> int:
    return sum(
        1
        for _, component in nlp.components
        if getattr(component, "model", None) is not None
        for layer in component.model.walk()
        if isinstance(layer.ops, NumpyOps) and layer.ops.use_blis
    )


@pytest.fixture(scope="module")
def base():
    nlp = base_pipeline_or_skip()
    add_sentence_rules(nlp)
    return nlp


def test_matmul_load_pipeline_multiplies_with_numpy(nlp):
    assert blis_users(nlp) == 0


def test_matmul_same_annotations_as_blis(base):
    assert blis_users(base) > 0
    expected = [parses(doc) for doc in base.pipe([TEXT, TEXT.lower()])]
    use_numpy_matmul(base)
    assert blis_users(base) == 0
    assert [parses(doc) for doc in base.pipe([TEXT, TEXT.lower()])] == expected


def blas_threads() -> list[int]:
    return [library["num_threads"] for library in threadpool_info() if library["user_api"] == "blas"]


def blas_threads_or_skip() -> list[int]:
    """The threads of each BLAS library now; the test skips where one thread is all there is to see."""
    threads = blas_threads()
    if not threads or threads == [1] * len(threads):  # pragma: no cover - depends on the machine and numpy
        pytest.skip("no BLAS library found that runs more than one thread")
    return threads


def test_matmul_one_blas_thread_while_parsing_then_as_before(nlp):
    before = blas_threads_or_skip()
    with one_blas_thread():
        assert blas_threads() == [1] * len(before)
        nlp(TEXT)
    assert blas_threads() == before


def test_matmul_workers_parse_with_one_blas_thread_and_leave_the_setting_after(nlp):
    """parse_batch is what local and Dask workers run: one BLAS thread while parsing, the worker's own after."""
    before = blas_threads_or_skip()
    seen: list[list[int]] = []

    class Watched:
        def pipe(self, texts):
            seen.append(blas_threads())
            yield from nlp.pipe(texts)

    results = parse_batch([ChunkTask("kyiv", None, None, 0, TEXT)], Watched())
    assert seen == [[1] * len(before)]
    assert blas_threads() == before
    assert results[0].lines  # the claims were made


def test_matmul_overlapping_parses_put_back_the_setting_when_the_last_ends():
    before = blas_threads_or_skip()
    first, second = one_blas_thread(), one_blas_thread()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)  # the first parse ends while the second goes on
    assert blas_threads() == [1] * len(before)
    second.__exit__(None, None, None)
    assert blas_threads() == before
