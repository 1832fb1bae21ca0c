"""The pre-scan skips a time rule only on texts the rule cannot match: the windows are those of every rule run."""

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.core.prescan import DIGIT, RuleFilter, folded, may_match, rule_needs
from verify.core.time import find_windows, resolve_window
from verify.core.time import window as time_window
from verify.core.time.expressions import RULES

# Forms of every rule, in sentences of our own, with odd cases and letters around them.
PHRASES = [
    "The phone ships on 2024-09-13, a leaked memo shows.", "Sales start 13.09.2024 in Europe.",
    "The update lands 9/13, and 3/4 of users get it by 09/2024.", "Orders open on the 3rd of March, 2025.",
    "Tickets go on sale Friday, March 14 at noon.", "The fair runs March 3 to 7 in Berlin.",
    "The vote is on the first Tuesday of November.", "Due the last day in February.",
    "The board meets tomorrow; the deal closed two days ago.", "The firm expects a deal in early March 2025.",
    "Results come in Q3 2025, not 2025-Q4 or 3Q25.", "Shipments resume in the second half of next year.",
    "The chip arrives in H2 '25 or 2H 2026.", "A launch is planned for next spring.",
    "Stores will stock it before Christmas next year.", "The plant opens in 2027-28, or 2029.",
    "A decision is due by the end of next month.", "The memo says EOY, or EOQ at the latest.",
    "The talks resume this weekend.", "The vote is on Thursday after next.",
    "Deliveries run from the 3rd to the 9th.", "Payment is due on the 15th of next month.",
    "A deal is expected within the next few weeks.", "The merger closes in three months' time.",
    "Over the past six months, sales fell.", "Revenue for fiscal 2025 rises, the CFO said.",
    "The headset is shown at WWDC next year.", "Tickets for the World Cup go on sale soon.",
    "The console ships in time for the holiday season.", "He moves before the summer transfer deadline.",
    "No date at all in this sentence about a merger.", "IN JULY THE FIRM WILL LAUNCH A PHONE.",
    "The launch (SPRING) is on the 1ſt, with \u212aey dates in Q\u0131 and the \u0130PO in june.",
    "Versand ab dem 3. März 2025, sagt der Konzern.", "Le lancement est prévu pour la fin de l'année prochaine.",
    "新机将于明年三月发布。", "発売は来年の春になる見込みだ。",
]


class EveryRule:
    """A filter that lets every rule run, as before the pre-scan."""

    def may_match(self, text):
        return [True] * len(RULES)


@pytest.mark.parametrize("text", PHRASES + [phrase.upper() for phrase in PHRASES] + [phrase.lower() for phrase in
                                                                                       PHRASES])
def test_a_rule_is_skipped_only_where_it_finds_nothing(text):
    lowered = folded(text)
    runs = RuleFilter([pattern for pattern, _ in RULES]).may_match(text)
    for (pattern, _), run in zip(RULES, runs, strict=True):
        if pattern.search(text):
            assert may_match(rule_needs(pattern), text, lowered), (pattern.pattern[:60], text)
            assert run, (pattern.pattern[:60], text)


@pytest.mark.parametrize("text", PHRASES)
@pytest.mark.parametrize("published", [date(2024, 6, 15), date(2025, 1, 1)])
def test_windows_with_the_prescan_are_those_of_every_rule_run(text, published, monkeypatch):
    with_prescan = [find_windows(text, published, hemisphere=hemisphere) for hemisphere in ("north", "south")]
    window = resolve_window(text, published)
    time_window._located.cache_clear()
    monkeypatch.setattr(time_window, "_rule_filter", EveryRule)
    assert [find_windows(text, published, hemisphere=hemisphere) for hemisphere in ("north", "south")] == with_prescan
    assert resolve_window(text, published) == window
    time_window._located.cache_clear()


def test_a_text_without_the_words_of_a_rule_skips_it():
    season = next(pattern for pattern, handler in RULES if handler.__name__ == "season")
    text = "The firm will launch the phone in July"
    assert not may_match(rule_needs(season), text, folded(text))
    assert may_match(rule_needs(season), "A LAUNCH NEXT SUMMER", folded("A LAUNCH NEXT SUMMER"))


def test_most_rules_name_words_they_need():
    assert sum(bool(rule_needs(pattern)) for pattern, _ in RULES) >= len(RULES) - 2


def test_a_pattern_that_needs_nothing_fixed_is_always_run():
    assert rule_needs(re.compile(r"\w+(?:ing)?", re.I)) == ()
    assert may_match((), "anything", "anything")


def test_a_digit_class_is_needed_as_any_digit_even_outside_ascii():
    needs = rule_needs(re.compile(r"\bQ\d\b", re.I))
    assert {DIGIT} in [set(words) for words in needs]
    assert may_match(needs, "Q\u0663", folded("Q\u0663"))  # an Arabic-Indic three, as `\d` reads it
    assert not may_match(needs, "Q and Q", folded("Q and Q"))


def test_folding_gives_every_letter_ignorecase_reads_as_an_ascii_one():
    ascii_letter = re.compile("[a-z]", re.IGNORECASE)
    digit = re.compile(r"\d")
    for code in range(0x80, 0x110000):
        char = chr(code)
        if ascii_letter.fullmatch(char):
            assert folded(char) == next(a for a in "abcdefghijklmnopqrstuvwxyz"
                                        if re.fullmatch(a, char, re.IGNORECASE)), hex(code)
        else:
            assert not any(c.isascii() and c.isalpha() for c in folded(char)), hex(code)
        assert bool(digit.search(char)) == bool(digit.search(folded(char))), hex(code)


RULE_WORDS = sorted({word for pattern, _ in RULES for words in rule_needs(pattern) for word in words if word != DIGIT})


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(RULE_WORDS), st.sampled_from(RULE_WORDS).map(str.upper),
                          st.sampled_from([" ", "", "-", "s", "th", "1", "\u0663", "ſ", "The", "x"])), max_size=12))
def test_the_one_pass_filter_runs_a_rule_exactly_when_each_of_its_word_sets_is_in_the_text(parts):
    text = "".join(parts)  # words run into each other: overlapping, nested, split across parts
    runs = RuleFilter([pattern for pattern, _ in RULES]).may_match(text)
    assert runs == [may_match(rule_needs(pattern), text, folded(text)) for pattern, _ in RULES]


def test_a_filter_of_rules_that_need_no_word_runs_them_all():
    assert RuleFilter([re.compile(r"\w+", re.I), re.compile(r".", re.I)]).may_match("anything") == [True, True]
