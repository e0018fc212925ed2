"""bench/generate.py: a deterministic synthetic corpus whose ground truth the extractor recovers."""

from __future__ import annotations

import json
import random
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
    """Each numbered or lettered item's body and role are in the ground truth, as written in the text
    ("1. Sở Y tế ...", "a) Bộ Y tế chủ trì ...", "b) Giao Sở Y tế chủ trì ...")."""
    out, truth = corpus
    lettered = 0
    for d in truth["documents"]:
        text = (out / d["file"]).read_text(encoding="utf-8")
        assert [t["measure"] for t in d["tasks"]] == d["measures"]
        if "ocr" in d["noise"] or "old-tones" in d["noise"] or "task-forms" in d["noise"]:
            continue  # the item lines are as written, but noisy (or in other forms: see below)
        lines = text.splitlines()
        for t in d["tasks"]:
            if "lettered" in d["noise"]:
                lettered += 1
                heads = (f"{t['item']}) {t['body']} ", f"{t['item']}) Giao {t['body']} ")
                line = next(ln for ln in lines if ln.startswith(heads) and t["measure"] in _cues_in(ln))
            else:
                line = next(ln for ln in lines if ln.startswith(f"{t['item']}. "))
                assert line.startswith(f"{t['item']}. {t['body']} ")
            assert (t["role"] == "lead") == (" chủ trì" in line)
    assert lettered  # State decisions with lettered tasks are in the corpus


def _cues_in(line: str) -> set[str]:
    """Measures whose example cue (the generator's) the line holds."""
    from kg import gazetteer as gz

    col = "example cues (not exhaustive; real texts vary)"
    return {r["code"] for r in gz.load_table("measures.tsv") for c in r[col].split(";") if c.strip() in line}


def test_task_forms_of_real_directives_are_written_and_recovered(corpus) -> None:  # type: ignore[no-untyped-def]
    """Items in the other forms of real directives ("Sở Y tế:" then "- Chủ trì ...", "(X chủ trì, Y phối
    hợp)", "- Cơ quan chủ trì: X", "Trách nhiệm của X:", "Đề nghị X", "X là đầu mối"): each names its
    body in the text, and the measure of the item names it, as lead where the form says so."""
    out, truth = corpus
    tasks = hit = leads = lead_hit = 0
    for d in truth["documents"]:
        if "task-forms" not in d["noise"] or "ocr" in d["noise"]:
            continue
        text = (out / d["file"]).read_text(encoding="utf-8")
        rec = extract_text(text, d["file"])
        for t in d["tasks"]:
            assert t["body"] in text.replace("uỷ", "ủy").replace("Uỷ", "Ủy")
            ms = [m for m in rec.measures if m.item == t["item"] and m.concept == t["measure"]]
            if not ms:
                continue  # a measure not read (bare example cues): scored by bench_accuracy
            tasks += 1
            hit += any(t["body"] in m.assigned_to for m in ms)
            if t["role"] == "lead":
                leads += 1
                lead_hit += any(t["body"] in m.lead for m in ms)
    assert tasks >= 5 and leads >= 3
    assert hit >= 0.9 * tasks and lead_hit >= 0.9 * leads, (hit, tasks, lead_hit, leads)


def test_lettered_tasks_of_state_decisions_are_recovered(corpus) -> None:  # type: ignore[no-untyped-def]
    """In State decisions ("a) Sở Y tế chủ trì, phối hợp với ...", "b) Giao ... chủ trì ..."), the measure
    of each lettered item names its body, and "chủ trì" makes it the lead."""
    out, truth = corpus
    tasks = hit = leads = lead_hit = 0
    for d in truth["documents"]:
        if "lettered" not in d["noise"] or "ocr" in d["noise"]:
            continue
        rec = extract_text((out / d["file"]).read_text(encoding="utf-8"), d["file"])
        for t in d["tasks"]:
            ms = [m for m in rec.measures if m.item == t["item"] and m.concept == t["measure"]]
            if not ms:
                continue  # a measure not read (bare example cues): scored by bench_accuracy
            tasks += 1
            hit += any(t["body"] in m.assigned_to for m in ms)
            if t["role"] == "lead":
                leads += 1
                lead_hit += any(t["body"] in m.lead for m in ms)
    assert tasks >= 10 and leads >= 3
    assert hit >= 0.95 * tasks and lead_hit >= 0.95 * leads, (hit, tasks, lead_hit, leads)


def test_layout_noise_is_written_and_read(bench_script) -> None:  # type: ignore[no-untyped-def]
    """Flattened header columns, OCR-misread anchors and a web page's title line before the header: each
    kind is present, written as it says, and the front matter is still read (number, date, place,
    issuer, title)."""
    from kg.evaluate import norm_value

    gen = bench_script("generate")
    seen: dict[str, int] = {}
    for doc, text in gen.iter_texts(200, seed=3):
        kinds = [k for k in ("flat-header", "ocr-anchor", "web-title") if k in doc.noise]
        if not kinds:
            continue
        lines = text.splitlines()
        if "flat-header" in kinds:  # the motto on a line of the issuer's column
            assert any(("CỘNG H" in ln or "ĐẢNG CỘNG SẢN" in ln) and len(ln) > 40 for ln in lines[:6])
        if "ocr-anchor" in kinds:
            assert any(ln.startswith(("S6", "$6", "Sô")) for ln in lines[:12])
        if "web-title" in kinds:
            assert doc.number in lines[0] or lines[0].startswith("THƯ VIỆN PHÁP LUẬT")
        rec = extract_text(text, doc.file)
        assert rec.number == doc.number, (doc.file, kinds)
        assert rec.date == doc.date, (doc.file, kinds)
        assert norm_value(rec.place) == norm_value(doc.place), (doc.file, kinds)
        assert rec.title is not None and norm_value(doc.title) in (norm_value(rec.title) or ""), (
            doc.file,
            kinds,
        )
        if doc.level != "central":  # the generator writes "BAN CHẤP HÀNH TRUNG ƯƠNG" for every Party body
            assert rec.issuer is not None and norm_value(rec.issuer.name) == norm_value(doc.issuer), doc.file
        for k in kinds:
            seen[k] = seen.get(k, 0) + 1
    assert set(seen) == {"flat-header", "ocr-anchor", "web-title"} and min(seen.values()) >= 3, seen


def test_citation_forms_of_real_documents_are_read(bench_script) -> None:  # type: ignore[no-untyped-def]
    """The "cite-forms" documents cite in forms seen in real documents (number broken after its slash,
    issuer named before "tại", a citation after laws named without a number): their citations are read."""
    gen = bench_script("generate")
    docs = gen.plan(400, seed=1)
    forms = [d for d in docs if "cite-forms" in d.noise and "ocr" not in d.noise]
    assert len(forms) >= 10
    texts = {d.index: gen.render(d, docs, random.Random(f"1:{d.index}")) for d in forms}
    assert any("/\n" in t for t in texts.values()) and any(" tại " in t for t in texts.values())
    for d in forms:
        cited = {docs[i].number for i in d.cites}
        found = {c.number for c in extract_text(texts[d.index]).citations}
        assert cited <= found, (d.file, cited, found)


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
