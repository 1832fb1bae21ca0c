"""Chinese and Japanese time words, glossed into English for the time rules (see ``timelanguages``).

No spaces separate words, so the rules are anchored on the characters themselves; the longer phrase wins
("明年上半年" over "明年"). Japanese fiscal years (年度) run April to March and are named by their first
year; the fiscal rules read that from the claim's language.
"""

from __future__ import annotations

from verify.core.time.languages import ENGLISH_MONTHS, ENGLISH_WEEKDAYS, ORDINALS_EN, Rule

DIGITS = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10,
          "十一": 11, "十二": 12}
WEEKDAY_CHARS = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6}
JA_WEEKDAYS = {"月": 0, "火": 1, "水": 2, "木": 3, "金": 4, "土": 5, "日": 6}
SEASON_CHARS = {"春": "spring", "夏": "summer", "秋": "autumn", "冬": "winter"}
NUMBER = r"(?:\d{1,2}|十[一二]?|[一二三四五六七八九十])"
UNITS = {"天": "days", "日": "days", "周": "weeks", "星期": "weeks", "週間": "weeks", "个月": "months",
         "カ月": "months", "ヶ月": "months", "か月": "months", "月": "months", "年": "years"}
RELATIVE_YEAR = {"明年": "next year", "来年": "next year", "今年": "this year", "本年": "this year",
                 "去年": "last year", "昨年": "last year", "后年": "the year after next",
                 "再来年": "the year after next"}


def number(text: str) -> int:
    return int(text) if text.isdigit() else DIGITS[text]


def ordinal(text: str) -> str:
    number = int(text)
    return f"{number}{'th' if 10 <= number % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(number % 10, 'th')}"


def month_name(text: str) -> str:
    return ENGLISH_MONTHS[number(text) - 1]


def _shared() -> list[Rule]:
    """Forms Chinese and Japanese write alike: dates with 年月日, months, years, quarters, seasons."""
    years = "|".join(RELATIVE_YEAR)
    return [
        (r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?P<d>\d{1,2})[日号]", lambda m: f"{m['y']}-{m['m']}-{m['d']}"),
        (rf"(?P<m>{NUMBER})月(?P<d>\d{{1,2}})[日号]", lambda m: f"{month_name(m['m'])} {m['d']}"),
        (r"(?P<y>\d{4})年(?P<m>\d{1,2})月(?:份)?", lambda m: f"{month_name(m['m'])} {m['y']}"),
        (rf"(?P<m>{NUMBER})月(?:份)?(?P<p>底|末|下旬|初|上旬|中旬)",
         lambda m: f"{PARTS[m['p']]} {month_name(m['m'])}"),
        (rf"(?<![\d年度])(?P<m>{NUMBER})月(?:份)?(?!曜)", lambda m: f"in {month_name(m['m'])}"),
        (rf"(?P<r>{years})?(?P<h>上|下)半(?:年|期)", lambda m: f"the {'first' if m['h'] == '上' else 'second'} half "
         f"of {RELATIVE_YEAR.get(m['r'] or '', 'the year')}"),
        (r"(?P<y>\d{4})年(?P<h>上|下)半(?:年|期)",
         lambda m: f"the {'first' if m['h'] == '上' else 'second'} half of {m['y']}"),
        (rf"(?P<r>{years})?(?:第)?(?P<q>[一二三四1-4])(?:季度|四半期)",
         lambda m: f"the {ORDINALS_EN[number(m['q']) - 1]} quarter"
                   + (f" of {RELATIVE_YEAR[m['r']]}" if m['r'] else "")),
        (r"(?P<y>\d{4})年(?:第)?(?P<q>[一二三四1-4])(?:季度|四半期)",
         lambda m: f"the {ORDINALS_EN[number(m['q']) - 1]} quarter of {m['y']}"),
        (rf"(?P<r>{years})(?:年)?(?:的|の)?(?P<s>[春夏秋冬])(?:季|天)?", lambda m: _season(m['r'], m['s'])),
        (r"(?P<y>\d{4})年(?:的|の)?(?P<s>[春夏秋冬])(?:季|天)?", lambda m: f"{SEASON_CHARS[m['s']]} {m['y']}"),
        (r"(?P<r>[今来])(?P<s>[春夏秋冬])", lambda m: _season("今年" if m['r'] == "今" else "来年", m['s'])),
        (r"(?P<s>[春夏秋冬])(?:季|天)", lambda m: f"in {SEASON_CHARS[m['s']]}"),
        (rf"(?P<r>{years})(?:年)?(?P<p>初|年初|中|年中|底|年底|末|年末)(?P<b>前|之前|まで)?",
         lambda m: _edge(m['p'], RELATIVE_YEAR[m['r']], m['b'])),
        (r"(?P<y>\d{4})年(?P<p>初|中|底|末)(?P<b>前|之前|まで)?", lambda m: _edge(m['p'], m['y'], m['b'])),
        (r"(?:年底|年末)(?:前|之前|まで)|年内", "by the end of the year"),
        (r"年底|年末", "the end of the year"), (r"年初", "the beginning of the year"),
        (rf"(?P<r>{years})", lambda m: RELATIVE_YEAR[m['r']]),
        (r"(?P<y>\d{4})年(?!度)", lambda m: m['y']),
        (r"(?<![月\d])(?P<d>\d{1,2})[～~〜-](?P<e>\d{1,2})[日号]",
         lambda m: f"from the {ordinal(m['d'])} to the {ordinal(m['e'])}"),
        (r"(?<![月\d])(?P<d>\d{1,2})[日号](?!本)", lambda m: f"on the {ordinal(m['d'])}"),
        (r"(?:后|之后|以后)(?:的)?(?:几|数)(?:个)?(?:天|日|周|星期|个月|月)(?:内|之内)?", "after a while"),
        (rf"(?P<n>\d{{1,3}}|{NUMBER}|几|數|数)(?:个)?(?P<u>天|日|周|星期|週間|个月|カ月|ヶ月|か月|年)(?:以?内|以内)",
         lambda m: _within(m['n'], m['u'])),
        (rf"(?P<n>\d{{1,3}}|{NUMBER})(?:个)?(?P<u>天|周|星期|週間|个月|カ月|ヶ月|か月|年)后",
         lambda m: f"in {number(m['n'])} {UNITS[m['u']]}"),
    ]


PARTS = {"底": "late", "末": "late", "下旬": "late", "初": "early", "上旬": "early", "中旬": "mid"}


def _season(relative: str, char: str) -> str:
    season = SEASON_CHARS[char]
    return {"next year": f"next {season}", "this year": f"this {season}", "last year": f"last {season}"}.get(
        RELATIVE_YEAR[relative], f"{season} of {RELATIVE_YEAR[relative]}")


def _edge(part: str, year: str, before: str | None) -> str:
    edge = {"初": "early", "年初": "early", "中": "mid", "年中": "mid"}.get(part, "the end of")
    phrase = f"{edge} {year}" if edge != "the end of" else f"the end of {year}"
    return f"by {phrase}" if before else phrase


def _within(count: str, unit: str) -> str:
    amount = "" if count in ("几", "數", "数") else str(number(count))
    return f"within {amount} {UNITS[unit]}".replace("  ", " ")


def spaced(rules: list[Rule]) -> list[Rule]:
    """English words need spaces around them to be words ("\\b" does not fall between "year" and "推")."""
    def pad(replacement):
        if callable(replacement):
            return lambda m: f" {replacement(m)} "
        return f" {replacement} "
    return [(pattern, pad(replacement)) for pattern, replacement in rules]


def chinese() -> list[Rule]:
    weekday = "(?P<w>[一二三四五六日天])"
    return spaced([*_shared(),
            (rf"下(?:个)?(?:周|星期|礼拜){weekday}", lambda m: f"next {ENGLISH_WEEKDAYS[WEEKDAY_CHARS[m['w']]]}"),
            (rf"(?:本|这)(?:个)?(?:周|星期|礼拜){weekday}",
             lambda m: f"this {ENGLISH_WEEKDAYS[WEEKDAY_CHARS[m['w']]]}"),
            (rf"(?:周|星期|礼拜){weekday}", lambda m: f"on {ENGLISH_WEEKDAYS[WEEKDAY_CHARS[m['w']]]}"),
            (r"下下(?:个)?(?:周|星期|礼拜)", "the week after next"),
            (r"下(?:个)?(?:周|星期|礼拜)", "next week"), (r"(?:本|这)(?:个)?(?:周|星期|礼拜)", "this week"),
            (r"(?:本|这个?|当)月(?:底|末)(?:前|之前)", "by the end of this month"),
            (r"(?:本|这个?|当)?月(?:底|末)", "the end of this month"),
            (r"下(?:个)?月(?:底|末)", "the end of next month"), (r"下(?:个)?月(?:初)", "early next month"),
            (r"下(?:个)?月", "next month"), (r"(?:本|这个?|当)月", "this month"),
            (r"(?:农历)?春节(?:假期)?(?P<b>前|之前)", "before Chinese New Year"), (r"春节", "Chinese New Year"),
            (r"双(?:十一|11)(?P<b>前|之前)", "before November 11"), (r"双(?:十一|11)", "November 11"),
            (r"国庆(?:节)?(?P<b>前|之前)", "before October 1"), (r"国庆(?:节)?", "October 1"),
            (r"圣诞(?:节)?(?P<b>前|之前)", "before Christmas"), (r"圣诞(?:节)?", "Christmas"),
            (r"(?:未来|接下来的?)?(?:几|数)(?:个)?(?P<u>天|周|星期|个月|月)(?:内|之内)?",
             lambda m: _within("几", m['u'])),
            (r"明天", "tomorrow"), (r"今天", "today"), (r"昨天", "yesterday"), (r"后天", "the day after tomorrow")])


def japanese() -> list[Rule]:
    weekday = "(?P<w>[月火水木金土日])曜(?:日)?"
    return spaced([*_shared(),
            (r"(?P<y>\d{4})年度(?:中|内)?", lambda m: f"fiscal year {m['y']}"),
            (r"来年度(?:中|内)?", "next fiscal year"), (r"(?:今年度|本年度)(?:中|内)?", "this fiscal year"),
            (r"年度内", "by the end of this fiscal year"),
            (rf"来週の?{weekday}", lambda m: f"next {ENGLISH_WEEKDAYS[JA_WEEKDAYS[m['w']]]}"),
            (rf"今週の?{weekday}", lambda m: f"this {ENGLISH_WEEKDAYS[JA_WEEKDAYS[m['w']]]}"),
            (weekday, lambda m: f"on {ENGLISH_WEEKDAYS[JA_WEEKDAYS[m['w']]]}"),
            (r"再来週", "the week after next"), (r"来週", "next week"), (r"今週", "this week"),
            (r"再来月", "the month after next"), (r"来月", "next month"), (r"今月(?:末)", "the end of this month"),
            (r"今月", "this month"),
            (r"(?:数|数カ|数ヶ|数か)(?P<u>日|週間|カ月|ヶ月|か月|月)(?:以内|内|のうち)?",
             lambda m: _within("数", m['u'])),
            (r"明日", "tomorrow"), (r"今日|本日", "today"), (r"昨日", "yesterday"),
            (r"クリスマス(?:まで)", "by Christmas"), (r"クリスマス", "Christmas")])
