"""Meaning vectors for the matcher: paraphrases share no words ("Amazon's use of the USPS" vs "Amazon costing
the Post Office") and BM25 cannot see them.

WordLlama's static embeddings (token vectors pooled and normalised; no neural network at run time) ship
inside its wheel, so nothing is downloaded when verify runs, and a text costs about 0.06 ms on one core.
Measured on CLEF CheckThat! 2A train (eval/matching_eval.py) as a score part beside the word parts: R@5
0.903 -> 0.914, MAP@5 0.856 -> 0.869. The model is loaded from the package's own files (its `load()` looks
for the tokenizer in a folder the wheel does not have, then tries the network).
"""

from __future__ import annotations

import gc
from array import array
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

WEIGHTS = ("weights", "l2_supercat_256.safetensors")
TOKENIZER = ("tokenizers", "l2_supercat_tokenizer_config.json")


def embed(texts: Sequence[str]) -> list[array]:
    """Unit-length meaning vectors as compact float arrays (a module function, so worker processes can
    receive it)."""
    if not texts:
        return []
    import numpy

    with numpy.errstate(invalid="ignore", divide="ignore"):  # a text with no known token: a zero vector
        vectors = numpy.nan_to_num(_model().embed(list(texts), norm=True).astype("float32"))
    return [array("f", row.tobytes()) for row in vectors]


@lru_cache(maxsize=1)
def _model():
    """Loaded once per process (~0.3 s), from the wheel's own files, with the garbage collector paused: the
    tokenizer's many small objects set off collections that cost about a tenth of the load (380 -> 340 ms)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _load()
    finally:
        if enabled:
            gc.enable()


def _load():
    import wordllama
    from safetensors import safe_open
    from wordllama import WordLlama
    from wordllama.inference import WordLlamaInference

    package = Path(wordllama.__file__).parent
    tokenizer = WordLlama.load_tokenizer(package.joinpath(*TOKENIZER), hf_model_id=None)
    with safe_open(str(package.joinpath(*WEIGHTS)), framework="np", device="cpu") as weights:
        return WordLlamaInference(weights.get_tensor("embedding.weight"), tokenizer)
