"""A statement's stance read with the word pre-scan is the stance read with every denial pattern run."""

import pytest

from verify.core import denials
from verify.core.denials import stance
from verify.core.prescan import RuleFilter

# Statements of our own, in every shape the patterns read, with odd cases and other languages.
STATEMENTS = [
    "The company denies the report.", "Acme did not deny the report.", "We neither confirm nor deny rumours.",
    "The report is completely false, a spokesperson said.", "Acme has no plans to sell its chip unit.",
    "Acme will not renew the contract.", "ACME CALLED OFF THE MERGER TALKS.", "Acme scrapped its plans for an IPO.",
    "The listing is suspended.", "The striker remains at the club.", "The sale is still under review.",
    "Acme plans to launch the phone later this year.", "Acme launched the phone; it plans to ship more.",
    "Acme is in talks to buy Beta, weeks after a rival agreed to a deal.", "Acme has agreed terms after talks.",
    "Der Konzern wird die Sparte nicht verkaufen.", "La société ne vendra pas sa filiale.",
    "La empresa no venderá su filial.", "公司不会出售该业务。", "両社は協議中だ。", "A prototype for internal use.",
    "Acme signed a deal to acquire Beta.", "Nothing has been decided.", "The deal is off.", "Acme won't comment.",
    "ACME HAS NOT HELD ANY TALKS WITH BETA", "Acme withdrew its offer for Beta.", "Ünited Chips sold its plant.",
]


@pytest.mark.parametrize("statement", STATEMENTS + [s.lower() for s in STATEMENTS] + [s.upper() for s in STATEMENTS])
def test_the_stance_with_the_prescan_is_the_stance_of_every_pattern_run(statement, prescan_from):
    prescan_from(denials, 0)
    with_prescan = stance(statement)
    prescan_from(denials, 10**9)
    assert stance(statement) == with_prescan


def test_a_process_reading_few_texts_never_builds_the_prescan_and_reads_the_same_stances(prescan_from):
    prescan = prescan_from(denials, len(STATEMENTS))
    first = [stance(statement) for statement in STATEMENTS]
    assert prescan.built is None  # not built for a one-off command
    assert [stance(statement) for statement in STATEMENTS] == first  # now read with the prescan
    assert prescan.built is not None


def test_most_statements_hold_the_words_of_few_denial_patterns():
    runs = [sum(RuleFilter(list(denials._READ)).may_match(statement)) for statement in STATEMENTS]
    assert sum(runs) / len(runs) < len(denials._READ) / 2
