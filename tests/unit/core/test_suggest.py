"""Suggested claims: what a reporter would log from an article, and what they would not."""

import ast
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.core import suggest as suggest_module
from verify.core.suggest import suggest_claims
from verify.errors import InvalidDate

PUBLISHED = date(2022, 3, 29)
ARTICLES = Path(__file__).parents[2] / "fixtures" / "articles"


@dataclass
class FakeWindow:
    expression: str
    start: date
    end: date

    def to_dict(self):
        return {"expression": self.expression, "start": self.start, "end": self.end, "granularity": "month"}


def july_only(sentence, published):
    """A stand-in resolver that knows one expression, so these tests do not depend on timewindow."""
    if "in July" in sentence:
        return FakeWindow("in July", date(published.year, 7, 1), date(published.year, 7, 31))
    return None


def no_window(sentence, published):
    return None


def suggest(text, published=PUBLISHED, resolver=no_window):
    return suggest_claims(text, published, resolve_window=resolver)


def only(text, **kwargs):
    found = suggest(text, **kwargs)
    assert len(found) == 1, [s.sentence for s in found]
    return found[0]


@pytest.mark.parametrize("sentence", [
    "The Xiaomi 12 Ultra will launch in July with Leica-branded cameras.",
    "The Xiaomi 12 Ultra is expected to launch in July.",
    "The Leica partnership is all but confirmed for the next flagship.",
    "Xiaomi is reportedly working with Leica on its next flagship.",
    "Xiaomi is in talks with Leica, according to people familiar with the matter.",
    "Sources say Xiaomi is close to a deal with Leica.",
    "Xiaomi is likely to announce the deal in May.",
    "The phone could arrive in China first.",
    "The phone may arrive in China first.",
    "Xiaomi plans to sell the phone in Europe later this year.",
    "The phone is said to use a 1-inch sensor.",
    "The price was tipped by a leaker on Weibo.",
    "Leaked renders show a huge camera bump.",
    "Rumors point to a Leica-branded tablet as well.",
    "Speculation about a tie-up has grown since February.",
])
def test_forward_looking_and_unconfirmed_statements_are_suggested(sentence):
    assert only(sentence).sentence == sentence


@pytest.mark.parametrize("text", [
    "Xiaomi launched the Mi 11 last year.",
    "Xiaomi announced today that the phone will go on sale on July 4.",
    "Xiaomi confirmed on Monday that its next flagship will be co-engineered with Leica.",
    "Xiaomi sold 191 million smartphones in 2021, according to research firm Canalys.",
    "I think this is a great move for both companies.",
    "We'd love to see Leica's colour science on a Xiaomi phone.",
    "Will the Xiaomi 12 Ultra launch in July?",
    "It remains to be seen whether the phone will launch in Europe.",
    "We will update this article as soon as we hear more.",
    "Leave a reply",
    "Share this article.",
    "Subscribe to our newsletter and you will never miss a leak.",
    "We use cookies to improve your experience, and by continuing you may accept them.",
    "Related: Xiaomi 12 Ultra could launch in July",
    "Adam Conway is the Senior Technical Editor at XDA, and he will answer your questions.",
    "Xiaomi 12 Ultra could launch in July with Leica cameras",
])
def test_settled_facts_opinions_questions_and_boilerplate_are_not_suggested(text):
    assert suggest(text) == []


def test_a_negated_confirmation_is_no_announcement():
    assert only("Xiaomi has not confirmed that the phone will launch in July.").confidence == 0.7


def test_abbreviations_and_decimals_do_not_split_sentences():
    text = ("Xiaomi Corp. is expected to pay Leica Camera AG about $7.5B over No. 1 ranked deals in the U.S. "
            "market, Dr. Keller said. Xiaomi launched the Mi 11 last year.")
    assert only(text).sentence.endswith("Dr. Keller said.")


def test_hard_wrapped_lines_are_one_sentence():
    text = "The Xiaomi 12 Ultra is expected to launch\nin July with Leica cameras.\n\nXiaomi launched the Mi 11."
    assert only(text).sentence == "The Xiaomi 12 Ultra is expected to launch in July with Leica cameras."


def test_confidence_follows_the_strength_of_the_hedge():
    text = "\n".join([
        "Speculation about the Leica deal has grown.",
        "The phone could launch in July.",
        "The phone reportedly has a Leica camera.",
        "The phone is expected to launch in July.",
        "The Leica deal is all but confirmed.",
    ])
    assert [s.confidence for s in suggest(text)] == [0.35, 0.5, 0.6, 0.7, 0.95]


def test_the_weakest_hedge_decides():
    assert only("The phone will reportedly launch in July.").confidence == 0.6
    assert only("The phone reportedly could launch in July.").confidence == 0.5


def test_hedges_are_listed_in_the_order_they_appear():
    found = only("According to Bloomberg, the Xiaomi 12 Ultra is expected to launch in July.")
    assert found.hedges == ("according to", "is expected to")


@pytest.mark.parametrize(("text", "source"), [
    ("The phone will launch in July, according to XDA Senior Member kacskrz.", "XDA Senior Member kacskrz"),
    ("According to a report from Bloomberg, Xiaomi is in talks with Leica.", "Bloomberg"),
    ("The phone will launch in July, per a leaker on Weibo.", "a leaker on Weibo"),
    ("Bloomberg reported that Xiaomi is in talks with Leica.", "Bloomberg"),
    ("The phone will launch in July, Bloomberg reports.", "Bloomberg"),
    ("A leaker on Weibo claims the phone will launch in July.", "A leaker on Weibo"),
    ("Sources familiar with the matter told Reuters that the phone is expected in July.",
     "Sources familiar with the matter"),
    ("The price was leaked by tipster Digital Chat Station.", "Digital Chat Station"),
    ("Lei Jun, founder of Xiaomi, said the phone will launch in July.", "Lei Jun"),
    ("The phone could launch in July, said Lei Jun.", "Lei Jun"),
    ("The phone is expected to launch in July.", None),
    ("It said the phone will launch in July.", None),
])
def test_the_source_named_by_the_article_is_attributed(text, source):
    assert only(text).attributed_to == source


def test_a_finding_in_the_previous_sentence_is_the_source_of_the_next():
    text = ("XDA Senior Member kacskrz found strings referencing Leica in the camera app. "
            "The code suggests the phone will launch in July.")
    assert only(text).attributed_to == "XDA Senior Member kacskrz"


def test_attribution_does_not_carry_into_the_next_paragraph():
    text = "XDA Senior Member kacskrz found strings in the camera app.\n\nThe phone will launch in July."
    assert only(text).attributed_to is None


def test_the_tipster_is_the_source_named_earlier_in_the_article():
    text = ("A leaker on Weibo claims the phone will carry Leica branding.\n\n"
            "According to the tipster, the phone is expected to debut in July.")
    assert [s.attributed_to for s in suggest(text)] == ["A leaker on Weibo", "A leaker on Weibo"]


def test_products_organisations_and_people_are_named_without_dates():
    found = only("Xiaomi 12 Ultra will use a Snapdragon 8+ Gen 1 chip and a Sony IMX989 sensor in July, "
                 "Lei Jun's team at Xiaomi said.")
    assert found.entities == ("Xiaomi 12 Ultra", "Snapdragon 8+ Gen 1", "Sony IMX989", "Lei Jun", "Xiaomi")


def test_the_window_comes_from_the_resolver():
    found = only("The Xiaomi 12 Ultra is expected to launch in July.", resolver=july_only)
    assert found.window == {"expression": "in July", "start": date(2022, 7, 1), "end": date(2022, 7, 31),
                            "granularity": "month"}


def test_a_sentence_without_a_time_expression_has_no_window():
    assert only("The Xiaomi 12 Ultra is expected to use Leica cameras.", resolver=july_only).window is None


def test_an_unreadable_time_expression_leaves_the_suggestion_without_a_window():
    def refuses(sentence, published):
        raise InvalidDate("cannot read 'sometime soonish'")

    assert only("The phone will launch sometime soonish.", resolver=refuses).window is None


def test_the_same_sentence_twice_is_suggested_once():
    assert len(suggest("The phone will launch in July.\n\nThe phone will launch in July.")) == 1


def test_to_dict_is_json_ready():
    found = only("The Xiaomi 12 Ultra is expected to launch in July.", resolver=july_only)
    data = json.loads(json.dumps(found.to_dict()))
    assert data["window"]["start"] == "2022-07-01"
    assert data["hedges"] == ["is expected to"] and data["confidence"] == 0.7


def test_the_fixture_article_gives_the_claims_a_reporter_expects():
    text = (ARTICLES / "xda_kacskrz_leica_strings.txt").read_text()
    found = {s.sentence: s for s in suggest(text, resolver=july_only)}
    launch = found["The code suggests the Xiaomi 12 Ultra will launch in July with Leica-branded cameras "
                   "and a set of Leica photo filters."]
    assert launch.attributed_to == "XDA Senior Member kacskrz"
    assert launch.window["start"] == date(2022, 7, 1)
    assert not [s for s in found if "Leave a reply" in s or "We'd love" in s or "Conway is" in s]


def test_the_real_time_window_resolver_reads_the_month():
    found = suggest_claims("The Xiaomi 12 Ultra is expected to launch in July 2022.", PUBLISHED)
    assert found[0].window is not None
    assert str(found[0].window["start"]).startswith("2022-07")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("abc XYZ.,?!\n'\"$1") + ["will ", "could ", "Inc. ", "said "])).map("".join))
def test_any_text_gives_suggestions_taken_from_it(text):
    flat = " ".join(text.split())
    for found in suggest(text):
        assert found.sentence in flat
        assert 0 < found.confidence <= 1


def test_the_module_stays_pure():
    tree = ast.parse(Path(suggest_module.__file__).read_text())
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert imported <= {"__future__", "re", "collections", "dataclasses", "datetime", "verify"}


# Issue 14: the traps of real articles, each with invented sentences ------------------------------------

@pytest.mark.parametrize("text", [
    "In 2019, a contractor leaked early footage of the console, which the company later confirmed was real.",
    "On Monday morning the carmaker announced a new factory in Ohio.",
    "The handset was rumored to ship with a stylus but never did.",
    "Brightline has not yet commented on the leak.",
    "The studio has been unusually quiet, but leaks have filled the gap.",
    "Orbital reported a record $4 billion profit last year, according to its filings.",
])
def test_settled_history_is_never_suggested(text):
    assert suggest(text) == []


@pytest.mark.parametrize("text", [
    "Comments are pre-moderated and may take a while to appear.",
    "Welcome to our live coverage of the trade deadline, where anything could happen.",
    "Novara Labs representatives declined to comment on the report.",
    "The chipmaker did not respond to a request for comment about the leaked roadmap.",
    "Reporting by the Berlin bureau; editing by the tech desk.",
    "Appeared in the May 3 print edition as 'Novara nears deal'.",
    "Priya Sen is a contributing editor who covers chips and the people who design them.",
    "Most popular\n1. Five phones that could still launch this year\n2. Ranked: every tablet of the decade",
    "Read more: Novara could sell its chip unit this year",
])
def test_page_furniture_bylines_and_link_lists_are_never_suggested(text):
    assert suggest(text) == []


@pytest.mark.parametrize("text", [
    "Your phone bill will thank you.",
    "I expect the console will sell slowly at first.",
    "Orbital reports quarterly results on Thursday, and investors will be listening for news on the merger.",
    "Novara is scheduled to report first-quarter earnings on May 2.",
    "Novara said it is considering all options for the chip unit.",
    "The airline has said it wants to double its fleet by 2030.",
    "The publisher has told analysts it expects strong demand through 2025.",
    "The central bank kept rates on hold on Tuesday and signaled that it remained on track to cut them in June.",
    "Would anyone pay $3,000 for a headset that might never get apps?",
    "The council will hold a vote on the stadium plan on Wednesday.",
    "The trade fair runs from June 5 to June 9 in Hanover.",
    "The bridge was first promised in 2015 and was expected to be finished by 2022.",
])
def test_reader_address_schedules_own_statements_and_questions_are_not_suggested(text):
    assert suggest(text) == []


def test_in_an_opinion_piece_the_writers_own_predictions_are_not_claims():
    column = ("Opinion | Gadgets\n\nNext year's tablets will surely be lighter, and they will be cheaper too.\n\n"
              "The company could also cut prices in May, according to a supply-chain analyst.\n\n"
              "This column reflects the views of its author.")
    assert [s.sentence for s in suggest(column)] == [
        "The company could also cut prices in May, according to a supply-chain analyst."]


def test_a_plan_right_after_an_executives_statement_is_part_of_it_not_a_rumor():
    text = ("Orbital's chief executive, Dana Reyes, has said the company is looking for acquisitions. "
            "Its finance chief, Sam Ito, plans to step down in the spring.")
    assert suggest(text) == []
    assert only("Orbital plans to open a plant in Texas next year.").confidence == 0.7


@pytest.mark.parametrize("sentence", [
    "City have opened talks with the striker's agent and hope to close a deal before the deadline, "
    "according to several reports.",
    "The sequel is widely believed to be set in a new city.",
    "Orbital has also held early talks with two smaller rivals, some of the people said.",
    "Orbital is weighing a bid for its largest rival, the people said.",
    "A global release is unlikely before the end of the year, the tipster says.",
    "The price was tipped by a leaker on Weibo last week.",
    "The plan would add 120 miles of track by 2030, the officials said.",
    "The council will hold a vote on the stadium plan on Wednesday, according to two council members.",
    "Treasury staff are pushing for a smaller package, a person briefed on the talks said.",
])
def test_rumors_in_plain_news_wording_are_suggested(sentence):
    assert only(sentence).sentence == sentence


def test_a_forward_claim_is_suggested_even_when_its_sentence_reports_something_confirmed():
    found = only("Novara confirmed the launch event for June 5, and the company will unveil a folding phone there.")
    assert found.confidence == 0.7
    assert only("Novara has confirmed an event for June 5, where its first foldable will debut.").confidence == 0.7
    assert suggest("Novara confirmed that its keynote will stream live on June 5.") == []
    assert suggest("Novara made it official this morning: the company will hold an event on June 5.") == []


@pytest.mark.parametrize(("text", "source"), [
    ("According to serial leaker Ravi Okon, the tablet will ship in May.", "Ravi Okon"),
    ("Prolific Weibo tipster Chip Oracle says the tablet will ship in May.", "Chip Oracle"),
    ("The tablet could cost $499, Lumen Research analyst Mei Tan says.", "Mei Tan"),
    ("Demand is likely to stay weak, according to analysts at Lumen Research.", "Lumen Research"),
    ("The tablet will ship in May, according to a listing briefly published by a Polish retailer.",
     "a Polish retailer"),
    ("The tablet will have a 120Hz screen, Ravi Okon adds.", "Ravi Okon"),
    ("Novara's chief executive said last week that plans are not final, but leaker Ravi Okon says the tablet "
     "will ship in May.", "Ravi Okon"),
    ("Some fans have gone further and guessed that a Novara watch might follow.", "Some fans"),
])
def test_the_credited_leaker_or_outlet_is_named_cleanly(text, source):
    assert only(text).attributed_to == source


def test_the_tipster_credits_the_tipster_the_article_named_not_an_executive_quoted_nearby():
    text = ("The tablet will ship in May, according to a post by Ravi Okon, a tipster with a good record.\n\n"
            "Novara's president told investors last week that the company has a busy year ahead. "
            "The tipster also says the tablet will cost $499.")
    assert [s.attributed_to for s in suggest(text)] == ["Ravi Okon", "Ravi Okon"]


def test_an_executives_statement_does_not_become_the_source_of_the_next_sentence():
    text = ("Novara's founder, Lena Park, said the firm will hire 500 engineers. "
            "The tablet is expected to ship in May.")
    assert [s.attributed_to for s in suggest(text)] == ["Lena Park", None]


def test_a_device_registry_listing_is_the_source():
    text = ("Novara's next tablet has appeared in an FCC filing, and the entry reveals its battery size. "
            "The tablet will reportedly ship with a stylus.")
    assert only(text).attributed_to == "FCC"


@pytest.mark.parametrize("sentence", [
    "Analyst Mei Tan said she expects Novara to ship the tablet in the third quarter.",
    "The Ledger said it had seen documents showing that Novara will close two plants.",
    "I'm told Novara will show the tablet at its fall event.",
    "Your next Novara phone could cost $100 more, analysts say.",
    "Novara declined to comment, but people familiar with the plans say the tablet will ship in May.",
    "Novara is expected to post record revenue when it reports results on Thursday, according to analysts.",
])
def test_what_someone_else_reports_stays_a_claim_beside_a_trap_word(sentence):
    assert only(sentence).sentence == sentence


def test_an_opinion_label_in_a_sentence_does_not_make_the_article_an_opinion_piece():
    text = "Columnists were quick to react.\n\nNovara will ship the tablet in May."
    assert only(text).sentence == "Novara will ship the tablet in May."


@pytest.mark.parametrize(("text", "source"), [
    ("Rovers are in talks to sign the striker, sources close to the club say.", "sources close to the club"),
    ("United could also make a late move, reports in Portugal suggest.", "reports in Portugal"),
    ("About 2 million units will ship this year, supply-chain analyst Mei Tan of Lumen Research says.",
     "Mei Tan of Lumen Research"),
])
def test_unnamed_sources_and_reports_are_named_without_their_verb(text, source):
    assert only(text).attributed_to == source


def test_an_executive_is_a_source_for_what_they_said_not_for_a_photo_they_posted():
    found = only("Speculation about a foldable has grown since a Novara executive posted a photo of a hinge.")
    assert found.attributed_to is None
    assert only("A Novara executive said the foldable will ship in May.").attributed_to == "A Novara executive"
