"""Extraction accuracy on the synthetic corpus, field by field, against the generator's ground truth.

    python bench/bench_accuracy.py [N] [--seed S] [--show K]

Extracts the N documents (default 1,000) of ``corpus-N-sS`` and compares each field the generator
knows with the record: number, type, date, place, issuer, title, signatory (exact after NFC and
case folding; the title is found when the record's title contains the true one; no place is
expected from a document whose header the generator dropped), and the recall of
the true measures and citations (the generator also writes filler sentences that name measures, so
only recall is meaningful), and the body each numbered item gives its measure to: recall ("tasked": the
record's measure of that concept in that item names the body), precision over the bodies those measures
name ("tasked_precision"), recall of the "chủ trì" leads ("lead"); the signer's post ("position"), the
Nơi nhận items (recall "distribution" and precision), the people named besides the signer (recall
"persons" and precision, by name) and their posts ("person_posts": the posts of a found person as
written). Accuracy is given overall and per noise kind (old tone marks, OCR slips, markdown, missing
header, the Nơi nhận list and the signature interleaved as a flattened two-column page), with up to K
failures per field (default 3) to read. Writes bench/results/accuracy-N.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import corpus, table, write_result

FIELDS = (
    *("number", "type", "date", "place", "issuer", "title", "signatory", "measures", "citations"),
    *("tasked", "tasked_precision", "lead"),
    *("position", "distribution", "distribution_precision", "persons", "persons_precision", "person_posts"),
)


def _fold(s: str | None) -> str:
    """The value as ``kg eval`` compares it (NFC, tone style, spaces, case; ``kg.evaluate.norm_value``)."""
    from kg.evaluate import norm_value

    return norm_value(s) or ""


def score(truth: dict[str, Any], rec: dict[str, Any]) -> dict[str, tuple[int, int]]:
    """(found, expected) per field for one document; a field the truth leaves empty is not scored."""
    out: dict[str, tuple[int, int]] = {}
    simple = {
        "number": (truth["number"], rec.get("number")),
        "type": (truth["type_name"], rec.get("type")),
        "date": (truth["date"], rec.get("date")),
        "place": (truth["place"], rec.get("place")),
        "signatory": (truth["signatory"], (rec.get("signatory") or {}).get("name")),
    }
    if "no-header" in truth["noise"]:
        simple.pop("place")  # the generator dropped the header, place and date line with it
    for field, (want, got) in simple.items():
        if want:
            out[field] = (int(_fold(want) == _fold(got)), 1)
    if truth["issuer"]:
        got = _fold((rec.get("issuer") or {}).get("name"))
        out["issuer"] = (int(got in {_fold(truth["issuer"]), _fold(truth["issuer_short"])}), 1)
    if truth["title"]:
        out["title"] = (int(_fold(truth["title"]) in _fold(rec.get("title"))), 1)
    if truth["measures"]:
        found = {m["concept"] for m in rec.get("measures", [])}
        out["measures"] = (sum(m in found for m in truth["measures"]), len(truth["measures"]))
    if truth["cites"]:
        found = {c["number"] for c in rec.get("citations", [])}
        out["citations"] = (sum(c["number"] in found for c in truth["cites"]), len(truth["cites"]))
    if truth.get("position"):
        out["position"] = (
            int(_fold(truth["position"]) == _fold((rec.get("signatory") or {}).get("position"))),
            1,
        )
    if truth.get("distribution"):
        # the Nơi nhận items as the record should read them, also when the signature column was
        # flattened into the list ("interleaved" noise)
        want = [_fold(x) for x in truth["distribution"]]
        got = [_fold(x) for x in rec.get("distribution", [])]
        hit = sum(x in got for x in want)
        out["distribution"] = (hit, len(want))
        if got:
            out["distribution_precision"] = (sum(x in want for x in got), len(got))
    if truth.get("persons"):
        # the people named besides the signer, by name (without diacritics: a name is kept as printed,
        # and OCR may have dropped its marks); their posts as written
        from kg.text import fold

        got_p = {fold(p["name"]): p for p in rec.get("persons", [])}
        hit = [p for p in truth["persons"] if fold(p["name"]) in got_p]
        out["persons"] = (len(hit), len(truth["persons"]))
        if got_p:
            want_names = {fold(p["name"]) for p in truth["persons"]}
            out["persons_precision"] = (sum(n in want_names for n in got_p), len(got_p))
        if hit:
            same = sum(
                [fold(x) for x in p["positions"]] == [fold(x) for x in got_p[fold(p["name"])]["positions"]]
                for p in hit
            )
            out["person_posts"] = (same, len(hit))
    if truth.get("tasks"):
        # each numbered item gives its measure to one body: the record's measure of that concept in
        # that item must name it (recall), and name no other body (precision); "chủ trì" makes it lead
        # (a lettered label recurs under each numbered group: "1. a)", "2. a)"; the measures of one
        # concept under the same label are read together)
        by_item: dict[tuple[Any, str], list[dict[str, Any]]] = defaultdict(list)
        for m in rec.get("measures", []):
            by_item[(m.get("item"), m["concept"])].append(m)
        hit = named = leads = lead_hit = 0
        for t in truth["tasks"]:
            ms = by_item.get((t["item"], t["measure"]), [])
            bodies = {_fold(b) for m in ms for b in m["assigned_to"]}
            hit += _fold(t["body"]) in bodies
            named += len(bodies)
            if t["role"] == "lead":
                leads += 1
                lead_hit += _fold(t["body"]) in {_fold(b) for m in ms for b in m["lead"]}
        out["tasked"] = (hit, len(truth["tasks"]))
        if named:
            out["tasked_precision"] = (hit, named)
        if leads:
            out["lead"] = (lead_hit, leads)
    return out


def evaluate(root: Path, show: int = 3) -> dict[str, Any]:
    """Accuracy per noise kind and field, and up to ``show`` failures per field, of the corpus in
    ``root`` (a generator output: ``truth.json`` and ``docs/``)."""
    from kg.pipeline import extract_text
    from kg.read import read_source

    truth = json.loads((root / "truth.json").read_text(encoding="utf-8"))["documents"]
    totals: dict[str, dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0]))
    failures: dict[str, list[dict[str, str]]] = defaultdict(list)
    for t in truth:
        src = read_source(root / t["file"])
        rec = extract_text(src.text, t["file"], src.sha256, src.encoding, src.warnings).to_json()
        for field, (hit, of) in score(t, rec).items():
            for group in ("all", *t["noise"]):
                totals[group][field][0] += hit
                totals[group][field][1] += of
            if hit < of and len(failures[field]) < show:
                failures[field].append(
                    {"file": t["file"], "noise": ",".join(t["noise"]), **_shown(field, t, rec)}
                )
    groups = ["all", *sorted(g for g in totals if g != "all")]
    return {
        "n": len(truth),
        "documents_per_noise": {g: _count(truth, g) for g in groups},
        "accuracy": {
            g: {f: round(totals[g][f][0] / totals[g][f][1], 4) for f in FIELDS if totals[g][f][1]}
            for g in groups
        },
        "failures": dict(failures),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="kg extraction accuracy against the synthetic ground truth")
    ap.add_argument("n", type=int, nargs="?", default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--show", type=int, default=3, help="failures to show per field")
    args = ap.parse_args(argv)
    result = evaluate(corpus(args.n, args.seed).parent, args.show)
    accuracy = result["accuracy"]
    print(f"{result['n']} synthetic documents (seed {args.seed}): share of true values recovered")
    print(table(["noise", *FIELDS], [[g, *(accuracy[g].get(f, "") for f in FIELDS)] for g in accuracy]))
    for field in FIELDS:
        for f in result["failures"].get(field, []):
            print(f"  {field}: {json.dumps(f, ensure_ascii=False)}")
    path = write_result(f"accuracy-{args.n}", {"seed": args.seed, **result})
    print(f"written {path}")
    return 0


def _count(truth: list[dict[str, Any]], group: str) -> int:
    return len(truth) if group == "all" else sum(group in t["noise"] for t in truth)


def _shown(field: str, t: dict[str, Any], rec: dict[str, Any]) -> dict[str, str]:
    """The expected and the extracted value of a failed field, as short strings."""
    want: Any
    got: Any
    if field == "measures":
        want, got = t["measures"], sorted({m["concept"] for m in rec.get("measures", [])})
    elif field == "citations":
        want, got = [c["number"] for c in t["cites"]], [c["number"] for c in rec.get("citations", [])]
    elif field in ("issuer", "signatory"):
        want, got = t[field], (rec.get(field) or {}).get("name")
    elif field in ("tasked", "tasked_precision", "lead"):
        want = [(t["item"], t["measure"], t["body"], t["role"]) for t in t.get("tasks", [])]
        got = [(m.get("item"), m["concept"], m["assigned_to"], m["lead"]) for m in rec.get("measures", [])]
    elif field == "type":
        want, got = t["type_name"], rec.get("type")
    elif field == "position":
        want, got = t["position"], (rec.get("signatory") or {}).get("position")
    elif field in ("distribution", "distribution_precision"):
        want, got = t["distribution"], rec.get("distribution")
    elif field in ("persons", "persons_precision", "person_posts"):
        want = [(p["name"], p["positions"]) for p in t["persons"]]
        got = [(p["name"], p["positions"]) for p in rec.get("persons", [])]
    else:
        want, got = t[field], rec.get(field)
    return {
        "expected": json.dumps(want, ensure_ascii=False),
        "extracted": json.dumps(got, ensure_ascii=False),
    }


if __name__ == "__main__":
    raise SystemExit(main())
