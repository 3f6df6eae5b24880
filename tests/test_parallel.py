"""Parsing processes: the allocator settings of a worker."""

import platform
import subprocess
import sys

import pytest

# Allocate and zero-fill 16 MiB (4,096 pages) five times over, freeing it each time, under the trim threshold
# Dask's nanny gives its workers; print the page faults the five took.
_FAULTS = """
import resource, sys
from claimtrack.parallel import keep_freed_memory
if sys.argv[1] == "keep":
    keep_freed_memory()
for _ in range(3):
    block = bytearray(16 << 20); del block
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(5):
    block = bytearray(16 << 20); del block
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _page_faults(mode: str) -> int:
    env = {"MALLOC_TRIM_THRESHOLD_": "65536", "PATH": ""}
    run = subprocess.run([sys.executable, "-c", _FAULTS, mode], capture_output=True, text=True, check=True, env=env)
    return int(run.stdout)


@pytest.mark.skipif(platform.system() != "Linux" or platform.libc_ver()[0] != "glibc", reason="glibc's allocator")
def test_a_parsing_process_reuses_the_memory_it_frees():
    # Given back at once, 16 MiB is faulted in again, page by page, on every allocation: 5 x 4,096 faults.
    assert _page_faults("default") > 5 * 4000
    assert _page_faults("keep") < 1000
