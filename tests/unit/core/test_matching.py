"""The matcher: look-alikes never confirm, partial confirmations and denials are named, bands obey settings."""

from datetime import date

import pytest

from verify.core.entities import AliasBook
from verify.core.matching import (
    AnnouncementText,
    ClaimText,
    MatchSettings,
    analyse_all,
    combine,
    find_duplicates,
    glance_all,
    propose_matches,
    score_pair,
    shortlist,
)

RUMOR_DAY = date(2022, 3, 28)
LATER = date(2022, 7, 4)
AUTO_ON = MatchSettings(auto_enabled=True)


def claim(text, *, id=1, published=RUMOR_DAY, window=None):
    start, end = window or (None, None)
    return ClaimText(id=id, text=text, published=published, window_start=start, window_end=end)


def announcement(text, *, id=100, published=date(2022, 7, 4), issuer=""):
    return AnnouncementText(id=id, text=text, published=published, issuer=issuer)


TRAPS = [
    ("Intel in talks to acquire Mellanox", "NVIDIA to acquire Mellanox", LATER),
    ("Intel in talks to acquire Mellanox", "NVIDIA to acquire Mellanox for $6.9 billion", LATER),
    ("Microsoft to buy TikTok's US business", "Oracle chosen as TikTok's technology partner", LATER),
    ("Xiaomi and Leica will launch a co-branded phone in July", "OnePlus and Hasselblad launch OnePlus 10 Pro",
     LATER),
    ("Xiaomi and Leica will launch a co-branded phone in July",
     "Xiaomi and Leica launch a co-branded phone", date(2022, 3, 1)),
]


@pytest.mark.parametrize(("rumor", "statement", "announced"), TRAPS)
def test_a_look_alike_is_never_auto_confirmed_and_is_discarded(rumor, statement, announced):
    proposal = score_pair(claim(rumor), announcement(statement, published=announced), settings=AUTO_ON)
    assert proposal.band == "discard"
    assert proposal.score < AUTO_ON.auto_threshold


def test_announcement_dated_before_the_rumor_never_confirms_it():
    rumor = claim("Xiaomi and Leica will launch a co-branded phone in July")
    earlier = announcement("Xiaomi and Leica will launch a co-branded phone in July", published=date(2022, 3, 27))
    proposal = score_pair(rumor, earlier, settings=AUTO_ON)
    assert proposal.band == "discard" and proposal.parts["time"] == 0


def test_the_before_rule_can_be_relaxed_for_data_where_checks_predate_claims():
    rumor = claim("Xiaomi and Leica will launch a co-branded phone in July")
    earlier = announcement("Xiaomi and Leica will launch a co-branded phone in July", published=date(2022, 3, 27))
    assert score_pair(rumor, earlier, settings=MatchSettings(require_after=False)).band == "review"


@pytest.mark.parametrize(
    ("rumor", "statement"),
    [
        ("Trump to buy Greenland from Denmark", "Donald Trump confirms he wants to buy Greenland from Denmark"),
        ("Donald Trump to buy Greenland", "Trump confirms plan to buy Greenland"),
    ],
)
def test_an_actor_named_by_a_shorter_form_of_the_same_name_is_no_conflict(rumor, statement):
    proposal = score_pair(claim(rumor), announcement(statement))
    assert not (proposal.differs or "").startswith("actor:")


@pytest.mark.parametrize(
    ("rumor", "statement"),
    [
        # The post's first capitalised word is read as its actor; the company it names appears later.
        ("PSA: every time you buy a BANG, part of your money funds the campaign of Donald Trump",
         "A portion of every Bang Energy purchase goes toward funding Donald Trump's campaign"),
        # The rumored "actor" is the phrase the announcement quotes.
        ("The King of Israel buys the whole story, says the president",
         "Donald Trump buys the claim that he is the King of Israel"),
    ],
)
def test_an_actor_named_anywhere_in_the_other_text_is_no_conflict(rumor, statement):
    proposal = score_pair(claim(rumor), announcement(statement))
    assert not (proposal.differs or "").startswith("actor:")


def test_a_look_alike_stays_a_conflict_when_neither_side_names_the_other_actor():
    proposal = score_pair(claim("Intel in talks to acquire Mellanox, sources say"),
                          announcement("NVIDIA to acquire Mellanox for $6.9 billion"), settings=AUTO_ON)
    assert proposal.differs == "actor: Intel rumored, NVIDIA announced" and proposal.band == "discard"


def test_the_acquirer_that_differs_is_named_for_the_editor():
    proposal = score_pair(claim("Intel in talks to acquire Mellanox"), announcement("NVIDIA to acquire Mellanox"))
    assert proposal.differs == "actor: Intel rumored, NVIDIA announced"


@pytest.mark.parametrize(
    ("rumor", "statement", "window", "published"),
    [
        ("Intel in talks to acquire Mellanox", "Intel agrees to acquire Mellanox", None, date(2022, 5, 2)),
        ("Facebook to buy Giphy", "Meta acquires Giphy", None, date(2022, 5, 2)),
        ("Xiaomi and Leica will launch a co-branded phone in July",
         "Xiaomi and Leica launch their first co-branded phone", (date(2022, 7, 1), date(2022, 7, 31)),
         date(2022, 7, 4)),
    ],
)
def test_a_true_confirmation_is_confirmed_with_nothing_differing(rumor, statement, window, published):
    proposal = score_pair(claim(rumor, window=window), announcement(statement, published=published))
    assert (proposal.verdict, proposal.differs, proposal.band) == ("confirmed", None, "review")


@pytest.mark.parametrize(
    ("rumor", "statement", "window", "published", "differs"),
    [
        ("Microsoft to buy TikTok for $3.2 billion", "Microsoft agrees to buy TikTok for $2.5 billion", None,
         date(2022, 5, 2), "amount: $3.2 billion rumored, $2.5 billion announced"),
        ("Xiaomi 12 Ultra will launch with Leica cameras", "Xiaomi launches Xiaomi 12S Ultra with Leica cameras",
         None, date(2022, 7, 4), "product: Xiaomi 12 Ultra rumored, Xiaomi 12S Ultra announced"),
        ("Xiaomi and Leica will launch a co-branded phone in July", "Xiaomi and Leica launch a co-branded phone",
         (date(2022, 7, 1), date(2022, 7, 31)), date(2022, 9, 20),
         "timing: expected in July 2022, announced September 20, 2022"),
    ],
)
def test_same_event_with_a_detail_that_differs_is_partly_confirmed(rumor, statement, window, published, differs):
    proposal = score_pair(claim(rumor, window=window), announcement(statement, published=published))
    assert (proposal.verdict, proposal.differs) == ("partly_confirmed", differs)
    assert proposal.band == "review"


def test_an_announcement_within_the_grace_period_after_the_window_is_not_late():
    rumor = claim("Xiaomi will launch a Leica phone in July", window=(date(2022, 7, 1), date(2022, 7, 31)))
    proposal = score_pair(rumor, announcement("Xiaomi launches its Leica phone", published=date(2022, 8, 5)))
    assert proposal.differs is None and proposal.parts["time"] == 100


@pytest.mark.parametrize(
    "statement",
    [
        "Microsoft denies it is in talks to buy TikTok",
        "Microsoft has no plans to buy TikTok",
        "Microsoft says it is not in talks to buy TikTok",
        "Microsoft: rumors that we will buy TikTok are false",
        "Microsoft will not buy TikTok",
        "Microsoft has not agreed to buy TikTok",
        "ByteDance let us know today they would not be selling TikTok's US operations to Microsoft",
        "Microsoft has called off its plan to buy TikTok",
    ],
)
def test_an_official_rejection_is_a_denial(statement):
    proposal = score_pair(claim("Microsoft in talks to buy TikTok"), announcement(statement))
    assert proposal.verdict == "denied" and proposal.band == "review"


@pytest.mark.parametrize("statement", ["Microsoft called off talks to buy TikTok",
                                       "Microsoft ended the talks to buy TikTok"])
def test_talks_that_ended_partly_confirm_a_claim_of_talks_and_deny_a_claimed_deal(statement):
    talks = score_pair(claim("Microsoft in talks to buy TikTok"), announcement(statement), settings=AUTO_ON)
    deal = score_pair(claim("Microsoft has agreed to buy TikTok"), announcement(statement), settings=AUTO_ON)
    assert (talks.verdict, talks.differs) == ("partly_confirmed", "outcome: talks or offer rumored, ended announced")
    assert deal.verdict == "denied" and "auto" not in (talks.band, deal.band)


def test_a_claim_that_is_itself_negative_is_confirmed_not_denied_by_the_same_negation():
    proposal = score_pair(claim("Microsoft will not buy TikTok"), announcement("Microsoft will not buy TikTok"))
    assert proposal.verdict == "confirmed"


@pytest.mark.parametrize(("auto_enabled", "band"), [(False, "review"), (True, "auto")])
def test_the_auto_band_is_used_only_when_enabled(auto_enabled, band):
    rumor = claim("Intel in talks to acquire Mellanox for $6.9 billion")
    statement = announcement("Intel to acquire Mellanox for $6.9 billion")
    proposal = score_pair(rumor, statement, settings=MatchSettings(auto_enabled=auto_enabled))
    assert proposal.score >= MatchSettings().auto_threshold
    assert proposal.band == band


def test_a_partial_confirmation_is_never_auto():
    rumor = claim("Intel in talks to acquire Mellanox for $6.9 billion")
    proposal = score_pair(rumor, announcement("Intel to acquire Mellanox for $8 billion"), settings=AUTO_ON)
    assert proposal.verdict == "partly_confirmed" and proposal.band != "auto"


def test_the_score_shows_its_parts_and_serialises_to_plain_data():
    proposal = score_pair(claim("Intel in talks to acquire Mellanox"), announcement("Intel to acquire Mellanox"))
    data = proposal.to_dict()
    assert set(data["parts"]) == {"text", "coverage", "fuzzy", "entities", "time", "evidence"}
    assert all(0 <= v <= 100 for v in data["parts"].values())
    assert data["score"] == round(data["score"], 1)


CLAIMS = [
    claim("Intel in talks to acquire Mellanox", id=1),
    claim("Microsoft to buy TikTok's US business", id=2),
    claim("Xiaomi and Leica will launch a co-branded phone in July", id=3),
]
ANNOUNCEMENTS = [
    announcement("NVIDIA to acquire Mellanox for $6.9 billion", id=10),
    announcement("Intel to acquire Mellanox", id=11),
    announcement("Oracle chosen as TikTok's technology partner", id=12),
    announcement("Microsoft to acquire TikTok's US operations", id=13),
    announcement("Xiaomi and Leica launch the co-branded Xiaomi 12S Ultra", id=14),
    announcement("OnePlus and Hasselblad launch OnePlus 10 Pro", id=15),
]


def test_each_claim_gets_its_confirming_announcement_first():
    best = {}
    for proposal in propose_matches(CLAIMS, ANNOUNCEMENTS):
        best.setdefault(proposal.claim_id, proposal.announcement_id)
    assert best == {1: 11, 2: 13, 3: 14}


def test_proposals_are_best_first_and_never_discarded():
    proposals = propose_matches(CLAIMS, ANNOUNCEMENTS, top=5)
    assert all(p.band != "discard" for p in proposals)
    for claim_id in {p.claim_id for p in proposals}:
        scores = [p.score for p in proposals if p.claim_id == claim_id]
        assert scores == sorted(scores, reverse=True)


def test_a_pair_rejected_by_an_editor_is_never_proposed_again():
    proposals = propose_matches(CLAIMS, ANNOUNCEMENTS, exclude=frozenset({(1, 11)}))
    assert (1, 11) not in {(p.claim_id, p.announcement_id) for p in proposals}


def test_top_limits_the_proposals_per_claim():
    proposals = propose_matches(CLAIMS, ANNOUNCEMENTS * 1, top=1)
    assert len(proposals) == len({p.claim_id for p in proposals}) == 3


def test_matching_is_deterministic_with_ties_broken_by_id():
    twins = [announcement("Intel to acquire Mellanox", id=i) for i in (31, 30, 32)]
    first = propose_matches(CLAIMS, twins + ANNOUNCEMENTS)
    again = propose_matches(list(CLAIMS), list(reversed(twins + ANNOUNCEMENTS)))
    assert first == again
    assert [p.announcement_id for p in first if p.claim_id == 1][:4] == [11, 30, 31, 32]


@pytest.mark.parametrize("workers", [1, 2, 3])
def test_splitting_claims_across_worker_processes_gives_the_same_proposals_in_the_same_order(workers):
    many = [claim(c.text, id=c.id + 10 * n) for n in range(3) for c in CLAIMS]
    twins = [announcement("Intel to acquire Mellanox", id=i) for i in (31, 30, 32)]
    single = propose_matches(many, twins + ANNOUNCEMENTS)
    assert propose_matches(many, twins + ANNOUNCEMENTS, workers=workers) == single


def test_the_same_rumor_reported_twice_is_a_duplicate_with_the_first_reporter_first():
    claims = [
        claim("Xiaomi and Leica to launch a co-branded phone in July", id=7, published=date(2022, 3, 29)),
        claim("Intel in talks to acquire Mellanox", id=5),
        claim("Xiaomi, Leica will launch co-branded phone in July", id=9, published=date(2022, 3, 28)),
        claim("NVIDIA in talks to acquire Mellanox", id=6),
    ]
    assert [(a, b) for a, b, _ in find_duplicates(claims)] == [(9, 7)]


def test_an_announcement_naming_only_other_known_companies_is_named_and_discarded():
    proposal = score_pair(claim("Xiaomi and Leica will launch a co-branded phone in July"),
                          announcement("OnePlus and Hasselblad launch a co-branded phone"), settings=AUTO_ON)
    assert proposal.differs == "organisations: Xiaomi, Leica rumored, OnePlus, Hasselblad announced"
    assert proposal.band == "discard"


def test_a_hashtag_typed_without_capitals_finds_the_announcement_that_spells_its_words():
    rumor = claim("Officials just put chains on the doors #exumaairport #fyrefestival")
    others = [announcement(f"Music festival number {n} sells out", id=200 + n) for n in range(5)]
    statement = announcement("Fyre Festival organisers cancel the event in Exuma", id=100)
    best = propose_matches([rumor], [*others, statement], top=1)
    assert [p.announcement_id for p in best] == [100]


def test_claims_about_different_actors_are_not_duplicates():
    claims = [claim("Intel in talks to acquire Mellanox", id=1), claim("NVIDIA in talks to acquire Mellanox", id=2)]
    assert find_duplicates(claims) == []


# --- the meaning part (vectors from the caller's `embed`; the core never loads a model) ---------------

def fake_embed(texts):
    """Unit vectors by topic word, so the expected cosines are exact: same topic 1, other topic 0."""
    topics = ("post office", "postal", "mellanox")
    vectors = []
    for text in texts:
        lower = text.lower()
        hits = [1.0 if any(t in lower for t in group) else 0.0
                for group in (topics[:2], topics[2:])]
        norm = sum(h * h for h in hits) ** 0.5 or 1.0
        vectors.append([h / norm for h in hits])
    return vectors


def test_without_vectors_there_is_no_meaning_part_and_the_score_is_unchanged():
    rumor, statement = claim("Amazon is costing the Post Office a fortune"), announcement(
        "Amazon's deliveries cause the postal service severe losses")
    plain = score_pair(rumor, statement)
    assert "meaning" not in plain.parts
    assert plain.score == pytest.approx(combine(plain.parts, MatchSettings()), abs=0.05)


def test_a_paraphrase_sharing_few_words_scores_higher_with_meaning_vectors():
    rumor, statement = claim("Amazon is costing the Post Office a fortune"), announcement(
        "Amazon's deliveries cause the postal service severe losses")
    plain, meant = score_pair(rumor, statement), score_pair(rumor, statement, embed=fake_embed)
    assert meant.parts["meaning"] == 100.0
    assert meant.score > plain.score


def test_unrelated_meaning_scores_zero_and_opposite_vectors_never_go_negative():
    def opposite(texts):
        return [[1.0, 0.0] if i == 0 else [-1.0, 0.0] for i, _ in enumerate(texts)]

    rumor, statement = claim("Intel in talks to acquire Mellanox"), announcement("Intel agrees to acquire Mellanox")
    assert score_pair(rumor, statement, embed=opposite).parts["meaning"] == 0.0


def test_the_meaning_part_never_lifts_a_look_alike_out_of_the_discard_band():
    def identical(texts):
        return [[1.0, 0.0] for _ in texts]

    for rumor, statement, announced in TRAPS:
        proposal = score_pair(claim(rumor), announcement(statement, published=announced), settings=AUTO_ON,
                              embed=identical)
        assert proposal.band == "discard" and proposal.parts["meaning"] == 100.0


def test_propose_matches_with_vectors_ranks_the_paraphrase_first():
    rumor = claim("Amazon is costing the Post Office a fortune", id=1)
    pool = [announcement("Amazon opens a new office in Seattle", id=10),
            announcement("Amazon's deliveries cause the postal service severe losses", id=11)]
    best = propose_matches([rumor], pool, embed=fake_embed, top=1)
    assert [p.announcement_id for p in best] == [11]


def test_meaning_vectors_are_read_from_the_text_without_links_handles_and_signature():
    seen = []

    def recording(texts):
        seen.extend(texts)
        return [[1.0, 0.0] for _ in texts]

    post = ("Amazon is costing the Post Office a fortune @USPS https://t.co/abc "
            "\u2014 Donald J. Trump (@realDonaldTrump) April 2, 2018")
    score_pair(claim(post), announcement("Amazon's deliveries cost the postal service"), embed=recording)
    assert seen == ["Amazon is costing the Post Office a fortune", "Amazon's deliveries cost the postal service"]


# --- the shortlist: a pool of index hits deeper than the candidates, cut by the cheap parts -------------

def crowded_pool() -> tuple[ClaimText, list[AnnouncementText]]:
    """A rumor, 80 statements that repeat its words about something else, and the one that confirms it in
    other words (last in BM25's order)."""
    rumor = claim("Amazon is costing the Post Office a fortune", id=1)
    crowd = [announcement(f"Amazon opens office {n}: Amazon office costing a fortune", id=100 + n) for n in range(80)]
    return rumor, [*crowd, announcement("Amazon deliveries cause the postal service severe losses", id=999)]


def test_the_shortlist_reaches_a_paraphrase_beyond_the_candidates_that_a_plain_cut_misses():
    rumor, pool = crowded_pool()
    plain = propose_matches([rumor], pool, settings=MatchSettings(candidates=50, pool=50), embed=fake_embed)
    deep = propose_matches([rumor], pool, settings=MatchSettings(candidates=50, pool=200), embed=fake_embed)
    assert 999 not in [p.announcement_id for p in plain]
    assert [p.announcement_id for p in deep][:1] == [999]


def test_a_pool_no_larger_than_the_candidates_is_kept_whole_in_index_order():
    rumor, pool = crowded_pool()
    [ca] = analyse_all([rumor.text], AliasBook.default())
    hits = [(a, g) for a, g in zip(pool[:5], glance_all([a.text for a in pool[:5]]), strict=True)]
    assert shortlist(rumor, ca, hits, MatchSettings(candidates=5)) == [a.id for a in pool[:5]]


def test_a_glance_holds_the_same_terms_and_vector_as_the_full_analysis():
    text = "Xiaomi's first Leica-branded phone will launch in July for $1,299"
    [full] = analyse_all([text], AliasBook.default(), fake_embed)
    [glance] = glance_all([text], fake_embed)
    assert (glance.terms, list(glance.vector)) == (full.terms, list(full.vector))


def test_emptying_full_caches_between_claims_changes_nothing(monkeypatch):
    """A full re-match bounds the analyses and glances it keeps; a claim after the caches were emptied is
    still scored on all its hits, exactly as without the bound."""
    from verify.core import rematch

    _, pool = crowded_pool()
    rumors = [claim(text, id=n) for n, text in enumerate(
        ["Amazon is costing the Post Office a fortune", "Amazon office 3 is costing a fortune",
         "Amazon deliveries hurt the postal service", "Amazon opens office 12"], start=1)]
    unbounded = propose_matches(rumors, pool, settings=MatchSettings(candidates=20), embed=fake_embed)
    monkeypatch.setattr(rematch, "BLOCK", 1)
    monkeypatch.setattr(rematch, "VECTOR_BUDGET", 30)
    monkeypatch.setattr(rematch, "ANALYSIS_BUDGET", 30)
    assert propose_matches(rumors, pool, settings=MatchSettings(candidates=20), embed=fake_embed) == unbounded


def test_a_statement_that_only_restates_the_plan_is_never_auto_confirmed():
    rumor = claim("Intel plans to launch its Arc graphics cards for laptops")
    restated = score_pair(rumor, announcement("Intel plans to launch its Arc graphics cards for laptops"),
                          settings=AUTO_ON)
    launched = score_pair(rumor, announcement("Intel launches its Arc graphics cards for laptops"), settings=AUTO_ON)
    assert restated.score >= AUTO_ON.auto_threshold and restated.band == "review"
    assert launched.band == "auto"


def test_a_denial_scoring_high_is_never_auto():
    proposal = score_pair(claim("Intel in talks to acquire Mellanox"),
                          announcement("Intel denies it is in talks to acquire Mellanox"), settings=AUTO_ON)
    assert proposal.verdict == "denied" and proposal.band == "review"


def test_an_amount_within_ten_percent_confirms_in_full():
    rumor = claim("Intel in talks to acquire Mellanox for about $6.9 billion")
    proposal = score_pair(rumor, announcement("Intel to acquire Mellanox for $7 billion"))
    assert (proposal.verdict, proposal.differs) == ("confirmed", None)


def test_a_per_share_price_is_never_compared_with_a_deal_value():
    rumor = claim("Intel in talks to acquire Mellanox in a deal worth $6.9 billion")
    proposal = score_pair(rumor, announcement("Intel to acquire Mellanox for $125 per share in cash"))
    assert (proposal.verdict, proposal.differs) == ("confirmed", None)


@pytest.mark.parametrize("differs", [None, "amount: $1 billion rumored, $2 billion announced"])
def test_a_proposal_as_a_dict_is_what_asdict_gives_with_its_own_copy_of_the_parts(differs):
    import dataclasses

    from verify.core.matching import Proposal

    proposal = Proposal(3, 7, 41.5, "review", "partly_confirmed", differs, {"text": 40.0, "evidence": 31.2})
    found = proposal.to_dict()
    assert found == dataclasses.asdict(proposal) and list(found) == list(dataclasses.asdict(proposal))
    found["parts"]["text"] = 0.0
    assert proposal.parts["text"] == 40.0
