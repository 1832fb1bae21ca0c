"""Meaning vectors: loaded from the installed wheel without the network, unit length, and closer for
paraphrases than for unrelated news."""

import math

import pytest

from verify import semantic


def cosine(a, b):
    return math.fsum(x * y for x, y in zip(a, b, strict=True))


@pytest.fixture(scope="module")
def offline_embed():
    """The model must load with every network call failing: newsrooms run verify without internet."""
    import requests

    original = requests.get

    def refuse(*args, **kwargs):
        raise AssertionError(f"verify tried the network: {args}")

    requests.get = refuse
    semantic._model.cache_clear()
    try:
        semantic.embed(["warm up"])
    finally:
        requests.get = original
    return semantic.embed


def test_vectors_are_unit_length_and_one_per_text(offline_embed):
    vectors = offline_embed(["Xiaomi will launch a Leica phone in July", "NVIDIA to acquire Mellanox", ""])
    assert len(vectors) == 3
    assert all(len(v) == 256 for v in vectors)
    assert cosine(vectors[0], vectors[0]) == pytest.approx(1.0, abs=1e-3)


def test_no_texts_give_no_vectors_and_an_empty_text_a_zero_vector(offline_embed):
    assert offline_embed([]) == []
    (empty,) = offline_embed([""])
    assert all(value == 0.0 for value in empty)


def test_a_paraphrase_is_closer_than_unrelated_news(offline_embed):
    rumor, paraphrase, unrelated = offline_embed([
        "Amazon is costing the Post Office a fortune as its delivery boy",
        "Amazon's use of the postal service for package delivery causes the USPS severe financial losses",
        "A storm closed schools across the county on Tuesday",
    ])
    assert cosine(rumor, paraphrase) > cosine(rumor, unrelated) + 0.2


def test_the_vectors_are_exactly_wordllamas_own(offline_embed):
    """The pooling is done here to spare the `wordllama` package's import: it must give the same numbers."""
    import numpy
    from wordllama import WordLlama
    from wordllama.inference import WordLlamaInference

    model = semantic._model()
    tokenizer = WordLlama.load_tokenizer(semantic.wordllama_folder().joinpath(*semantic.TOKENIZER), hf_model_id=None)
    theirs = WordLlamaInference(model.vectors, tokenizer)
    texts = [f"Xiaomi will launch phone number {n} with Leica in July" * (1 + n % 4) for n in range(70)]
    texts += ["", "NVIDIA to acquire Mellanox", "¿Qué? 明年上半年 🚀"]
    with numpy.errstate(invalid="ignore", divide="ignore"):
        expected = numpy.nan_to_num(theirs.embed(texts, norm=True).astype("float32"))
    assert [list(vector) for vector in offline_embed(texts)] == expected.tolist()


def test_a_large_call_reads_the_weights_widened_and_gives_the_very_same_vectors(offline_embed, monkeypatch):
    texts = [f"Xiaomi will launch phone number {n} with Leica in July" * (1 + n % 4) for n in range(70)]
    texts += ["", "NVIDIA to acquire Mellanox", "¿Qué? 明年上半年 🚀"]
    model = semantic._model()
    monkeypatch.setattr(model, "widened", None)
    narrow = offline_embed(texts)
    assert model.widened is None  # a small call leaves the memory map as it is
    monkeypatch.setattr(semantic, "WIDEN_FROM", len(texts))
    wide = offline_embed(texts)
    assert model.widened is not None and model.widened.dtype.name == "float32"
    assert [list(v) for v in wide] == [list(v) for v in narrow]


def test_many_vectors_come_as_one_matrix_the_same_as_one_by_one_however_few_tokens_are_gathered_at_once(
        offline_embed, monkeypatch):
    texts = [f"Xiaomi will launch phone number {n} with Leica in July" * (1 + n % 5) for n in range(40)]
    texts += ["", "NVIDIA to acquire Mellanox", "¿Qué? 明年上半年 🚀", "NVIDIA to acquire Mellanox"]
    single = [list(offline_embed([text])[0]) for text in texts]
    assert semantic.embed.matrix(texts).tolist() == single
    monkeypatch.setattr(semantic, "TOKENS_AT_ONCE", 7)  # a long text alone, short ones a few at a time
    monkeypatch.setattr(semantic, "BATCH", 3)
    assert semantic.embed_matrix(texts).tolist() == single
    assert [list(v) for v in offline_embed(texts)] == single


def test_the_memory_mapped_weights_are_the_bytes_safetensors_reads():
    import numpy
    from safetensors import safe_open

    path = semantic.wordllama_folder().joinpath(*semantic.WEIGHTS)
    mapped = semantic.mapped_tensor(path, "embedding.weight")
    with safe_open(str(path), framework="np", device="cpu") as weights:
        read = weights.get_tensor("embedding.weight")
    assert (mapped.dtype, mapped.shape) == (read.dtype, read.shape)
    assert numpy.array_equal(mapped.view(numpy.uint16), read.view(numpy.uint16))  # bit for bit, zeros' signs too


def test_a_tensor_name_the_file_lacks_is_refused():
    with pytest.raises(KeyError):
        semantic.mapped_tensor(semantic.wordllama_folder().joinpath(*semantic.WEIGHTS), "no.such.tensor")


def test_loading_the_model_spares_the_wordllama_package_pydantic_and_safetensors():
    import json
    import subprocess
    import sys

    code = ("import json, sys\nfrom verify import semantic\nsemantic.embed(['warm up'])\n"
            "print(json.dumps(sorted({name.split('.')[0] for name in sys.modules})))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    assert {"wordllama", "pydantic", "safetensors"} & set(json.loads(done.stdout)) == set()
