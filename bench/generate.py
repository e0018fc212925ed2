"""Synthetic corpus of Vietnamese directives for benchmarks and robustness tests.

    python bench/generate.py N OUTDIR [--seed 1]

writes ``OUTDIR/docs/NNN/*.txt`` (N documents, 1,000 per folder) and ``OUTDIR/truth.json`` (the
ground truth: number, type, date, issuer, citations, measures and the body tasked by each numbered
item of every document; the signer and his post, the Nơi nhận items, the people named).

Documents follow the real formats: Party headers ("ĐẢNG BỘ TỈNH …", "Số 120-KH/TU", "ĐẢNG CỘNG SẢN
VIỆT NAM") and State headers ("ỦY BAN NHÂN DÂN …", "Số: 25/CT-UBND", the national motto), place-date
lines, type and title, "Kính gửi" for letters, numbered items whose wording uses the cues of
``kg/data/measures.tsv``, "Nơi nhận" and a signature block. Documents form implementation chains:
central → province → district, each citing its parent ("Thực hiện Kế hoạch số … ngày … của …"),
State documents of a province sometimes also citing the Party one. State resolutions and decisions
(Nghị quyết, Quyết định) are written as the Government, ministries and People's Committees write
them: an authority line, "Căn cứ ...;" lines, "QUYẾT NGHỊ:"/"QUYẾT ĐỊNH:", sections ("I.", "Điều 1.")
whose numbered groups hold lettered tasks ("a) Bộ Y tế chủ trì, phối hợp với Bộ Công an ...", "b) Giao
Sở Y tế ...", "c) Ủy ban nhân dân các huyện ... có trách nhiệm ..."), and a closing "Tổ chức thực hiện"
section tasking the ministries, departments or committees as a whole. Noise: the old tone style
("uỷ", "hoà") in about half of the files, OCR slips (dropped diacritics, split words, stray
characters) in the body, markdown emphasis, and a few files without their header block. Layout noise,
as PDF-to-text, OCR and web pages give the front matter: the two header columns flattened into one
text ("flat-header": the motto on the issuer's lines, before or after them, the issuer's lines on one
line, the number and the "V/v" subject in one column and the place-date in the other), "Số" misread by
OCR and the place printed without its marks ("ocr-anchor": "S6:", "$6:", "Sô"; "Can Tho"), a web page's
title of the document before the header ("web-title"). People are named in some bodies (name then
post, post then name, a notice's list of attendees) and Nơi nhận lists; some closing blocks are laid
out as a flattened two-column page ("interleaved" noise: the signature column glued to the list's
lines with a stamp's OCR noise, the two columns' lines in turn, or a table's pipes). A quarter of the
numbered items of local documents give their work in the other forms of real directives ("task-forms":
"Sở Y tế:" then "- Chủ trì, phối hợp ...", "(Sở Y tế chủ trì, Công an tỉnh phối hợp)", "- Cơ quan chủ
trì: ...", "Trách nhiệm của ...:", "Đề nghị ...", "... là đầu mối, phối hợp với ..."), drawn from a
stream of their own.

Everything comes from the gazetteers (provinces, districts, issuer codes, document types, measure
cues) and one ``random.Random(seed)``: the same N and seed give byte-identical output.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from functools import cache
from itertools import zip_longest
from pathlib import Path

from kg import gazetteer as gz

__all__ = ["Doc", "generate", "plan", "render"]

PER_FOLDER = 1000

# Central issuers: (issuer code in numbers, name, system, type codes it issues)
_CENTRAL = (
    ("TW", "Ban Bí thư", "party", ("CT", "KL", "TB")),
    ("TW", "Bộ Chính trị", "party", ("NQ", "KL")),
    ("BTGTW", "Ban Tuyên giáo Trung ương", "party", ("CV", "HD")),
    ("TTg", "Thủ tướng Chính phủ", "state", ("CT", "CĐ", "QĐ")),
    ("BYT", "Bộ Y tế", "state", ("CV", "QĐ")),
    ("CP", "Chính phủ", "state", ("NQ",)),
)
_PARTY_LOCAL_TYPES = ("KH", "CV", "CT", "HD", "TB")
_STATE_LOCAL_TYPES = ("KH", "CT", "CĐ", "QĐ", "CV")
_STATE_CV_UNITS = ("VX", "KGVX", "TH", "NC", "YT")

_MIDDLE = ("Văn", "Thị", "Đình", "Minh", "Hữu", "Quốc", "Thanh", "Ngọc", "Xuân", "Đức", "Công", "Hồng")
_GIVEN = (
    "An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Hạnh", "Hòa", "Hùng", "Khang", "Lan", "Long",
    "Mai", "Nam", "Nga", "Phong", "Phúc", "Quang", "Sơn", "Tâm", "Thắng", "Thủy", "Trung", "Tuấn",
    "Vinh", "Yến",
)  # fmt: skip
_TOPICS = (
    "tăng cường các biện pháp phòng, chống dịch Covid-19",
    "tiếp tục đẩy mạnh công tác phòng, chống dịch Covid-19 trong tình hình mới",
    "tổ chức tiêm vắc xin phòng Covid-19 trên địa bàn",
    "thực hiện các biện pháp cấp bách phòng, chống dịch Covid-19",
    "thích ứng an toàn, linh hoạt, kiểm soát hiệu quả dịch Covid-19",
    "tăng cường sự lãnh đạo của Đảng đối với công tác phòng, chống dịch Covid-19",
)
_ACTORS_PROVINCE = (
    "Sở Y tế", "Công an tỉnh", "Sở Giáo dục và Đào tạo", "Sở Thông tin và Truyền thông",
    "Sở Giao thông vận tải", "Bộ Chỉ huy Quân sự tỉnh", "Ban Tuyên giáo Tỉnh ủy", "Ủy ban Kiểm tra Tỉnh ủy",
)  # fmt: skip
_ACTORS_DISTRICT = (
    "Trung tâm Y tế huyện", "Công an huyện", "Phòng Giáo dục và Đào tạo", "Phòng Văn hóa và Thông tin",
    "Ủy ban nhân dân các xã, thị trấn", "Ban Tuyên giáo Huyện ủy",
)  # fmt: skip
_VERBS = (
    "chủ trì, phối hợp với các đơn vị liên quan tăng cường",
    "khẩn trương triển khai",
    "chỉ đạo quyết liệt việc",
    "tiếp tục thực hiện nghiêm",
    "chịu trách nhiệm tổ chức",
)
_TAILS = (
    "trên địa bàn",
    "bảo đảm an toàn, hiệu quả",
    "theo đúng hướng dẫn của cấp trên",
    "không để dịch bệnh lây lan trong cộng đồng",
)
_FILLER = (
    "Thời gian qua, tình hình dịch bệnh Covid-19 trên địa bàn cơ bản được kiểm soát; tuy nhiên vẫn còn "
    "tiềm ẩn nguy cơ bùng phát trở lại, nhất là tại các khu vực đông dân cư.",
    "Để chủ động ứng phó với diễn biến của dịch bệnh, bảo vệ sức khỏe nhân dân, thực hiện mục tiêu vừa "
    "phòng, chống dịch hiệu quả vừa phát triển kinh tế - xã hội.",
    "Qua kiểm tra cho thấy một số cơ quan, đơn vị còn chủ quan, lơ là, việc chấp hành các quy định chưa "
    "nghiêm, cần được chấn chỉnh kịp thời.",
)
_CITE_VERBS = ("Thực hiện", "Thực hiện", "Triển khai", "Căn cứ")

# State resolutions and decisions with lettered tasks (Nghị quyết, Quyết định).
_RESOLUTION_TYPES = ("NQ", "QĐ")
_MINISTRIES = (
    "Bộ Y tế", "Bộ Công an", "Bộ Quốc phòng", "Bộ Thông tin và Truyền thông", "Bộ Giáo dục và Đào tạo",
    "Bộ Giao thông vận tải", "Bộ Lao động - Thương binh và Xã hội", "Bộ Ngoại giao", "Bộ Tài chính",
    "Ủy ban nhân dân các tỉnh, thành phố trực thuộc Trung ương",
)  # fmt: skip
_DEPARTMENTS = (
    "Sở Y tế", "Sở Giáo dục và Đào tạo", "Sở Thông tin và Truyền thông", "Sở Giao thông vận tải",
    "Công an tỉnh", "Sở Lao động - Thương binh và Xã hội", "Sở Nông nghiệp và Phát triển nông thôn",
    "Sở Văn hóa, Thể thao và Du lịch", "Ủy ban nhân dân các huyện, thị xã, thành phố",
)  # fmt: skip
_TASK_VERBS = ("đẩy mạnh", "tổ chức", "triển khai", "hướng dẫn, kiểm tra việc", "bảo đảm")
_LETTERS = "abcdđe"


@dataclass
class Doc:
    """One synthetic document and its ground truth."""

    index: int
    file: str
    key: str  # jurisdiction/year/number-slug, unique
    level: str  # central | province | district
    system: str  # party | state
    number: str | None  # as written; None when the header is missing
    type_code: str
    type_name: str
    date: str  # ISO
    issuer: str  # canonical name with its place ("Tỉnh ủy Hà Giang")
    issuer_short: str  # as other documents cite it
    province: str | None
    district: str | None
    place: str
    title: str
    cites: list[int] = field(default_factory=list)  # indexes of cited documents
    measures: list[str] = field(default_factory=list)
    signatory: str = ""
    noise: list[str] = field(default_factory=list)
    # filled by render: the signer's post, the Nơi nhận items as the record should read them, and the
    # people the text names besides the signer (name and posts)
    position: str = ""
    distribution: list[str] = field(default_factory=list)
    persons: list[dict[str, object]] = field(default_factory=list)
    # filled by render: the body each numbered item gives its measure to, and its role ("lead" when
    # the item says "chủ trì", else "responsible")
    tasks: list[dict[str, str]] = field(default_factory=list)


def _upper(s: str) -> str:
    return unicodedata.normalize("NFC", s.upper())


def _type_name(code: str, system: str) -> str:
    if code == "CV":
        return "Công văn"
    dt = gz.doc_type_by_code(code, system)
    return dt.name_vi if dt else code


@cache
def _measure_cues() -> list[tuple[str, tuple[str, ...]]]:
    out: list[tuple[str, tuple[str, ...]]] = []
    for row in gz.load_table("measures.tsv"):
        cues = tuple(
            c.strip() for c in row.get("example cues (not exhaustive; real texts vary)", "").split(";")
        )
        cues = tuple(c for c in cues if len(c) > 3)
        if cues:
            out.append((row["code"], cues))
    return out


@cache
def _measure_labels() -> dict[str, str]:
    return {row["code"]: row["label_vi"] for row in gz.load_table("measures.tsv")}


class _Numbers:
    """Document numbers unique per issuer and year, increasing with the date like real registers."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.next: dict[tuple[str, int], int] = {}

    def take(self, issuer_key: str, year: int) -> int:
        k = (issuer_key, year)
        n = self.next.get(k) or self.rng.randint(1, 60)
        self.next[k] = n + self.rng.randint(1, 9)
        return n


def plan(n: int, seed: int = 1) -> list[Doc]:
    """The documents, their chains and ground truth (no text yet); deterministic for ``seed``."""
    rng = random.Random(seed)
    numbers = _Numbers(rng)
    measures = _measure_cues()
    provinces = [p for p in gz.provinces() if p.before_2025 and gz.districts_in(p.name)]
    n_central = max(2, n // 25)
    n_province = max(1, (n * 3) // 10) if n > 2 else 0
    docs: list[Doc] = []
    start = date(2020, 2, 1)

    def add(doc: Doc) -> Doc:
        docs.append(doc)
        return doc

    def pick_measures() -> list[str]:
        return sorted(rng.sample([m for m, _ in measures], rng.randint(2, 5)))

    surnames = [r["surname"] for r in gz.load_table("surnames.tsv")][:20]

    def person() -> str:
        return f"{rng.choice(surnames)} {rng.choice(_MIDDLE)} {rng.choice(_GIVEN)}"

    # Central documents.
    for i in range(min(n, n_central)):
        code, name, system, types = _CENTRAL[i % len(_CENTRAL)]
        t = rng.choice(types)
        d = start + timedelta(days=rng.randint(0, 700))
        num = numbers.take(f"vn/{code}", d.year)
        if system == "party":
            number = f"{num:02d}-{t}/{code}"
        elif t == "CV":
            number = f"{num * 37}/{code}-{rng.choice(('DP', 'KCB', 'MT'))}"
        else:
            number = f"{num}/{t}-{code}"
        add(
            Doc(len(docs), "", f"vn/{d.year}/{number}", "central", system, number, t, _type_name(t, system),
                d.isoformat(), name, name, None, None, "Hà Nội", rng.choice(_TOPICS),
                measures=pick_measures(), signatory=person())
        )  # fmt: skip
    central = list(docs)

    # Province documents: each implements a central document (a State one sometimes also the Party one).
    party_of: dict[str, list[Doc]] = {}
    for _ in range(min(n - len(docs), n_province)):
        parent = rng.choice(central)
        p = rng.choice(provinces)
        system = rng.choice(("party", "state"))
        pd = date.fromisoformat(parent.date) + timedelta(days=rng.randint(1, 25))
        cites = [parent.index]
        if system == "party":
            t = rng.choice(_PARTY_LOCAL_TYPES)
            num = numbers.take(f"{p.slug}/TU", pd.year)
            number = f"{num}-{t}/TU"
            committee = "Thành ủy" if p.kind == "thành phố" else "Tỉnh ủy"
            issuer, short = f"{committee} {p.name}", f"Ban Thường vụ {committee} {p.name}"
        else:
            t = rng.choice(_STATE_LOCAL_TYPES)
            num = numbers.take(f"{p.slug}/UBND", pd.year)
            number = f"{num}/UBND-{rng.choice(_STATE_CV_UNITS)}" if t == "CV" else f"{num}/{t}-UBND"
            issuer = f"Ủy ban nhân dân {p.kind} {p.name}"
            short = issuer
            earlier = [d for d in party_of.get(p.name, []) if d.date < pd.isoformat()]
            if earlier and rng.random() < 0.5:
                cites.append(rng.choice(earlier).index)
        doc = add(
            Doc(len(docs), "", f"{p.slug}/{pd.year}/{number}", "province", system, number, t,
                _type_name(t, system), pd.isoformat(), issuer, short, p.name, None, p.name,
                rng.choice(_TOPICS), cites, pick_measures(), person())
        )  # fmt: skip
        if system == "party":
            party_of.setdefault(p.name, []).append(doc)
    province_docs = docs[len(central) :]

    # District documents: each implements a document of its province.
    while len(docs) < n:
        parent = rng.choice(province_docs) if province_docs else rng.choice(central)
        p = gz.province_by_name(parent.province) if parent.province else rng.choice(provinces)
        assert p is not None
        dist = rng.choice(
            [d for d in gz.districts_in(p.name) if not d.name.isdigit()] or gz.districts_in(p.name)
        )
        system = rng.choice(("party", "state")) if dist.kind in ("huyện", "quận") else "state"
        dd = date.fromisoformat(parent.date) + timedelta(days=rng.randint(1, 20))
        if system == "party":
            t = rng.choice(_PARTY_LOCAL_TYPES)
            code = "HU" if dist.kind == "huyện" else "QU"
            num = numbers.take(f"{p.slug}/{dist.name}/{code}", dd.year)
            number = f"{num}-{t}/{code}"
            committee = "Huyện ủy" if code == "HU" else "Quận ủy"
            issuer, short = f"{committee} {dist.name}", f"Ban Thường vụ {committee} {dist.name}"
        else:
            t = rng.choice(_STATE_LOCAL_TYPES)
            num = numbers.take(f"{p.slug}/{dist.name}/UBND", dd.year)
            number = f"{num}/UBND-{rng.choice(_STATE_CV_UNITS)}" if t == "CV" else f"{num}/{t}-UBND"
            issuer = f"Ủy ban nhân dân {dist.kind} {dist.name}"
            short = issuer
        add(
            Doc(len(docs), "", f"{p.slug}/{dist.name}/{dd.year}/{number}", "district", system, number, t,
                _type_name(t, system), dd.isoformat(), issuer, short, p.name, dist.name, dist.name,
                rng.choice(_TOPICS), [parent.index], pick_measures(), person())
        )  # fmt: skip

    # Files and noise.
    for d in docs:
        d.file = f"docs/{d.index // PER_FOLDER:03d}/{d.index:06d}_{d.level}.txt"
        if rng.random() < 0.5:
            d.noise.append("old-tones")
        if rng.random() < 0.2:
            d.noise.append("ocr")
        if rng.random() < 0.1:
            d.noise.append("markdown")
        if d.level != "central" and rng.random() < 0.04:
            d.noise.append("no-header")
        # Drawn from a generator of its own, so that the other documents' texts stay as they were.
        if len(d.cites) == 1 and random.Random(f"{seed}:cite-forms:{d.index}").random() < 0.15:
            d.noise.append("cite-forms")
        if d.system == "state" and d.type_code in _RESOLUTION_TYPES:
            d.noise.append("lettered")  # a layout, not noise: tasks in lettered sub-items (no draw)
    _layout_noise(docs, seed)
    return docs


# Layout noise of the front matter: kind and share of the documents with a header.
_LAYOUT_KINDS = (("flat-header", 0.12), ("ocr-anchor", 0.08), ("web-title", 0.05))


def _layout_noise(docs: list[Doc], seed: int) -> None:
    """Draw the layout noise of each document from a stream of its own: the draws of ``plan`` (and so
    the text of every document without layout noise) stay as they were before these kinds existed."""
    rng = random.Random(f"{seed}:layout")
    for d in docs:
        for kind, share in _LAYOUT_KINDS:
            if rng.random() < share and "no-header" not in d.noise:
                d.noise.append(kind)


def _city(doc: Doc) -> str:
    p = gz.province_by_name(doc.province or "")
    return "Thành phố" if p is not None and p.kind == "thành phố" else "Tỉnh"


def _dmy(iso: str, padded: bool = True) -> str:
    d = date.fromisoformat(iso)
    return f"{d.day:02d}/{d.month:02d}/{d.year}" if padded else f"{d.day}/{d.month}/{d.year}"


def _citation(cited: Doc, rng: random.Random) -> str:
    verb = rng.choice(_CITE_VERBS)
    comma = "," if rng.random() < 0.3 else ""
    when = _dmy(cited.date, rng.random() < 0.6)
    return f"{verb} {cited.type_name} số {cited.number}{comma} ngày {when} của {cited.issuer_short}"


def _cite_forms(doc: Doc, cited: list[Doc]) -> str:
    """The opening sentence in a form read from real documents: a number broken after its slash by a
    line break or a stray space, the issuer named before "tại", or the citation at the end of a list of
    laws named without a number ("Căn cứ Luật …;")."""
    rng = random.Random(f"cite-forms:{doc.key}")
    c = cited[0]
    when = _dmy(c.date, rng.random() < 0.6)
    form = rng.randrange(3)
    if form == 0:
        head, _, tail = (c.number or "").rpartition("/")
        brk = rng.choice(("\n", " "))
        number = f"{head}/{brk}{tail}"
        cite = f"Thực hiện {c.type_name} số {number} ngày {when} của {c.issuer_short}"
        return f"{cite} về {c.title}, {doc.issuer_short} yêu cầu:"
    if form == 1:
        cite = f"Thực hiện chỉ đạo của {c.issuer_short} tại {c.type_name} số {c.number} ngày {when}"
        return f"{cite} về {c.title}, {doc.issuer_short} yêu cầu:"
    laws = (
        "Căn cứ Luật Phòng, chống bệnh truyền nhiễm ngày 21 tháng 11 năm 2007;",
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
    )
    cite = f"Căn cứ {c.type_name} số {c.number} ngày {when} của {c.issuer_short} về {c.title};"
    return "\n\n".join([*laws, cite, f"{doc.issuer_short} yêu cầu:"])


def _ocr(text: str, rng: random.Random) -> str:
    """OCR slips: some words lose their diacritics, a few get split or a stray character."""
    words = text.split(" ")
    for i, w in enumerate(words):
        r = rng.random()
        if r < 0.04:
            words[i] = "".join(
                c for c in unicodedata.normalize("NFD", w) if not unicodedata.combining(c)
            ).replace("đ", "d")
        elif r < 0.05 and len(w) > 4:
            words[i] = w[:2] + " " + w[2:]
        elif r < 0.055:
            words[i] = w + rng.choice((",", "'", "."))
    return unicodedata.normalize("NFC", " ".join(words))


_OLD_TONES = (("ủy", "uỷ"), ("Ủy", "Uỷ"), ("ỦY", "UỶ"), ("hòa", "hoà"), ("Hòa", "Hoà"), ("HÒA", "HOÀ"),
              ("khỏe", "khoẻ"), ("thủy", "thuỷ"))  # fmt: skip


def render(doc: Doc, docs: list[Doc], rng: random.Random) -> str:
    """The text of ``doc``; ``rng`` should be seeded per document so files do not depend on each other."""
    measures = dict(_measure_cues())
    lines: list[str] = []
    head = "no-header" not in doc.noise
    party = doc.system == "party"
    prov_upper = _upper(doc.province or "")
    if head:
        if party:
            if doc.level == "province":
                lines += [f"ĐẢNG BỘ {_upper(_city(doc))} {prov_upper}", _upper(doc.issuer), "*",
                          f"Số {doc.number}", "", "ĐẢNG CỘNG SẢN VIỆT NAM", ""]  # fmt: skip
            elif doc.level == "district":
                kind = _upper(_city(doc))
                lines += [f"ĐẢNG BỘ {kind} {prov_upper}", _upper(doc.issuer), "*", f"Số {doc.number}", "",
                          "ĐẢNG CỘNG SẢN VIỆT NAM", ""]  # fmt: skip
            else:
                lines += [
                    "BAN CHẤP HÀNH TRUNG ƯƠNG",
                    "*",
                    f"Số {doc.number}",
                    "",
                    "ĐẢNG CỘNG SẢN VIỆT NAM",
                    "",
                ]
        else:
            if doc.level == "central":
                lines += [_upper(doc.issuer)]
            else:
                lines += ["ỦY BAN NHÂN DÂN", _upper(doc.issuer.removeprefix("Ủy ban nhân dân "))]
            lines += ["-------", f"Số: {doc.number}", "", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                      "Độc lập - Tự do - Hạnh phúc", "---------------", ""]  # fmt: skip
        d = date.fromisoformat(doc.date)
        lines += [f"{doc.place}, ngày {d.day} tháng {d.month} năm {d.year}", ""]
    title = doc.title
    if doc.type_code == "CV":
        lines += [f"V/v {title}" if not party else f"*{title[0].upper()}{title[1:]}*", ""]
        if doc.level == "district":
            recipients = ["Các cơ quan, ban, ngành huyện", "Ủy ban nhân dân các xã, thị trấn"]
        else:
            recipients = ["Các sở, ban, ngành, đoàn thể cấp tỉnh", "Ủy ban nhân dân các huyện, thành phố"]
        lines += ["Kính gửi:"] + [
            f"- {r}{';' if i + 1 < len(recipients) else '.'}" for i, r in enumerate(recipients)
        ]
        lines.append("")
    else:
        heading = _upper(doc.type_name)
        title_line = f"Về việc {title}" if rng.random() < 0.5 else f"{title[0].upper()}{title[1:]}"
        if "markdown" in doc.noise:
            title_line = f"*{title_line}*"
        lines += [heading, title_line, ""]

    lines = _layout(lines, doc)

    body: list[str] = []
    resolution = not party and doc.type_code in _RESOLUTION_TYPES
    if resolution:
        body = _resolution_body(doc, docs, measures, rng)
    elif doc.cites:
        cited = [docs[i] for i in doc.cites]
        parts = [_citation(c, rng) for c in cited]
        lead = parts[0] + (" và " + parts[1][0].lower() + parts[1][1:] if len(parts) > 1 else "")
        if "cite-forms" in doc.noise and len(cited) == 1:
            body.append(_cite_forms(doc, cited))
        else:
            body.append(f"{lead} về {cited[0].title}, {doc.issuer_short} yêu cầu:")
    else:
        body.append(rng.choice(_FILLER) + f" {doc.issuer_short} yêu cầu:")
    extra = random.Random(f"parties:{doc.index}:{doc.date}")  # the other draws stay as they were
    if not resolution:
        body.append("")
        if extra.random() < _PERSONS_SHARE:
            body += [_persons_sentence(doc, extra), ""]
        actors = _ACTORS_DISTRICT if doc.level == "district" else _ACTORS_PROVINCE
        doc.tasks = []
        # Task forms of real directives, from a stream of their own (the other draws stay as they were).
        forms = random.Random(f"tasks:{doc.index}:{doc.date}")
        if forms.random() < _TASK_FORMS_SHARE:
            doc.noise.append("task-forms")
        for i, code in enumerate(doc.measures, 1):
            cue = rng.choice(measures[code])
            actor, verb = rng.choice(actors), rng.choice(_VERBS)
            tail = rng.choice(_TAILS)
            if "task-forms" in doc.noise:
                sentence, role = _task_form(i, actor, f"{cue} {tail}", actors, forms)
            else:
                sentence = f"{i}. {actor} {verb} {cue} {tail}."
                role = "lead" if verb.startswith("chủ trì") else "responsible"
            doc.tasks.append({"item": str(i), "body": actor, "role": role, "measure": code})
            if rng.random() < 0.4:
                sentence += " " + rng.choice(_FILLER)
            body.append(sentence)
            body.append("")
        body.append(
            "Yêu cầu các cơ quan, đơn vị nghiêm túc triển khai thực hiện, định kỳ gửi kết quả về "
            f"{doc.issuer_short} (qua Văn phòng) để theo dõi."
        )
    text_body = "\n".join(body)
    if "ocr" in doc.noise:
        text_body = _ocr(text_body, rng)
    lines.append(text_body)
    items = []
    if doc.cites:
        items.append(f"{docs[doc.cites[0]].issuer_short} (để báo cáo)")
    items += ["Như trên", "Lưu: VT"]
    if party:
        sig = ["T/M BAN THƯỜNG VỤ" if doc.level != "central" else "T/M BAN BÍ THƯ",
               rng.choice(("BÍ THƯ", "PHÓ BÍ THƯ", "PHÓ BÍ THƯ THƯỜNG TRỰC"))]  # fmt: skip
    elif doc.level == "central":
        sig = [
            "KT. BỘ TRƯỞNG" if "Bộ" in doc.issuer else "THỦ TƯỚNG",
            "THỨ TRƯỞNG" if "Bộ" in doc.issuer else "",
        ]
    else:
        sig = ["TM. ỦY BAN NHÂN DÂN"] + (
            ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"] if rng.random() < 0.5 else ["CHỦ TỊCH"]
        )
    doc.position = _POSTS_OF_LINES.get(next((x for x in reversed(sig) if x), ""), "")
    if extra.random() < _COPY_PERSON_SHARE:
        name, post = _person(doc, extra), _post(doc, _COPY_POSTS, extra)
        items.insert(len(items) - 1, f"{post} {name} (để b/c)")
        doc.persons.append({"name": name, "positions": [post]})
    doc.distribution = items
    layout = extra.choice(_LAYOUTS) if extra.random() < _INTERLEAVED_SHARE else "plain"
    if layout != "plain":
        doc.noise.append("interleaved")
    lines += _closing(items, sig, doc.signatory, layout, extra)
    text = "\n".join(lines)
    if "old-tones" in doc.noise:
        for new, old in _OLD_TONES:
            text = text.replace(new, old)
    return text


def _layout(front: list[str], doc: Doc) -> list[str]:
    """The front matter (header, title, "Kính gửi") as the layout noise of ``doc`` has it; its own
    random stream, so that the rest of the document is written as without the noise."""
    if not any(k in doc.noise for k, _ in _LAYOUT_KINDS):
        return front
    rng = random.Random(f"layout:{doc.index}:{doc.number}")
    if "flat-header" in doc.noise:
        front = _flat_header(front, doc, rng)
    if "ocr-anchor" in doc.noise:
        front = _ocr_anchors(front, doc, rng)
    if "web-title" in doc.noise:
        year = doc.date[:4]
        title = f"{doc.type_name} {doc.number} năm {year} {doc.title} do {doc.issuer} ban hành"
        front = (
            [title] if rng.random() < 0.6 else ["THƯ VIỆN PHÁP LUẬT - www.thuvienphapluat.vn", title]
        ) + front
    return front


def _flat_header(front: list[str], doc: Doc, rng: random.Random) -> list[str]:
    """The two header columns read line by line into one text: the motto on the issuer's lines (after
    them, before them, or the issuer's lines on one line before it), the number and the place-date on one
    line, or the "V/v" subject's first half sharing its line with the place-date."""
    i_num = next(i for i, ln in enumerate(front) if ln.startswith("Số"))
    i_pd = next(i for i, ln in enumerate(front) if ln.startswith(f"{doc.place}, ngày"))
    issuer = [ln for ln in front[:i_num] if ln not in ("*", "-------", "")]
    party = doc.system == "party"
    motto = (
        ["ĐẢNG CỘNG SẢN VIỆT NAM"]
        if party
        else ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
    )
    variant = rng.randrange(3)
    pairs = list(zip_longest(issuer, motto, fillvalue=""))
    if variant == 0:  # the motto's column after the issuer's on each line
        head = [f"{a} {b}".strip() for a, b in pairs]
    elif variant == 1:  # the motto's column first
        head = [f"{b} {a}".strip() for a, b in pairs]
    else:  # the issuer's lines on one line, then the motto
        head = [f"{' '.join(issuer)} {motto[0]}", *motto[1:]]
    if party:
        head.append("*")
    number, place_date = front[i_num], front[i_pd]
    after = front[i_pd + 1 :]
    i_vv = next((i for i, ln in enumerate(after) if ln.startswith("V/v ")), None)
    if i_vv is not None and rng.random() < 0.6:
        words = after.pop(i_vv).split()
        k = max(2, len(words) // 2)
        head += [number, f"{' '.join(words[:k])} {place_date}", " ".join(words[k:])]
    else:
        head.append(f"{number} {place_date}")
    return head + after


def _unmarked(s: str) -> str:
    return unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c)
    ).replace("đ", "d").replace("Đ", "D"))  # fmt: skip


def _ocr_anchors(front: list[str], doc: Doc, rng: random.Random) -> list[str]:
    """ "Số" misread ("S6", "$6", "Sô") and the place of the place-date line without its marks."""
    out = list(front)
    i = next(i for i, ln in enumerate(out) if ln.startswith("Số"))
    out[i] = rng.choice(("S6", "$6", "Sô")) + out[i][2:]
    for j, ln in enumerate(out):
        if f"{doc.place}, ngày" in ln:
            out[j] = ln.replace(f"{doc.place}, ngày", f"{_unmarked(doc.place)}, ngày", 1)
            break
    return out


# Items written as real directives give work ("task-forms"): the subject on a line of its own and a
# bullet that opens with "Chủ trì", the roles noted after the task ("(X chủ trì, Y phối hợp)", "- Cơ quan
# chủ trì: X"), "Trách nhiệm của X:", "Đề nghị X ...", "X là đầu mối, phối hợp với Y ...".
_TASK_FORMS_SHARE = 0.25
_TASK_FORM_VERBS = ("Tổ chức", "Triển khai", "Tăng cường", "Thực hiện nghiêm")


def _task_form(i: int, actor: str, what: str, actors: tuple[str, ...], r: random.Random) -> tuple[str, str]:
    """Item ``i`` giving the task ``what`` (a measure's cue and a tail) to ``actor`` in one of the forms
    of real directives; returns the item's text and the actor's role."""
    task = f"{r.choice(_TASK_FORM_VERBS)} {what}"
    low = task[0].lower() + task[1:]
    partner = r.choice([a for a in actors if a != actor])
    form = r.randrange(6)
    if form == 0:
        return f"{i}. {actor}:\n- Chủ trì, phối hợp với các đơn vị liên quan {low}.", "lead"
    if form == 1:
        return f"{i}. {task} ({actor} chủ trì, {partner} phối hợp).", "lead"
    if form == 2:
        return f"{i}. {task}.\n- Cơ quan chủ trì: {actor}.\n- Cơ quan phối hợp: {partner}.", "lead"
    if form == 3:
        return f"{i}. Trách nhiệm của {actor}: chủ trì {low}.", "lead"
    if form == 4:
        return f"{i}. Đề nghị {actor} {low}.", "responsible"
    return f"{i}. {actor} là đầu mối, phối hợp với {partner} {low}.", "lead"


def _resolution_body(
    doc: Doc, docs: list[Doc], measures: dict[str, tuple[str, ...]], rng: random.Random
) -> list[str]:
    """The body of a State resolution or decision: authority line, "Căn cứ" lines, numbered groups of
    lettered tasks (one measure each, given to a ministry, department or committee, as lead when it
    "chủ trì"), and the closing section that tasks the bodies as a whole; fills ``doc.tasks``."""
    resolution = doc.type_code == "NQ"
    act = "Nghị quyết" if resolution else "Quyết định"
    if doc.level == "central":
        authority = _upper(doc.issuer) if resolution or doc.issuer != "Bộ Y tế" else "BỘ TRƯỞNG BỘ Y TẾ"
        law = "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;"
        proposer, actors, everyone = (
            "Bộ trưởng Bộ Y tế",
            _MINISTRIES,
            "Các Bộ, cơ quan ngang Bộ, cơ quan thuộc Chính phủ",
        )
    else:
        authority = _upper(doc.issuer.replace("Ủy ban nhân dân", "Chủ tịch Ủy ban nhân dân"))
        law = "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;"
        local = doc.level == "district"
        proposer = "Trưởng phòng Y tế" if local else "Giám đốc Sở Y tế"
        actors = _ACTORS_DISTRICT if local else _DEPARTMENTS
        everyone = "Thủ trưởng các cơ quan, đơn vị" if local else "Các sở, ban, ngành"
    body = [authority, "", law]
    for i in doc.cites:
        c = docs[i]
        body.append(
            f"Căn cứ {c.type_name} số {c.number} ngày {_dmy(c.date)} của {c.issuer_short} về {c.title};"
        )
    body += [f"Theo đề nghị của {proposer}.", "", "QUYẾT NGHỊ:" if resolution else "QUYẾT ĐỊNH:", ""]
    aim = (
        "Kiểm soát hiệu quả dịch Covid-19, không để dịch bùng phát, bảo vệ tối đa sức khỏe, tính mạng của "
        "Nhân dân."
    )
    if resolution:
        body += ["I. MỤC TIÊU", aim, "", "II. NHIỆM VỤ, GIẢI PHÁP"]
    else:
        body += [
            f"Điều 1. {aim}",
            "Triển khai các nhiệm vụ, giải pháp phòng, chống dịch Covid-19 sau:",
        ]
    doc.tasks = []
    codes = list(doc.measures)
    group = 0
    while codes:
        group += 1
        n_take = rng.randint(1, 3)
        take, codes = codes[:n_take], codes[n_take:]
        label_vi = _measure_labels()[take[0]]
        body.append(f"{group}. Về {label_vi[0].lower()}{label_vi[1:]}")
        for k, code in enumerate(take):
            label = _LETTERS[k]
            actor = rng.choice(actors)
            cue = rng.choice(measures[code])
            what = f"{rng.choice(_TASK_VERBS)} {cue} {rng.choice(_TAILS)}"
            form = rng.randrange(4)
            if form == 0:
                partner = rng.choice([a for a in actors if a != actor])
                line, role = f"{actor} chủ trì, phối hợp với {partner} {what}", "lead"
            elif form == 1:
                line, role = f"Giao {actor} chủ trì {what}", "lead"
            elif form == 2:
                line, role = f"{actor} có trách nhiệm {what}", "responsible"
            else:
                line, role = f"{actor} chỉ đạo {what}", "responsible"
            body.append(f"{label}) {line}.")
            doc.tasks.append({"item": label, "body": actor, "role": role, "measure": code})
    body.append("III. TỔ CHỨC THỰC HIỆN" if resolution else "Điều 2. Tổ chức thực hiện")
    body.append(f"1. {everyone} tổ chức triển khai thực hiện {act} này.")
    body.append(f"2. Giao {actors[0]} theo dõi, đôn đốc việc thực hiện {act} này.")
    if not resolution:
        body.append(f"Điều 3. {act} này có hiệu lực kể từ ngày ký.")
    return body


# Parties: people named in the body and in the Nơi nhận list, and the Nơi nhận list and signature
# block laid out as a flattened two-column page sets them ("interleaved" noise). Their draws come
# from a generator of their own, so the rest of each document is the same text as without them.
_PERSONS_SHARE = 0.3
_COPY_PERSON_SHARE = 0.2
_INTERLEAVED_SHARE = 0.3
_LAYOUTS = ("glued", "alternating", "pipe")
_POSTS_OF_LINES = {
    "BÍ THƯ": "Bí thư", "PHÓ BÍ THƯ": "Phó Bí thư", "PHÓ BÍ THƯ THƯỜNG TRỰC": "Phó Bí thư Thường trực",
    "THỨ TRƯỞNG": "Thứ trưởng", "THỦ TƯỚNG": "Thủ tướng", "PHÓ CHỦ TỊCH": "Phó Chủ tịch",
    "CHỦ TỊCH": "Chủ tịch",
}  # fmt: skip
_BODY_POSTS = {
    "local": ("Phó Chủ tịch Ủy ban nhân dân {unit}", "Phó Bí thư Thường trực {committee}",
              "Ủy viên Ban Thường vụ {committee}", "Trưởng Ban Tuyên giáo {committee}",
              "Giám đốc Trung tâm Y tế {unit}"),
    "central": ("Phó Thủ tướng Chính phủ", "Bộ trưởng Bộ Y tế", "Thứ trưởng Bộ Y tế",
                "Trưởng Ban Tuyên giáo Trung ương"),
}  # fmt: skip
_COPY_POSTS = {
    "local": ("Phó Chủ tịch UBND {unit}", "Phó Bí thư {committee}", "Chánh Văn phòng {committee}"),
    "central": ("Phó Thủ tướng", "Thứ trưởng"),
}
# What OCR leaves of a stamp and a signature beside the list: symbols and stray letters.
_STAMP_NOISE = ("~", "`", "=", ",„_ ồ", "r -", "À", "*", "(% :#)")


def _post(doc: Doc, table: dict[str, tuple[str, ...]], extra: random.Random) -> str:
    """A post of the document's level, its unit and committee filled in ("Phó Bí thư Huyện ủy")."""
    district = doc.level == "district"
    units = {"unit": "huyện" if district else "tỉnh", "committee": "Huyện ủy" if district else "Tỉnh ủy"}
    if doc.system == "party" and doc.level != "central":
        units["committee"] = " ".join(doc.issuer.split(" ")[:2])  # "Quận ủy", "Thành ủy"
    return extra.choice(table["central" if doc.level == "central" else "local"]).format(**units)


def _person(doc: Doc, extra: random.Random) -> str:
    """A name that is not the signer's (family names from the table, as the plan draws them)."""
    surnames = [r["surname"] for r in gz.load_table("surnames.tsv")][:20]
    while True:
        name = f"{extra.choice(surnames)} {extra.choice(_MIDDLE)} {extra.choice(_GIVEN)}"
        if name != doc.signatory:
            return name


def _persons_sentence(doc: Doc, extra: random.Random) -> str:
    """A sentence naming people with their posts, in one of the orders real texts use."""
    people = [(_person(doc, extra), _post(doc, _BODY_POSTS, extra)) for _ in range(2)]
    if people[0][0] == people[1][0]:
        people = people[:1]
    form = extra.randrange(3)
    if form == 0:  # name, post
        (name, post), *_ = people
        sentence = (
            f"Theo ý kiến chỉ đạo của đồng chí {name}, {post}, các cơ quan, đơn vị khẩn trương triển khai."
        )
        people = people[:1]
    elif form == 1:  # post, name
        (name, post), *_ = people
        sentence = f"{post} {name} yêu cầu các cơ quan, đơn vị khẩn trương triển khai các nội dung sau."
        people = people[:1]
    else:  # who attended, as a notice of conclusions lists them
        sentence = "Tham dự có các đồng chí: " + "; ".join(f"{n}, {p}" for n, p in people) + "."
    doc.persons += [{"name": n, "positions": [p]} for n, p in people]
    return sentence


def _closing(items: list[str], sig: list[str], name: str, layout: str, extra: random.Random) -> list[str]:
    """The Nơi nhận list and the signature block: one after the other ("plain"), or the two columns of
    the page flattened into one: side by side on each line ("glued", with the stamp's OCR noise in
    the right column), one line of each in turn ("alternating"), or as a table's cells ("pipe")."""
    left = [f"- {x}{';' if i + 1 < len(items) else '.'}" for i, x in enumerate(items)]
    right = [x for x in sig if x]
    if layout == "plain":
        return ["", "Nơi nhận:", *left, "", *sig, "", "", name, ""]
    if layout == "glued":
        rows = ["Nơi nhận:", *left]
        col = [*right, *(extra.choice(_STAMP_NOISE) for _ in range(max(0, len(rows) - len(right) - 1))), name]
        out = [f"{a} {b}" if b else a for a, b in zip(rows, col + [""] * len(rows), strict=False)]
        return ["", *out, *col[len(rows) :], ""]
    if layout == "alternating":
        out = ["Nơi nhận:"]
        col = [*right, "(Đã ký)", name]
        for i in range(max(len(left), len(col))):
            out += ([col[i]] if i < len(col) else []) + ([left[i]] if i < len(left) else [])
        return ["", *out, ""]
    rows = ["Nơi nhận:", *left]
    col = [*right, "", name]
    width = max(len(r) for r in rows) + 1
    out = [f"{r.ljust(width)}| {c}".rstrip() for r, c in zip(rows, col + [""] * len(rows), strict=False)]
    return ["", *out, *(f"{' ' * width}| {c}" for c in col[len(rows) :]), ""]


def truth(doc: Doc, docs: list[Doc]) -> dict[str, object]:
    out = asdict(doc)
    out["cites"] = [
        {"key": docs[i].key, "number": docs[i].number, "date": docs[i].date, "issuer": docs[i].issuer}
        for i in doc.cites
    ]
    if "no-header" in doc.noise:
        out["number"] = None  # the number is not in the text
        out["date"] = None
    return out


def generate(n: int, outdir: str | Path, seed: int = 1) -> Path:
    """Write the corpus and ``truth.json``; returns the path of the documents folder."""
    out = Path(outdir)
    docs = plan(n, seed)
    written: set[Path] = set()
    for d in docs:
        path = out / d.file
        if path.parent not in written:
            path.parent.mkdir(parents=True, exist_ok=True)
            written.add(path.parent)
        text = render(d, docs, random.Random(f"{seed}:{d.index}"))
        path.write_text(text, encoding="utf-8")
    meta = {"n": n, "seed": seed, "documents": [truth(d, docs) for d in docs]}
    (out / "truth.json").write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return out / "docs"


def iter_texts(n: int, seed: int = 1) -> Iterator[tuple[Doc, str]]:
    """Documents and their texts without writing files (for in-process benchmarks)."""
    docs = plan(n, seed)
    for d in docs:
        yield d, render(d, docs, random.Random(f"{seed}:{d.index}"))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("n", type=int, help="number of documents")
    ap.add_argument("outdir", type=Path)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("N must be at least 1")
    docs_dir = generate(args.n, args.outdir, args.seed)
    print(
        f"wrote {args.n} documents to {docs_dir} and ground truth to {args.outdir / 'truth.json'}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
