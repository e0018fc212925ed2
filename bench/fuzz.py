"""Fuzz the extraction: generated inputs through decode → extract_text → record checks (→ N-Quads →
pyoxigraph parse on a sample), reporting crashes, span errors, bad RDF and slow inputs.

    python bench/fuzz.py                    # 100,000 inputs, all cores, seed 7
    python bench/fuzz.py -n 20000 --seed 1 --jobs 2 --json bench/results/fuzz.json

Generators (round robin): random Unicode text; corpus documents mutated (cut, duplicated, spliced,
tokens inserted, lines shuffled, case changed, NFD, legacy font codes, markdown); document-like
texts built from header parts with random fills; and random or mutated *bytes* through
``kg.read.decode_bytes`` first. Each crash is reported once per signature (exception type and the
innermost kg frame) with its shortest input, saved under ``--crash-dir``. Exit status 1 if any crash.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import signal
import sys
import time
import traceback
import unicodedata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.legacy import encode_tcvn3, encode_vni  # noqa: E402
from kg.pipeline import extract_text  # noqa: E402
from kg.read import ReadError, decode_bytes  # noqa: E402
from kg.validate import record_problems  # noqa: E402

GENERATED_AT = "2024-01-01T00:00:00Z"
SLOW_SECONDS = 2.0  # CPU seconds
TIMEOUT_SECONDS = 20  # CPU seconds

TOKENS = [
    "Số",
    "Số:",
    "SỐ",
    "số",
    "ngày",
    "tháng",
    "năm",
    "ngày 24 tháng 5 năm 2021",
    "24/5/2021",
    "/",
    "-",
    "–",
    "CV/TU",
    "-CV/TU",
    "/QĐ-UBND",
    "KH/TU",
    "/CT-TTg",
    "T/M",
    "K/T",
    "TM.",
    "KT.",
    "TL.",
    "Q.",
    "TUQ.",
    "BAN THƯỜNG VỤ",
    "BÍ THƯ",
    "PHÓ CHỦ TỊCH",
    "CHỦ TỊCH",
    "Nơi nhận:",
    "Kính gửi:",
    "V/v",
    "Về việc",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "TỈNH ỦY",
    "Tỉnh ủy",
    "HUYỆN ỦY",
    "UBND",
    "Ủy ban nhân dân",
    "Công văn",
    "Kế hoạch",
    "Chỉ thị",
    "Thực hiện",
    "Căn cứ",
    "thống nhất với",
    "chủ trì",
    "phối hợp",
    "5K",
    "giãn cách",
    "cách ly",
    "Nghị quyết số",
    "Kết luận số",
    "Công điện số",
    "của",
    "Đồng chí",
    "Nguyễn Văn",
    "Thị",
    "*",
    "**",
    "#",
    "\n",
    "\r\n",
    "\t",
    " ",
    "  ",
    "\u00a0",
    "\u200b",
    "\ufeff",
    "\u00ad",
    "\u0301",
    "\u0323",
    "\u0300",
    "\u202e",
    "\u2028",
    "\x0c",
    "\x00",
    "\ufffd",
    "Ð",
    "ð",
    "ß",
    "İ",
    "ﬁ",
    "Ⅻ",
    "١٢٣",
    "𝟙𝟚",
    "😀",
    "\U0010ffff",
    "0",
    "9",
    "99999999999999999999",
    "-1",
    "2021",
    "1900",
    "3000",
    "31",
    "29/2/2021",
    "00/00/0000",
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    "<",
    ">",
    '"',
    "'",
    "\\",
    "%",
    "&",
    "<script>",
    "} ; DROP ALL ; #",
    "\\u0000",
]
ALPHABET = (
    "aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXY0123456789 .,;:/-()\n*"
    "àáảãạầấẩẫậằắẳẵặèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ"
)


def _corpus() -> list[str]:
    texts: list[str] = []
    for folder in (ROOT / "tests" / "corpus" / "chains", ROOT / "tests" / "data" / "realdocs"):
        for p in sorted(folder.glob("*.txt")):
            try:
                texts.append(p.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                continue
    return texts or ["Số 1-CV/TU\nHà Nội, ngày 1 tháng 1 năm 2021\n"]


def _random_text(rng: random.Random) -> str:
    n = rng.choice([0, 1, 2, 5, 10, 50, 200, 1000])
    mode = rng.random()
    if mode < 0.4:
        return "".join(rng.choice(ALPHABET) for _ in range(n))
    if mode < 0.7:
        return "".join(rng.choice(TOKENS) + rng.choice(["", " ", "\n"]) for _ in range(max(1, n // 5)))
    chars = []
    for _ in range(n):
        cp = rng.choice(
            [rng.randrange(0x20, 0x7F), rng.randrange(0xA0, 0x2000), rng.randrange(0x2000, 0x30000)]
        )
        if 0xD800 <= cp <= 0xDFFF:
            cp = 0xFFFD  # lone surrogates never come out of a decoder
        chars.append(chr(cp))
    return "".join(chars)


def _mutate(rng: random.Random, text: str) -> str:
    for _ in range(rng.randint(1, 6)):
        if not text:
            text = rng.choice(TOKENS)
        i = rng.randrange(len(text) + 1)
        j = min(len(text), i + rng.choice([1, 3, 10, 50, 300]))
        op = rng.randrange(12)
        if op == 0:
            text = text[:i] + text[j:]
        elif op == 1:
            text = text[:j] + text[i:j] * rng.randint(2, 5) + text[j:]
        elif op == 2:
            text = text[:i] + rng.choice(TOKENS) + text[i:]
        elif op == 3:
            text = text[: rng.randrange(len(text) + 1)]
        elif op == 4:
            lines = text.split("\n")
            rng.shuffle(lines)
            text = "\n".join(lines)
        elif op == 5:
            text = text[:i] + text[i:j].upper() + text[j:]
        elif op == 6:
            text = text[:i] + text[i:j].lower() + text[j:]
        elif op == 7:
            text = unicodedata.normalize("NFD", text)
        elif op == 8:
            text = text[:i] + "**" + text[i:j] + "**" + text[j:]
        elif op == 9:
            text = text.replace("\n", rng.choice(["\r\n", "\n\n", "  \n", "\u2028"]))
        elif op == 10:
            text = text[:i] + "".join(rng.choice(ALPHABET) for _ in range(j - i)) + text[j:]
        else:
            text = text[:i] + text[i:j][::-1] + text[j:]
    return text


def _document_like(rng: random.Random) -> str:
    code = rng.choice(["TU", "HU", "UBND", "BYT", "BTGTW", "TTg", "BCĐ"])
    kind = rng.choice(["CV", "KH", "CT", "TB", "NQ", "QĐ", "HD", "CĐ", "TTr", "KL"])
    n = rng.choice([str(rng.randint(0, 99999)), "", "...", "12a", "0"])
    number = rng.choice([f"{n}-{kind}/{code}", f"{n}/{kind}-{code}", f"{n} /{kind} - {code}"])
    d, m, y = (
        rng.randint(0, 40),
        rng.randint(0, 14),
        rng.choice([rng.randint(1900, 2100), rng.randint(0, 99)]),
    )
    parts = [
        rng.choice(["TỈNH ỦY CẦN THƠ", "HUYỆN ỦY BẢO LÂM", "ỦY BAN NHÂN DÂN TỈNH BÌNH PHƯỚC", "BỘ Y TẾ", ""]),
        rng.choice(["*", "", "-----"]),
        rng.choice([f"Số {number}", f"Số: {number}", number, f"SỐ{number}"]),
        rng.choice(["ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", ""]),
        rng.choice([f"Cần Thơ, ngày {d} tháng {m} năm {y}", f"ngày {d}/{m}/{y}", f"{d}-{m}-{y}"]),
        rng.choice(["V/v phòng, chống dịch", "KẾ HOẠCH\nTriển khai", "CHỈ THỊ", ""]),
        rng.choice(["Kính gửi: Các huyện ủy.", "Kính gửi:\n- Sở Y tế;\n- Công an tỉnh.", ""]),
        rng.choice([f"Thực hiện Công văn số {n}-CV/BTGTW ngày {d}/{m}/{y} của Ban Tuyên giáo,", ""]),
        rng.choice(["Sở Y tế chủ trì, phối hợp với các đơn vị thực hiện cách ly, xét nghiệm.", ""]),
        rng.choice(
            ["T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ\n\nThào Hồng Sơn", "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê A", ""]
        ),
        rng.choice(["Nơi nhận:\n- Như trên,\n- Lưu.", "Nơi nhận:", ""]),
    ]
    if rng.random() < 0.3:
        rng.shuffle(parts)
    text = rng.choice(["\n", "\r\n", "\n\n"]).join(parts)
    return _mutate(rng, text) if rng.random() < 0.5 else text


def _bytes_input(rng: random.Random, corpus: list[str]) -> bytes:
    mode = rng.randrange(6)
    if mode == 0:
        return bytes(rng.randrange(256) for _ in range(rng.choice([0, 1, 3, 16, 300, 3000])))
    text = _mutate(rng, rng.choice(corpus))[: rng.choice([100, 2000, 20000])]
    if mode == 1:
        data = text.encode("utf-8")
    elif mode == 2:
        data = encode_tcvn3(text).encode("latin-1", errors="replace")
    elif mode == 3:
        data = encode_vni(text).encode("cp1252", errors="replace")
    elif mode == 4:
        data = text.encode(rng.choice(["utf-16", "utf-16-le", "utf-32", "utf-8-sig"]))
    else:
        data = text.encode("utf-8")
    if data and rng.random() < 0.5:  # flip, cut, insert bytes
        b = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            k = rng.randrange(len(b)) if b else 0
            op = rng.randrange(3)
            if op == 0 and b:
                b[k] = rng.randrange(256)
            elif op == 1:
                del b[k:]
            else:
                b[k:k] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        data = bytes(b)
    return data


class _Timeout(Exception):
    pass


def _alarm(signum: int, frame: Any) -> None:
    raise _Timeout()


def _signature(exc: BaseException) -> str:
    frames = traceback.extract_tb(exc.__traceback__)
    inner = [f for f in frames if "/kg/" in f.filename] or frames
    where = f"{Path(inner[-1].filename).name}:{inner[-1].lineno} in {inner[-1].name}" if inner else "?"
    return f"{type(exc).__name__} at {where}"


def _one(text: str, rdf: bool) -> tuple[str | None, list[str], str | None]:
    """(crash signature + message, span problems, rdf problem)."""
    rec = extract_text(text, "fuzz.txt")
    problems = record_problems(rec, text)
    rdf_problem = None
    if rdf:
        import pyoxigraph as ox

        from kg.rdf import record_nquads

        nq = record_nquads(rec, text, "fuzz/input.txt", generated_at=GENERATED_AT)
        try:
            quads = list(ox.parse(nq.encode("utf-8"), format=ox.RdfFormat.N_QUADS))
        except (SyntaxError, ValueError) as e:
            rdf_problem = f"N-Quads do not parse: {e}"
        else:
            if any(isinstance(q.subject, ox.BlankNode) for q in quads):
                rdf_problem = "blank node in the output"
    return None, problems, rdf_problem


def _empty_result() -> dict[str, Any]:
    """The counters of a fuzz run (one chunk, or the merged total)."""
    return {
        "inputs": 0,
        "bytes_inputs": 0,
        "read_errors": 0,
        "rdf_checked": 0,
        "crashes": {},
        "span_problems": {},
        "rdf_problems": {},
        "slow": [],
        "by_generator": {},
    }


def run_chunk(args: tuple[int, int, int, int]) -> dict[str, Any]:
    seed, start, count, rdf_every = args
    rng = random.Random(seed * 1_000_003 + start)
    corpus = _corpus()
    signal.signal(signal.SIGPROF, _alarm)
    out = _empty_result()
    for k in range(start, start + count):
        gen = ("random", "mutated", "document", "bytes")[k % 4]
        out["by_generator"][gen] = out["by_generator"].get(gen, 0) + 1
        text: str | None = None
        raw: bytes | None = None
        if gen == "random":
            text = _random_text(rng)
        elif gen == "mutated":
            text = _mutate(rng, rng.choice(corpus))
        elif gen == "document":
            text = _document_like(rng)
        else:
            raw = _bytes_input(rng, corpus)
        out["inputs"] += 1
        t0 = time.process_time()  # CPU time: a loaded machine must not look like a hang
        signal.setitimer(signal.ITIMER_PROF, TIMEOUT_SECONDS)
        try:
            if raw is not None:
                out["bytes_inputs"] += 1
                try:
                    text = decode_bytes(raw, "fuzz.txt")[0]
                except ReadError:
                    out["read_errors"] += 1
                    continue
            assert text is not None
            rdf = k % rdf_every == 0
            _, problems, rdf_problem = _one(text, rdf)
            out["rdf_checked"] += int(rdf)
            for p in problems[:1]:
                key = p.split(" ", 1)[0]
                _keep(out["span_problems"], key, p, text)
            if rdf_problem:
                _keep(out["rdf_problems"], rdf_problem[:80], rdf_problem, text)
        except _Timeout:
            _keep(
                out["crashes"],
                f"timeout > {TIMEOUT_SECONDS}s",
                "timeout",
                text if text is not None else repr(raw),
            )
        except Exception as e:
            sample = text if text is not None else repr(raw)
            _keep(out["crashes"], _signature(e), f"{type(e).__name__}: {e}", sample)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
        dt = time.process_time() - t0
        if dt > SLOW_SECONDS:
            out["slow"].append({"seconds": round(dt, 2), "length": len(text or ""), "input": text or ""})
    return out


def _keep(table: dict[str, Any], key: str, message: str, sample: str) -> None:
    entry = table.setdefault(key, {"count": 0, "message": message, "input": sample})
    entry["count"] += 1
    if len(sample) < len(entry["input"]):
        entry["input"], entry["message"] = sample, message


def merge(parts: list[dict[str, Any]]) -> dict[str, Any]:
    total = _empty_result()
    for p in parts:
        for k in ("inputs", "bytes_inputs", "read_errors", "rdf_checked"):
            total[k] += p[k]
        for k, v in p["by_generator"].items():
            total["by_generator"][k] = total["by_generator"].get(k, 0) + v
        for table in ("crashes", "span_problems", "rdf_problems"):
            for key, e in p[table].items():
                t = total[table].setdefault(key, {"count": 0, "message": e["message"], "input": e["input"]})
                t["count"] += e["count"]
                if len(e["input"]) < len(t["input"]):
                    t["input"], t["message"] = e["input"], e["message"]
        total["slow"].extend(p["slow"])
    total["slow"] = sorted(total["slow"], key=lambda s: -s["seconds"])[:10]
    return total


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", "--count", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--rdf-every", type=int, default=20, help="Check N-Quads on every N-th input.")
    ap.add_argument("--json", type=Path, default=None, help="Write the full result here.")
    ap.add_argument("--crash-dir", type=Path, default=ROOT / "bench" / "results" / "fuzz-crashes")
    args = ap.parse_args(argv)
    chunk = 500
    tasks = [(args.seed, s, min(chunk, args.count - s), args.rdf_every) for s in range(0, args.count, chunk)]
    t0 = time.perf_counter()
    if args.jobs > 1:
        with mp.get_context("fork").Pool(args.jobs) as pool:
            parts = pool.map(run_chunk, tasks, chunksize=1)
    else:
        parts = [run_chunk(t) for t in tasks]
    result = merge(parts)
    result["seconds"] = round(time.perf_counter() - t0, 1)
    result["seed"] = args.seed
    r = result
    print(
        f"fuzz: {r['inputs']} inputs ({r['bytes_inputs']} as bytes, {r['read_errors']} refused by read "
        f"with a ReadError; {r['rdf_checked']} N-Quads parsed) in {r['seconds']} s with {args.jobs} processes"
    )
    print(f"  by generator: {r['by_generator']}")
    print(f"  crashes: {sum(e['count'] for e in r['crashes'].values())} ({len(r['crashes'])} distinct)")
    for key, e in r["crashes"].items():
        print(f"    {e['count']:6d}  {key}: {e['message'][:200]}")
        print(f"            shortest input: {e['input'][:200]!r}")
    print(f"  span problems: {sum(e['count'] for e in r['span_problems'].values())}")
    for e in r["span_problems"].values():
        print(f"    {e['count']:6d}  {e['message'][:200]}\n            shortest input: {e['input'][:200]!r}")
    print(f"  RDF problems: {sum(e['count'] for e in r['rdf_problems'].values())}")
    for key, e in r["rdf_problems"].items():
        print(f"    {e['count']:6d}  {key}\n            shortest input: {e['input'][:200]!r}")
    print(f"  slower than {SLOW_SECONDS} CPU seconds: {len(result['slow'])}")
    for s in result["slow"][:5]:
        print(f"    {s['seconds']} s, {s['length']} characters: {s['input'][:80]!r}")
    if result["crashes"]:
        args.crash_dir.mkdir(parents=True, exist_ok=True)
        for i, e in enumerate(result["crashes"].values()):
            (args.crash_dir / f"crash-{i}.txt").write_text(e["input"], encoding="utf-8", errors="replace")
        print(f"  crash inputs saved under {args.crash_dir}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
    return 1 if result["crashes"] else 0


if __name__ == "__main__":
    sys.exit(main())
