"""Claims in Chinese, Japanese, German, French and Spanish resolve by the same conventions as English ones."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from verify.core.language import detect_language
from verify.core.time import find_windows, resolve_window
from verify.core.time.languages import gloss

D = date.fromisoformat


def span(text: str, published: str) -> tuple[str, str] | None:
    found = resolve_window(text, D(published))
    return (found.start.isoformat(), found.end.isoformat()) if found else None


@pytest.mark.parametrize(("text", "language"), [
    ("The retailer will open 30 stores in Spain next year.", "en"),
    ("Der Hersteller will das Gerät im Herbst vorstellen.", "de"),
    ("Le groupe devrait annoncer le rachat la semaine prochaine.", "fr"),
    ("La compañía presentará el teléfono el próximo mes.", "es"),
    ("该公司将于下个月发布新款平板电脑。", "zh"),
    ("同社は来月に新製品を発表する予定だ。", "ja"),
    ("Apple's Tim Cook met Le Monde in Paris on Monday.", "en"),
    ("", "en"),
])
def test_the_language_is_detected_from_script_and_common_words(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("消息称，该公司计划明年上半年推出新款手表。", "2024-08-10", ("2025-01-01", "2025-06-30")),
    ("这款平板预计下个月发布。", "2024-06-15", ("2024-07-01", "2024-07-31")),
    ("据悉，新车将在年底前交付。", "2024-07-05", ("2024-07-05", "2024-12-31")),
    ("发布会定于下周三在上海举行。", "2024-03-01", ("2024-03-06", "2024-03-06")),
    ("新款耳机预计第四季度上市。", "2024-04-10", ("2024-10-01", "2024-12-31")),
    ("这款手机将在春节前开售。", "2024-11-20", ("2024-11-20", "2025-01-28")),
    ("该品牌将于今年秋季发布新品。", "2024-06-20", ("2024-09-01", "2024-11-30")),
    ("公司将在未来几周内公布细节。", "2024-02-01", ("2024-02-01", "2024-03-14")),
    ("新品将于本月底发布。", "2024-05-12", ("2024-05-21", "2024-05-31")),
    ("新机将于2025年3月18日发布。", "2024-12-01", ("2025-03-18", "2025-03-18")),
])
def test_chinese_time_words(text, published, expected):
    assert span(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("新型カメラは来年春に発売される見通しだ。", "2024-10-05", ("2025-03-01", "2025-05-31")),
    ("同社は年内に新サービスを発表する方針だ。", "2024-04-08", ("2024-04-08", "2024-12-31")),
    ("新モデルは今秋にも発売する計画だ。", "2024-06-10", ("2024-09-01", "2024-11-30")),
    ("両社は来週にも合意する見通しだ。", "2024-12-18", ("2024-12-23", "2024-12-29")),
    ("新工場は2026年度中に稼働する計画だ。", "2025-11-11", ("2026-04-01", "2027-03-31")),
    ("同社は来年度の量産開始を目指している。", "2024-08-01", ("2025-04-01", "2026-03-31")),
    ("新体制は金曜日に発表される予定だ。", "2024-06-18", ("2024-06-21", "2024-06-21")),
])
def test_japanese_time_words_and_fiscal_years(text, published, expected):
    assert span(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Der Konzern will die Sparte Anfang nächsten Jahres verkaufen.", "2024-10-12", ("2025-01-01", "2025-04-30")),
    ("Bis Ende des Jahres sollen 2.000 Stellen wegfallen.", "2024-06-20", ("2024-06-20", "2024-12-31")),
    ("Die Entscheidung fällt voraussichtlich im dritten Quartal.", "2024-01-15", ("2024-07-01", "2024-09-30")),
    ("Der Vorstand will nächste Woche entscheiden.", "2024-03-13", ("2024-03-18", "2024-03-24")),
    ("Am Donnerstag soll der Vertrag unterschrieben werden.", "2024-03-16", ("2024-03-21", "2024-03-21")),
    ("Die Konsole kommt am 7. März in den Handel.", "2024-01-13", ("2024-03-07", "2024-03-07")),
    ("Spätestens im Herbst soll die Einigung stehen.", "2024-01-20", ("2024-01-20", "2024-11-30")),
    ("Das Modell soll im Herbst auf den Markt kommen.", "2024-05-03", ("2024-09-01", "2024-11-30")),
    ("Mitte 2026 soll die Produktion anlaufen.", "2024-02-05", ("2026-05-01", "2026-08-31")),
    ("Die Fabrik wurde bereits 2019 eröffnet.", "2024-01-15", None),
])
def test_german_time_words(text, published, expected):
    assert span(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("Le groupe prévoit de conclure l'accord d'ici la fin de l'année.", "2024-06-04", ("2024-06-04", "2024-12-31")),
    ("Le lancement est prévu l'année prochaine.", "2024-11-18", ("2025-01-01", "2025-12-31")),
    ("L'annonce pourrait intervenir dès mardi.", "2024-01-08", ("2024-01-09", "2024-01-09")),
    ("Le modèle sera présenté au printemps.", "2024-11-20", ("2025-03-01", "2025-05-31")),
    ("L'opération devrait être bouclée au second semestre 2025.", "2024-09-10", ("2025-07-01", "2025-12-31")),
    ("Début 2026, le groupe ouvrira un magasin à Tokyo.", "2025-05-02", ("2026-01-01", "2026-04-30")),
])
def test_french_time_words(text, published, expected):
    assert span(text, published) == expected


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("La fusión se cerrará a finales de año, según fuentes del sector.", "2024-09-18", ("2024-09-18", "2024-12-31")),
    ("El fichaje se anunciará el jueves.", "2024-07-10", ("2024-07-11", "2024-07-11")),
    ("El próximo mes llegará a las tiendas la nueva consola.", "2024-02-09", ("2024-03-01", "2024-03-31")),
    ("La operación se completará en el segundo trimestre.", "2024-11-10", ("2025-04-01", "2025-06-30")),
    ("El nuevo modelo saldrá a la venta antes de Navidad.", "2024-10-03", ("2024-10-03", "2024-12-24")),
    ("El ministro anunció ayer que dimitirá en las próximas semanas.", "2024-04-26", ("2024-04-26", "2024-06-07")),
    ("En 2019 la empresa salió a bolsa en Madrid.", "2024-03-03", None),
])
def test_spanish_time_words(text, published, expected):
    assert span(text, published) == expected


def test_a_non_english_window_quotes_the_reporters_words_and_says_how_it_was_read():
    found = resolve_window("该公司计划于明年上半年推出新款手表。", D("2024-08-10"))
    assert found.expression == "明年上半年"
    assert found.reading == "the first half of next year"
    assert found.to_dict()["reading"] == "the first half of next year"


def test_the_gloss_maps_back_to_the_original_text():
    text = "Der Konzern will die Sparte Anfang nächsten Jahres verkaufen."
    glossed = gloss(text, "de")
    begin = glossed.text.index("early next year")
    assert text[slice(*glossed.original(begin, begin + len("early next year")))] == "Anfang nächsten Jahres"


@pytest.mark.parametrize("text", ["明年上半年", "im Herbst 2025", "d'ici la fin de l'année", "a finales de año",
                                  "来年春", "下周一", "am 3. März", "2025年度"])
def test_every_window_quotes_text_that_is_in_the_claim(text):
    for found in find_windows(f"Stichwort: {text}.", D("2024-05-05")):
        assert found.expression in f"Stichwort: {text}."


FOREIGN_WORDS = ["明年", "上半年", "下个月", "月底", "前", "3月", "15日", "第三季度", "下周一", "来年春",
                 "年度", "2025年",
                 "im ", "Herbst ", "Anfang ", "nächsten Jahres ", "am 3. März ", "11.06.2025 ", "bis Ende des Jahres ",
                 "d'ici ", "la fin de l'année ", "au printemps ", "le 10/09/2025 ", "a finales de año ", "el lunes ",
                 "antes de Navidad ", "próximo mes ", "der ", "la ", "will ", "2024 ", "-", " "]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FOREIGN_WORDS), max_size=10).map("".join),
       st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)),
       st.sampled_from([None, "zh", "ja", "de", "fr", "es"]))
def test_any_mix_of_foreign_time_words_gives_well_formed_windows(text, published, language):
    for found in find_windows(text, published, language=language):
        assert found.start <= found.end and found.expression in text
    found = resolve_window(text, published, language=language)
    assert found is None or found.end >= published


@pytest.mark.parametrize(("text", "published", "expected"), [
    ("日銀は18～19日の会合で利上げを決める見通しだ。", "2024-07-10", ("2024-07-18", "2024-07-19")),
    ("新芯片将于10月下旬发布，首批手机会在发布后几天内亮相。", "2024-08-28", ("2024-10-21", "2024-10-31")),
])
def test_cjk_days_of_the_month_and_spans_after_another_event(text, published, expected):
    assert span(text, published) == expected
