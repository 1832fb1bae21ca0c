"""What stance an official statement takes: does it reject a report, negate a plan, say that nothing changes,
or only restate a plan? Read from the wording alone, before any claim is compared with it.

Four shapes of denial, because newsrooms meet them all:
  the report is rejected   "the report is groundless", "there is no truth to", "Reuters is lying", "denies";
  the act is negated       "has no plans to", "has not engaged in discussions", "will not sell";
  the act is ended         "called off the bid", "ended talks" (the claimed deal will not happen);
  nothing changes          "remains at the club", "remains committed to the listing", "still under review".
A negation denies only a claim that is not itself negative ("X will not renew" is confirmed by "X will not
renew"); nothing-changes denies only a claim of a change (a move, a cancellation, an approval). Negations and
nothing-changes count only in the statement's lead clause: a release confirming a deal may add "production
will not start until 2019" further on. Non-denials ("no agreement has been reached", "nothing has been
decided", "will not comment", "did not deny") match none of the shapes. Talks that ended ("end their merger
talks", "withdraws its proposal") deny a claimed agreement but only close a claim of talks (`ends_talks`).
A restated plan ("plans to launch later this year", "will share more later", a prototype) is `plan_only`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from verify.core.caseless import Caseless
from verify.core.normalize import fold
from verify.core.prescan import LazyRuleFilter

_REPORT = (r"(?:(?:media|press|news|newspaper|recent|the|these|those|such|this|that|a|an|any|all|earlier)\s+)*"
           r"(?:reports?|reporting|rumou?rs?|speculation|stor(?:y|ies)|articles?|claims?|allegations?|news)")
_FALSE = (r"(?:(?:completely|entirely|totally|simply|absolutely|wholly|utterly|categorically|clearly|purely)\s+)?"
          r"(?:false|untrue|wrong|erroneous|groundless|baseless|inaccurate|incorrect|unfounded|fake|fabricated"
          r"|misleading|fiction(?:al)?|nonsense|without (?:any )?(?:basis|foundation|merit)"
          r"|not (?:true|accurate|correct|authentic|genuine|real|factual))")
_NEG = r"(?:not|n't|never)"

_REJECTS = Caseless("|".join([
    rf"\b{_REPORT}\b[^.;]{{0,90}}?\b(?:is|are|was|were|as|be)\s+{_FALSE}\b",
    rf"\b(?:call(?:s|ed)?|label(?:s|led|ed)?|brand(?:s|ed)?|dismiss(?:es|ed)?|describ(?:es|ed))\s+{_REPORT}"
    rf"\b[^.;]{{0,60}}?['\"]?{_FALSE}",
    rf"\b(?:rejects?|rejected|refutes?|refuted|rebuts?|rebutted|dismiss(?:es|ed)?|debunk(?:s|ed)?"
    rf"|shoots? down|shot down|slams?|slammed)\s+{_REPORT}\b",
    r"\bno truth\b|\bnot a shred of truth\b|\bfake news\b",
    r"\b(?:is|are|was|were|it's|that's)\s+(?:simply |completely |absolutely )?(?:not true|untrue|false|fake"
    r"|forged|a forgery|forgeries|doctored)\b",
    r"\b(?:is|are|was|were) lying\b|\bliars?\b|\blied\b",
    r"\b(?:not|never) (?:authentic|genuine)\b|\bno (?:relationship|connection|link|ties|affiliation)"
    r" (?:with|to|between)\b|\bnothing to do with\b",
    r"\bnever (?:suggested|said|discussed|considered|planned|intended|asked|approached|proposed|sought|held)\b",
    r"\bat no (?:time|point)\b|\bcategorically\b",
]), re.IGNORECASE)

_DENY_VERB = Caseless(r"\bden(?:y|ies|ied|ying)\b", re.IGNORECASE)
_NOT_DENYING = Caseless(r"(?:\bnot|n't|\bneither|\bnor|\bor|\bwithout|\bto)\s+(?:\w+\s+)?$", re.IGNORECASE)

_TALKS = r"(?:talks|negotiations?|discussions?|contact|conversations?)"
_NEGATES = Caseless("|".join([
    r"\bno (?:current |immediate |such |further |concrete |specific )?(?:plans?|intention|interest)\b",
    rf"\b(?:does|do|did)\s*{_NEG} (?:currently |now )?(?:have|has) (?:any )?(?:such )?(?:plans?|intention|interest)",
    rf"\b(?:does|do|did)\s*{_NEG} (?:currently )?(?:intend|plan|want|seek|wish) to\b",
    rf"\b(?:is|are|was|were|am|has|have|had)\s*{_NEG} (?:been )?(?:currently )?(?:engaged |involved |participating )?"
    rf"in (?:any )?(?:such )?{_TALKS}\b",
    rf"\b{_NEG} (?:been )?(?:engaged|involved|participat\w*|entered) (?:in|into) (?:any )?(?:such )?{_TALKS}",
    rf"\b(?:has|have|had)\s*{_NEG} (?:yet )?(?:held|had|conducted|opened) (?:any )?(?:such )?{_TALKS}",
    rf"\b(?:has|have|had)\s*{_NEG} (?:yet )?(?:issued|made|received|submitted|filed|approved|signed|agreed"
    r"|approached|asked|requested|sought|offered|bid|applied|ordered|banned)\b",
    rf"\bno (?:such )?{_TALKS} (?:with|between|about|on|regarding|are|is|have|has|took|were)\b",
    rf"\b(?:will|would|shall)\s*{_NEG} (?:be )?(?!comment|speculat|disclos|discuss|confirm|den(?:y|i)|elaborat"
    r"|say|reveal|provid|respond|go into|be drawn|be commenting|be making|be able to comment)\w+",
    r"\bwon't (?:be )?(?!comment|speculat|disclos|discuss|confirm|den(?:y|i)|elaborat|say|reveal|provid|respond"
    r"|go into|be drawn)\w+",
    rf"\b(?:is|are|am)\s*{_NEG} (?:for sale|true|leaving|moving|selling|quitting|going to|planning|looking to"
    r"|seeking|considering|preparing|pursuing|exploring|interested in|an issue|on the table)\b",
    rf"\b{_NEG} (?:going|planning) to\b|\bout of the question\b|\bnot on the (?:table|agenda)\b",
]), re.IGNORECASE)

_ENDED_TALKS = r"(?:the |its |their |all )?(?:\w+ )?(?:talks|negotiations|discussions)\b"
_OFF = r"|\b(?:deal|merger|takeover|plan|sale|transfer|move|bid|launch|listing) (?:is|was) (?:off|dead)\b"
_CANCELS = Caseless(
    rf"\b(?:called|calls|call|calling) off (?!{_ENDED_TALKS})|\b(?:cancel(?:s|led|ed)|scrap(?:s|ped)|abandon(?:s|ed)"
    r"|drop(?:s|ped)|shelve[sd]|suspend(?:s|ed)|halt(?:s|ed)) (?:the |its |their |a |his |her )?(?:\w+ ){0,2}"
    r"(?:plans?|project|listing|launch|product|program(?:me)?|ipo|offering)\b"
    r"|\b(?:listing|ipo|offering|launch|sale) (?:\w+ ){0,2}(?:is|was|has been|will (?:also )?be|would be) "
    r"(?:suspended|halted|cancel(?:l)?ed|scrapped|called off|shelved)\b" + _OFF,
    re.IGNORECASE)
_ENDS = Caseless(
    rf"\b(?:called|calls|call|calling) off {_ENDED_TALKS}|\b(?:ended|ends|end|terminated|terminates"
    rf"|walked away from|walks away from) {_ENDED_TALKS}"
    r"|\b(?:withdr(?:aws|ew|awn)|terminat(?:es|ed)|abandon(?:s|ed)|drop(?:s|ped)|scrap(?:s|ped)|call(?:s|ed)? off"
    r"|pull(?:s|ed)? out of) (?:the |its |their |a |his |her )?(?:\w+ )?(?:\w+ )?"
    r"(?:bid|offer|proposal|approach|merger|takeover|deal|agreement)\b"
    r"|\b(?:could not|couldn't|unable to|failing to|failed to) agree\b",
    re.IGNORECASE)
_TALKS_CLAIM = Caseless(
    r"\b(?:talks|negotiat\w*|discussions?|approach(?:ed|es|ing)?|consider\w*|explor\w*|weigh\w*|mull\w*"
    r"|Gesprache?n?|Verhandlungen|verhandel\w*|negociations?|pourparlers|approche|discut\w*|negoci\w*"
    r"|conversaciones)\b",
    re.IGNORECASE)
_TALKS_CJK = re.compile(r"洽谈|谈判|磋商|商谈|接洽|交渉|協議中|接触")
_DEAL_AGREED = Caseless(r"\b(?:agreed|reached (?:an )?agreement|signed|struck|clinched|sealed)\b", re.IGNORECASE)

_STAYS = Caseless(
    r"\b(?:is|are|will be) (?:staying|remaining)\b|\b(?:will|would) (?:stay|remain)\b|\bstays? (?:at|with|in)\b"
    r"|\bremains? (?:at|with|in|committed|focused|united|on track|fully|part of|under|the|an?|our|their)\b"
    r"|\bstill (?:under review|pending|being reviewed|under consideration|in place)\b|\bunder review\b"
    r"|\bcontinues? to (?:support|prepare|plan|work on|pursue)\b",
    re.IGNORECASE)

_CHANGES = Caseless(
    r"\b(?:cancel\w*|call(?:s|ed)? off|scrap\w*|shelv\w*|abandon\w*|dropp?\w*|ditch\w*|kill\w*|axe[sd]?"
    r"|leav\w*|left|quit\w*|exit\w*|depart\w*|join\w*|sign(?:s|ed|ing)?|mov(?:e|es|ed|ing) to|bid\w*|buy\w*"
    r"|acquir\w*|take ?over|merg\w*|fee"
    r"|transfer\w*|fir(?:e|es|ed|ing)|oust\w*|sack\w*|step(?:s|ped|ping)? down|resign\w*|replac\w*"
    r"|approv\w*|authori[sz]\w*|postpon\w*|delay\w*|halt\w*|suspend\w*|ban(?:s|ned|ning)?|bar(?:s|red)"
    r"|ordered|order(?:s|ing)? \w+ (?:not )?to|clos(?:es|ed|ing|ure)|shut\w*|sell(?:s|ing)?|sold|split\w*)\b",
    re.IGNORECASE)

# A claim in another language is read for the same two things an English denial is weighed against: does it
# say something changes (a departure, a sale, a cancellation), and is it itself negative ("wird nicht",
# "ne ... pas", "no venderá", "不会", "しない"). Text is folded first: accents dropped ("dejará" = "dejara").
_CHANGES_ELSEWHERE = Caseless(
    r"\b(?:verlass\w*|verlasst|verliess\w*|verkauf\w*|kauf(?:t|en)\b|ubernehm\w*|ubernimmt|ubernahme\w*|rucktritt\w*"
    r"|zurucktret\w*|tritt \w+ zuruck|wechsel\w*|absag\w*|abgesagt|gestrichen|einstell\w*|schliess\w*|fusion\w*"
    r"|entlass\w*|quitt\w*|demission\w*|rachat|rachet\w*|achet\w*|acquer\w*|vend(?:re|ra|u|ue)\b"
    r"|cession|annul\w*|ferm\w*|licenci\w*|rejoin\w*|dejar\w*|deja\b|abandon\w*|dimit\w*|dimision\w*"
    r"|compra\w*|comprar\w*|adquiri\w*|adquisicion\w*|vender\w*|venta|cancel\w*|cerra\w*|cierr\w*|fichar\w*"
    r"|despid\w*)\b"
    r"|离职|辞职|卸任|下台|收购|并购|出售|合并|取消|关闭|加盟|裁员|退出|辞任|退任|退社|買収|売却|合併|経営統合|中止"
    r"|撤退|閉鎖|移籍", re.IGNORECASE)
_NEGATIVE_ELSEWHERE = Caseless(
    r"\b(?:nicht|kein\w*|niemals)\b|\bn(?:e\s+|')\w+(?:\s+\w+)?\s+(?:pas|jamais|plus|aucun\w*)\b"
    r"|\bno\s+(?:se\s+|lo\s+|la\s+|le\s+)?(?:\w+(?:ara|era|ira|aran|eran|iran)|va a|van a|tiene|planea|piensa)\b"
    r"|\bnunca\b|不会|不再|不打算|无意|并不|没有计划|不将|しない|されない|ません|予定はない", re.IGNORECASE)

_DOES_CHANGE = Caseless(
    r"\b(?:acquir(?:e|es|ed|ing)|agree[sd]? to|to (?:buy|acquire|merge|join|sign|sell)|signs?|signed|completes?"
    r"|completed|joins?|will join|moves? to|transfers?|sells?|sold|buys?|bought|merges?|merged)\b",
    re.IGNORECASE)

_PLAN = Caseless(
    r"\b(?:plans?|planning|intends?|aims?|hopes?|expects?|looks? forward) to (?:launch|release|ship|introduce"
    r"|bring|offer|announce|unveil|share|reveal|make|start|begin|open|sell|expand)\b",
    re.IGNORECASE)
_NOTHING_YET = Caseless(
    r"\bwill (?:share|have|say|reveal|provide|announce) more\b|\bmore (?:details|information|to share)"
    r" (?:later|soon|in the coming|at a later)\b|\b(?:prototype|concept (?:car|device|phone|vehicle)|proof of"
    r" concept|research project|a concept for|for internal use)\b"
    r"|\bnot (?:yet )?(?:for sale|available for purchase|an? (?:commercial |consumer )?product)\b"
    r"|\bno (?:plans|timeline) to sell\b",
    re.IGNORECASE)
_DONE = Caseless(
    r"\b(?:launch(?:es|ed)|unveil(?:s|ed)|introduc(?:es|ed)|announc(?:es|ed)|releas(?:es|ed)|available|on sale"
    r"|ships|shipping|pre-?orders?|acquir(?:es|ed)|agree[sd]?|signs?|signed|completes?|completed|prices?|priced"
    r"|opens|opened|starts?|started|begins|began)\b",
    re.IGNORECASE)


@dataclass(frozen=True)
class Stance:
    """What a statement does to a report: rejects it, negates the act, says nothing changes; whether it
    claims a change itself; whether it only restates a plan."""

    rejects: bool = False
    negates: bool = False
    ends: bool = False
    cancels: bool = False
    stays: bool = False
    changes: bool = False
    talks: bool = False  # speaks of talks, an approach or a deal considered, none agreed
    plan_only: bool = False

    @property
    def denial_shaped(self) -> bool:
        return self.rejects or self.negates or self.ends or self.cancels


_CLAUSE_END = re.compile(r";|(?<=[a-z0-9)'\"])[.!?](?:\s|$)| - | -- ")


def lead_clause(text: str) -> str:
    """The statement's first clause, where its point is made: up to the first semicolon or sentence end."""
    return _CLAUSE_END.split(text, maxsplit=1)[0]


def _denies(text: str) -> bool:
    """"denies" and its forms, unless the sentence says it did not deny or would neither confirm nor deny."""
    return any(not _NOT_DENYING.search(text[max(0, m.start() - 30):m.start()]) for m in _DENY_VERB.finditer(text))


def _speaks_of_talks(text: str, can: Callable[[object], bool]) -> bool:
    """Talks, an approach or a deal considered come up before any deal agreed ("is in talks ..., weeks after
    a rival agreed to ..." speaks of talks; "has agreed terms after talks" does not)."""
    talks = (can(_TALKS_CLAIM) and _TALKS_CLAIM.search(text)) or (can(_TALKS_CJK) and _TALKS_CJK.search(text))
    agreed = can(_DEAL_AGREED) and _DEAL_AGREED.search(text)
    return bool(talks) and (not agreed or talks.start() < agreed.start())


# The patterns `stance` runs over the folded text or its lead clause (a part of it). Each is run only on a
# text holding the words it needs (`prescan`): most texts hold those of three or four. Measured on 20,000
# synthetic texts: 29 -> 9 µs a text, the same stances.
_READ = (_REJECTS, _DENY_VERB, _NEGATES, _NEGATIVE_ELSEWHERE, _ENDS, _CANCELS, _STAYS, _DOES_CHANGE, _CHANGES,
         _CHANGES_ELSEWHERE, _NOTHING_YET, _PLAN, _TALKS_CLAIM, _TALKS_CJK, _DEAL_AGREED)


_PRESCAN = LazyRuleFilter(list(_READ))


def stance(text: str) -> Stance:
    """The stance of one text, read once per text by the matcher."""
    folded = fold(text)
    lead = lead_clause(folded)
    can = dict(zip(_READ, _PRESCAN.may_match(folded), strict=True)).__getitem__

    def found(pattern, where: str) -> bool:
        return can(pattern) and pattern.search(where) is not None

    rejects = found(_REJECTS, folded) or (can(_DENY_VERB) and _denies(folded))
    plan_only = found(_NOTHING_YET, folded) or (found(_PLAN, lead) and not _DONE.search(_PLAN.sub(" ", lead)))
    return Stance(rejects=rejects, negates=found(_NEGATES, lead) or found(_NEGATIVE_ELSEWHERE, lead),
                  ends=found(_ENDS, lead), cancels=found(_CANCELS, lead),
                  stays=found(_STAYS, lead) and not found(_DOES_CHANGE, lead),
                  changes=found(_CHANGES, folded) or found(_CHANGES_ELSEWHERE, folded), plan_only=plan_only,
                  talks=_speaks_of_talks(folded, can))


def is_denial(text: str) -> bool:
    """An official statement that rejects something: "denies", "no plans to", "the report is false"..."""
    return stance(text).denial_shaped


def ends_talks(claim: Stance, announcement: Stance) -> bool:
    """Talks the claim spoke of were held and then ended: the talks are confirmed, the deal is off. Not a
    denial of a claim of talks (a later event that shows the claim was true), yet no plain confirmation."""
    return announcement.ends and claim.talks and not announcement.rejects and not claim.ends


def denies(claim: Stance, announcement: Stance) -> bool:
    """The announcement denies the claim: it rejects the report; or it negates what a claim that is not itself
    negative says; or it says nothing changes where the claim says something does."""
    if announcement.rejects:
        return True
    if ends_talks(claim, announcement):
        return False
    if announcement.negates or announcement.ends or announcement.cancels:
        return not claim.negates and not (announcement.ends and claim.ends) \
            and not (announcement.cancels and claim.cancels)
    return announcement.stays and claim.changes and not claim.negates
