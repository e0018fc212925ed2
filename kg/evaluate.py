"""Score extracted records against gold records (the shape of tests/data/gold/seeds.json).

Values are compared after NFC, canonical tone marks, whitespace folding, casefolding and trimming of
surrounding punctuation. Scalars count a true positive when equal, a false positive when the
prediction is wrong or unwanted, a false negative when the gold value is missed; lists are compared as
sets per document and summed over documents (micro-averaged). Gold keys honoured:

- ``accept``: ``{"field.path": [alternatives]}`` — any alternative counts as correct; where the gold
  value is null, predicting an alternative is not a false positive;
- ``accept_relation``: ``{citation number: [relations]}``;
- ``measures_optional`` / ``assigned_bodies_optional``: neither rewarded nor penalised.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.normalise import canonical_tones

__all__ = ["Evaluation", "FieldScore", "evaluate", "evaluate_records", "norm_value"]

SCALARS = (
    "number",
    "type",
    "date",
    "place",
    "title",
    "issuer.name",
    "issuer.level",
    "issuer.parent",
    "signatory.name",
    "signatory.position",
    "signatory.capacity",
    "signatory.on_behalf_of",
)
LISTS = ("recipients", "distribution", "persons", "persons.positions", "directive_sources")
CITATION_ATTRS = ("type", "date", "issuer", "relation")
_TRIM = " \t\n.,;:-–—•*+\"'“”"


def norm_value(v: object) -> str | None:
    if v is None:
        return None
    s = unicodedata.normalize("NFC", str(v))
    s = canonical_tones(s)
    s = re.sub(r"\s+", " ", s).strip(_TRIM)
    s = re.sub(r"\s*-\s*", " - ", s)
    return s.casefold() or None


@dataclass
class FieldScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn


@dataclass
class Evaluation:
    fields: dict[str, FieldScore]
    documents: int
    missing: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "missing": self.missing,
            "fields": {
                k: {
                    "precision": round(v.precision, 4),
                    "recall": round(v.recall, 4),
                    "f1": round(v.f1, 4),
                    "tp": v.tp,
                    "fp": v.fp,
                    "fn": v.fn,
                    "errors": v.errors,
                }
                for k, v in self.fields.items()
            },
        }


def _get(d: dict[str, Any] | None, path: str) -> Any:
    cur: Any = d
    for part in path.split("."):
        if not isinstance(cur, dict):
            return None
        cur = cur.get(part)
    return cur


def _score_scalar(fs: FieldScore, src: str, gold: Any, pred: Any, accept: Iterable[Any]) -> None:
    g, p = norm_value(gold), norm_value(pred)
    ok = {norm_value(a) for a in accept} | ({g} if g is not None else set())
    if p is not None and p in ok:
        if g is not None:
            fs.tp += 1
        return
    if p is not None:
        fs.fp += 1
    if g is not None:
        fs.fn += 1
    if p is not None or g is not None:
        fs.errors.append(f"{src}: expected {gold!r}, got {pred!r}")


def _score_set(
    fs: FieldScore, src: str, gold: Iterable[Any], pred: Iterable[Any], optional: Iterable[Any] = ()
) -> None:
    g = {x for x in (norm_value(v) for v in gold) if x}
    p = {x for x in (norm_value(v) for v in pred) if x}
    opt = {x for x in (norm_value(v) for v in optional) if x}
    tp = g & p
    fp = p - g - opt
    fn = g - p
    fs.tp += len(tp)
    fs.fp += len(fp)
    fs.fn += len(fn)
    for x in sorted(fn):
        fs.errors.append(f"{src}: missed {x!r}")
    for x in sorted(fp):
        fs.errors.append(f"{src}: spurious {x!r}")


def _lists(rec: dict[str, Any]) -> dict[str, list[Any]]:
    """The list-valued fields compared as sets; gold lists directive sources as names, records as objects."""
    persons = rec.get("persons") or []
    return {
        "recipients": rec.get("recipients") or [],
        "distribution": rec.get("distribution") or [],
        "persons": [p.get("name") for p in persons],
        "persons.positions": [f"{p.get('name')}|{pos}" for p in persons for pos in p.get("positions") or []],
        "directive_sources": [
            d.get("body") if isinstance(d, dict) else d for d in rec.get("directive_sources") or []
        ],
    }


def evaluate_records(golds: list[dict[str, Any]], preds: dict[str, dict[str, Any]]) -> Evaluation:
    """Score predicted records (keyed by gold ``source``) against gold records."""
    names = [*SCALARS, *LISTS, "citations.number"]
    names += [f"citations.{a}" for a in CITATION_ATTRS]
    names += ["measures", "assigned_bodies", "lead_bodies"]
    scores = {n: FieldScore() for n in names}
    missing: list[str] = []
    for gold in golds:
        src = gold["source"]
        pred = preds.get(src)
        if pred is None:
            missing.append(src)
            pred = {}
        accept = gold.get("accept") or {}
        for name in SCALARS:
            _score_scalar(scores[name], src, _get(gold, name), _get(pred, name), accept.get(name, ()))
        gl, pl = _lists(gold), _lists(pred)
        for name in LISTS:
            if name == "directive_sources" and "directive_sources" not in gold:
                continue
            _score_set(scores[name], src, gl[name], pl[name])
        _score_citations(scores, src, gold, pred)
        if "measures" in gold:
            _score_set(
                scores["measures"],
                src,
                gold["measures"],
                [m.get("concept") for m in pred.get("measures") or []],
                gold.get("measures_optional") or (),
            )
        if "assigned_bodies" in gold:
            bodies = [a.get("body") for a in pred.get("assignments") or []]
            _score_set(
                scores["assigned_bodies"],
                src,
                gold["assigned_bodies"],
                bodies,
                gold.get("assigned_bodies_optional") or (),
            )
        if "lead_bodies" in gold:
            leads = [a.get("body") for a in pred.get("assignments") or [] if a.get("role") == "lead"]
            _score_set(scores["lead_bodies"], src, gold["lead_bodies"], leads)
    return Evaluation(scores, len(golds), missing)


def _score_citations(
    scores: dict[str, FieldScore], src: str, gold: dict[str, Any], pred: dict[str, Any]
) -> None:
    def key(n: object) -> str:
        return re.sub(r"\s+", "", norm_value(n) or "")

    gcit = {key(c.get("number")): c for c in gold.get("citations") or [] if c.get("number")}
    pcit = {key(c.get("number")): c for c in pred.get("citations") or [] if c.get("number")}
    _score_set(scores["citations.number"], src, gcit, pcit)
    accept_rel = {key(k): v for k, v in (gold.get("accept_relation") or {}).items()}
    for k, gc in gcit.items():
        pc = pcit.get(k)
        if pc is None:
            continue
        for attr in CITATION_ATTRS:
            alts = accept_rel.get(k, ()) if attr == "relation" else ()
            _score_scalar(
                scores[f"citations.{attr}"], f"{src} {gc.get('number')}", gc.get(attr), pc.get(attr), alts
            )


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    if isinstance(data, dict) and "records" in data:
        data = data["records"]
    if not isinstance(data, list) or not all(isinstance(d, dict) and "source" in d for d in data):
        raise ValueError(f"{path}: expected a JSON list of records, each with a 'source' file name")
    return data


def evaluate(gold_path: str | Path, docs_dir: str | Path) -> Evaluation:
    """Extract the documents the gold names (by file name, from ``docs_dir``) and score them."""
    from kg.pipeline import extract_file
    from kg.read import ReadError

    golds = load_gold(gold_path)
    preds: dict[str, dict[str, Any]] = {}
    for gold in golds:
        name = gold["source"]
        path = Path(docs_dir) / Path(name).name
        try:
            preds[name] = extract_file(path).to_json()
        except ReadError:
            continue
    return evaluate_records(golds, preds)
