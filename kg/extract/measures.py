"""Prescribed measures, slogans and tasked bodies.

The body is cut into sentences and clauses (".", ";", a colon at a line end, bullets and numbered
items). Each clause is matched against the cue table ``kg/data/measure_cues.tsv`` (one compiled
alternation per concept). A clause does not prescribe when it lies in

- the title of a cited document ("Công văn số 534-CV/BTGTW ... về việc tăng cường ..."), or the
  document's own title block;
- the preamble before the directive part ("... yêu cầu:", "... chỉ đạo như sau:");
- a review sentence ("Thời gian qua ...", "Tuy nhiên ... còn chậm", "đạt được kết quả đó nhờ ...")
  or a clause in the past ("đã được kiểm soát") without an imperative.

Each measure instance carries the bodies the text gives it to (the subject of its item, bullet or
"Giao ..." sentence; see :mod:`kg.extract.assignments`), its target groups
(``kg/data/target_groups.tsv`` plus age ranges), its deadline as written and its item label.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from kg import gazetteer as gz
from kg.extract._tables import PrefixMatcher, read_table
from kg.extract.assignments import Anchor, BodyRef, find_anchors, known_spelling, resolve_honorific
from kg.extract.context import Context
from kg.extract.lexicon import LOWER, UPPER, restore_marks
from kg.extract.orgs import canonical_org, scope_org
from kg.extract.slogans import find_slogans
from kg.legacy import not_vietnamese_warning
from kg.lookup import Intervals, in_union, union
from kg.normalise import NormText
from kg.record import Assignment, Measure, Slogan
from kg.segment import Item, Segments, fold_same_length, items_in
from kg.text import fold

__all__ = ["clauses", "epidemic_document", "extract_measures"]

Range = tuple[int, int]

# --- text structure -------------------------------------------------------------------------------

_LABEL_AT_LINE = re.compile(
    r"(?m)^[ \t]*(?:[-–•+*][ \t]+)?(?:(?:\d{1,2}\.)*\d{1,2}(?:[.\-–)]|\.-)|[a-zđ]\)|[IVX]{1,4}[.\-])[ \t]+"
)
# Upper- and lowercase letters (a range "À-Ỹ" holds both cases of the letters with marks).
_UP = re.escape(UPPER)
_LO = re.escape(LOWER)
_BOUNDARY = re.compile(
    r"[.!?…](?=[\s”\"]|$)"  # sentence end
    r"|:(?=[ \t]*\n)"  # a colon closing a line ("... như sau:")
    r"|\n(?=[ \t]*\|)"  # a row of a table
    r"|\n(?=[ \t]*(?:[-–•+][ \t]|(?:\d{1,2}\.)*\d{1,2}(?:[.\-–)]|\.-)[ \t]"
    r"|[a-zđ]\)[ \t]|[IVX]{1,4}[.\-][ \t]))"
    r"|\n[ \t]*\n(?=[ \t]*[\"“(]?[A-ZÀ-ỸĐ])"  # a paragraph that starts with a capital
    rf"|\n(?<=[{_UP}]\n)"  # after a heading in capitals ("MỤC ĐÍCH, YÊU CẦU")
)
_LEAD_JUNK = re.compile(
    r"[\s\-–•+*“\"]*(?:(?:(?:\d{1,2}\.)*\d{1,2}(?:[.\-–)]|\.-)|[a-zđ]\)|[IVX]{1,4}[.\-])\s+)?[\s\-–•+*]*"
)
_CAPS_LINE = re.compile(r"(?m)^[^\na-zà-ỹđ]*[A-ZÀ-ỸĐ][^\na-zà-ỹđ]*$")
_DOCTYPE_LINE = re.compile(
    r"(?m)^[ \t]*(?:KẾ HOẠCH|CÔNG ĐIỆN|CHỈ THỊ|THÔNG BÁO|QUYẾT ĐỊNH|NGHỊ QUYẾT|CÔNG VĂN|HƯỚNG DẪN|KẾT LUẬN"
    r"|TỜ TRÌNH|BÁO CÁO|CHƯƠNG TRÌNH|PHƯƠNG ÁN)\b[^\na-zà-ỹđ]*$"
)
_VV_LINE = re.compile(r"(?mi)^[ \t]*(?:v/v|về việc)\b")
_BLANK = re.compile(r"\n[ \t]*\n")

# A cited document's number, then its title after "về (việc)".
# The digit first, so the scan skips fast to digits: "(?<![\w/])\d{1,5}..." with the look-behind after it.
_DOC_NUMBER = re.compile(r"\d(?<![\w/]\d)\d{0,4}[/-][\wĐđ./-]*[A-ZĐ][\wĐđ/.-]*")
_ABOUT = re.compile(r"[^;\n]{0,160}?(?<!\w)(?:về việc|về|v/v)(?!\w)")
_TITLE_END = re.compile(
    r";|\.(?=\s|$)|:|\n[ \t]*\n|\(|”|,\s+(?=[A-ZÀ-ỸĐ])"
    r"|,\s+(?=(?:yêu cầu|đề nghị|chỉ đạo|giao|đồng thời|trong đó|theo đó|ủy ban|ban thường vụ)\b)"
)

_QUOTE = re.compile(r"[“”\"]")


def _quotations(text: str, start: int, end: int) -> list[Range]:
    """Long quotations (120 to 5,000 characters from an opening quote to the first closing one after
    it): the quoted provisions of another text. One pass over the quote marks."""
    out: list[Range] = []
    opened = -1
    for m in _QUOTE.finditer(text, start, end):
        if m.group() == "“":
            if opened < 0:
                opened = m.start()
        elif opened >= 0:
            if 120 <= m.start() - opened <= 5000:
                out.append((opened, m.end()))
            opened = -1
    return out


_APPROVES = re.compile(r"(?i)(?:đồng ý|thống nhất|nhất trí|chấp thuận|phê duyệt)(?!\w)[^.;]*$")

# The directive part starts after a line like "... yêu cầu:" / "... chỉ đạo như sau:", or the enacting
# line of a decision or resolution ("QUYẾT ĐỊNH:", "QUYẾT NGHỊ:", after its "Căn cứ ..." lines). The
# look-ahead (the line ends in a colon) only skips, fast, the lines that cannot match.
_TRIGGER = re.compile(
    r"(?mi)^(?=[^\n]*:[ \t]*$)"
    r"(?:[^\n]*(?:yêu cầu|đề nghị|chỉ đạo|như sau|nội dung sau|nhiệm vụ sau|điện|kết luận)[^\n]*"
    r"|[ \t]*(?P<enact>quyết (?:định|nghị))[ \t]*):[ \t]*$"
)

# --- tense, aspect and epidemic context ------------------------------------------------------------

_REVIEW_OPEN = re.compile(
    r"(?:thời gian qua|trong thời gian qua|thời gian vừa qua|vừa qua|tuy nhiên|qua (?:\d|một|hơn|các)"
    r"|sau (?:một|hơn) (?:thời gian|năm|tháng)|đến nay|hiện nay|năm 20\d\d,"
    r"|trong (?:những|các) (?:ngày|tuần|tháng|năm) (?:qua|gần đây|vừa qua)"
    r"|[^,.;]{0,40} (?:cơ bản )?nhất trí với)(?!\w)"
)
_REVIEW_ANY = re.compile(
    r"(?<!\w)(?:đạt được (?:kết quả|những kết quả)|kết quả (?:đó|trên)|nhờ (?:sự|có|vào)"
    r"|còn (?:chậm|hạn chế|tồn tại|thấp|nhiều hạn chế)|chưa đạt|đã được kiểm soát|được kiểm soát tốt"
    r"|đã kiểm soát|đánh giá cao|ghi nhận)(?!\w)"
)
_PAST = re.compile(
    r"(?<!\w)đã (?:được |và đang |từng )?(?:triển khai|thực hiện|kiểm soát|tổ chức|đạt|hoàn thành|tiêm"
    r"|ghi nhận"
    r"|xuất hiện|có|ban hành|chỉ đạo|phát hiện|xảy ra|nỗ lực)(?!\w)"
)
_IMPERATIVE = re.compile(r"(?<!\w)(?:cần phải|phải|cần|đề nghị|yêu cầu(?! đề ra)|khẩn trương|phấn đấu)(?!\w)")
# Cheap tests run first: every match of _REVIEW_ANY, _IMPERATIVE, _PAST or _DEADLINE (on the lowercased
# text) holds one of these words, or "đã", or a digit, whole inside the range searched.
_REVIEW_ANY_WORD = re.compile(r"đạt được|kết quả|nhờ |còn |chưa đạt|kiểm soát|đánh giá cao|ghi nhận")
_IMPERATIVE_WORD = re.compile(r"phải|cần|đề nghị|yêu cầu|khẩn trương|phấn đấu")
_DIGIT = re.compile(r"\d")
# Every branch opens with a letter (the look-behinds of "dịch" come after it), so the scan skips fast.
# "dịch" is not the epidemic in "giao dịch", "dịch vụ", "dịch chuyển", in a translation ("bản dịch",
# "phiên dịch", "dịch sang tiếng Việt"), in plant and animal quarantine ("kiểm dịch") or in a disease of
# livestock and crops ("dịch tả lợn châu Phi", "dịch bệnh trên gia súc", "dịch cúm gia cầm").
_EPI = re.compile(
    r"covid|ncov|sars-cov|corona|vắc[ -]?xin|tiêm chủng|cách ly"
    r"|dịch(?<!giao dịch)(?<!chuyển dịch)(?<!bản dịch)(?<!phiên dịch)(?<!biên dịch)(?<!kiểm dịch)(?<!\wdịch)"
    r"(?! vụ| thuật| chuyển| sang| ra tiếng| tả| cúm gia cầm| lở mồm| hại"
    r"| bệnh (?:trên |ở |cho )?(?:động vật|gia súc|gia cầm|vật nuôi|thủy sản|cây trồng|lợn|heo))(?!\w)"
)

# The same over text that lost its marks (OCR, a font without Vietnamese, typing without a Vietnamese
# keyboard), folded: "dich" alone is also "đích" ("mục đích") and "địch" ("thù địch"), so it counts only in
# the phrases that name the epidemic ("phong, chong dich", "o dich", "dich benh", "dai dich").
_EPI_BARE = re.compile(
    r"covid|ncov|sars-cov|corona|vac[ -]?xin|vaccine|tiem chung|cach ly"
    r"|(?<!\w)(?:phong,? chong|phong|chong|o|vung|dap|mua|dai|co|lay lan|tinh hinh|boi|do|dien bien(?: cua)?"
    r"|kiem soat) dich(?! vu| thuat| chuyen| sang| ta| cum gia cam| lo mom| hai)(?!\w)"
    r"|(?<!\w)dich(?= covid)|(?<!\w)dich (?:benh|viem)(?!\w)"
    r"(?! (?:tren |o |cho )?(?:dong vat|gia suc|gia cam|vat nuoi|thuy san|cay trong|lon|heo)(?!\w))"
)

# --- targets and deadlines -----------------------------------------------------------------------

_AGE = re.compile(
    r"(?<!\w)(?:(?:người|trẻ em|trẻ|học sinh|thanh thiếu niên|đối tượng|nhóm) )?"
    r"(?:từ (?:đủ )?\d{1,2} (?:tuổi )?(?:đến|tới|-) (?:dưới )?\d{1,2} tuổi|từ (?:đủ )?\d{1,2} tuổi trở lên"
    r"|dưới \d{1,2} tuổi|trên \d{1,2} tuổi|\d{1,2} tuổi trở lên)(?!\w)"
)
_DEADLINE = re.compile(
    r"(?<!\w)(?:chậm nhất (?:là )?(?:trước |vào )?|trước |hoàn thành trong |hoàn thành trước |trong )"
    r"(?:ngày \d{1,2}(?:/\d{1,2}(?:/\d{2,4})?| tháng \d{1,2}(?: năm \d{4})?)"
    r"|\d{1,2} giờ(?: \d{1,2}(?: phút)?)?(?: (?:ngày \d{1,2}(?:/\d{1,2}(?:/\d{4})?)?|hằng ngày|hàng ngày))?"
    r"|tuần (?:thứ \d+ )?(?:của )?tháng \d{1,2}(?: năm \d{4})?"
    r"|\d{1,2}/\d{1,2}(?:/\d{4})?"
    r"|tháng \d{1,2}(?:/\d{4}| năm \d{4})?"
    r"|quý [IV\d]+(?: năm \d{4})?"
    r"|năm \d{4})(?!\w)"
)


# --- the cue table -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Cue:
    concept: str
    unless: re.Pattern[str] | None
    needs: str


@dataclass(frozen=True)
class _Cues:
    matcher: PrefixMatcher  # the cues (rows "c…") and the target groups (rows "t…"): one scan for both
    bare: PrefixMatcher  # the same cues without diacritics, over the folded text (OCR that lost them)
    bare_unless: dict[str, re.Pattern[str] | None]  # row name -> its veto without diacritics
    source: dict[str, str]  # row name -> its pattern as written (with diacritics)
    rows: dict[str, _Cue]  # row name -> cue
    order: dict[str, int]  # concept -> rank in the table
    target_labels: dict[str, str]  # row name -> its target group


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    """The cue and target tables compiled once: a prefix-bucketed matcher over all their rows."""
    rows: dict[str, _Cue] = {}
    patterns: list[tuple[str, str]] = []
    order: dict[str, int] = {}
    for i, r in enumerate(read_table("measure_cues.tsv")):
        name = f"c{i}"
        unless = re.compile(r["unless"]) if r["unless"] else None
        rows[name] = _Cue(r["concept"], unless, r["needs"])
        patterns.append((name, r["pattern"]))
        order.setdefault(r["concept"], len(order))
    tpatterns: list[tuple[str, str]] = []
    labels: dict[str, str] = {}
    for i, r in enumerate(read_table("target_groups.tsv")):
        tpatterns.append((f"t{i}", r["pattern"]))
        labels[f"t{i}"] = r["label"]
    # rows without a mark match the same over the folded text: the first pass has them already
    bare = PrefixMatcher([(name, strip_marks(p)) for name, p in patterns if not p.isascii()])
    bare_unless = {
        name: re.compile(strip_marks(c.unless.pattern)) if c.unless is not None else None
        for name, c in rows.items()
    }
    return _Cues(PrefixMatcher(patterns + tpatterns), bare, bare_unless, dict(patterns), rows, order, labels)


def _trigger(
    rx: re.Pattern[str],
    text: str,
    start: int,
    end: int,
    first_item: int,
    masked: tuple[list[int], list[int]],
) -> re.Match[str] | None:
    """The directive line ("... yêu cầu:", "QUYẾT ĐỊNH:") before the first item (``masked``: the
    masked ranges as :func:`kg.lookup.union`)."""
    for m in rx.finditer(text, start, end):
        # (the enacting line is in capitals, so among the masked title lines)
        if m.start() < first_item and (m.group("enact") or not in_union(masked, m.start())):
            return m
    return None


@lru_cache(maxsize=1)
def _trigger_bare() -> re.Pattern[str]:
    """The directive line ("... yêu cầu:") over the text folded without diacritics."""
    return re.compile(strip_marks(_TRIGGER.pattern), _TRIGGER.flags)


def strip_marks(pattern: str) -> str:
    """A regex (or text) without Vietnamese diacritics: "tiêm vắc[ -]?xin" → "tiem vac[ -]?xin"; case and
    escapes are kept, so the pattern means the same over the folded text."""
    out = unicodedata.normalize("NFD", pattern)
    out = "".join(c for c in out if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", out.replace("đ", "d").replace("Đ", "D"))


_WORD = re.compile(r"\w+")
# A word that cannot be Vietnamese without its marks: "iê", "uô", "yê", "ênh", or a closed syllable
# (-p, -t, -c, -ch) without the tone it needs ("xet", "nghiem", "dich", "benh"). A body without one
# has lost no marks the cue pass needs, so the pass without diacritics is skipped.
_UNMARKED = re.compile(r"(?<![^\W\d_])[a-z]*(?:(?:ie|uo|ye)[a-z]*|enh|[aeiouy](?:ch|[ptc]))(?![^\W\d_])")
# What every match of _UNMARKED holds, searched first: a scan for a few letters skips fast, where
# _UNMARKED (a look-behind first) is tried at every position; marked text rarely holds one.
_UNMARKED_CORE = re.compile(r"ie|uo|ye|(?:enh|[aeiouy](?:ch|[ptc]))(?![^\W\d_])")


def _lost_marks(span: str, source: str) -> bool:
    """Whether a match of a cue without diacritics is a cue whose marks OCR lost: some word of the
    ``span`` has no mark at all, and every word that has marks is written so in the cue's ``source``
    ("đúng quan" is no "dừng quán": "đúng" is not in the cue)."""
    bare = False
    for w in _WORD.findall(span):
        if w.isascii():
            bare = bare or w.isalpha()
        elif w not in source:
            return False
    return bare


# --- helpers -------------------------------------------------------------------------------------


def _lower(text: str) -> str:
    """Lowercase with newlines read as spaces, same length as ``text``."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return low.replace("\n", " ")


def epidemic_document(low: str, start: int, end: int, folded: bool = False) -> bool:
    """True when the text is about the epidemic (enough mentions for its length); ``folded``: ``low`` is
    the text folded without diacritics, read with the phrases of ``_EPI_BARE``."""
    n = 0
    for _ in (_EPI_BARE if folded else _EPI).finditer(low, start, end):
        n += 1
        if n >= 15:
            return True
    return n >= 3 and n * 1000 >= 1.8 * max(1, end - start)


def _title_ranges(text: str, start: int, end: int, first_item: int) -> list[Range]:
    """The document's own title and heading lines inside the body (when there is no "Kính gửi")."""
    out: list[Range] = [(m.start(), m.end()) for m in _CAPS_LINE.finditer(text, start, end)]
    limit = min(first_item, end)
    for rx in (_DOCTYPE_LINE, _VV_LINE):
        m = rx.search(text, start, limit)
        if m:
            b = _BLANK.search(text, m.end(), end)
            out.append((m.start(), b.start() if b else m.end()))
    return out


def _citation_titles(text: str, start: int, end: int) -> list[Range]:
    """Titles of cited documents: "số 534-CV/BTGTW ngày ... của ... về việc <title>"."""
    out: list[Range] = []
    for m in _DOC_NUMBER.finditer(text, start, end):
        if _APPROVES.search(text, max(start, m.start() - 120), m.start()):
            continue  # "đồng ý với đề xuất ... tại Tờ trình số ... về việc X": X is decided here
        a = _ABOUT.match(text, m.end(), end)
        if not a or ". " in text[m.end() : a.end()]:
            continue
        t = _TITLE_END.search(text, a.end(), min(end, a.end() + 300))
        out.append((a.end(), t.start() if t else min(end, a.end() + 300)))
    return out


# The line that opens an attachment after the closing blocks, under its own title ("HƯỚNG DẪN ...",
# "KẾ HOẠCH ...", "PHỤ LỤC"): "(Kèm theo Công văn số … của Sở Y tế)", "(Ban hành kèm theo Quyết định
# số …)". Over the text folded without marks (OCR loses them: "Kem theo cong van"); the type word after
# "kèm theo" is one of ``doc_types.tsv`` or "văn bản".
@lru_cache(maxsize=1)
def _attached_line() -> re.Pattern[str]:
    words = {fold(n) for d in gz.doc_types() for n in (d.name_vi, *d.aliases)} | {"van ban"}
    alts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?m)(?:^[ \t]*\(?|\()[ \t]*(?:ban\s+hanh\s+)?kem\s+theo\s+(?:{alts})(?![^\W\d_])")


_ATTACHED_REACH = 300  # how far the parenthesis of the attachment line may run before it closes
# A form attached to be filled in ("Mẫu Giấy xác nhận", "Biểu mẫu số 01", "MẪU BÁO CÁO"): its blanks and
# labels prescribe nothing. Its title is one of the two lines above the "(Kèm theo …)" line (folded; OCR
# may put a stray glyph before it).
_FORM_TITLE = re.compile(r"(?:[^\s]{1,2}[ \t]+)?(?:bieu[ \t]+)?mau(?![^\W\d_])")


def attachment(text: str, start: int) -> Range | None:
    """The attachment after the closing blocks that start at ``start``: a guidance, plan or regulation
    "kèm theo" the document, which prescribes as its body does (the letter says "triển khai hướng dẫn
    ... (đính kèm)", the decision "ban hành kèm theo Quyết định này Kế hoạch ..."). It runs from the end
    of its "(Kèm theo …)" line (or parenthesis, when that wraps) to the end of the text; None without
    one, or when the attachment is a form to fill in.
    """
    folded = fold_same_length(text[start:])
    for m in _attached_line().finditer(folded):
        # the parenthesis opens its line, or follows the attachment's title in capitals on it (a title
        # and its line flattened into one: "HƯỚNG DẪN (Kèm theo Công văn số …)")
        ls = folded.rfind("\n", 0, m.start()) + 1
        if not any(c.islower() for c in text[start + ls : start + m.start()]):
            break
    else:
        return None
    a = start + m.end()
    above = [ln.strip() for ln in folded[max(0, m.start() - 300) : m.start()].split("\n") if ln.strip()]
    if any(_FORM_TITLE.match(ln) for ln in above[-2:]):
        return None
    eol = text.find("\n", a)
    eol = len(text) if eol < 0 else eol
    if text[start + m.start() : a].lstrip().startswith("("):
        close = text.find(")", a, a + _ATTACHED_REACH)
        eol = max(eol, close + 1) if close >= 0 else eol
    while eol < len(text) and text[eol] in " \t\n":
        eol += 1
    return (eol, len(text)) if eol < len(text) else None


def clauses(text: str, start: int, end: int) -> tuple[list[Range], list[tuple[int, int, int]]]:
    """Sentences and clauses of ``text[start:end]``.

    Returns ``(sentences, clauses)``; a clause is ``(start, end, sentence_index)``.

    Clause ranges are trimmed of spaces, bullets and item labels.
    """
    sentences: list[Range] = []
    labels = union((m.start(), m.end()) for m in _LABEL_AT_LINE.finditer(text, start, end))
    p = start
    for m in _BOUNDARY.finditer(text, start, end):
        if in_union(labels, m.start()):
            continue
        if m.start() > p:
            sentences.append((p, m.start()))
        p = m.end()
    if p < end:
        sentences.append((p, end))
    out: list[tuple[int, int, int]] = []
    for i, (s, e) in enumerate(sentences):
        q = s
        cuts: list[int] = []
        c = text.find(";", s, e)
        while c >= 0:
            cuts.append(c)
            c = text.find(";", c + 1, e)
        cuts.append(e)
        for c in cuts:
            a = _LEAD_JUNK.match(text, q, c).end()
            b = c
            while b > a and text[b - 1] in " \t\n":
                b -= 1
            if b - a >= 3:
                out.append((a, b, i))
            q = c + 1
    return sentences, out


# "thành phố" as OCR damages it in a name ("thảnh ph", "thành phó", "thanh ph"): no other Vietnamese
# words are spelled so ("phó" never follows "thành").
_CITY_OCR = re.compile(r"(?<![^\W\d_])([Tt])h[aàảáãạ]nh\s+ph(?:[ốôóòoồổ])?(?![^\W\d_])")


@lru_cache(maxsize=4096)
def _canon(name: str) -> str:
    known, rest = known_spelling(_head_spelling(name))
    if known:
        name = known + rest  # a known name as the tables spell it ("Cơ quan đại điện ..." read by OCR)
    name = _CITY_OCR.sub(lambda m: m.group(1) + "hành phố", name)
    if any(w.isascii() and w.isalpha() for w in name.split()):
        name = _restore(name)
    s = canonical_org(name)
    return s[:1].upper() + s[1:] if s else s


# A run of words without marks, between words with marks and punctuation; a word that cannot be
# Vietnamese without its marks ("huyen", "nghiep": it lost them).
_BARE_RUN = re.compile(r"(?<![^\W\d_])[A-Za-z]+(?: [A-Za-z]+)*(?![^\W\d_])")
_NEEDS_MARKS = re.compile(r"(?<![^\W\d_])[a-z]*(?:(?:ie|uo|ye)[a-z]*|enh|[aeiouy](?:ch|[ptc]))(?![^\W\d_])")


# A place word that lost its marks, where a place word stands: after "các" or in a list of them, at the
# end of a name or before the place's name ("Công an tinh", "các xa, thị trấn"; "cơ quan" stays).
_BARE_PLACE = re.compile(
    r"(?<![^\W\d_])(?<!cơ )(?<!Cơ )(?:tinh|xa|quan|thi xa|thi tran|thanh pho|huyen|phuong)"
    r"(?=$|,| [A-ZĐ])|(?<=các )(?:tinh|xa|quan|huyen|phuong)(?![^\W\d_])"
)


def _restore(name: str) -> str:
    """The marks OCR lost in a body's name put back from the tables: the known name it opens with
    ("Cuc Quan ly thi truong tinh" → "Cục Quản lý thị trường tinh"); then, in a rest without any mark,
    each run of words as the gazetteers spell it ("tinh" → "tỉnh", "cac huyen" → "các huyện"), and in a
    rest with marks the phrases whose marked words agree ("Tinh ủy" → "Tỉnh ủy", never "cơ quan" →
    "cơ quận") and the words that cannot go without marks ("huyen"). A word keeps its case ("truong"
    is no "Trường")."""

    def run(m: re.Match[str]) -> str:
        return _same_case(m.group(), restore_marks(m.group()))

    known, rest = known_spelling(_head_spelling(name))
    if rest.isascii():
        return known + _BARE_RUN.sub(run, rest)
    lead = rest[: len(rest) - len(rest.lstrip())]
    rest = _same_case(rest.strip(), restore_marks(rest))
    return known + lead + _BARE_PLACE.sub(run, _NEEDS_MARKS.sub(run, rest))


@lru_cache(maxsize=1)
def _heads() -> dict[str, str]:
    """Heads of body names (``body_types.tsv``) folded → as the table writes them ("phong" → "Phòng")."""
    return {fold(b.head): b.head for b in gz.body_types()}


def _head_spelling(name: str) -> str:
    """``name`` with a head that lost its marks, or that OCR wrote with "đ" for "d", written as the table
    writes it ("Phong Giáo dục" → "Phòng Giáo dục", "So Y tế" → "Sở Y tế", "Ủy ban nhân đân" → "Ủy ban
    nhân dân")."""
    words = name.split(" ")
    heads = _heads()
    for n in range(min(4, len(words)), 0, -1):
        head = " ".join(words[:n])
        spelled = heads.get(fold(head))
        if spelled and (head.isascii() or _unbar(head) == _unbar(spelled)):
            return " ".join([spelled, *words[n:]])
    return name


def _unbar(s: str) -> str:
    return s.replace("đ", "d").replace("Đ", "D")


def _same_case(written: str, restored: str) -> str:
    """``restored`` word by word, except where a word's first letter changed case ("Thành phố" stays,
    "truong" is no "Trường")."""
    words, fixed = written.split(), restored.split()
    if len(words) != len(fixed):
        return written
    return " ".join(f if f[:1].isupper() == w[:1].isupper() else w for w, f in zip(words, fixed, strict=True))


# --- main ----------------------------------------------------------------------------------------


def extract_measures(
    nt: NormText, seg: Segments, ctx: Context, recipients: tuple[str, ...] = ()
) -> tuple[tuple[Measure, ...], tuple[Slogan, ...], tuple[Assignment, ...]]:
    """Measures a directive prescribes, the slogans it uses and the bodies it gives work to.

    ``recipients`` (the "Kính gửi" items) name the bodies "Quý Ủy ban", "Quý cơ quan" stand for."""
    text = nt.text
    low = _lower(text)
    b0, b1 = seg.body()
    seg_items = _items_before_closing(text, seg.items, b1)
    items = [(it.start, it.end, it.label) for it in seg_items]
    first_item = min((s for s, _, _ in items), default=b1)
    # A guidance or plan attached after the closing blocks is read as a second body (its own items,
    # titles and subjects; it has no directive line: all of it prescribes).
    att = attachment(text, b1)
    att_items = items_in(text, *att) if att else ()
    parts = [(b0, b1), att] if att else [(b0, b1)]

    masked = _citation_titles(text, b0, b1) + _title_ranges(text, b0, b1, first_item)
    if att:
        a0, a1 = att
        att_first = min((it.start for it in att_items), default=a1)
        masked += _citation_titles(text, a0, a1) + _title_ranges(text, a0, a1, att_first)
    in_masked = union(masked)
    # The text folded without diacritics when some word of the body lost its marks (OCR): the cues, the
    # directive line and the epidemic are also read there.
    lost = any(_UNMARKED_CORE.search(low, s, e) and _UNMARKED.search(low, s, e) for s, e in parts)
    folded = fold_same_length(low) if lost else ""
    trig = _trigger(_TRIGGER, text, b0, b1, first_item, in_masked)
    if trig is None and folded:
        trig = _trigger(_trigger_bare(), fold_same_length(text), b0, b1, first_item, in_masked)
    directive_start = trig.end() if trig else b0

    sentences, cls = clauses(text, b0, b1)
    att_sentences: list[Range] = []
    if att:
        att_sentences, att_cls = clauses(text, *att)
        cls += [(s, e, si + len(sentences)) for s, e, si in att_cls]
        sentences = sentences + att_sentences
    clause_starts = [c[0] for c in cls]

    # Which clauses can prescribe.
    active = [True] * len(cls)
    review = [False] * len(sentences)
    for i, (s, e) in enumerate(sentences):
        body = _LEAD_JUNK.match(low, s, e).end()
        review[i] = bool(
            _REVIEW_OPEN.match(low, body, e)
            or (_REVIEW_ANY_WORD.search(low, s, e) and _REVIEW_ANY.search(low, s, e))
        )
    seen_imperative: dict[int, bool] = {}
    for k, (s, e, si) in enumerate(cls):
        if e <= directive_start and trig is not None:
            active[k] = False
            continue
        imperative = bool(_IMPERATIVE_WORD.search(low, s, e) and _IMPERATIVE.search(low, s, e))
        if review[si]:
            # In a review sentence, only clauses from the first imperative one onward prescribe.
            seen_imperative[si] = seen_imperative.get(si, False) or imperative
            active[k] = seen_imperative[si]
        elif not imperative and low.find("đã", s, e) >= 0 and _PAST.search(low, s, e):
            active[k] = False

    # the title and header count too
    epi_doc = epidemic_document(low, 0, len(low)) or bool(
        folded and epidemic_document(folded, 0, len(low), True)
    )
    cues = _cues()
    # A quoted provision of another text ("... quy định như sau: “a) ... Ủy ban nhân dân cấp xã ...”")
    # gives no work to anyone: its subjects are not this document's tasked bodies.
    no_subject = masked + [q for s, e in parts for q in _quotations(text, s, e)]
    trig_start = trig.start() if trig else None
    body_sentences = sentences[: len(sentences) - len(att_sentences)]
    anchors = find_anchors(
        text, low, (b0, b1), items, body_sentences, no_subject, directive_start, trig_start
    )
    if att:
        att_tuples = [(it.start, it.end, it.label) for it in att_items]
        anchors += find_anchors(text, low, att, att_tuples, att_sentences, no_subject, att[0])
    named = _body_names(anchors, recipients)

    # Words of body names ("Sở Thông tin và Truyền thông") are not cues.
    names = union({(b.start, b.end) for a in anchors for b in a.responsible + a.lead + a.support})
    found: dict[tuple[str, int], tuple[int, int]] = {}
    # Searches over a whole clause or sentence, done once each (a clause may hold many cue matches).
    epi_clause: dict[int, bool] = {}
    epi_sentence: dict[int, bool] = {}
    vetoed: dict[tuple[int, bool, int], bool] = {}

    def clause_of(cue: _Cue, ms: int, veto: re.Pattern[str] | None, folded: bool) -> int | None:
        """The clause in which a match of ``cue`` at ``ms`` prescribes, or None: an active clause
        without this concept yet, outside titles and body names, without a match of ``veto`` (over
        the clause folded when ``folded``) and, as the cue needs, about the epidemic."""
        k = bisect_right(clause_starts, ms) - 1
        if k < 0 or ms >= cls[k][1] or not active[k] or (cue.concept, k) in found:
            return None
        if in_union(in_masked, ms) or in_union(names, ms):
            return None
        cs, ce, si = cls[k]
        if veto is not None:
            key = (id(veto), folded, k)
            if key not in vetoed:
                vetoed[key] = bool(
                    veto.search(fold_same_length(low[cs:ce])) if folded else veto.search(low, cs, ce)
                )
            if vetoed[key]:
                return None
        ss, se = sentences[si]
        if cue.needs == "clause":
            if k not in epi_clause:
                epi_clause[k] = epidemic(cs, ce)
            if not epi_clause[k]:
                return None
        if cue.needs == "sent" or not epi_doc:
            if si not in epi_sentence:
                epi_sentence[si] = epidemic(ss, se)
            if not epi_sentence[si]:
                return None
        return k

    def epidemic(s: int, e: int) -> bool:
        return bool(_EPI.search(low, s, e) or (folded and _EPI_BARE.search(folded, s, e)))

    # The cues and the target groups, read in one scan of the body.
    hits = [hit for s, e in parts for hit in cues.matcher.finditer(low, s, e)]
    for row, ms, me in hits:
        cue = cues.rows.get(row)
        if cue is None:  # a target group
            continue
        k = clause_of(cue, ms, cue.unless, folded=False)
        if k is not None:
            found[(cue.concept, k)] = (ms, me)

    # OCR that dropped the marks of a word ("xet nghiem", "tiem vắc xin"): the cues without diacritics
    # over the folded text, taken where OCR lost marks (_lost_marks: "tiệm" is no "tiêm") and the clause
    # has no match of the same concept already. In a text that does not read as Vietnamese (a font code
    # kg has no table for: "lüi dóng kinh phi cong doàn"), marks are noise: every match counts.
    garbled: bool | None = None  # asked once, at the first match with other marks
    for row, ms, me in (hit for s, e in parts for hit in cues.bare.finditer(folded, s, e)) if folded else ():
        cue = cues.rows[row]
        k = clause_of(cue, ms, cues.bare_unless[row], folded=True)
        if k is None:
            continue
        if not _lost_marks(low[ms:me], cues.source[row]):
            if garbled is None:  # (asked only for a match that would count: the text is read whole)
                garbled = not_vietnamese_warning(text) is not None
            if not garbled:
                continue
        found[(cue.concept, k)] = (ms, me)

    order = cues.order
    # Target groups, read once over the body (with the cues) and kept per clause.
    tg_hits = [hit for hit in hits if hit[0] in cues.target_labels]
    age_hits = [
        (m.start(), m.end()) for s, e in parts if "tuổi" in low[s:e] for m in _AGE.finditer(low, s, e)
    ]
    age_starts = [a for a, _ in age_hits]
    targets_of: dict[int, tuple[str, ...]] = {}  # by clause
    deadlines: dict[int, str | None] = {}  # by clause
    span_of: dict[int, tuple[int, int]] = {}  # by clause
    bodies_of: dict[int, tuple[tuple[str, ...], ...]] = {}  # by anchor (its id: anchors are kept)
    sentence_deadlines: dict[int, re.Match[str] | None] = {}
    # The anchor of a position: the last one (in position order) whose scope holds it.
    anchor_at = Intervals(((a.pos, a.scope_end, a) for a in anchors), rank=lambda i, s, e, v: -i)
    item_index = _item_index(seg_items + att_items)
    measures: list[Measure] = []
    for (concept, k), (ms, me) in sorted(found.items(), key=lambda x: (x[0][1], order[x[0][0]])):
        cs, ce, si = cls[k]
        if k not in deadlines:  # what a clause gives all its measures, read once
            deadlines[k] = _deadline(text, low, cs, ce, sentences[si], si, sentence_deadlines)
            targets_of[k] = _targets(text, cs, ce, age_hits, tg_hits, age_starts)
            span_of[k] = nt.span(cs, ce)
        anchor = anchor_at.best(cs)
        item = item_index.best(cs)
        bodies = bodies_of.get(id(anchor))
        if bodies is None:
            bodies = bodies_of[id(anchor)] = (
                (
                    _names(anchor.responsible + anchor.lead, named),
                    _names(anchor.lead, named),
                    _names(anchor.support, named),
                )
                if anchor
                else ((), (), ())
            )
        measures.append(
            Measure(
                concept=concept,
                evidence=text[cs:ce],
                span=span_of[k],
                assigned_to=bodies[0],
                lead=bodies[1],
                support=bodies[2],
                targets=targets_of[k],
                deadline=deadlines[k],
                item=item.label if item else None,
                cue=text[ms:me],
            )
        )

    slogans = find_slogans(nt, low, b0, b1, masked)
    # The bodies a directive tasks are those it gives its measures to: a text that prescribes no
    # measure of the scheme (a tax ruling, a flag notice, a procedure decision) tasks no body here.
    assignments = _assignments(nt, item_index, ctx, anchors, named) if measures else ()
    return tuple(measures), slogans, assignments


# A paragraph after the last numbered item that closes the text ("Yêu cầu các cơ quan, đơn vị nghiêm túc
# triển khai thực hiện, ...", "Nhận được Công điện này, ...", "Trong quá trình thực hiện, nếu có vướng
# mắc, ..."): it speaks to the whole text, not to the last item.
_CLOSING_PARA = re.compile(
    r"\n[ \t]*(?=(?:Nhận được|Trên đây|Trong quá trình|Quá trình (?:tổ chức |triển khai )?thực hiện"
    r"|(?:Yêu cầu|Đề nghị)[^.\n]{0,160}?(?:nghiêm túc|khẩn trương|tổ chức|chủ động)"
    r" (?:triển khai )?thực hiện))"
)


def _items_before_closing(text: str, items: tuple[Item, ...], end: int) -> tuple[Item, ...]:
    """The numbered items, the last ones ending where a closing paragraph after them begins."""
    if not items:
        return items
    last = max(items, key=lambda it: it.start)
    # the closing paragraph follows the last item's first line
    eol = text.find("\n", last.start, end)
    m = _CLOSING_PARA.search(text, eol, end) if eol >= 0 else None
    if m is None:
        return items
    cut = m.start()
    return tuple(Item(it.label, it.start, min(it.end, cut), it.depth) for it in items)


def _item_index(items: tuple[Item, ...]) -> Intervals[Item]:
    """The items by position: ``best(pos)`` is the deepest numbered item containing ``pos``, of equal
    depths the last one (as :meth:`Segments.item_at`)."""
    return Intervals(((it.start, it.end, it) for it in items), rank=lambda i, s, e, it: (-it.depth, -i))


_RefKey = tuple[str, bool]


def _ref_key(b: BodyRef) -> _RefKey:
    """A body read from the text, as :func:`_body_names` resolves it: its name and whether it is a
    generic collective (which the same words may be in one place and not in another)."""
    return (b.name, b.generic)


def _body_names(anchors: list[Anchor], recipients: tuple[str, ...]) -> dict[_RefKey, tuple[str, ...]]:
    """The canonical names each body read from the text stands for (by :func:`_ref_key`): "Quý Ủy ban"
    the recipient it addresses (:func:`resolve_honorific`), a collective of generic nouns before its
    predicate ("thông báo để các đơn vị biết và thực hiện") the recipients of the letter, when it has
    some; and a short form ("Cục Thuế các tỉnh, thành phố") the one longer name of the document's tasked
    bodies it opens ("Cục Thuế các tỉnh, thành phố trực thuộc Trung ương"); a short form that opens
    several ("Ủy ban nhân dân": "... tỉnh", "... các huyện") stays as it is."""
    raw = {_ref_key(b) for a in anchors for b in a.responsible + a.lead + a.support}
    out = {
        r: tuple(
            dict.fromkeys(
                _canon(n)
                for n in (recipients if r[1] and recipients else resolve_honorific(r[0], recipients))
            )
        )
        for r in raw
    }
    keys = {n: fold(n) for names in out.values() for n in names}
    by_key = sorted((k, n) for n, k in keys.items())
    folded = [k for k, _ in by_key]
    alias: dict[str, str] = {}
    for n, k in keys.items():
        # the names that open with "k " sort together, right after "k "
        i = bisect_left(folded, k + " ")
        j = bisect_left(folded, k + "!")
        if j - i == 1:
            alias[n] = by_key[i][1]
    return {r: tuple(dict.fromkeys(alias.get(n, n) for n in names)) for r, names in out.items()}


def _names(bodies: tuple[BodyRef, ...], named: dict[_RefKey, tuple[str, ...]]) -> tuple[str, ...]:
    out: dict[str, None] = {}
    for b in bodies:
        names = named.get(_ref_key(b))
        out.update(dict.fromkeys((_canon(b.name),) if names is None else names))
    return tuple(out)


def _targets(
    text: str,
    s: int,
    e: int,
    ages: list[Range],
    groups: list[tuple[str, int, int]],
    age_starts: list[int] | None = None,
) -> tuple[str, ...]:
    """Age ranges and target groups that start in ``[s, e)``; ``ages`` and ``groups`` are in text
    order (ages never overlap), so the ones of the clause are found by bisection (``age_starts``:
    the starts of ``ages``, made once for all clauses)."""
    labels = _cues().target_labels
    if age_starts is None:
        age_starts = [a for a, _ in ages]
    covered = ages[bisect_left(age_starts, s) : bisect_left(age_starts, e)]
    out = [text[a:b] for a, b in covered]
    have = set(out)
    starts = [a for a, _ in covered]
    lo = bisect_left(groups, s, key=lambda g: g[1])
    hi = bisect_left(groups, e, key=lambda g: g[1])
    for name, a, _b in groups[lo:hi]:
        k = bisect_right(starts, a) - 1
        if k < 0 or a >= covered[k][1]:
            label = labels[name]
            if label not in have:
                have.add(label)
                out.append(label)
    return tuple(out)


def _deadline(
    text: str,
    low: str,
    s: int,
    e: int,
    sentence: Range,
    si: int,
    per_sentence: dict[int, re.Match[str] | None],
) -> str | None:
    """The deadline of the clause ``[s, e)``, else of its sentence (searched once per sentence)."""
    m = _DIGIT.search(low, s, e) and _DEADLINE.search(low, s, e)
    if not m:
        if si not in per_sentence:
            per_sentence[si] = _DIGIT.search(low, *sentence) and _DEADLINE.search(low, *sentence)
        m = per_sentence[si]
    return text[m.start() : m.end()] if m else None


def _assignments(
    nt: NormText,
    items: Intervals[Item],
    ctx: Context,
    anchors: list[Anchor],
    named: dict[_RefKey, tuple[str, ...]],
) -> tuple[Assignment, ...]:
    out: list[Assignment] = []
    seen: set[tuple[str, str]] = set()
    issuer = ctx.issuer.name.casefold() if ctx.issuer else None
    jurisdiction = ctx.jurisdiction
    for a in anchors:
        for role, bodies in (("lead", a.lead), ("responsible", a.responsible), ("support", a.support)):
            for b in bodies:
                names = named.get(_ref_key(b))
                for name in (_canon(b.name),) if names is None else names:
                    key = (name.casefold(), role)
                    if not name or key in seen or key[0] == issuer:
                        continue
                    seen.add(key)
                    item = items.best(b.start)
                    out.append(
                        Assignment(
                            body=name,
                            role=role,
                            span=nt.span(b.start, b.end),
                            item=item.label if item else None,
                            scoped=scope_org(name, jurisdiction),
                        )
                    )
    return tuple(out)
