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
