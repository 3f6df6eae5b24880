"""Sentence vectors for claim matching, from the word embeddings that the ``wordllama`` wheel ships.

A claim's vector is the mean of its tokens' embeddings (WordLlama's
``l2_supercat`` model: a Llama 2 tokenizer and a 32,000 x 256 table of
16 MB), cut to its first 128 dimensions (the model is trained so that a
prefix is itself an embedding) and stored as signed bytes: 128 bytes a
claim in the cluster index. Paraphrases with few words in common
("shipping would resume within two days" / "ships could use the harbour
again within 48 hours") are near in this space where their words are not.

The files are read from the installed package's folder with ``tokenizers``
and ``safetensors`` alone: wordllama's own loader is not used, since it looks
for its bundled tokenizer in the wrong folder and then downloads one, and
importing the package configures the root logger. Nothing here touches the
network; the hub libraries are told to stay offline all the same. Loaded on
first use, once per process: only commands that match claims pay for it.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import os
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import ClusterError

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np
    from tokenizers import Tokenizer

_TOKENIZER = Path("tokenizers") / "l2_supercat_tokenizer_config.json"
_WEIGHTS = Path("weights") / "l2_supercat_256.safetensors"
DIMENSIONS = 128


# At most this many words' tokens are kept (a few MB); then all are dropped and kept again as they come.
WORD_CACHE = 200_000


class EmbeddingModel:
    """The tokenizer and the token embedding table (float32, one row a token): text in, a quantised vector out."""

    def __init__(self, tokenizer: Tokenizer, table: np.ndarray):
        self.tokenizer, self.table = tokenizer, table
        self._words: dict[str, list[int]] = {}

    def token_ids(self, text: str) -> list[int]:
        """``text``'s token ids, as the tokenizer gives them for the whole text.

        The tokenizer marks each space as "▁" and merges pieces of text by its
        rules, none of which joins anything to a "▁" but more of them: each
        word's tokens are those of "▁" and the word alone, whatever is around
        it. So words are tokenized once and kept (claims of one story share
        most of theirs): a third of the tokenizer's time for a store step of
        12,544 claims. Text with a "▁" of its own or spaces not between two
        words (a run of them, at either end) is tokenized whole.
        """
        words = text.split(" ")
        if "" in words or "\u2581" in text:
            return self.tokenizer.encode(text, add_special_tokens=False).ids
        known = self._words
        if len(known) > WORD_CACHE:
            known.clear()
        ids: list[int] = []
        for word in words:
            found = known.get(word)
            if found is None:
                found = known[word] = self.tokenizer.encode(word, add_special_tokens=False).ids
            ids += found
        return ids

    def vector(self, text: str) -> bytes:
        """The mean of ``text``'s token embeddings, scaled so its largest component is 127, as signed bytes.

        Cosine similarity does not depend on a vector's length, so each vector
        is scaled on its own; b"" for a text without tokens."""
        import numpy as np

        ids = self.token_ids(text)
        if not ids:
            return b""
        # What ``.mean(axis=0)`` and the larger of ``max`` and ``-min`` give, bit for bit (a float32 quotient is
        # correctly rounded either way), without their overhead: a vector is made for every new claim.
        mean = np.add.reduce(self.table[ids], axis=0) / len(ids)
        largest = float(np.abs(mean).max())
        if largest == 0.0:
            return b""
        return np.rint(mean * (127 / largest)).astype(np.int8).tobytes()


def cosine(a: bytes, b: bytes) -> float:
    """The cosine similarity of two vectors made by :meth:`EmbeddingModel.vector` (0 when either is empty)."""
    return cosines(a, [b])[0]


def cosines(vector: bytes, others: Sequence[bytes]) -> list[float]:
    """The cosine similarity of ``vector`` with each of ``others`` (0 where either is empty), in one product.

    Every float is the one that computing each pair on its own in float32 gives
    (``va @ vb / (norm(va) * norm(vb))``, as signatures of version 7 were first
    matched): products and sums of signed bytes are exact in int32 and in
    float32 alike, and the norms are float32 square roots multiplied in
    float32. A score at the threshold depends on the last bit, so no decision
    changes with the way it is computed.
    """
    return cosine_rows([vector], [others])[0]


def cosine_rows(vectors: Sequence[bytes], others: Sequence[Sequence[bytes]]) -> list[list[float]]:
    """:func:`cosines` of each of ``vectors`` with its own list of ``others``, the same floats, in one pass of numpy
    over every pair: a document's claims and their candidates, where numpy's calls for each claim alone cost more
    than its sums (12,500 claims with 6 candidates each, compiled: 0.162 s a claim at a time, 0.036 s 22 at once)."""
    import numpy as np

    scores = [[0.0] * len(theirs) for theirs in others]
    rows: list[int] = []
    columns: list[int] = []
    for row, (vector, theirs) in enumerate(zip(vectors, others, strict=True)):
        if vector:
            for column, other in enumerate(theirs):
                if other:
                    rows.append(row)
                    columns.append(column)
    if not rows:
        return scores
    queries = _int_rows(b"".join([vectors[row] for row in rows]))
    candidates = _int_rows(b"".join([others[row][column] for row, column in zip(rows, columns, strict=True)]))
    dots = np.einsum("ij,ij->i", queries, candidates)  # exact: at most 128 * 127 * 127 in int32
    norms = _norms(candidates) * _norms(queries)
    for row, column, dot, norm in zip(rows, columns, dots.tolist(), norms.astype(np.float64).tolist(), strict=True):
        scores[row][column] = dot / norm if norm else 0.0
    return scores


def _int_rows(joined: bytes) -> np.ndarray:
    """Vectors joined end to end, as the int32 rows of a matrix."""
    import numpy as np

    return np.frombuffer(joined, dtype=np.int8).reshape(-1, DIMENSIONS).astype(np.int32)


def _norms(rows: np.ndarray) -> np.ndarray:
    """The length of each row of signed bytes, a float32 square root (of a sum exact in float32)."""
    import numpy as np

    return np.sqrt((rows * rows).sum(axis=1).astype(np.float32))


def cosine_matrix(vectors: Sequence[bytes], others: Sequence[bytes]) -> np.ndarray:
    """The cosine similarity of each of ``vectors`` (rows) with each of ``others`` (columns), in one product;
    0 where either is empty. For ranking (which of a document's claims is nearest), not for a likeness: its
    floats need not be those of :func:`cosines` to the last bit.

    The dot products are exact: sums of 128 products of signed bytes stay
    below 2**24, where float32 holds every integer. They are summed by
    ``einsum``'s own loops, not ``@``: a product of floats goes to a BLAS
    whose threads then spin on every core, and numpy's product of integers
    is six times slower than ``einsum`` here (a story's claims against a
    new document's: 1.8 ms against 0.27 ms)."""
    import numpy as np

    mine, my_norms = _rows(vectors)
    theirs, their_norms = _rows(others)
    norms = np.outer(my_norms, their_norms)
    norms[norms == 0] = 1.0  # an empty vector's row of zeros: cosines of 0
    return np.einsum("ik,jk->ij", mine, theirs) / norms


def _rows(found: Sequence[bytes]) -> tuple[np.ndarray, np.ndarray]:
    """The vectors as the rows of a float32 matrix of their integer values (zeros for an empty one), and
    their lengths."""
    import numpy as np

    rows = np.zeros((len(found), DIMENSIONS), dtype=np.float32)
    full = [n for n, vector in enumerate(found) if vector]
    if full:
        rows[full] = np.frombuffer(b"".join(found[n] for n in full), dtype=np.int8).reshape(len(full), -1)
    return rows, np.sqrt((rows * rows).sum(axis=1).astype(np.float64))


@functools.cache
def load_model() -> EmbeddingModel:
    """The embedding model, read from the installed ``wordllama`` package's files (once per process)."""
    folder = _package_folder()
    # The hub libraries under ``tokenizers`` read these; nothing below asks them to download, and nothing may.
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import numpy as np
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    try:
        tokenizer = Tokenizer.from_file(str(folder / _TOKENIZER))
        # float32 once here rather than for every claim: the same values, so the same vectors.
        table = load_file(str(folder / _WEIGHTS))["embedding.weight"][:, :DIMENSIONS].astype(np.float32)
    except Exception as error:  # tokenizers raises a bare Exception for a file it cannot read
        raise ClusterError(f"cannot read the claim embedding model in {folder}: {error}") from error
    return EmbeddingModel(tokenizer, table)


def load_model_in_background() -> threading.Thread:
    """Start loading the embedding model (numpy, the tokenizer, the table: about 0.3 s of CPU) in a thread.

    An extract whose workers parse starts it at once, while they load the
    parser and this process waits, rather than when the first document comes
    back and the workers need both cores. Join the thread before the first
    vector. A failure here is left for that first :func:`load_model` call to
    raise again and report.
    """

    def load() -> None:
        with contextlib.suppress(Exception):
            load_model()

    thread = threading.Thread(target=load, name="claimtrack-embedding-model", daemon=True)
    thread.start()
    return thread


def _package_folder() -> Path:
    """Where ``wordllama`` is installed, found without importing it (its import configures logging)."""
    spec = importlib.util.find_spec("wordllama")
    if spec is None or not spec.submodule_search_locations:
        raise ClusterError("the claim embedding model is missing: pip install wordllama (a dependency of claimtrack)")
    return Path(next(iter(spec.submodule_search_locations)))
