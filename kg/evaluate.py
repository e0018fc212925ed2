"""Score extracted records against gold records (the shape of tests/data/gold/*.json).

Values are compared after NFC, canonical tone marks, whitespace folding, casefolding and trimming of
surrounding punctuation (``norm_value``). Scalars count a true positive when equal, a false positive
when the prediction is wrong or unwanted, a false negative when the gold value is missed; lists are
compared as sets per document and summed over documents (micro-averaged). Field groups
(``GROUPS``: metadata, parties, citations, measures) are micro-averaged over their fields.

Gold keys honoured beyond the record itself:

- ``accept``: alternatives, keyed by a field path:
  ``"number"``, ``"issuer.name"``, ``"signatory.position"`` … (a scalar; where the gold value is null,
  predicting an alternative is not a false positive; ``null`` among the alternatives means that
  predicting nothing is not a miss);
  ``"recipients[ITEM]"``, ``"distribution[ITEM]"``, ``"assigned_bodies[ITEM]"``,
  ``"assigned_bodies_optional[ITEM]"`` … (alternatives of one list item);
  ``"citations[NUMBER].number"`` (the number as OCR printed it) and ``"citations[NUMBER].type|date|issuer"``;
  ``"persons[NAME].name"`` and ``"persons[NAME].positions"`` (a list of alternative position lists);
- ``accept_relation``: ``{citation number: [relations]}``;
- ``*_optional`` (``distribution_optional``, ``persons_optional``, ``measures_optional``,
  ``assigned_bodies_optional``, ``citations_optional``): items that are neither rewarded nor penalised;
- ``named_laws``: laws cited by name without a number (``{"name", "date", "relation"}``), scored in a
  field of their own against the citations of a record that carry no number; they never make a
  numbered citation a false positive or a false negative.

``notes`` are for people. A gold set may have a held-out part: ``<gold stem>-heldout.txt`` beside the
gold file lists its file names (``#`` starts a comment); ``split="dev"`` scores the others,
``split="heldout"`` only those.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.normalise import canonical_tones

__all__ = [
    "GROUPS",
    "Evaluation",
    "FieldScore",
    "compare",
    "evaluate",
    "evaluate_records",
    "load_gold",
    "norm_value",
    "select_split",
]

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
LISTS = ("recipients", "distribution")
CITATION_ATTRS = ("type", "date", "issuer", "relation")
FIELDS = (
    *SCALARS,
    *LISTS,
    "persons",
    "persons.positions",
    "directive_sources",
    "citations.number",
    *(f"citations.{a}" for a in CITATION_ATTRS),
    "named_laws",
    "measures",
    "assigned_bodies",
    "lead_bodies",
)
GROUPS: dict[str, tuple[str, ...]] = {
    "metadata": SCALARS[:8],
    "parties": (
        *SCALARS[8:],
        *LISTS,
        "persons",
        "persons.positions",
        "assigned_bodies",
        "lead_bodies",
    ),
    "citations": ("citations.number", *(f"citations.{a}" for a in CITATION_ATTRS)),
    "measures": ("measures",),
}
_TRIM = " \t\n.,;:-–—•*+\"'“”"


def norm_value(v: object) -> str | None:
    if v is None:
        return None
    s = unicodedata.normalize("NFC", str(v))
    s = canonical_tones(s)
    s = re.sub(r"\s+", " ", s).strip(_TRIM)
    s = re.sub(r"\s*-\s*", " - ", s)
    return s.casefold() or None


def _number_key(v: object) -> str | None:
    return re.sub(r"\s+", "", norm_value(v) or "") or None


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

    def add(self, other: FieldScore) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.errors.extend(other.errors)

    def counts(self) -> tuple[int, int, int]:
        return (self.tp, self.fp, self.fn)


@dataclass
class Evaluation:
    fields: dict[str, FieldScore]
    documents: int
    missing: list[str]
    by_document: dict[str, dict[str, FieldScore]] = field(default_factory=dict)

    @property
    def groups(self) -> dict[str, FieldScore]:
        """Micro-averaged scores of each group of fields (``GROUPS``)."""
        out: dict[str, FieldScore] = {}
        for name, members in GROUPS.items():
            g = FieldScore()
            for m in members:
                s = self.fields[m]
                g.tp, g.fp, g.fn = g.tp + s.tp, g.fp + s.fp, g.fn + s.fn
            out[name] = g
        return out

    def to_json(self) -> dict[str, Any]:
        def one(v: FieldScore, errors: bool = True) -> dict[str, Any]:
            d: dict[str, Any] = {
                "precision": round(v.precision, 4),
                "recall": round(v.recall, 4),
                "f1": round(v.f1, 4),
                "tp": v.tp,
                "fp": v.fp,
                "fn": v.fn,
            }
            if errors:
                d["errors"] = v.errors
            return d

        return {
            "documents": self.documents,
            "missing": self.missing,
            "groups": {k: one(v, errors=False) for k, v in self.groups.items()},
            "fields": {k: one(v) for k, v in self.fields.items()},
            "by_document": {
                src: {k: [v.tp, v.fp, v.fn] for k, v in fs.items() if v.tp or v.fp or v.fn}
                for src, fs in self.by_document.items()
            },
        }


def _get(d: Mapping[str, Any] | None, path: str) -> Any:
    cur: Any = d
    for part in path.split("."):
        if not isinstance(cur, Mapping):
            return None
        cur = cur.get(part)
    return cur


class _Accept:
    """The ``accept`` alternatives of one gold record, looked up by field path."""

    def __init__(self, accept: Mapping[str, Any] | None) -> None:
        self._raw = dict(accept or {})

    def raw(self, key: str) -> list[Any]:
        v = self._raw.get(key)
        if v is None:
            return []
        return list(v) if isinstance(v, list) else [v]

    def values(self, key: str, gold: object) -> tuple[set[str], bool]:
        """Normalised accepted values (the gold's own included) and whether null is accepted."""
        alts = self.raw(key)
        ok = {x for x in (norm_value(a) for a in alts) if x}
        g = norm_value(gold)
        if g is not None:
            ok.add(g)
        return ok, any(a is None for a in alts)

    def item(self, list_name: str, item: object) -> set[str]:
        """Accepted forms of one list item (``list_name[ITEM]``), the item itself included."""
        ok, _ = self.values(f"{list_name}[{item}]", item)
        return ok


def _score_scalar(fs: FieldScore, src: str, gold: Any, pred: Any, ok: set[str], null_ok: bool) -> None:
    g, p = norm_value(gold), norm_value(pred)
    if p is not None and p in ok:
        if g is not None:
            fs.tp += 1
        return
    if p is None and null_ok:
        return
    if p is not None:
        fs.fp += 1
    if g is not None:
        fs.fn += 1
    if p is not None or g is not None:
        fs.errors.append(f"{src}: expected {gold!r}, got {pred!r}")


def _match_sets(
    fs: FieldScore,
    src: str,
    gold: Iterable[tuple[str, set[str]]],
    pred: Iterable[object],
    optional: Iterable[set[str]] = (),
    key: Callable[[object], str | None] = norm_value,
) -> dict[str, str]:
    """Match predicted items to gold items, each gold item with its accepted forms (keyed by ``key``).

    Exact matches are taken first, then alternatives; a gold item is matched at most once. Unmatched
    gold items are misses; unmatched predictions are spurious unless an optional item accepts them.
    Returns the matches as {gold label: prediction key}.
    """
    preds: list[str] = []
    for x in (key(v) for v in pred):
        if x and x not in preds:
            preds.append(x)
    golds = [(label, forms) for label, forms in gold if forms]
    matched: dict[str, str] = {}
    free = list(preds)
    for exact in (True, False):
        for label, forms in golds:
            if label in matched:
                continue
            own = key(label)
            for p in free:
                if (p == own) if exact else (p in forms):
                    matched[label] = p
                    free.remove(p)
                    break
    opt = [forms for forms in optional if forms]
    spurious = [p for p in free if not any(p in forms for forms in opt)]
    missed = [label for label, _ in golds if label not in matched]
    fs.tp += len(matched)
    fs.fp += len(spurious)
    fs.fn += len(missed)
    for x in missed:
        fs.errors.append(f"{src}: missed {x!r}")
    for x in spurious:
        fs.errors.append(f"{src}: spurious {x!r}")
    return matched


def _items(gold: Mapping[str, Any], name: str, acc: _Accept) -> list[tuple[str, set[str]]]:
    return [(str(x), acc.item(name, x)) for x in gold.get(name) or [] if norm_value(x)]


def _optional(gold: Mapping[str, Any], name: str, acc: _Accept) -> list[set[str]]:
    out = []
    for x in gold.get(f"{name}_optional") or []:
        forms = acc.item(f"{name}_optional", x) | acc.item(name, x)
        out.append(forms)
    return out


def _score_persons(
    scores: dict[str, FieldScore], src: str, gold: Mapping[str, Any], pred: Mapping[str, Any], acc: _Accept
) -> None:
    def name_forms(p: Mapping[str, Any]) -> set[str]:
        n = p.get("name")
        ok, _ = acc.values(f"persons[{n}].name", n)
        return ok

    gp = [p for p in gold.get("persons") or [] if isinstance(p, Mapping) and norm_value(p.get("name"))]
    op = [p for p in gold.get("persons_optional") or [] if isinstance(p, Mapping)]
    pp = {norm_value(p.get("name")): p for p in pred.get("persons") or [] if norm_value(p.get("name"))}
    matched = _match_sets(
        scores["persons"],
        src,
        [(str(p["name"]), name_forms(p)) for p in gp],
        list(pp),
        [name_forms(p) for p in op],
    )
    optional_hits = {x for x in pp if any(x in name_forms(p) for p in op)}
    pos = scores["persons.positions"]
    for p in gp:
        name = str(p["name"])
        got = pp.get(matched.get(name, "\0"))
        got_pos = {x for x in (norm_value(v) for v in (got or {}).get("positions") or []) if x}
        options = [p.get("positions") or [], *acc.raw(f"persons[{name}].positions")]
        best: tuple[int, int, int] | None = None
        for opt in options:
            want = {x for x in (norm_value(v) for v in (opt or [])) if x}
            counts = (len(want & got_pos), len(got_pos - want), len(want - got_pos))
            if best is None or (counts[0] - counts[1] - counts[2]) > (best[0] - best[1] - best[2]):
                best = counts
        assert best is not None
        pos.tp, pos.fp, pos.fn = pos.tp + best[0], pos.fp + best[1], pos.fn + best[2]
        if best[1] or best[2]:
            pos.errors.append(f"{src}: {name}: expected {p.get('positions')!r}, got {sorted(got_pos)!r}")
    used = set(matched.values()) | optional_hits
    for key, p in pp.items():
        if key not in used:
            n = len(p.get("positions") or [])
            pos.fp += n
            if n:
                pos.errors.append(f"{src}: spurious positions of {p.get('name')!r}: {p.get('positions')!r}")


def _score_citations(
    scores: dict[str, FieldScore], src: str, gold: Mapping[str, Any], pred: Mapping[str, Any], acc: _Accept
) -> None:
    gcit = [c for c in gold.get("citations") or [] if c.get("number")]
    pcit: dict[str, Mapping[str, Any]] = {}
    for c in pred.get("citations") or []:
        k = _number_key(c.get("number"))
        if k:
            pcit.setdefault(k, c)
    forms = []
    for c in gcit:
        num = c["number"]
        ok = {_number_key(x) for x in [num, *acc.raw(f"citations[{num}].number")]} - {None}
        forms.append((str(num), ok))
    optional = []
    for c in gold.get("citations_optional") or []:
        num = c.get("number") if isinstance(c, Mapping) else c
        if num:
            optional.append({_number_key(x) for x in [num, *acc.raw(f"citations[{num}].number")]} - {None})
    matched = _match_sets(scores["citations.number"], src, forms, list(pcit), optional, key=_number_key)
    relations = {_number_key(k): v for k, v in (gold.get("accept_relation") or {}).items()}
    for c in gcit:
        num = str(c["number"])
        pk = matched.get(num)
        if pk is None:
            continue
        pc = pcit[pk]
        for attr in CITATION_ATTRS:
            ok, null_ok = acc.values(f"citations[{num}].{attr}", c.get(attr))
            if attr == "relation":
                ok |= {x for x in (norm_value(r) for r in relations.get(_number_key(num), ())) if x}
            _score_scalar(scores[f"citations.{attr}"], f"{src} {num}", c.get(attr), pc.get(attr), ok, null_ok)
    laws = [(str(x.get("name")), {norm_value(x.get("name"))} - {None}) for x in gold.get("named_laws") or []]
    unnumbered = [c.get("title") or c.get("name") for c in pred.get("citations") or [] if not c.get("number")]
    if laws or unnumbered:
        _match_sets(scores["named_laws"], src, laws, [u for u in unnumbered if u])


def score_record(src: str, gold: Mapping[str, Any], pred: Mapping[str, Any]) -> dict[str, FieldScore]:
    """The scores of one predicted record against its gold record, field by field."""
    scores = {n: FieldScore() for n in FIELDS}
    acc = _Accept(gold.get("accept"))
    for name in SCALARS:
        ok, null_ok = acc.values(name, _get(gold, name))
        _score_scalar(scores[name], src, _get(gold, name), _get(pred, name), ok, null_ok)
    for name in LISTS:
        _match_sets(
            scores[name], src, _items(gold, name, acc), pred.get(name) or [], _optional(gold, name, acc)
        )
    _score_persons(scores, src, gold, pred, acc)
    if "directive_sources" in gold:
        got = [d.get("body") if isinstance(d, Mapping) else d for d in pred.get("directive_sources") or []]
        _match_sets(scores["directive_sources"], src, _items(gold, "directive_sources", acc), got)
    _score_citations(scores, src, gold, pred, acc)
    if "measures" in gold:
        _match_sets(
            scores["measures"],
            src,
            _items(gold, "measures", acc),
            [m.get("concept") for m in pred.get("measures") or []],
            _optional(gold, "measures", acc),
        )
    assignments = pred.get("assignments") or []
    if "assigned_bodies" in gold:
        _match_sets(
            scores["assigned_bodies"],
            src,
            _items(gold, "assigned_bodies", acc),
            [a.get("body") for a in assignments],
            _optional(gold, "assigned_bodies", acc),
        )
    if "lead_bodies" in gold:
        leads = [
            (str(x), acc.item("lead_bodies", x) | acc.item("assigned_bodies", x)) for x in gold["lead_bodies"]
        ]
        _match_sets(
            scores["lead_bodies"],
            src,
            leads,
            [a.get("body") for a in assignments if a.get("role") == "lead"],
            _optional(gold, "assigned_bodies", acc),
        )
    return scores


def evaluate_records(golds: list[dict[str, Any]], preds: Mapping[str, Mapping[str, Any]]) -> Evaluation:
    """Score predicted records (keyed by gold ``source``) against gold records."""
    total = {n: FieldScore() for n in FIELDS}
    by_doc: dict[str, dict[str, FieldScore]] = {}
    missing: list[str] = []
    for gold in golds:
        src = gold["source"]
        pred = preds.get(src)
        if pred is None:
            missing.append(src)
            pred = {}
        scores = score_record(src, gold, pred)
        by_doc[src] = scores
        for name, s in scores.items():
            total[name].add(s)
    return Evaluation(total, len(golds), missing, by_doc)


def load_gold(path: str | Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    if isinstance(data, dict) and "records" in data:
        data = data["records"]
    if not isinstance(data, list) or not all(isinstance(d, dict) and "source" in d for d in data):
        raise ValueError(f"{path}: expected a JSON list of records, each with a 'source' file name")
    return data


def heldout_names(gold_path: str | Path) -> set[str]:
    """File names of the gold set's held-out part (``<stem>-heldout.txt`` beside it; empty if none)."""
    p = Path(gold_path)
    listing = p.with_name(f"{p.stem}-heldout.txt")
    if not listing.is_file():
        return set()
    lines = (ln.split("#", 1)[0].strip() for ln in listing.read_text(encoding="utf-8").splitlines())
    return {ln for ln in lines if ln}


def select_split(golds: list[dict[str, Any]], gold_path: str | Path, split: str) -> list[dict[str, Any]]:
    """The gold records of ``split``: ``all``, ``dev`` (not held out) or ``heldout``."""
    if split == "all":
        return golds
    held = heldout_names(gold_path)
    if split == "heldout" and not held:
        raise ValueError(f"{gold_path}: no held-out list ({Path(gold_path).stem}-heldout.txt) beside it")
    keep = (lambda n: n in held) if split == "heldout" else (lambda n: n not in held)
    return [g for g in golds if keep(Path(g["source"]).name)]


def evaluate(gold_path: str | Path, docs_dir: str | Path, split: str = "all") -> Evaluation:
    """Extract the documents the gold names (by file name, from ``docs_dir``) and score them.

    Raises ``ValueError`` when none of the gold's files is in ``docs_dir`` (a wrong folder would
    otherwise score as a corpus with nothing to find).
    """
    from kg.pipeline import extract_file
    from kg.read import ReadError

    golds = select_split(load_gold(gold_path), gold_path, split)
    paths = {g["source"]: Path(docs_dir) / Path(g["source"]).name for g in golds}
    if golds and not any(p.is_file() for p in paths.values()):
        raise ValueError(f"none of the {len(golds)} files named by {gold_path} is in {docs_dir}")
    preds: dict[str, dict[str, Any]] = {}
    for name, path in paths.items():
        try:
            preds[name] = extract_file(path).to_json()
        except ReadError:
            continue
    return evaluate_records(golds, preds)


def compare(base: Mapping[str, Any], new: Mapping[str, Any]) -> list[tuple[str, str, int, int]]:
    """Records whose score changed between two ``Evaluation.to_json()`` results.

    Returns ``(source, field, errors before, errors after)`` for every document and field whose
    number of errors (false positives + false negatives) changed, sorted by source and field.
    """
    out = []
    a, b = base.get("by_document") or {}, new.get("by_document") or {}
    for src in sorted(set(a) | set(b)):
        fa, fb = a.get(src) or {}, b.get(src) or {}
        for f in sorted(set(fa) | set(fb)):
            ea = sum((fa.get(f) or [0, 0, 0])[1:])
            eb = sum((fb.get(f) or [0, 0, 0])[1:])
            if ea != eb:
                out.append((src, f, ea, eb))
    return out
