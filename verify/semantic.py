"""Meaning vectors for the matcher: paraphrases share no words ("Amazon's use of the USPS" vs "Amazon costing
the Post Office") and BM25 cannot see them.

WordLlama's static embeddings (token vectors pooled and normalised; no neural network at run time) ship
inside its wheel, so nothing is downloaded when verify runs, and a text costs about 0.02 ms on one core.
Measured on CLEF CheckThat! 2A train (eval/matching_eval.py) as a score part beside the word parts: R@5
0.903 -> 0.914, MAP@5 0.856 -> 0.869.

Only the wheel's two files are read (the tokenizer and the weights), and the pooling of
`WordLlamaInference.embed(norm=True)` is done here, in the same float32 steps (tests/unit/test_semantic.py
holds the vectors equal to WordLlama's own): importing the `wordllama` package costs more than the model
itself (pydantic, its training code, a logging set-up), and its `load()` looks for the tokenizer in a folder
the wheel does not have, then tries the network. Loading it in a background thread while the matcher reads
the database was tried and gave nothing measurable: the load holds the GIL (numpy's import, the tokenizer).
The weights are memory-mapped, not read: a text touches a few dozen of the 32,000 rows, and reading all 16 MB
(`safetensors`' `get_tensor`) was a tenth of a cold process's first match (issue #18).
"""

from __future__ import annotations

import gc
import json
import os
import struct
import sys
import threading
from array import array
from collections.abc import Sequence
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

from verify.core.collector import settled

WEIGHTS = ("weights", "l2_supercat_256.safetensors")
TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")
BATCH = 1_024  # texts per tokenizer call
TOKENS_AT_ONCE = 65_536  # token vectors gathered in one step (64 MB of float32), however long the texts
WIDEN_FROM = 4_096  # texts in one call from which the weights are read widened to float32 (`_Model.weights_for`)
_LOADING = threading.Lock()


def embed(texts: Sequence[str]) -> list[array]:
    """Unit-length meaning vectors as compact float arrays (a module function, so worker processes can
    receive it)."""
    if not texts:
        return []
    return _model().embed(list(texts))


def embed_matrix(texts: Sequence[str]):
    """`embed`'s vectors as one float32 matrix (numpy), a row per text: for many texts at once."""
    return _model().matrix(list(texts))


embed.matrix = embed_matrix  # (read by callers given `embed` that want a matrix: `verify.core.rematch`)


def _model() -> _Model:
    with _LOADING:  # one load, however many of the dashboard's threads ask at once
        return _loaded()


@lru_cache(maxsize=1)
def _loaded() -> _Model:
    """Loaded once per process, with the garbage collector paused: the tokenizer's many small objects set off
    collections that cost about a tenth of the load. The process has then loaded what it keeps for good (the
    model, the matcher's modules): `settled` takes it out of later full collections."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        _import_numpy()
        model = _Model(wordllama_folder())
    finally:
        if enabled:
            gc.enable()
    settled()
    return model


_model.cache_clear = _loaded.cache_clear  # (tests load it afresh)


def _import_numpy() -> None:
    """numpy, imported with a single OpenBLAS thread unless the environment already says how many: verify never
    calls BLAS (the pooling here and the re-match's arrays are plain loops), and starting OpenBLAS' pool of
    threads when numpy loads cost about 50 ms of a cold process's first match on two cores, as much as the
    rest of numpy's import (issue #18). Worker processes inherit the setting, which spares them the pool too."""
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import numpy  # noqa: F401


def wordllama_folder() -> Path:
    """The installed `wordllama` package's folder, found without running its `__init__`."""
    return Path(find_spec("wordllama").submodule_search_locations[0])


class _Model:
    """WordLlama's dense inference: token vectors averaged over the text's tokens, then normalised."""

    def __init__(self, package: Path):
        # one thread per process unless the environment says otherwise: a batch of short texts, which
        # the tokenizer's thread pool split across cores for no gain (11.7 µs a text alone, 14 with it), and
        # in the re-match's workers (one per core) the pools' threads fought over the cores: the million
        # announcements' vectors took 10-20 CPU-seconds more (bench/bench_rematch.py)
        os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
        from tokenizers import Tokenizer

        self.tokenizer = Tokenizer.from_file(str(package.joinpath(*TOKENIZER)))
        self.tokenizer.no_padding()  # (texts of the same length are pooled together: see `matrix`)
        self.tokenizer.no_truncation()
        # the same ids and masks without the character offsets nobody reads: tokenizing is most of embedding,
        # and this halves it (tokenizers >= 0.21; `encode_batch` before)
        self.encode = getattr(self.tokenizer, "encode_batch_fast", self.tokenizer.encode_batch)
        self.vectors = mapped_tensor(package.joinpath(*WEIGHTS), "embedding.weight")  # float16: widened when used
        self.widened = None  # the weights as float32, once a call embeds `WIDEN_FROM` texts or more

    def weights_for(self, count: int):
        """The weights the token vectors are read from: the float16 memory map (a text reads a few dozen of
        its 32,000 rows, so a command embedding a few texts never reads the rest), or, for calls of
        `WIDEN_FROM` texts or more, all of them widened to float32 once per process (32 MB): reading float16
        rows and widening them cost 9.7 µs a text of 38, and a re-match embeds a million texts. The values
        are the same either way: every float16 is exactly a float32."""
        import numpy

        if self.widened is None and count >= WIDEN_FROM:
            self.widened = numpy.asarray(self.vectors, dtype=numpy.float32)
        return self.widened if self.widened is not None else self.vectors

    def embed(self, texts: list[str]) -> list[array]:
        return [array("f", row.tobytes()) for row in self.matrix(texts)]

    def matrix(self, texts: list[str]):
        """The texts' unit vectors as one float32 matrix, a row per text.

        Texts with the same number of tokens are pooled together, so no text is padded: WordLlama pads a
        batch of 64 to its longest text and multiplies every token vector by a mask, which was half the time
        of embedding (a text 28 -> 20 µs on the benchmark's announcements). The numbers are the same: each
        text's token vectors are added one by one in float32 as before (a padded one added zeros)."""
        import numpy

        weights = self.weights_for(len(texts))
        found = numpy.zeros((len(texts), self.vectors.shape[1]), dtype=numpy.float32)
        for start in range(0, len(texts), BATCH):
            encoded = self.encode(texts[start:start + BATCH], add_special_tokens=False)
            by_length: dict[int, list[int]] = {}
            for at, item in enumerate(encoded):
                by_length.setdefault(len(item.ids), []).append(start + at)
            by_length.pop(0, None)  # no known token: a zero vector
            for length, rows in by_length.items():
                step = max(1, TOKENS_AT_ONCE // length)
                for first in range(0, len(rows), step):
                    some = rows[first:first + step]
                    ids = numpy.array([encoded[at - start].ids for at in some], dtype=numpy.int32)
                    numpy.clip(ids, 0, self.vectors.shape[0] - 1, out=ids)
                    tokens = weights[ids].astype(numpy.float32, copy=False)  # (exactly: every float16 is a float32)
                    pooled = numpy.sum(tokens, axis=1, dtype=numpy.float32) / numpy.float32(length)
                    with numpy.errstate(invalid="ignore", divide="ignore"):
                        found[some] = numpy.nan_to_num(pooled / numpy.linalg.norm(pooled, axis=1, keepdims=True))
        return found


SAFETENSORS_DTYPES = {"F16": "float16", "F32": "float32"}


def mapped_tensor(path: Path, name: str):
    """A tensor of a safetensors file as a read-only memory map (the same bytes `safe_open(...).get_tensor`
    copies into memory): the format is an 8-byte little-endian header size, a JSON header giving each tensor's
    dtype, shape and byte range, then the data."""
    import numpy

    with open(path, "rb") as stream:
        (size,) = struct.unpack("<Q", stream.read(8))
        entry = json.loads(stream.read(size))[name]
    begin, end = entry["data_offsets"]
    dtype = numpy.dtype(SAFETENSORS_DTYPES[entry["dtype"]]).newbyteorder("<")
    tensor = numpy.memmap(path, dtype=dtype, mode="r", offset=8 + size + begin, shape=tuple(entry["shape"]))
    if tensor.nbytes != end - begin:
        raise ValueError(f"{path}: tensor {name!r} does not fill its byte range")
    return tensor
