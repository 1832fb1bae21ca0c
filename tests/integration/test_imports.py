import json

import pytest
from sqlalchemy import func, select

from verify.db.models import Announcement, Claim, Event
from verify.errors import ImportRejected, InvalidInput
from verify.services import import_announcements, import_claims

GOOD = [
    {"text": "Xiaomi's first Leica-branded phone will launch in July", "source": "XDA Developers",
     "published": "2022-03-28", "external_id": "c1"},
    {"text": "Broadcom is in talks to acquire VMware", "source": "Bloomberg", "published": "22 May 2022"},
]


def write_jsonl(path, rows):
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n", encoding="utf-8")
    return path


def count(sessions, model):
    with sessions() as session:
        return session.scalar(select(func.count()).select_from(model))


def test_importing_the_same_file_twice_adds_nothing_the_second_time(uow, sessions, now, tmp_path):
    path = write_jsonl(tmp_path / "claims.jsonl", GOOD)
    first = import_claims(uow(), path, actor="ana", now=now)
    second = import_claims(uow(), path, actor="ana", now=now)
    assert (len(first.added), first.already_stored) == (2, 0)
    assert (len(second.added), second.already_stored) == (0, 2)
    assert count(sessions, Claim) == 2


def test_a_file_with_a_bad_row_writes_nothing_and_names_the_line(uow, sessions, now, tmp_path):
    rows = [*GOOD, {"text": "Apple car in 2024", "source": "Reuters", "published": "not a date"}]
    path = write_jsonl(tmp_path / "claims.jsonl", rows)
    with pytest.raises(ImportRejected, match="line 3: The published date") as caught:
        import_claims(uow(), path, actor="ana", now=now)
    assert "--skip-invalid" in str(caught.value)
    assert count(sessions, Claim) == 0 and count(sessions, Event) == 0


def test_skip_invalid_writes_the_good_rows_and_lists_the_bad(uow, sessions, now, tmp_path):
    path = tmp_path / "claims.jsonl"
    path.write_text(json.dumps(GOOD[0]) + "\n{broken json\n" + json.dumps(GOOD[1]) + "\n", encoding="utf-8")
    report = import_claims(uow(), path, actor="ana", now=now, skip_invalid=True)
    assert len(report.added) == 2
    assert report.problems[0][0] == 2 and "not valid JSON" in report.problems[0][1]


def test_csv_with_semicolons_and_a_byte_order_mark_is_read(uow, sessions, now, tmp_path):
    path = tmp_path / "announcements.csv"
    path.write_text("\ufefftext;source;published\nNVIDIA to acquire Mellanox;NVIDIA;2019-03-11\n", encoding="utf-8")
    report = import_announcements(uow(), path, actor="ana", now=now)
    assert len(report.added) == 1
    with sessions() as session:
        assert session.scalars(select(Announcement.issuer)).one() == "NVIDIA"


def test_a_csv_missing_a_required_column_is_refused_whole(uow, now, tmp_path):
    path = tmp_path / "claims.csv"
    path.write_text("text,published\nsomething,2022-01-01\n", encoding="utf-8")
    with pytest.raises(InvalidInput, match="no column source"):
        import_claims(uow(), path, actor="ana", now=now)


def test_a_file_in_another_encoding_gets_a_clear_error(uow, now, tmp_path):
    path = tmp_path / "claims.csv"
    path.write_bytes("text,source,published\nCaf\u00e9 rumor,Le Monde,2022-01-01\n".encode("latin-1"))
    with pytest.raises(InvalidInput, match="line 2 is not UTF-8"):
        import_claims(uow(), path, actor="ana", now=now)
