"""A confidential name planted in ten places and spellings never leaves in any CLI output or export."""

import json

from verify.core.confidential import identity_key

NAME = "Tamsin Okafor"
SPELLINGS = ["TAMSIN OKAFOR", "tamsin okafor", "Támsin Okafor", "Tam\u200bsin Okafor",
             "\uff34\uff41\uff4d\uff53\uff49\uff4e Okafor", "Tamsin   Okafor", "Tamsin-Okafor"]


def leaks(output: str) -> bool:
    return identity_key(NAME) in identity_key(output)


def plant(run):
    run("source", "add", NAME, "--kind", "person", "--confidential")
    run("claim", "add", "Nordwind Motors will open a battery plant in Lyon by 2027", "--source", NAME,
        "--published", "2024-01-10", "--url", "https://blog.example/tips/1", "--external-id", "t1")
    for number, spelling in enumerate(SPELLINGS, start=2):
        run("claim", "add", f"Nordwind Motors will open a battery plant in Lyon by 2027, according to {spelling}",
            "--source", "Wheel Week", "--published", f"2024-02-{number:02d}", "--external-id", f"t{number}",
            "--url", f"https://wheelweek.example/{number}")
    run("claim", "add", "Nordwind Motors will build the plant in Lyon by 2027", "--source", "Motor Desk",
        "--origin", "tamsin OKAFOR", "--published", "2024-01-12", "--url", "https://motordesk.example/9",
        "--external-id", "t9")
    run("claim", "add", "Nordwind Motors will hire 900 people in Lyon by 2027", "--source", "Motor Desk",
        "--published", "2024-01-13", "--url", "https://motordesk.example/tamsin-okafor-interview",
        "--external-id", "t10")
    run("claim", "add", "Nordwind Motors will hire 900 people in Lyon by 2027", "--source", "Ｔａｍｓｉｎ Okafor",
        "--published", "2024-01-14", "--external-id", "t11")
    run("announce", "add", "Nordwind Motors opens a battery plant in Lyon", "--issuer", "Nordwind Motors",
        "--published", "2024-06-01", "--external-id", "a1", "--url", "https://nordwind.example/press")
    run("review", "t1", "a1", "--confirm", "--force", "--note", f"{NAME} was right about the plant")
    run("review", "t3", "a1", "--confirm", "--force", "--note", "same plant")
    run("claim", "retract", "t4", "--reason", f"logged twice; {SPELLINGS[3]} said so")


def test_a_confidential_name_planted_anywhere_never_appears_in_a_cli_output_or_export(run, tmp_path):
    plant(run)
    outputs = {}
    for args in (["claims"], ["claims", "--json"], ["sources"], ["sources", "--json"], ["sources", "--public"],
                 ["sources", "--sort", "name"]):
        outputs[" ".join(args)] = run(*args, "--as-of", "2024-12-31").output if args[0] == "sources" else \
            run(*args, "--as-of", "2024-12-31").output
    for claim in [f"t{number}" for number in range(1, 12)]:
        outputs[f"audit {claim}"] = run("audit", claim).output
        outputs[f"audit {claim} --json"] = run("audit", claim, "--json").output
    for table in ("claims", "announcements", "events"):
        for file_format in ("jsonl", "csv"):
            outputs[f"export {table} {file_format}"] = run("export", table, "--format", file_format).output
            path = tmp_path / f"{table}.{file_format}"
            run("export", table, "--format", file_format, "-o", str(path))
            outputs[f"export {table} {file_format} file"] = path.read_text(encoding="utf-8")
    for file_format in ("csv", "json", "claimreview"):
        outputs[f"sources export {file_format}"] = run(
            "sources", "export", "--format", file_format, "--as-of", "2024-12-31", "--newsroom", "The Ledger",
            "--newsroom-url", "https://ledger.example").output
    assert [name for name, output in outputs.items() if leaks(output)] == []
    assert "Confidential source #1" in outputs["claims --json"]


def test_every_spelling_of_a_confidential_source_is_that_source_never_a_new_public_one(run):
    plant(run)
    cards = json.loads(run("sources", "--json", "--show-confidential", "--as-of", "2024-12-31").output)
    assert sorted(card["source"] for card in cards) == sorted([NAME, "Motor Desk", "Wheel Week"])


def test_the_claims_export_drops_the_address_of_a_confidential_sources_claim_and_of_one_that_names_it(run):
    plant(run)
    rows = {row["external_id"]: row for row in map(json.loads, run("export", "claims").output.splitlines())}
    assert rows["t1"]["url"] is None and rows["t9"]["url"] is None and rows["t10"]["url"] is None
    assert rows["t2"]["url"] == "https://wheelweek.example/2"


def test_editors_who_ask_see_the_name(run):
    plant(run)
    assert leaks(run("claims", "--show-confidential", "--as-of", "2024-12-31").output)
    assert leaks(run("audit", "t1", "--show-confidential").output)
