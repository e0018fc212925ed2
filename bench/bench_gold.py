"""Regression harness: every gold set scored field by field, and what changed against another commit.

    python bench/bench_gold.py [--split dev|heldout|all] [--against REF] [--save FILE] [--errors]

Scores the seeds gold, the chain corpus gold and the real-document golds (``GOLD_SETS``; ``realdocs2`` is a
second real set that no rule was tuned on, scored whole) with
``kg.evaluate`` and prints one table of groups and fields per set. The real-document gold is scored on
its ``--split`` (default ``dev``: the held-out third listed in ``tests/data/gold/realdocs-heldout.txt`` is
scored only with ``--split heldout`` or ``all``, when a round of rule changes is finished).

``--against REF`` (a commit, branch or tag; e.g. ``main``) checks REF out into a temporary git worktree,
scores it there in a subprocess, and lists, per gold set, the group deltas and every document and field
whose number of errors went up or down, as eyecite's corpus benchmark reports gains and losses.
``--save FILE`` writes the scores (per document too) as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
GOLD_SETS = {
    "seeds": ("tests/data/gold/seeds.json", "seeds"),
    "chains": ("tests/corpus/chains/gold.json", "tests/corpus/chains"),
    "realdocs": ("tests/data/gold/realdocs.json", "tests/data/realdocs"),
    "realdocs2": ("tests/data/gold/realdocs2.json", "tests/data/realdocs2"),
}


def extract_all(root: Path) -> dict[str, dict[str, Any]]:
    """Records of every gold set's files, by set and file name, extracted by the importable ``kg``."""
    from kg.pipeline import extract_file
    from kg.read import ReadError

    out: dict[str, dict[str, Any]] = {}
    for name, (gold, docs) in GOLD_SETS.items():
        if not (ROOT / gold).is_file():
            continue
        recs = out.setdefault(name, {})
        for g in json.loads((ROOT / gold).read_text(encoding="utf-8")):
            try:
                recs[g["source"]] = extract_file(root / docs / Path(g["source"]).name).to_json()
            except ReadError:
                continue
    return out


def score(records: dict[str, dict[str, Any]], split: str) -> dict[str, Any]:
    """``Evaluation.to_json()`` of each gold set against ``records`` (scored by this checkout's scorer)."""
    from kg.evaluate import evaluate_records, load_gold, select_split

    out = {}
    for name, recs in records.items():
        gold = ROOT / GOLD_SETS[name][0]
        golds = select_split(load_gold(gold), gold, split if name == "realdocs" else "all")
        out[name] = evaluate_records(golds, recs).to_json()
    return out


def extract_ref(ref: str) -> dict[str, dict[str, Any]]:
    """Records extracted by ``ref``'s code, run in a temporary git worktree of it (gold files from here)."""
    with tempfile.TemporaryDirectory(prefix="kg-gold-") as tmp:
        tree = Path(tmp) / "tree"
        subprocess.run(
            ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(tree), ref], check=True
        )
        try:
            out = Path(tmp) / "records.json"
            code = (
                "import json, sys; from pathlib import Path; sys.path.insert(1, sys.argv[1]); "
                "import bench_gold as b; "
                "Path(sys.argv[3]).write_text(json.dumps(b.extract_all(Path(sys.argv[2]))))"
            )
            # -c puts the working directory (REF's tree) first on sys.path: its kg is imported.
            subprocess.run(
                [sys.executable, "-c", code, str(ROOT / "bench"), str(tree), str(out)],
                check=True,
                cwd=tree,
                env={**os.environ, "PYTHONPATH": str(tree)},
            )
            return json.loads(out.read_text())
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(tree)], check=False)


def _table(result: dict[str, Any], base: dict[str, Any] | None) -> str:
    from kg.output import table

    rows = []
    for kind in ("groups", "fields"):
        for name, s in result[kind].items():
            if not (s["tp"] or s["fp"] or s["fn"]):
                continue
            row: list[Any] = [
                name if kind == "fields" else name.upper(),
                s["precision"],
                s["recall"],
                s["f1"],
            ]
            row += [s["tp"], s["fp"], s["fn"]]
            if base is not None:
                b = base[kind].get(name)
                row.append(f"{s['f1'] - b['f1']:+.3f}" if b else "new")
            rows.append(row)
    headers = ["field", "precision", "recall", "f1", "tp", "fp", "fn"] + (["Δf1"] if base else [])
    return table(headers, rows)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--split", choices=("dev", "heldout", "all"), default="dev")
    ap.add_argument("--against", metavar="REF", help="compare with this commit (e.g. main)")
    ap.add_argument("--save", metavar="FILE", help="write the scores as JSON")
    ap.add_argument("--errors", action="store_true", help="list the mismatches of each set")
    args = ap.parse_args()

    sys.path.insert(0, str(ROOT))
    from kg.evaluate import compare

    scores = score(extract_all(ROOT), args.split)
    base = score(extract_ref(args.against), args.split) if args.against else None
    for name, result in scores.items():
        b = base.get(name) if base else None
        print(
            f"\n## {name} ({result['documents']} documents"
            + (f", {args.split})" if name == "realdocs" else ")")
        )
        print(_table(result, b))
        if args.errors:
            for field, s in result["fields"].items():
                for e in s["errors"]:
                    print(f"  {field}: {e}")
        if b is not None:
            changes = compare(b, result)
            better = [c for c in changes if c[3] < c[2]]
            worse = [c for c in changes if c[3] > c[2]]
            print(
                f"\nagainst {args.against}: {len(better)} better, {len(worse)} worse (errors before -> after)"
            )
            for label, items in (("better", better), ("worse", worse)):
                for src, field, x, y in items:
                    print(f"  {label}: {src} {field}: {x} -> {y}")
    if args.save:
        Path(args.save).write_text(json.dumps(scores, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
