"""OCR end to end on rendered documents: pages per second per core, character and field accuracy.

    python bench/bench_ocr.py [--corpus seeds chains realdocs] [--noise scan photo] [--dpi 200]
                              [--jobs 2] [--limit N]
    python bench/bench_ocr.py --engines [--pages 6]

Each document of the corpora (the seeds, the chain corpus ``tests/corpus/chains``, the real documents
``tests/data/realdocs`` less the held-out list when there is one) is printed by ``bench/scans.py`` on A4
pages in DejaVu Serif at ``--dpi`` with each noise level (``scan``: slight skew, blur and specks;
``photo``: stronger skew, blur and specks, grey uneven paper, JPEG artefacts), saved as an image-only
PDF and read by ``kg.read.read_source`` (pdftoppm, preprocessing, Tesseract; the OCR cache off), in
``--jobs`` worker processes. Measured:

- pages per second per core: pages / CPU seconds of the reading (worker and pdftoppm, not the rendering);
- character accuracy: 1 - Levenshtein distance / length, OCR text against the printed text (whitespace
  runs folded), per document and per page;
- field agreement: the record of the OCR text against the record of the original text, for number,
  type, date, place, title, issuer, signatory (equal after ``kg eval``'s normalisation; scored where
  the original's record has the field) and the recall of its citations' numbers and measures' concepts;
- page confidence against page accuracy, in bands (how the low-confidence line was chosen).

``--engines`` reads the same pages (the first seeds, ``scan`` noise, preprocessed alike) with tesserocr
(the model loaded once) and with the ``tesseract`` command (what pytesseract runs: one process and one
model load per page), two pages at a time as two build workers would, with ``OMP_THREAD_LIMIT=1`` and
without. Writes ``bench/results/ocr-{dpi}.json`` or ``ocr-engines.json``.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, table, write_result
from scans import NOISE, char_accuracy, page_images, printed_text, write_pdf

CORPORA = {
    "seeds": ROOT / "seeds",
    "chains": ROOT / "tests" / "corpus" / "chains",
    "realdocs": ROOT / "tests" / "data" / "realdocs",
}
HELD_OUT = ROOT / "tests" / "data" / "gold" / "realdocs-heldout.txt"
SCALARS = ("number", "type", "date", "place", "title", "issuer", "signatory")
BANDS = ((0, 70), (70, 80), (80, 85), (85, 90), (90, 93), (93, 101))


def documents(name: str) -> list[Path]:
    files = sorted(p for p in CORPORA[name].glob("*.txt") if not p.stem.lower().startswith("readme"))
    if name == "realdocs" and HELD_OUT.exists():
        held = {line.strip() for line in HELD_OUT.read_text(encoding="utf-8").splitlines() if line.strip()}
        files = [p for p in files if p.name not in held and p.stem not in held]
    return files


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def _values(rec: dict[str, Any]) -> dict[str, Any]:
    from kg.evaluate import norm_value

    return {
        "number": norm_value(rec["number"]),
        "type": norm_value(rec["type"]),
        "date": rec["date"],
        "place": norm_value(rec["place"]),
        "title": norm_value(rec["title"]),
        "issuer": norm_value((rec["issuer"] or {}).get("name")),
        "signatory": norm_value((rec["signatory"] or {}).get("name")),
        "citations": {norm_value(c["number"]) for c in rec["citations"] if c["number"]},
        "measures": {m["concept"] for m in rec["measures"]},
    }


def read_one(path: str, noise: str, dpi: int) -> dict[str, Any]:
    """Worker: render one document, read it back by OCR, compare."""
    os.environ["KG_OCR_CACHE"] = ""  # every page is read
    from kg.pipeline import extract_source, extract_text
    from kg.read import ReadError, read_source

    text = Path(path).read_text(encoding="utf-8")
    images = page_images(text, dpi, noise, seed=len(text))
    printed = printed_text(text, dpi)
    with tempfile.TemporaryDirectory(prefix="kg-bench-ocr-") as tmp:
        pdf = write_pdf(images, Path(tmp) / "scan.pdf", dpi)
        t0, w0 = _cpu(), time.perf_counter()
        try:
            src = read_source(pdf)
        except ReadError as e:
            return {"path": path, "error": e.reason, "pages": len(images)}
        cpu, wall = _cpu() - t0, time.perf_counter() - w0
    ocr_rec = extract_source(src).to_json()
    text_rec = extract_text(text).to_json()
    pages = []
    if len(src.pages) == len(printed) and src.ocr:
        for (s, e), want, conf in zip(src.pages, printed, src.ocr.page_confidence, strict=True):
            pages.append({"confidence": conf, "accuracy": char_accuracy(src.text[s:e], want)})
    return {
        "path": path,
        "pages": len(images),
        "cpu": cpu,
        "wall": wall,
        "accuracy": char_accuracy(src.text, "\n".join(printed)),
        "confidence": src.ocr.confidence if src.ocr else None,
        "warnings": [w for w in src.warnings if "confidence" in w],
        "page_scores": pages,
        "ocr": _values(ocr_rec),
        "text": _values(text_rec),
    }


def summarise(results: list[dict[str, Any]]) -> dict[str, Any]:
    ok = [r for r in results if "error" not in r]
    pages = sum(r["pages"] for r in ok)
    cpu = sum(r["cpu"] for r in ok)
    fields: dict[str, list[float]] = {f: [] for f in (*SCALARS, "citations", "measures")}
    for r in ok:
        for f in SCALARS:
            if r["text"][f]:
                fields[f].append(float(r["ocr"][f] == r["text"][f]))
        for f in ("citations", "measures"):
            want = r["text"][f]
            if want:
                fields[f].append(len(want & r["ocr"][f]) / len(want))
    accs = sorted(r["accuracy"] for r in ok)
    return {
        "documents": len(results),
        "failed": len(results) - len(ok),
        "pages": pages,
        "cpu_seconds": round(cpu, 1),
        "pages_per_cpu_second": round(pages / cpu, 3) if cpu else None,
        "char_accuracy_mean": round(sum(accs) / len(accs), 4) if accs else None,
        "char_accuracy_min": round(accs[0], 4) if accs else None,
        "docs_below_098": sum(1 for a in accs if a < 0.98),
        "low_confidence_docs": sum(1 for r in ok if r["warnings"]),
        "fields": {f: (round(sum(v) / len(v), 3) if v else None, len(v)) for f, v in fields.items()},
    }


def bands(results: list[dict[str, Any]]) -> list[dict[str, Any]]:
    scores = [p for r in results if "error" not in r for p in r["page_scores"]]
    out = []
    for lo, hi in BANDS:
        inside = [p["accuracy"] for p in scores if lo <= p["confidence"] < hi]
        if inside:
            out.append(
                {
                    "confidence": f"{lo}-{min(hi, 100)}",
                    "pages": len(inside),
                    "accuracy_mean": round(sum(inside) / len(inside), 4),
                    "below_098": sum(1 for a in inside if a < 0.98),
                    "below_095": sum(1 for a in inside if a < 0.95),
                }
            )
    return out


def run_corpora(args: argparse.Namespace) -> None:
    out: dict[str, Any] = {"dpi": args.dpi, "jobs": args.jobs, "runs": {}, "bands": {}}
    rows = []
    field_rows = []
    everything: list[dict[str, Any]] = []
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        for noise in args.noise:
            for name in args.corpus:
                docs = documents(name)[: args.limit or None]
                t0 = time.perf_counter()
                results = list(
                    pool.map(read_one, map(str, docs), [noise] * len(docs), [args.dpi] * len(docs))
                )
                wall = time.perf_counter() - t0
                s = summarise(results)
                s["wall_seconds"] = round(wall, 1)
                out["runs"][f"{name}/{noise}"] = s
                everything += results
                if name != "realdocs":  # no per-document detail of the real documents (held-out rule)
                    out.setdefault("documents", {})[f"{name}/{noise}"] = [
                        {
                            "file": Path(r["path"]).name,
                            "accuracy": round(r.get("accuracy", 0), 4),
                            "confidence": r.get("confidence"),
                            "error": r.get("error"),
                        }
                        for r in results
                    ]
                rows.append(
                    [
                        name,
                        noise,
                        s["documents"],
                        s["failed"],
                        s["pages"],
                        s["pages_per_cpu_second"],
                        s["char_accuracy_mean"],
                        s["char_accuracy_min"],
                        s["docs_below_098"],
                        s["low_confidence_docs"],
                    ]
                )
                field_rows.append([name, noise, *(s["fields"][f][0] for f in s["fields"])])
                print(f"{name}/{noise}: {s['pages']} pages in {wall:.0f} s", file=sys.stderr)
    out["bands"] = bands(everything)
    print(
        table(
            [
                "corpus",
                "noise",
                "docs",
                "failed",
                "pages",
                "pages/s/core",
                "char acc",
                "min",
                "<0.98",
                "low conf",
            ],
            rows,
        )
    )
    print()
    print(table(["corpus", "noise", *SCALARS, "citations", "measures"], field_rows))
    print()
    print(
        table(["confidence", "pages", "char acc", "<0.98", "<0.95"], [list(b.values()) for b in out["bands"]])
    )
    path = write_result(f"ocr-{args.dpi}", out)
    print(f"\nwritten {path}")


# -- engines -------------------------------------------------------------------------------------
def _cli_pair(pngs: list[str], threads: str | None) -> tuple[float, float]:
    """Two pages at a time (two workers): wall and CPU seconds of the tesseract processes."""
    c0, w0 = os.times(), time.perf_counter()
    for i in range(0, len(pngs), 2):
        procs = []
        for png in pngs[i : i + 2]:
            env = dict(os.environ)
            env.pop("OMP_THREAD_LIMIT", None)
            if threads:
                env["OMP_THREAD_LIMIT"] = threads
            tmp = tempfile.mkdtemp()
            procs.append(
                subprocess.Popen(
                    ["tesseract", png, os.path.join(tmp, "out"), "-l", "vie", "txt", "tsv"],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
            )
        for p in procs:
            p.wait()
    c1 = os.times()
    return time.perf_counter() - w0, (c1.children_user + c1.children_system) - (
        c0.children_user + c0.children_system
    )


def _api_pages(pngs: list[str]) -> tuple[float, float]:
    from PIL import Image

    from kg.ocr import _get_engine

    engine = _get_engine()
    t0, w0 = time.process_time(), time.perf_counter()
    for png in pngs:
        with Image.open(png) as im:
            engine.read(im.copy(), None)
    return time.perf_counter() - w0, time.process_time() - t0


def _api_worker(pngs: list[str]) -> tuple[float, float]:
    return _api_pages(pngs)


def run_engines(args: argparse.Namespace) -> None:
    from kg.ocr import engine_name, prepare

    texts = [p.read_text(encoding="utf-8") for p in documents("seeds")]
    images = [im for t in texts for im in page_images(t, args.dpi, "scan")][: args.pages]
    rows = []
    out: dict[str, Any] = {"dpi": args.dpi, "pages": len(images), "engine": engine_name(), "runs": {}}
    with tempfile.TemporaryDirectory(prefix="kg-bench-engines-") as tmp:
        pngs = []
        for i, im in enumerate(images):
            png = os.path.join(tmp, f"p{i}.png")
            prepare(im).save(png, dpi=(args.dpi, args.dpi))
            pngs.append(png)
        # tesserocr: one model per process; two processes reading half the pages each
        halves = [pngs[0::2], pngs[1::2]]
        w0 = time.perf_counter()
        with ProcessPoolExecutor(max_workers=2) as pool:
            parts = list(pool.map(_api_worker, halves))
        wall = time.perf_counter() - w0
        cpu = sum(c for _, c in parts)
        out["runs"]["tesserocr"] = {"wall": round(wall, 2), "cpu": round(cpu, 2)}
        rows.append(
            ["tesserocr (2 workers)", len(pngs), round(wall, 2), round(cpu, 2), round(cpu / len(pngs), 3)]
        )
        for threads in ("1", None):
            wall, cpu = _cli_pair(pngs, threads)
            label = f"tesseract command, OMP_THREAD_LIMIT={threads or 'unset'} (2 at a time)"
            out["runs"][label] = {"wall": round(wall, 2), "cpu": round(cpu, 2)}
            rows.append([label, len(pngs), round(wall, 2), round(cpu, 2), round(cpu / len(pngs), 3)])
    print(table(["engine", "pages", "wall s", "CPU s", "CPU s/page"], rows))
    path = write_result("ocr-engines", out)
    print(f"\nwritten {path}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", nargs="+", default=list(CORPORA), choices=list(CORPORA))
    ap.add_argument(
        "--noise",
        nargs="+",
        default=["scan", "photo"],
        choices=[n for n in NOISE if n != "clean"] + ["clean"],
    )
    ap.add_argument("--dpi", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--limit", type=int, default=0, help="at most N documents per corpus")
    ap.add_argument("--engines", action="store_true", help="compare tesserocr with the tesseract command")
    ap.add_argument("--pages", type=int, default=6, help="--engines: pages to read")
    args = ap.parse_args()
    if args.engines:
        run_engines(args)
    else:
        run_corpora(args)


if __name__ == "__main__":
    main()
