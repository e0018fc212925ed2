"""The signature block: capacity, body signed for, position, name.

The block is read as a chain of capitals runs: capacity runs ("T/M BAN THƯỜNG VỤ", "TL. CHỦ TỊCH",
"KT. CHÁNH VĂN PHÒNG") and post runs ("PHÓ BÍ THƯ THƯỜNG TRỰC"). The first capacity and the body
after it give ``capacity`` and ``on_behalf_of``; the last post gives ``position``; the last line that
reads as a personal name gives ``name``. Noise lines are skipped: stray codes ("PTB-145", "*WAL*"),
digital-signature stamps ("Ký bởi: ..."), "(Đã ký)", notes in brackets, the distribution list
merged into the same lines by OCR. A post is recognised by its end ("SẢN PHẨM BÍ THƯ" → "Bí thư").
The capacity is written in the style of the document's system (Party "T/M", State "TM.").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache

from kg import gazetteer as gz
from kg.extract.identifiers import doc_system
from kg.extract.lexicon import (
    _NAME_TOKEN,
    LOWER,
    UPPER,
    body_heads,
    folded_collisions,
    honorific_prefix,
    is_surname,
    issuer_names,
    line_spans,
    match_position_suffix,
    name_tokens,
    position_exact,
    recase_org,
)
from kg.normalise import NormText, canonical_tones
from kg.record import Signatory
from kg.segment import Segments, fold_same_length
from kg.text import all_caps, fold

__all__ = [
    "column_line",
    "column_text",
    "deputy_of",
    "extract_signatory",
    "is_junk_token",
    "normalise_capacity",
    "signature_tail",
]

_CAP_TOKEN = re.compile(
    r"(?:^|(?<=[\s:}|]))(T/M|T\.M\.?|TM[./]|TM(?=\s)|K/T|K\.T\.?|KT[./,]|KT(?=\s)|T/L|T\.L\.?|TL[./]|TL(?=\s)|"
    r"T\.U\.Q\.?|TUQ\.?|T/U|Q\.)\s*"
)
_TOKEN = re.compile(r"\S+")
_LOWER = frozenset(LOWER)
_UPPER2 = re.compile(rf"[{re.escape(UPPER)}]{{2}}")


def _caps_tail(head: str) -> int:
    """Start of the run of two or more words without a lower-case letter (noise allowed) that ends
    ``head``, one of them with two capitals in a row ("... ; = ` PHÓ TỔNG CỤC TRƯỞNG"); len(head) if
    there is none."""
    last = head.rsplit(None, 1)[-1:]  # (the last token first: most lines end in a word in lower case)
    if not last or any(c in _LOWER for c in last[0]):
        return len(head)
    toks = list(_TOKEN.finditer(head))
    j = len(toks)
    while j > 0 and not any(c in _LOWER for c in toks[j - 1].group()):
        j -= 1
    if len(toks) - j < 2 or j == 0 or not any(_UPPER2.search(t.group()) for t in toks[j:]):
        return len(head)
    return toks[j].start()


_STRIP = " ,.;:!~*_=`'\"|-–—"


def normalise_capacity(form: str, system: str | None) -> str | None:
    """Canonical capacity for a form as written, in the style of ``system`` (party/state)."""
    f = form.strip().replace(",", ".")
    cap = gz.capacity_by_form(f) or gz.capacity_by_form(f.rstrip("."))
    if cap is None:
        return None
    if system is None or cap.system == system:
        return cap.canonical
    for c in gz.capacities():
        if c.system == system and c.meaning_vi == cap.meaning_vi and c.form == c.canonical:
            return c.canonical
    return cap.canonical


def _is_caps_token(tok: str) -> bool:
    t = tok.strip(_STRIP + "()")
    return all_caps(t) and not any(c.isdigit() for c in t)


@dataclass
class _Run:
    cap: str | None
    text: str
    start: int
    end: int


def _caps_runs(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """Runs of capitalised words in ``text[s:e]`` (two or more letters in all, a comma may join)."""
    runs: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for m in _TOKEN.finditer(text, s, e):
        if _is_caps_token(m.group()):
            cur = (cur[0], m.end()) if cur else (m.start(), m.end())
        else:
            if cur:
                runs.append(cur)
            cur = None
    if cur:
        runs.append(cur)
    return [r for r in runs if sum(c.isalpha() for c in text[r[0] : r[1]]) >= 2]


_BANGS = re.compile(r"[!]+")
_E_SIGNATURE_LINE = re.compile(r"(?i)(ký bởi|người ký|thời gian ký|email|cơ quan)\s*:")


def _clean_run(t: str) -> str:
    return " ".join(t.split()).strip(_STRIP)  # (" " is one of _STRIP)


# --------------------------------------------------------------------------- the signature column
# Two columns flattened into one (PDF text, OCR) put the signature block's lines at the ends of the
# "Nơi nhận" lines: "Nơi nhận: KT. BỘ TRƯỞNG", "- Như trên; THỨ TRƯỞNG", "- Cổng TTĐT; Nguyễn Văn A",
# with the stamp's OCR junk in between ("- Lưu: VT, TTKT. ,„_ ồ"). :func:`signature_tail` finds where
# that column starts on a line, so that the list keeps its items and the block gets its lines back.

# A list item that is a formula of its own: "Như trên", "Như Điều 4", "Như Kính gửi" (folded; OCR may
# glue its words: "Nhưtrên").
_FORMULA = re.compile(
    r"[\s\-–—•+~*·_]*nhu\s*(?:tren|kinh\s+gui|(?:khoan\s+\d+\s+)?dieu\s+\d+|muc\s+[\divx]+)\b"
    r"(?:\s*\([^()\n]{0,40}\))?\s*[;,.:]?"
)
_PIPE = re.compile(r"\s\|\s*|\|\s")
# Letters no Vietnamese word has: a short token with one of them is OCR noise ("ZZ."); a capital W
# is left out, it abbreviates "Trung ương" ("TW").
_FOREIGN = frozenset("fjwzFJZ")
# One-letter words that occur in names of bodies ("Bộ Y tế", "ở nước ngoài").
_ONE_LETTER_WORDS = frozenset({"y", "ý", "ở"})
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnpqrstvx])?[aeiouy]{1,3}(?:ng|nh|ch|[cmnpt])?"
)
_TERMINATORS = ";."


def _letters(tok: str) -> str:
    return "".join(c for c in tok if c.isalpha())


# A short label in brackets after an item ("Lưu: VT, ĐT (M).", "Sở Y tế (A);"): the typist's or the
# department's mark, printed, never the stamp's noise.
_LABEL = re.compile(r"\([^\W_]{1,4}\)[.,;]?")


@cache
def is_junk_token(tok: str) -> bool:
    """OCR noise of a stamp or a signature: no letter or digit ("=", ",„_"), one stray letter ("r",
    "ồ"; not "Y" of "Y tế"), or a short token with a letter no Vietnamese word has ("ZZ.")."""
    if not any(c.isalnum() for c in tok):
        return True
    if _LABEL.fullmatch(tok):
        return False  # a label in brackets, as printed: "(M)", "(2b)"
    letters = _letters(tok)
    if len(letters) > 3 or any(c.isdigit() for c in tok):
        return False
    if len(letters) == 1:
        return letters.lower() not in _ONE_LETTER_WORDS
    return len(letters) <= 3 and any(c in _FOREIGN for c in letters)


@cache
def _short_caps(tok: str) -> bool:
    letters = _letters(tok)
    return 0 < len(letters) <= 2 and letters.isupper() and not any(c.isdigit() for c in tok)


def _junk_tail(line: str) -> int:
    """Start of the run of noise tokens that ends ``line`` (len(line) when none): it opens with a
    noise token and holds only noise and one- or two-capital tokens ("ZZ. AQ"; not "(2). NT")."""
    last = line.rsplit(None, 1)[-1:]  # (the last token first: most lines end in a word)
    if not last or not (is_junk_token(last[0]) or _short_caps(last[0])):
        return len(line)
    toks = list(_TOKEN.finditer(line))
    j = len(toks)
    while j > 0 and (is_junk_token(toks[j - 1].group()) or _short_caps(toks[j - 1].group())):
        j -= 1
    for t in toks[j:]:
        if is_junk_token(t.group()):
            return t.start()
    return len(line)


def _is_syllable(word: str) -> bool:
    return bool(_SYLLABLE.fullmatch(fold(word)))


def _caps_words(s: str) -> list[str] | None:
    """The words of ``s`` when, noise tokens aside, it is written in capitals (else None)."""
    words = [t.strip(_STRIP + "()") for t in s.split() if not is_junk_token(t)]
    words = [w for w in words if w]
    if not words or not all(all_caps(w) for w in words):
        return None
    return words


def column_text(rest: str) -> bool:
    """``rest`` (what follows an item's ";" or ".") belongs to the signature column: a personal name,
    a post or unit line in capitals ("THỨ TRƯỞNG", "CỤC THANH TRA - KIỂM TRA THUẾ"; not codes such as
    "CS: DNL; KK&KKT"), or noise."""
    r = rest.strip(_STRIP)
    if not r or all(is_junk_token(t) for t in r.split()):
        return True
    if _personal_name(r):
        return True
    words = _caps_words(r)
    if words is None:
        return _garbled_post(r)
    if match_position_suffix(" ".join(words)):
        return True
    syllables = [w for w in words if _is_syllable(w)]
    return len(syllables) >= 2 or any(len(w) >= 4 for w in syllables)


def _garbled_post(s: str) -> bool:
    """``s`` is a post in capitals that OCR broke with a short word in lower case that no Vietnamese
    syllable spells ("PHO pes CUC TRUONG", "VỤ wes TRƯỞNG"; not "BTCN, các PCN"): without it, a known
    post."""
    words = [t.strip(_STRIP + "()") for t in s.split() if not is_junk_token(t)]
    caps = [w for w in words if w and all_caps(w)]
    rest = [w for w in words if w and not all_caps(w)]
    return (
        len(caps) >= 2
        and len(rest) <= 1
        and all(w.islower() and len(w) <= 3 and not _is_syllable(w) for w in rest)
        and match_position_suffix(" ".join(caps)) is not None
    )


def _personal_name(s: str) -> str | None:
    """``s`` is a personal name alone (2-5 capitalised syllables, the first a family name)."""
    toks = name_tokens(_BANGS.sub("", s.strip(_STRIP)))
    return " ".join(toks) if toks and is_surname(toks[0]) else None


_STAMP = re.compile(
    r"(?i)\(?\s*(?:đã ký|ký,|ký và|ký tên)|(?:ký bởi|người ký|thời gian ký|email|cơ quan)\s*:"
)
_LIST_BULLET = re.compile(r"\s*[\-–—•+~*·_]")


def column_line(line: str) -> bool:
    """A whole line of a flattened "Nơi nhận" block that belongs to the signature column: a capacity
    ("KT. CHỦ TỊCH"), a post or unit line in capitals, the signer's name alone (a name that ends in
    ";" or "," is a wrapped item of the list), a stamp ("(Đã ký)", "Ký bởi: ..."), or noise."""
    t = line.strip()
    if not t or _STAMP.match(t):
        return True
    if _LIST_BULLET.match(t):
        return False
    if signature_tail(t) == 0:
        return True
    if t[-1] in ";,.":
        return False
    return column_text(t)


def _item_like(rest: str) -> bool:
    """What follows a formula item on its line is another item ("Như trên; UBND các huyện; Lưu: VT"),
    not the signature column: it opens with a capitalised word and holds words in lower case."""
    words = [t for t in rest.split() if not is_junk_token(t)]
    return (
        bool(words)
        and words[0].strip(_STRIP)[:1].isupper()
        and any(w[:1].islower() for w in words)
        and not column_text(rest)
    )


# The signature column leaves a few pieces at a line's end (a post, the stamp's noise, a name): the
# cuts stop after this many, so a long line of ";"-separated noise costs linear time.
_TAIL_CUTS = 6


def signature_tail(line: str) -> int:
    """Where the signature column starts on a line of the "Nơi nhận" list (``len(line)`` if it does
    not): after a table pipe, at a capacity ("KT. BỘ TRƯỞNG"), after a formula item ("Như trên; THỨ
    TRƯỞNG"), at a personal name, post line or noise after the item's ";" or ".", at a post in
    capitals ending the line, or at a run of noise tokens."""
    cut = len(line)
    p = _PIPE.search(line)
    if p and line[: p.start()].strip():
        cut = p.start()
    c = _CAP_TOKEN.search(line, 0, cut)
    after = line[c.end() : cut].split(None, 1) if c else []
    if c and after and len(_letters(after[0])) >= 2 and all_caps(after[0]):
        cut = c.start()
    f = _FORMULA.match(fold_same_length(line[:cut]))
    if f and line[f.end() : cut].strip() and not _item_like(line[f.end() : cut]):
        cut = f.end()
    for _ in range(_TAIL_CUTS):
        head = line[:cut].rstrip()
        new = len(head)
        k = max(head.rfind(t) for t in _TERMINATORS)
        if 0 < k < len(head) - 1 and head[:k].strip(_STRIP) and column_text(head[k + 1 :]):
            new = k + 1
        t = _caps_tail(head)
        if t < len(head) and t > 3 and match_position_suffix(head[t:].strip()):
            new = min(new, t)
        p = _name_tail(head)
        if p < len(head):
            # a post in capitals, then the signer's name ("... GIÁM ĐỐC Trần Văn An")
            t = _caps_tail(head[:p].rstrip())
            if 3 < t < p and match_position_suffix(head[t:p].strip()):
                new = min(new, t)
        j = _junk_tail(head)
        if j < len(head) and head[:j].strip(_STRIP):
            new = min(new, j)
        if new >= len(head):
            return cut
        cut = new
    return cut


_NAME_WORDS = (4, 3, 2)


def _name_tail(head: str) -> int:
    """Start of the personal name that ends ``head`` (2-4 capitalised words, the first a family name);
    ``len(head)`` when it ends otherwise."""
    # Every try ends with the last word, which a name ends with a syllable of (see name_tokens): a last
    # word that is none (its marks stripped as _personal_name strips them) ends no name.
    words = head.rsplit(None, 1)
    last = words[-1].rstrip(_STRIP) if words else ""
    if last and not _NAME_TOKEN.fullmatch(last.replace("!", "")):
        return len(head)
    toks = list(_TOKEN.finditer(head))
    for k in _NAME_WORDS:
        if len(toks) > k and _personal_name(" ".join(t.group() for t in toks[-k:])):
            return toks[-k].start()
    return len(head)


def _name_in(line: str) -> str | None:
    """The signer's name on ``line``, after a rank or title ("Đại tá Nguyễn Văn A", "PGS.TS. Lê Thị
    B"); None when the line is no name."""
    line = line.strip(" |")  # a table's cell ("| Nguyễn Văn A")
    line = line[honorific_prefix(line, address=False) :]
    if not line or "(" in line or ":" in line or line[0] in "-~+•" or line[-1] in ";,":
        return None
    cand = re.sub(r"[!;,.]+", "", line).strip()
    toks = name_tokens(cand)
    return " ".join(toks) if toks else None


def _caps_name(t: str) -> str | None:
    """A personal name printed in capitals ("NGUYỄN VĂN AN"), in proper case ("Nguyễn Văn An"); not
    a place ("HÀ GIANG")."""
    words = t.split()
    if not 2 <= len(words) <= 5 or not all(w.isalpha() for w in words):
        return None
    proper = " ".join(w[0] + w[1:].lower() for w in words)
    if (
        not is_surname(words[0][0] + words[0][1:].lower())
        or gz.province_by_name(proper)
        or _is_district(proper)
    ):
        return None
    return proper


@cache
def _district_names() -> frozenset[str]:
    return frozenset(fold(d.name) for d in gz.districts())


def _is_district(name: str) -> bool:
    return fold(name) in _district_names()


def _on_behalf(t: str) -> str:
    """The body or post signed for, in usual case ("BAN THƯỜNG VỤ" → "Ban Thường vụ")."""
    post = position_exact(t)
    if post is not None:
        return post
    parts = [p.strip() for p in t.split(",")]
    if len(parts) > 1 and all(position_exact(p) for p in parts):
        return ", ".join(position_exact(p) or p for p in parts)
    key = fold(t)
    ic = issuer_names().get(key)
    if ic is not None:
        return ic.name_vi
    for h, b in body_heads():
        if h == key:
            return b.head
    return recase_org(t)


def _tail_of(line: str, tails: dict[str, int] | None) -> int:
    """:func:`signature_tail` of ``line``, each line read once per document with ``tails``."""
    if tails is None:
        return signature_tail(line)
    cut = tails.get(line)
    if cut is None:
        cut = tails[line] = signature_tail(line)
    return cut


def _parse_block(
    nt: NormText,
    s: int,
    e: int,
    list_zone: tuple[int, int] | None = None,
    tails: dict[str, int] | None = None,
) -> tuple[list[_Run], tuple[str, int, int] | None]:
    """The capacity and post runs and the name of the block ``text[s:e]``. On the item lines of the
    "Nơi nhận" list (``list_zone``) that it overlaps, only the signature column is read: the line's
    end after its item (:func:`signature_tail`); other lines are read whole (a wrapped item's name
    ends in ";" or "," and is no signer's, see :func:`_name_in`)."""
    text = nt.text
    runs: list[_Run] = []
    name: tuple[str, int, int] | None = None
    for ls, le in line_spans(text, s, e):
        line = text[ls:le]
        if list_zone and list_zone[0] <= ls < list_zone[1] and _LIST_BULLET.match(line):
            ls += _tail_of(line, tails)
            while ls < le and text[ls] in " |":
                ls += 1
            if ls >= le:
                continue
        line = text[ls:le]
        stripped = line.strip()
        if stripped.startswith("(") or _E_SIGNATURE_LINE.match(stripped):
            continue
        caps = _caps_runs(text, ls, le)
        for cs, ce in caps:
            chunk = text[cs:ce]
            m = _CAP_TOKEN.search(chunk)
            if m and chunk[: m.start()].strip(_STRIP) == "":
                rest = _clean_run(chunk[m.end() :])
                runs.append(_Run(m.group(1), rest, cs, ce))
            elif (runs or cs == s) and _post_of(_clean_run(chunk)):
                # a post after a capacity, or the post that opens a block without one ("GIÁM ĐỐC")
                runs.append(_Run(None, _clean_run(chunk), cs, ce))
            elif runs and (proper := _caps_name(_clean_run(chunk))):
                name = (proper, cs, ce)  # a name printed in capitals: "NGUYỄN VĂN AN"
        # the name: the whole line, or what follows the last capitals run of the line
        tail_from = caps[-1][1] if caps else ls
        cand = _name_in(text[tail_from:le]) if caps else _name_in(line)
        if cand:
            k = text.find(cand.split()[0], tail_from, le)
            name = (cand, k if k >= 0 else tail_from, le)
    return runs, name


def _assemble(runs: list[_Run], system: str | None) -> tuple[str | None, str | None, str | None]:
    """(capacity, on_behalf_of, position) from the runs."""
    capacity = on_behalf = position = None
    if not runs:
        return None, None, None
    first = runs[0]
    if first.cap:
        capacity = normalise_capacity(first.cap, system)
    posts = [r for r in runs[1:] if r.text and _post_of(r.text)]
    last = runs[-1]
    if first.cap:
        body = first.text
        if (not posts and len(runs) == 1) or (last is first):
            # one line: "KT. BỘ TRƯỞNG THỨ TRƯỞNG" → on behalf of "Bộ trưởng", post "Thứ trưởng"
            mp = match_position_suffix(body)
            if mp and mp[1] > 0:
                head = body[: mp[1]].strip(_STRIP)
                if match_position_suffix(head) or _on_behalf(head) != head.capitalize():
                    return capacity, _on_behalf(head), mp[0]
            return capacity, _on_behalf(body) if body else None, None
        on_behalf = _on_behalf(body) if body else None
    if posts:
        position = _post_of(posts[-1].text)
    elif not first.cap and first.text:
        position = _post(first.text)
    return capacity, on_behalf, position


@cache
def _deputies() -> dict[str, str]:
    """Head post (canonical, lower case) → its deputy's post."""
    return {canonical_tones(r["post"]).lower(): r["deputy"] for r in gz.load_table("deputies.tsv")}


def deputy_of(post: str) -> str | None:
    """The post of who signs "KT." for ``post`` ("Bộ trưởng" → "Thứ trưởng", "Tổng cục trưởng" →
    "Phó Tổng cục trưởng", "Thủ trưởng" → "Phó Thủ trưởng"), from kg/data/deputies.tsv, else "Phó
    <post>" when that is a known post. ``post`` is read with its marks (:func:`position_exact`)."""
    canon = position_exact(post) or post
    listed = _deputies().get(canonical_tones(canon).lower())
    if listed is not None:
        return listed
    deputy = position_exact(f"Phó {canon}")
    # spelled as built: "Phó Thứ trưởng" is no post, though its fold is Phó Thủ trưởng's
    return deputy if deputy is not None and deputy.lower() == f"phó {canon}".lower() else None


def _same_fold_head(on_behalf: str, position: str | None) -> str:
    """The head post signed for, among the posts of its fold, whose deputy is the signer's post: a text
    without marks reads "K/T THU TRUONG / PHO THU TRUONG" as the Phó Thủ trưởng signing for the Thủ
    trưởng, not for a Thứ trưởng."""
    if position is None:
        return on_behalf
    posts = folded_collisions().get(fold(on_behalf), ())
    if on_behalf not in posts or deputy_of(on_behalf) == position:
        return on_behalf
    return next((p for p in posts if deputy_of(p) == position), on_behalf)


def _signer_post(capacity: str | None, on_behalf: str | None, position: str | None) -> str | None:
    """The signer's post: as read, or, under "KT." for a head post, the head's deputy when the post
    line is lost or OCR left only a part of it ("PHO-FANG CỤC TRƯỞNG" read as "Cục trưởng" under
    "KT. TỔNG CỤC TRƯỞNG"); under "Q." (acting) without a post line, the post acted in ("Q. GIÁM
    ĐỐC")."""
    if capacity == "Q." and position is None and on_behalf:
        return position_exact(on_behalf)
    if capacity not in ("KT.", "K/T") or not on_behalf:
        return position
    deputy = deputy_of(on_behalf)
    if deputy is None or position == deputy:
        return position
    if position is None or fold(on_behalf).endswith(fold(position)):
        return deputy
    return position


def _post(t: str) -> str | None:
    """A post, possibly a pair joined by a comma ("BỘ TRƯỞNG, CHỦ NHIỆM")."""
    mp = match_position_suffix(t)
    if mp is None:
        return None
    post, at = mp
    head = t[:at].rstrip()
    if head.endswith(","):
        prev = match_position_suffix(head.rstrip(","))
        if prev and prev[1] == 0:
            return f"{prev[0]}, {post}"
    return post


def _post_and_unit(t: str) -> str | None:
    """A post followed by the unit it heads, on one line ("VỤ TRƯỞNG VỤ PHÁP CHẾ", "GIÁM ĐỐC SỞ Y
    TẾ", as signers "TL."/"TUQ." write it): "Vụ trưởng Vụ Pháp chế"."""
    words = t.split()
    for k in range(len(words) - 1, 0, -1):
        post = position_exact(" ".join(words[:k]))
        if post is None:
            continue
        unit = " ".join(words[k:])
        key = fold(unit)
        if any(key == h or key.startswith(h + " ") for h, _ in body_heads()):
            return f"{post} {recase_org(unit)}"
        return None
    return None


def _post_of(t: str) -> str | None:
    """The post a run of capitals names: one ending the run, or a post and its unit."""
    return _post(t) or _post_and_unit(t)


_POST_LINE_LOOKBACK = 900

# --------------------------------------------------------------------------- broken fonts
# A PDF whose Vietnamese font lost its marked letters prints them as "!", "?", digits or other letters
# ("TM. DOAN Chill T!CH", "p ciiu T!CH", "PH0 GI!M D3C"). A line of the block with such a glyph inside a
# word is matched against the known posts and bodies, word for word: a word equal to the known one, or
# with each glyph standing for one or two vowels, counts 1; another word must open with the same letter
# and counts its likeness (difflib); the best fit over ``_BROKEN_FIT`` on average, with a word that
# counts 1, wins when no other value fits as well.
_GLYPHS = frozenset("!?0123456789")
_BROKEN_FIT = 0.65
_BROKEN_WORDS = 6
_VOWELS = "[aeiouy]{1,2}"


# A folded word with glyphs among its letters ("t!ch", "ph0", "th3!ng"); not a number ("covid-19").
_BROKEN_WORD = re.compile(r"[^\W\d_]+(?:[!?0-9]{1,2}[^\W\d_]+)*[!?0-9]{0,2}")


def _broken_word(w: str) -> bool:
    return bool(_BROKEN_WORD.fullmatch(w)) and any(c in _GLYPHS for c in w)


def _word_fit(m: str, c: str) -> float | None:
    """How well the folded word ``m`` of a broken line fits the folded word ``c``: 1 when equal or when
    its glyphs stand for vowels of ``c``; else its likeness if both open with one letter; else None."""
    if m == c:
        return 1.0
    if _broken_word(m) and re.fullmatch("".join(_VOWELS if x in _GLYPHS else re.escape(x) for x in m), c):
        return 1.0
    if m[0] != c[0]:
        return None
    return SequenceMatcher(None, m, c).ratio()


@cache
def _post_vocabulary() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(folded words, canonical post) of every post and its aliases."""
    out = {}
    for p in gz.positions():
        for form in (p.position, *p.aliases):
            out.setdefault(tuple(fold(form).split()), p.position)
    return tuple(out.items())


@cache
def _body_vocabulary() -> tuple[tuple[tuple[str, ...], str], ...]:
    """(folded words, value) of what a capacity signs for: a post or a body's head."""
    out = dict(_post_vocabulary())
    for b in gz.body_types():
        out.setdefault(tuple(fold(b.head).split()), b.head)
    return tuple(out.items())


def _broken_match(line: str, vocabulary: tuple[tuple[tuple[str, ...], str], ...]) -> str | None:
    """The post or body that a line printed in a broken font names (see ``_GLYPHS``); None when the
    line has no broken word or fits no value, or two values fit it as well."""
    words = [w for w in (fold(t.strip(" ,.;:'\"()-–")) for t in line.split()) if w]
    if not words or len(words) > _BROKEN_WORDS or not any(_broken_word(w) for w in words):
        return None
    best: dict[str, float] = {}
    for key, value in vocabulary:
        if len(key) != len(words):
            continue
        fits = [_word_fit(m, c) for m, c in zip(words, key, strict=True)]
        if any(f is None for f in fits) or 1.0 not in fits:
            continue
        score = sum(f for f in fits if f is not None) / len(fits)
        if score >= _BROKEN_FIT:
            best[value] = max(best.get(value, 0.0), score)
    ranked = sorted(best.items(), key=lambda kv: -kv[1])
    if not ranked or (len(ranked) > 1 and ranked[1][1] == ranked[0][1]):
        return None
    return ranked[0][0]


def _broken_reading(
    nt: NormText,
    z: tuple[int, int],
    runs: list[_Run],
    list_zone: tuple[int, int] | None,
    tails: dict[str, int] | None = None,
) -> tuple[str | None, str | None]:
    """(body signed for, post) read from the block's lines printed in a broken font: the first
    capacity's line after its capacity, the last other line (on a Nơi nhận item's line, its part after
    the item) that names a post."""
    text = nt.text
    on_behalf = position = None
    if runs and runs[0].cap:
        le = text.find("\n", runs[0].start)
        line = text[runs[0].start : len(text) if le < 0 else le]
        cap = _CAP_TOKEN.match(line)
        on_behalf = _broken_match(line[cap.end() :] if cap else line, _body_vocabulary())
    for ls, le in line_spans(text, z[0], z[1]):
        line = text[ls:le]
        if list_zone and list_zone[0] <= ls < list_zone[1] and _LIST_BULLET.match(line):
            line = line[_tail_of(line, tails) :]
        if _CAP_TOKEN.match(line.strip()):
            continue
        post = _broken_match(line, _post_vocabulary())
        if post is not None:
            position = post
    return on_behalf, position


def _noise_line(line: str) -> bool:
    """The stamp's noise or an e-signature's line ("Ký bởi: ...", "Thời gian ký: ...")."""
    return all(is_junk_token(t) for t in line.split()) or bool(_STAMP.match(line.strip()))


def _name_alone(nt: NormText, seg: Segments) -> tuple[str, int, int] | None:
    """The signer's name when it is all that is left of the block: the last line of the text (the stamp's
    noise and an e-signature's lines aside) is a personal name alone, and it follows the Nơi nhận list
    or the letter's closing "./."; (name, start, end) or None."""
    text = nt.text
    lines = [
        ab for ab in line_spans(text, max(0, len(text) - _POST_LINE_LOOKBACK)) if text[ab[0] : ab[1]].strip()
    ]
    while lines and _noise_line(text[lines[-1][0] : lines[-1][1]]):
        lines.pop()
    if len(lines) < 2:
        return None
    (ps, pe), (ls, le) = lines[-2], lines[-1]
    nn = seg.get("noi_nhan")
    if not ((nn is not None and nn[1] <= ls) or text[ps:pe].rstrip().endswith("/.")):
        return None
    name = _name_in(text[ls:le])
    if name is None or gz.province_by_name(name) or _is_district(name):
        return None
    k = text.find(name.split()[0], ls, le)
    return name, (k if k >= 0 else ls), le


def extract_signatory(nt: NormText, seg: Segments) -> Signatory | None:
    text = nt.text
    z = seg.get("signature")
    system = doc_system(nt, seg)
    tails: dict[str, int] = {}  # signature_tail of the Nơi nhận lines, read by both passes
    if z is None:
        # no capacity: a post in capitals near the end, then a name ("BỘ TRƯỞNG, CHỦ NHIỆM Name")
        start = max(seg.body()[1], len(text) - _POST_LINE_LOOKBACK)
        best: tuple[int, int] | None = None
        for ls, le in line_spans(text, start):
            for cs, ce in _caps_runs(text, ls, le):
                t = _clean_run(text[cs:ce])
                parts = [p.strip() for p in t.split(",")]
                if all(position_exact(p) for p in parts):
                    best = (cs, ce)
        if best is None:
            alone = _name_alone(nt, seg)
            return Signatory(alone[0], None, None, None, nt.span(alone[1], alone[2])) if alone else None
        z = (best[0], len(text))
        runs, name = _parse_block(nt, z[0], z[1], seg.get("noi_nhan"), tails)
        runs = [_Run(None, _clean_run(text[best[0] : best[1]]), best[0], best[1])]
    else:
        runs, name = _parse_block(nt, z[0], z[1], seg.get("noi_nhan"), tails)
    capacity, on_behalf, position = _assemble(runs, system)
    broken_body, broken_post = _broken_reading(nt, z, runs, seg.get("noi_nhan"), tails)
    on_behalf = broken_body or on_behalf
    position = position or broken_post
    position = _signer_post(capacity, on_behalf, position)
    if on_behalf and capacity in ("KT.", "K/T"):
        on_behalf = _same_fold_head(on_behalf, position)
    if name is None and capacity is None and position is None:
        return None
    end = max([r.end for r in runs] + ([name[2]] if name else [z[0]]))
    return Signatory(name[0] if name else None, position, capacity, on_behalf, nt.span(z[0], end))
