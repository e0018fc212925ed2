"""bench/generate.py: a deterministic synthetic corpus whose ground truth the extractor recovers."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg import extract_text

N = 50


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory, bench_script) -> tuple[Path, dict]:  # type: ignore[no-untyped-def, type-arg]
    out = tmp_path_factory.mktemp("synthetic")
    bench_script("generate").generate(N, out, seed=1)
    return out, json.loads((out / "truth.json").read_text(encoding="utf-8"))


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_same_seed_same_bytes_other_seed_other_corpus(corpus, tmp_path: Path, bench_script) -> None:  # type: ignore[no-untyped-def]
    out, _ = corpus
    gen = bench_script("generate")
    gen.generate(N, tmp_path / "again", seed=1)
    gen.generate(N, tmp_path / "other", seed=2)
    assert _files(tmp_path / "again") == _files(out)
    assert _files(tmp_path / "other") != _files(out)


def test_ground_truth_is_consistent(corpus) -> None:  # type: ignore[no-untyped-def]
    out, truth = corpus
    docs = truth["documents"]
    assert truth["n"] == N and len(docs) == N
    assert len({d["key"] for d in docs}) == N  # numbers unique per issuer and year
    assert {d["level"] for d in docs} == {"central", "province", "district"}
    assert {d["system"] for d in docs} == {"party", "state"}
    by_key = {d["key"]: d for d in docs}
    for d in docs:
        text = (out / d["file"]).read_text(encoding="utf-8")
        assert d["measures"], d["file"]
        if d["number"] is not None:
            assert d["number"] in text
        if d["level"] == "central":
            assert d["cites"] == []
            continue
        assert d["cites"], d["file"]
        for c in d["cites"]:
            cited = by_key[c["key"]]
            assert c["number"] in text  # the citation names the cited number
            assert date.fromisoformat(cited["date"]) < date.fromisoformat(d["date"] or "2100-01-01")
            levels = {"province": {"central", "province"}, "district": {"province", "central"}}
            assert cited["level"] in levels[d["level"]]
            if d["level"] == "district" and cited["province"]:
                assert cited["province"] == d["province"]


def test_real_formats_and_noise_present(corpus) -> None:  # type: ignore[no-untyped-def]
    out, truth = corpus
    texts = [(out / d["file"]).read_text(encoding="utf-8") for d in truth["documents"]]
    joined = "\n".join(texts)
    for marker in ("ĐẢNG CỘNG SẢN VIỆT NAM", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Nơi nhận:", "Kính gửi:"):
        assert marker in joined
    assert any(t.count("uỷ") for t in texts) and any(t.count("ủy") for t in texts)  # both tone styles


def test_extractor_recovers_numbers_dates_and_citations(corpus) -> None:  # type: ignore[no-untyped-def]
    out, truth = corpus
    numbered = [d for d in truth["documents"] if d["number"]]
    numbers = dates = cited = cites = 0
    for d in numbered:
        rec = extract_text((out / d["file"]).read_text(encoding="utf-8"), d["file"])
        numbers += rec.number == d["number"]
        dates += rec.date == d["date"]
        found = {c.number for c in rec.citations}
        cites += len(d["cites"])
        cited += sum(c["number"] in found for c in d["cites"])
    assert numbers >= 0.9 * len(numbered)
    assert dates >= 0.9 * len(numbered)
    assert cited >= 0.8 * cites


def _walk(node) -> set[str]:  # type: ignore[no-untyped-def]
    out: set[str] = set()
    for c in node.children:
        if c.number:
            out.add(c.number)
        out |= _walk(c)
    return out


def test_built_graph_traces_the_true_chains(corpus) -> None:  # type: ignore[no-untyped-def]
    """Built in parallel into the embedded store, each central document's trace finds the documents
    that really implement it, directly or through a provincial one (ground truth of the generator)."""
    from kg.build import build
    from kg.store import OxigraphStore
    from kg.trace import find_documents, trace

    out, truth = corpus
    store = OxigraphStore(None)
    report = build([out / "docs"], store, jobs=2, batch_size=8)
    assert report.counts()["failed"] == 0
    docs = truth["documents"]
    below: dict[str, set[str]] = {d["key"]: set() for d in docs}
    for d in docs:
        for c in d["cites"]:
            below[c["key"]].add(d["key"])
    by_key = {d["key"]: d for d in docs}

    def closure(key: str) -> set[str]:
        seen: set[str] = set()
        todo = [key]
        while todo:
            for k in below[todo.pop()]:
                if k not in seen:
                    seen.add(k)
                    todo.append(k)
        return seen

    expected = found = 0
    centrals = [d for d in docs if d["level"] == "central" and d["number"]]
    assert centrals
    for d in centrals:
        want = {by_key[k]["number"] for k in closure(d["key"]) if by_key[k]["number"]}
        roots = find_documents(store, d["number"])
        assert roots, d["number"]
        got = set().union(*(_walk(trace(store, r).root) for r in roots))
        expected += len(want)
        found += len(want & got)
    assert expected > 10
    assert found >= 0.9 * expected, (found, expected)


def test_tasks_name_the_body_of_each_item(corpus) -> None:  # type: ignore[no-untyped-def]
    """Each numbered item's body and role are in the ground truth, as written in the text."""
    out, truth = corpus
    for d in truth["documents"]:
        text = (out / d["file"]).read_text(encoding="utf-8")
        assert [t["measure"] for t in d["tasks"]] == d["measures"]
        if "ocr" in d["noise"] or "old-tones" in d["noise"]:
            continue  # the item lines are as written, but noisy
        for t in d["tasks"]:
            line = next(ln for ln in text.splitlines() if ln.startswith(f"{t['item']}. "))
            assert line.startswith(f"{t['item']}. {t['body']} ")
            assert (t["role"] == "lead") == (" chủ trì" in line)


def test_parties_truth_and_interleaved_layouts(corpus) -> None:  # type: ignore[no-untyped-def]
    """The signer's post, the Nơi nhận items and the people named are in the ground truth, as written
    in the text; some closing blocks are laid out as a flattened two-column page."""
    out, truth = corpus
    docs = truth["documents"]
    assert any("interleaved" in d["noise"] for d in docs)
    assert any(d["persons"] for d in docs)
    for d in docs:
        text = (out / d["file"]).read_text(encoding="utf-8")
        assert d["position"] and d["distribution"][-1] == "Lưu: VT"
        if "old-tones" in d["noise"] or "ocr" in d["noise"]:
            continue
        for item in d["distribution"]:
            assert f"- {item}" in text
        for p in d["persons"]:
            assert p["name"] in text and p["name"] != d["signatory"]
            assert all(post in text for post in p["positions"])
        if "interleaved" in d["noise"]:
            # the signature block starts before the list ends
            head = text[text.index("Nơi nhận:") : text.index("- Lưu: VT.")]
            assert any(cap in head for cap in ("T/M ", "TM. ", "KT. ", "THỦ TƯỚNG")), d["file"]


def test_extractor_reads_interleaved_closing_blocks(corpus) -> None:  # type: ignore[no-untyped-def]
    out, truth = corpus
    docs = [d for d in truth["documents"] if "interleaved" in d["noise"] and "ocr" not in d["noise"]]
    assert docs
    for d in docs:
        rec = extract_text((out / d["file"]).read_text(encoding="utf-8"), d["file"])
        assert [m.text for m in rec.distribution] == d["distribution"], d["file"]
        assert rec.signatory is not None and rec.signatory.name == d["signatory"], d["file"]
