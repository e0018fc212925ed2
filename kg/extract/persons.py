"""People named in the text with their posts.

A personal name is 2-5 capitalised syllables whose first is a family name (kg/data/surnames.tsv);
places that open a run of capitalised words are skipped ("Chủ tịch UBND tỉnh Lâm Đồng Nguyễn Văn A"),
and a run holding two names is split at the second family name. A name counts as a person only in a
person context:

- after "đồng chí", "đ/c", "ông" or "bà";
- right after a post, with its body ("Phó Thủ tướng Thường trực Chính phủ Phạm Bình Minh", "Bộ trưởng
  Bộ Y tế Nguyễn Văn A");
- followed by its posts ("Nguyễn Long Biên-Ủy viên Thường vụ Tỉnh ủy, Phó Chủ tịch Ủy ban nhân dân
  tỉnh", "đồng chí Nguyễn Văn A (Phó Bí thư Huyện ủy)");
- next in a list of such people ("các đồng chí: Nguyễn Văn A, Trần Văn B và Lê Thị C", "Tham dự có các
  đồng chí: A, Post; B, Post");
- in an item of the "Nơi nhận" list after a post or its abbreviation ("Thứ trưởng Tô Anh Dũng (để
  b/c)", "các PTTg: Phạm Bình Minh, Vũ Đức Đam"), the post kept as printed.

The Kính gửi block and the body are read, then the Nơi nhận items. Posts without a name ("đồng chí
Phó Bí thư Huyện ủy") give no person; place names ("Tỉnh ủy Lâm Đồng") are not names; the signatory
is left out, also where OCR cut the end of the name ("Nguyễn Xuân Thà" for "Nguyễn Xuân Thành").
"""

from __future__ import annotations

import itertools
import re
from functools import cache

from kg import gazetteer as gz
from kg.extract.context import Context
from kg.extract.lexicon import (
    LOWER,
    UPPER,
    ends_with_honorific,
    honorific_prefix,
    honorific_suffix,
    is_surname,
    name_tokens,
)
from kg.extract.parties import distribution_pieces
from kg.normalise import NormText, canonical_tones
from kg.record import Person, Signatory
from kg.segment import Segments, fold_same_length
from kg.text import fold

__all__ = ["extract_persons", "split_posts"]

_UP = re.escape(UPPER)
_LO = re.escape(LOWER)
_SYL = rf"[{_UP}][{_LO}]*"
_CAPS_SYL = rf"[{_UP}]{{2,}}"
# Between two syllables of a name: spaces, or one line break (a name wrapped: "đồng chí Nguyễn\nVăn A").
_SEP = r"(?:[ \t]+|[ \t]*\n[ \t]*)"
# A run of capitalised syllables, or of syllables in capitals ("NGUYỄN VĂN A"): names are cut from it.
# (Same matches as "(?=[UP])(?<![\w])(SYL(?:SEP SYL)+|CAPS_SYL(?:SEP (?:CAPS_SYL|[UP]))+)(?![\w])", the
# first capital matched first so that a scan skips fast to it.)
_RUN = re.compile(
    rf"([{_UP}](?<![\w][{_UP}])(?:[{_LO}]*(?:{_SEP}{_SYL})+|[{_UP}]+(?:{_SEP}(?:{_CAPS_SYL}|[{_UP}]))+))(?![\w])"
)
_TOK = re.compile(r"\S+")
# Syllables of a name before a line break: a line that ends after this many went on no further.
_WRAP_MAX = 2
# Between two people of one list: a separator, maybe honorifics ("và đồng chí", "; Thượng tá").
_LIST_SEP = re.compile(r"\s*(?:[,;]\s*(?:và\s+)?|\s+và\s+)", re.I)
# In a Nơi nhận item, a line break may stand for the comma ("các PCN: Nguyễn Văn A\nTrần Văn B;").
_ITEM_LIST_SEP = re.compile(r"\s*(?:[,;]\s*(?:và\s+)?|\s+và\s+|\s+)(?:(?:đ/c|ông|bà)\s+)?", re.I)
# Posts after a name: "Name - Post", "Name, Post", "Name (Post)".
_POST_AFTER = re.compile(r"\s*(?:[-–,(]|\s-)\s*")
_NAME_MAX = 5
_HONORIFIC_WORDS = frozenset({"Ông", "Bà"})

# Lower-case words that may occur inside the name of a post's body ("Ủy ban nhân dân tỉnh").
_ORG_WORDS = frozenset(
    "nhân dân tỉnh huyện thành phố thị xã ủy ban vụ chỉ đạo phòng chống dịch bệnh quốc gia "
    "trung ương đảng chính phủ hội đồng mặt trận tổ và cán sự đoàn công an quân biên y tế "
    "chấp hành bộ cục sở tuyên giáo dân vận viên khối lao động thương binh xã hội giáo dục đào tạo "
    "truyền thông thông tin văn hóa thể thao du lịch cơ quan covid-19 việt nam ương nhà nước "
    "tài chính kế hoạch đầu tư ngoại giao quốc phòng nội vụ tư pháp công thương nông nghiệp "
    "phát triển nông thôn giao thông vận tải xây dựng tài nguyên môi trường khoa học công nghệ "
    "thuế hải quan kho bạc ngân hàng tâm soát tật điều hành trị cứu hợp tác xuất nhập cảnh vệ sinh an "
    "toàn thực phẩm dược khám chữa học viện trường khu chức kinh tế tổng nạn cháy thủy lợi đa khoa "
    "dân tộc tôn giáo thi đua khen thưởng cảnh trật tự ninh hình sự pháp chế hành chính bảo hiểm đô lâm "
    "thị thanh truyền hình thị trấn phường chuyên môn nghiệp đội vũ trang kế toán ty cổ phần trách "
    "nhiệm hữu hạn".split()
)
# Words that may stand inside a body's name but never end it ("Sở Giáo dục và Đào tạo", "của").
_NOT_LAST = frozenset("và của các phát".split())


@cache
def _org_words() -> frozenset[str]:
    """_ORG_WORDS folded: OCR drops marks ("UBND tinh")."""
    return frozenset(fold(w) for w in _ORG_WORDS)


def _org_word(word: str) -> bool:
    """A lower-case word of a body's name: with its marks ("tỉnh", not "tình"; "tài", not "tại"), or
    folded when the word has none (OCR: "UBND tinh")."""
    low = canonical_tones(word.lower())
    return low in _ORG_WORDS if not low.isascii() else fold(low) in _org_words()


@cache
def _post_forms(with_abbreviations: bool = False) -> list[str]:
    """Posts and their aliases as written in running text (abbreviations in capitals only when
    asked: "PCT", "PTTg" are frequent in the Nơi nhận list, rare in sentences)."""
    forms = set()
    for p in gz.positions():
        for f in (p.position, *p.aliases):
            if f.isupper() and not with_abbreviations:
                continue
            forms.add(canonical_tones(f))
    return sorted(forms, key=len, reverse=True)


@cache
def _post_res(with_abbreviations: bool = False) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Posts of several words, folded (OCR drops marks: "Pho Thu tuong", "Phó Tống cục trưởng"; a
    post is written in either case), to run on :func:`fold_same_length` of the text; and posts of one
    word (abbreviations: "PTTg", "TCTr"), exact."""
    forms = _post_forms(with_abbreviations)
    long = sorted({fold(f) for f in forms if " " in f}, key=len, reverse=True)
    short = [f for f in forms if " " not in f]
    # "Quyền" (acting) before a post is part of it: "Quyền Chủ tịch UBND tỉnh"
    folded = re.compile(r"(?<![\w])(?:quyen\s+)?(?:" + "|".join(re.escape(f) for f in long) + r")(?![\w])")
    exact = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(f) for f in short) + r")(?![\w])")
    return folded, exact


def _posts_in(s: str, with_abbreviations: bool = False) -> list[tuple[int, int]]:
    """(start, end) of the posts in ``s``, in order."""
    folded, exact = _post_res(with_abbreviations)
    found = [m.span() for m in folded.finditer(fold_same_length(s))]
    found += [m.span() for m in exact.finditer(s)]
    # a post inside a longer one ("TCTr" of "Phó TCTr") is not a post of its own
    return sorted(a for a in found if not any(b != a and b[0] <= a[0] and a[1] <= b[1] for b in found))


def _post_at(s: str, pos: int = 0, with_abbreviations: bool = False) -> int | None:
    """End of the longest post that starts ``s`` at ``pos``, else None."""
    folded, exact = _post_res(with_abbreviations)
    ends = [m.end() for m in (folded.match(fold_same_length(s), pos), exact.match(s, pos)) if m]
    return max(ends) if ends else None


@cache
def _heads_re() -> re.Pattern[str]:
    """Names of bodies of several words and posts, folded (OCR: "Ban Thường vu")."""
    heads = {fold(b.head) for b in gz.body_types() if " " in b.head} | {fold(f) for f in _post_forms()}
    alts = "|".join(re.escape(h) for h in sorted(heads, key=len, reverse=True))
    return re.compile(rf"(?:{alts})(?![\w])")


@cache
def _post_openings() -> frozenset[str]:
    """The first two words of every post, folded ("pho chanh" of "Phó Chánh Văn phòng")."""
    return frozenset(" ".join(fold(f).split()[:2]) for f in _post_forms() if len(f.split()) > 2)


_NOT_WORD = re.compile(r"[^\w]")


def _starts_body_or_post(text: str, pos: int) -> bool:
    """ "Ban Chấp hành ...", "Phó Bí thư ...", "Phó Chánh VPTU": capitalised words that name a body or
    a post, or open a post ("Phó" is also a family name)."""
    if _heads_re().match(fold_same_length(text[pos : pos + 80])):
        return True
    two = [_NOT_WORD.sub("", w) for w in text[pos : pos + 40].split()[:2]]  # OCR: "Phó Chủ' tịch"
    return len(two) == 2 and " ".join(fold(w) for w in two) in _post_openings()


@cache
def _place_keys() -> frozenset[str]:
    keys = {fold(d.name) for d in gz.districts()}
    for p in gz.provinces():
        keys.add(fold(p.name))
        keys.update(fold(v) for v in p.variants)
    return frozenset(keys)


@cache
def _place_first_words() -> frozenset[str]:
    return frozenset(k.split()[0] for k in _place_keys() if k)


def _is_place(name: str) -> bool:
    return fold(name) in _place_keys()


def _names_in_run(toks: list[str]) -> list[tuple[int, int]]:
    """(first, last + 1) token indexes of the personal names in a run of capitalised syllables: places
    and words before the first family name are skipped; a run longer than a name is split at the next
    family name that leaves a name of two syllables or more on both sides."""
    out: list[tuple[int, int]] = []
    firsts = _place_first_words()
    i = 0
    while i < len(toks):
        place = 0
        if fold(toks[i]) in firsts:
            place = next(
                (j for j in (3, 2, 1) if len(toks) - i > j and _is_place(" ".join(toks[i : i + j]))), 0
            )
        if place:
            i += place
            continue
        if not is_surname(toks[i]) or len(toks) - i < 2:
            i += 1
            continue
        if toks[i] in _HONORIFIC_WORDS and len(toks) - i > 2 and is_surname(toks[i + 1]):
            i += 1  # "Ông Võ Thành Đạt": "Ông" is a family name too
            continue
        end = min(len(toks), i + _NAME_MAX)
        if len(toks) - i > 4:
            end = next((k for k in range(i + 2, len(toks) - 1) if is_surname(toks[k])), end)
        out.append((i, end))
        i = end
    return out


def _name_spans(s: str, start: int = 0, end: int | None = None) -> list[tuple[str, int, int, bool]]:
    """The personal names in ``s[start:end]``: (name, start, end, printed in capitals), the name in
    proper case with one space between its syllables. A name goes over a line break only when the
    line ends after its first one or two syllables; a name stops where a body or a post starts
    ("Nguyễn Văn An Thường trực ...")."""
    out: list[tuple[str, int, int, bool]] = []
    for m in _RUN.finditer(s, start, len(s) if end is None else end):
        run = m.group(1)
        first = run.split(None, 1)[0]
        caps = first.isupper() and len(first) > 1
        # A name opens with a family name (see _names_in_run): a run without one names nobody.
        if not any(map(is_surname, (w[:1] + w[1:].lower() for w in run.split()) if caps else run.split())):
            continue
        toks = list(_TOK.finditer(s, m.start(1), m.end(1)))
        groups: list[list[re.Match[str]]] = [[toks[0]]]
        if "\n" in run:
            for prev, t in itertools.pairwise(toks):
                if "\n" in s[prev.end() : t.start()] and len(groups[-1]) > _WRAP_MAX:
                    groups.append([t])
                else:
                    groups[-1].append(t)
        else:
            groups[0] = toks
        for group in groups:
            words = [t.group() for t in group]
            if caps:
                words = [w[:1] + w[1:].lower() for w in words]
            for a, b in _names_in_run(words):
                for k in range(a + 2, b):
                    if _starts_body_or_post(s, group[k].start()):
                        b = k
                        break
                out.append((" ".join(words[a:b]), group[a].start(), group[b - 1].end(), caps))
    return out


def _cut_tail(seg: str, with_abbreviations: bool = False) -> str:
    """A post and its body up to the first word that belongs to neither (a dash inside the body's name
    kept: "Trưởng phòng Tổ chức - Hành chính"); a word that never ends a name ("và") is not its last."""
    k = _post_at(seg, 0, with_abbreviations)
    head = seg[:k] if k else ""
    keep: list[str] = [head] if head else []
    for w in seg[len(head) :].split():
        bare = w.strip(",;.()")
        joined = keep and keep[-1].endswith("Thường") and bare == "trực"
        dash = bare in ("-", "–") and keep
        if bare[:1].isupper() or _org_word(bare) or bare.isdigit() or joined or dash:
            keep.append(w)
        else:
            break
    while keep and (keep[-1].strip(",;.()") in _NOT_LAST or keep[-1] in ("-", "–")):
        keep.pop()
    return " ".join(keep).strip(" ,;.-–()")


def _honorific(before: str) -> bool:
    """``before`` ends with honorifics (kg/data/honorifics.tsv): "đồng chí", "ông", "Thượng tá",
    "PGS.TS."."""
    return ends_with_honorific(before)


def split_posts(s: str, with_abbreviations: bool = False) -> list[str]:
    """Posts listed after a name: separated by commas or dashes, a part not starting with a post
    continues the one before, with its separator ("Trưởng Ban Chỉ đạo phòng, chống dịch Covid-19
    tỉnh", "Trưởng phòng Tổ chức - Hành chính"); abbreviations ("UVBTV", "PCT") when asked."""
    pieces = re.split(r"(,\s*|\s[-–]\s(?=\S)|\s+kiêm\s+)", s)
    posts: list[str] = []
    for i in range(0, len(pieces), 2):
        p = pieces[i].strip()
        if not p:
            continue
        if _post_at(p, 0, with_abbreviations):
            posts.append(p)
        elif posts:
            posts[-1] = f"{posts[-1]}{pieces[i - 1]}{p}"
        else:
            break
    out = []
    for p in posts:
        c = _cut_tail(p, with_abbreviations)
        if c:
            out.append(c)
    return out


def _post_before(clause: str, with_abbreviations: bool = False) -> str | None:
    """The post that ends ``clause`` with its body ("Phó Thủ tướng Thường trực Chính phủ ")."""
    pms = _posts_in(clause, with_abbreviations)
    if not pms:
        return None
    start, end = pms[-1]
    rest = clause[end:].split()
    if all(w[:1].isupper() or fold(w) in _org_words() for w in rest):
        return clause[start:].strip(" :")
    return None


_CLAUSE_SPLIT = re.compile(r"(,\s*|\s+kiêm\s+)|[;.:()\n]|\s[-–]\s")


def _posts_before(before: str) -> list[str]:
    """The posts that end ``before`` (the text before a name), the last right before the name and
    those before it joined by commas or "kiêm"."""
    clauses = _CLAUSE_SPLIT.split(before)
    posts: list[str] = []
    i = len(clauses) - 1
    while i >= 0 and len(posts) < 4:
        post = _post_before(clauses[i] or "")
        if post is None:
            break
        posts.insert(0, post)
        whole = (clauses[i] or "").strip().startswith(post)  # nothing before the post in its clause
        if not whole or i < 2 or clauses[i - 1] is None:
            break
        i -= 2  # the separator captured between two clauses
    return posts


class _Found:
    """The people found so far, by name, in the order first seen."""

    def __init__(self, nt: NormText, signatory: Signatory | None) -> None:
        self.nt = nt
        self.people: dict[str, Person] = {}
        self.signer = fold(signatory.name).split() if signatory and signatory.name else None

    def is_signer(self, name: str) -> bool:
        """The signatory's name, or its start where OCR cut the last syllable ("Nguyễn Xuân Thà")."""
        if self.signer is None:
            return False
        toks = fold(name).split()
        return (
            len(toks) == len(self.signer)
            and toks[:-1] == self.signer[:-1]
            and self.signer[-1].startswith(toks[-1])
        )

    def add(self, name: str, positions: list[str], start: int, end: int) -> None:
        key = fold(name)
        old = self.people.get(key)
        if old is None:
            self.people[key] = Person(name, tuple(positions), self.nt.span(start, end))
        elif not old.positions and positions:
            self.people[key] = Person(old.name, tuple(positions), old.span)


def _scan_text(found: _Found, s: int, e: int) -> None:
    """People named in ``text[s:e]`` (the Kính gửi block or the body)."""
    text = found.nt.text
    last_end = -1  # where the last person (name and posts) ended: a list may go on after it
    for name, n_start, n_end, caps in _name_spans(text, s, e):
        if found.is_signer(name):
            last_end = n_end
            continue
        if _is_place(name):
            continue
        before = text[max(s, n_start - 120) : n_start]
        after = text[n_end : min(e, n_end + 300)]
        positions: list[str] = []
        # posts after the name: "Name-Post, Post", "Name, Post", "Name (Post)"; abbreviations too
        # ("Name, UVBTV, Trưởng Ban Dân vận")
        am = _POST_AFTER.match(after)
        posts_after = bool(am and _post_at(after, am.end(), True))
        if am and posts_after:
            tail = _next_person(re.split(r"[;.:\n)]", after[am.end() :], maxsplit=1)[0])
            positions = split_posts(tail, with_abbreviations=True)
        # posts right before the name: "Phó Thủ tướng Thường trực Chính phủ Phạm Bình Minh",
        # "Phó Thủ tướng, Trưởng Ban Chỉ đạo Quốc gia Nguyễn Văn A", "Giám đốc Sở Y tế, TS. Lê Văn A"
        hon = honorific_suffix(before)
        if not positions and not caps:
            positions = _posts_before(before if hon is None else before[:hon].rstrip(" ,"))
        listed = last_end >= 0 and _listed(text, last_end, n_start)
        honorific = hon is not None
        if caps and not (honorific or posts_after or listed):
            continue  # a heading in capitals is no name
        if not positions and not honorific and not listed:
            continue
        if _starts_body_or_post(text, n_start):
            continue
        found.add(name, positions, n_start, n_end)
        last_end = n_end
        if positions and am and posts_after:
            # the list goes on after the posts: "A, Post; B, Post"
            stop = re.search(r"[;\n]|\.\s", after[am.end() :])
            last_end = n_end + am.end() + (stop.start() if stop else 0)


_NEXT = re.compile(r"(?:[,;]|\s+và)\s+")


def _next_person(tail: str) -> str:
    """``tail`` (the posts after a name) up to the next person of a list: "..., Phó Bí thư Tỉnh ủy và
    đồng chí B" → "..., Phó Bí thư Tỉnh ủy"."""
    for m in _NEXT.finditer(tail):
        rest = tail[m.end() :]
        words = rest.split()[:2]
        name = len(words) == 2 and name_tokens(" ".join(words)) and is_surname(words[0])
        if honorific_prefix(rest) or (name and not _starts_body_or_post(rest, 0)):
            return tail[: m.start()]
    return tail


def _listed(text: str, a: int, b: int) -> bool:
    """``text[a:b]`` separates two people of a list: a comma, ";" or "và", then maybe honorifics
    ("; đồng chí", ", Thượng tá")."""
    m = _LIST_SEP.match(text, a, b)
    return m is not None and (m.end() == b or ends_with_honorific(text[m.end() : b]))


def _scan_list(found: _Found, items: list[list[tuple[int, int]]]) -> None:
    """People named in the Nơi nhận items: after a post or its abbreviation ("Thứ trưởng Tô Anh Dũng"),
    after "Đ/c", or in a list after one ("các PTTg: A, B", a line break between two names); the post
    as printed."""
    text = found.nt.text
    for pieces in items:
        # the item's lines joined by a space, and where each joined character comes from
        joined = " ".join(text[a:b] for a, b in pieces)
        origin: list[int] = []
        for a, b in pieces:
            origin.extend(range(a, b))
            origin.append(b)
        last_end = -1
        list_post: str | None = None
        for name, js, je, _caps in _name_spans(joined):
            if _is_place(name) or _starts_body_or_post(joined, js):
                continue
            listed = (
                list_post is not None and last_end >= 0 and _ITEM_LIST_SEP.fullmatch(joined, last_end, js)
            )
            clause = re.split(r"[,;()]", joined[:js])[-1]
            colon = re.fullmatch(r"\s*(?:các\s+|Các\s+)?(\S+(?: \S+){0,3}?)\s*:\s*", clause)
            own: list[str] | None = None
            if listed and list_post is not None:
                own = [list_post]
            elif colon and _post_at(colon.group(1), 0, True) == len(colon.group(1)):
                list_post = colon.group(1)
                own = [list_post]
            elif (post := _post_before(clause, with_abbreviations=True)) is not None:
                own = [re.sub(r"^(?:các|Các)\s+", "", post)]
                list_post = None
            elif _honorific(clause):
                # "Đ/c Nguyễn Văn A, Phó Chủ tịch UBND tỉnh": the posts after the name
                am = _POST_AFTER.match(joined, je)
                tail = re.split(r"[;.:()]", joined[am.end() :], maxsplit=1)[0] if am else ""
                own = split_posts(tail, True) if am and _post_at(joined, am.end(), True) else []
            if own is None:
                continue
            last_end = je
            if not found.is_signer(name):
                found.add(name, own, origin[js], origin[je - 1] + 1)


def extract_persons(
    nt: NormText,
    seg: Segments,
    ctx: Context,
    signatory: Signatory | None,
    items: list[list[tuple[int, int]]] | None = None,
) -> tuple[Person, ...]:
    """People named in the subject line, the Kính gửi block, the body and the Nơi nhận items
    (``items``: :func:`kg.extract.parties.distribution_pieces`, read here when not given)."""
    found = _Found(nt, signatory)
    for zone in ("title", "kinh_gui"):  # "Kết luận của Phó Chủ tịch UBND tỉnh Nguyễn Văn A tại ..."
        z = seg.get(zone)
        if z is not None:
            _scan_text(found, z[0], z[1])
    b0, b1 = seg.body()
    _scan_text(found, b0, b1)
    _scan_list(found, distribution_pieces(nt, seg) if items is None else items)
    return tuple(found.people.values())
