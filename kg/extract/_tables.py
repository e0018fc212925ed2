"""Read the data tables of ``kg/data`` (UTF-8 TSV, header row, ``#`` comments), cached."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data"


@cache
def read_table(name: str) -> tuple[dict[str, str], ...]:
    """Rows of ``kg/data/{name}`` as dicts keyed by the header; missing cells are ``""``."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    with open(DATA / name, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n").rstrip("\r")
            if not line.strip() or line.startswith("#"):
                continue
            cells = line.split("\t")
            if header is None:
                header = [c.strip() for c in cells]
                continue
            cells += [""] * (len(header) - len(cells))
            rows.append({h: c.strip() for h, c in zip(header, cells[: len(header)], strict=True)})
    return tuple(rows)


def cell_list(value: str) -> tuple[str, ...]:
    """A list cell (`` | `` separated) as a tuple of non-empty items."""
    return tuple(v.strip() for v in value.split("|") if v.strip())


def _scan(pattern: str) -> Iterator[tuple[int, str, int]]:
    """``(index, char, depth)`` for each character of a regex outside escapes and character classes;
    ``depth`` is the group nesting after the character (a ``)`` reports the depth it closes to)."""
    depth, cls, i = 0, False, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls = True
        else:
            if c == "(":
                depth += 1
            elif c == ")":
                depth -= 1
            yield i, c, depth
        i += 1


def split_top(pattern: str) -> list[str]:
    """Split a regex on its top-level ``|`` (outside groups and character classes)."""
    out: list[str] = []
    start = 0
    for i, c, depth in _scan(pattern):
        if c == "|" and depth == 0:
            out.append(pattern[start:i])
            start = i + 1
    out.append(pattern[start:])
    return out


_META = set(".^$*+?{}[]()|\\")
_QUANT = set("?*+{")
_LOOKBEHIND = re.compile(r"\A(?:\(\?<[!=](?:[^()\\]|\\.)*\)|\\b)+")


def _close_paren(pattern: str) -> int:
    """Index of the parenthesis closing the group that opens at 0, or -1."""
    for i, c, depth in _scan(pattern):
        if c == ")" and depth == 0:
            return i
    return -1


def _literal_prefix(branch: str) -> str:
    out: list[str] = []
    i = 0
    while i < len(branch):
        c = branch[i]
        if c == "\\" and i + 1 < len(branch) and not branch[i + 1].isalnum():
            lit, j = branch[i + 1], i + 2
        elif c in _META:
            break
        else:
            lit, j = c, i + 1
        if j < len(branch) and branch[j] in _QUANT:
            break
        out.append(lit)
        i = j
    return "".join(out)


@cache
def _bmp() -> str:
    """Every character of the Basic Multilingual Plane, in order."""
    return "".join(map(chr, range(0x10000)))


def not_after(behind: str, alternatives: list[str], tail: str = "", *, ignorecase: bool = False) -> str:
    """``(?<!behind)(?:alternatives)tail`` (``behind`` one character wide; all of it case-insensitive
    with ``ignorecase``), written so that a scan skips fast to the first letters of the branches when
    every branch opens with a plain letter: that letter is matched first, the look-behind after it.
    Same matches, same order of trying."""
    branches = [b for a in alternatives for b in split_top(a)]
    if not all(b[:1].isalpha() and b[1:2] not in ("*", "+", "?", "{") for b in branches):
        plain = f"(?<!{behind})(?:{'|'.join(alternatives)}){tail}"
        return f"(?i:{plain})" if ignorecase else plain
    if not ignorecase:
        return "(?:" + "|".join(f"{b[0]}(?<!{behind}.){b[1:]}" for b in branches) + f"){tail}"
    # A case-insensitive first letter is no fast scan: the scan is for a case-sensitive class of the
    # characters that match a first letter case-insensitively (a BMP letter matches no astral one:
    # they are all kept, to be sure); the letter is then checked case-insensitively behind.
    letters = "".join(sorted({b[0] for b in branches}))
    chars = sorted(set(re.findall(f"[{letters}]", _bmp(), re.I)))
    first = "[" + "".join(re.escape(c) for c in chars) + "\\U00010000-\\U0010ffff]"
    body = "|".join(f"(?<={b[0]}){b[1:]}" for b in branches)
    return f"{first}(?i:(?<!{behind}.)(?:{body}){tail})"


def _keys(branch: str) -> list[str]:
    """Keys (first one or two characters) a text must start with for ``branch`` to match there."""
    body = _LOOKBEHIND.sub("", branch)
    if body.startswith("(?:"):
        close = _close_paren(body)
        rest = body[close + 1 :]
        keys: list[str] = []
        if close < 0 or rest[:1] in "*+{":
            return [""]
        if rest[:1] == "?":  # an optional group: the text starts with it or with what follows
            rest = rest[1:]
            keys.extend(_keys(rest))
        for alt in split_top(body[3:close]):
            keys.extend(_keys(alt + rest))
        return keys
    lit = _literal_prefix(body)
    word = re.match(r"\w+", lit)
    if word and (word.end() < len(lit) or lit == body):
        return ["=" + word.group()]  # a whole first word
    return [lit[:2]]


def _trie_regex(node: dict, gates: dict[str, str] | None = None, path: str = "") -> str:
    """A regex for the keys of a character trie (``\\0`` ends a whole word, ``\\1`` a prefix).

    With ``gates`` (key → regex, keys as :class:`PrefixMatcher` writes them: ``=word`` or a prefix), a
    key reached is taken only where its gate matches at the start of the key (``path``: the characters
    of the trie above ``node``, the start included)."""
    alts: list[str] = []
    for ch in sorted(node, key=lambda c: c in "\0\1"):
        if ch == "\0":
            alts.append(r"(?!\w)" + _gate(gates, "=" + path, path))
        elif ch == "\1":
            alts.append(_gate(gates, path, path))
        else:
            alts.append(re.escape(ch) + _trie_regex(node[ch], gates, path + ch))
    if len(alts) == 1:
        return alts[0]
    return "(?:" + "|".join(alts) + ")"


def _gate(gates: dict[str, str] | None, key: str, path: str) -> str:
    """The look-behind that checks ``gates[key]`` where ``path`` (just matched) starts."""
    if gates is None:
        return ""
    return f"(?<=(?={gates[key]}){re.escape(path)})"


def _word_starts(trie: dict, gates: dict[str, str] | None = None) -> str:
    r"""``(?<!\w)(?=<trie>)\w+`` (see :func:`_trie_regex`) with the first character matched first, so
    that a scan skips fast to the first characters of the keys; the look-behind is checked after it.
    A first character that is not a word character never opens a match of ``\w+``: it is left out."""
    alts = [
        rf"{re.escape(ch)}(?<!\w.)(?={_trie_regex(trie[ch], gates, ch)})"
        for ch in sorted(trie)
        if ch not in "\0\1" and re.fullmatch(r"\w", ch)
    ]
    return rf"(?:{'|'.join(alts)})\w*" if alts else r"(?!)"


class PrefixMatcher:
    """Many regexes over one text, fast: each is tried only at word starts that begin with its prefix.

    ``rows`` are ``(name, pattern)``; patterns match over lowercased text. ``finditer`` yields
    ``(name, start, end)`` for every row that matches at a word start (overlaps allowed).

    The scan for candidate words also checks, at each, that some regex of its prefix matches there
    (one look-ahead per prefix, in the same scan): most words that open with a prefix match none, and
    are passed over without a step in Python. ``gated=False`` leaves that check out (the same
    matches, slower: the tests compare the two).
    """

    def __init__(self, rows: list[tuple[str, str]], *, gated: bool = True) -> None:
        buckets: dict[str, list[tuple[str, str]]] = {}
        for name, pattern in rows:
            for branch in split_top(pattern):
                for key in set(_keys(branch)):
                    buckets.setdefault(key, []).append((name, branch))
        self._buckets: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}
        for key, branches in buckets.items():
            merged: dict[str, list[str]] = {}
            for name, branch in branches:
                merged.setdefault(name, []).append(branch)
            self._buckets[key] = tuple(
                (name, re.compile(f"(?:{'|'.join(bs)})(?!\\w)")) for name, bs in merged.items()
            )
        self._always = self._buckets.pop("", ())
        self._two = {k for k in self._buckets if len(k) == 2 and not k.startswith("=")}
        self._one = {k for k in self._buckets if len(k) == 1}
        # Candidate words, found by one trie-shaped regex: words that are keys, or start with a prefix.
        trie: dict[str, dict] = {}
        for k in self._buckets:
            node = trie
            for ch in (k[1:] + "\0") if k.startswith("=") else (k + "\1"):
                node = node.setdefault(ch, {})
        self._starts = re.compile(r"(?<!\w)\w+" if self._always else _word_starts(trie))
        if gated and not self._always:
            # The same word starts, each taken only where a regex of its keys' buckets matches: most
            # candidate words match none, and are skipped inside one scan instead of one by one.
            gates = {
                k: f"(?:{'|'.join(dict.fromkeys(b for _, b in buckets[k]))})(?!\\w)" for k in self._buckets
            }
            try:
                self._starts = re.compile(_word_starts(trie, gates))
            except (re.error, RecursionError):  # patterns that cannot be joined (named groups): as is
                pass
        # Candidate regexes by word key (see _candidates), filled on first use.
        self._by_key: dict[str, tuple[tuple[tuple[str, re.Pattern[str]], ...], bool]] = {}

    def _candidates(self, word: str, k: str) -> tuple[tuple[tuple[str, re.Pattern[str]], ...], bool]:
        """The regexes to try, in order, at ``word`` whose text starts with ``k`` (two characters);
        and whether a name repeats among them."""
        full = self._buckets.get("=" + word)
        cands: list[tuple[str, re.Pattern[str]]] = list(self._always)
        if full:
            cands.extend(full)
        if k in self._two:
            cands.extend(self._buckets[k])
        if k[:1] in self._one:
            cands.extend(self._buckets[k[:1]])
        names = [name for name, _ in cands]
        return tuple(cands), len(set(names)) != len(names)

    def finditer(self, low: str, start: int, end: int) -> list[tuple[str, int, int]]:
        out: list[tuple[str, int, int]] = []
        by_key = self._by_key
        for st in self._starts.finditer(low, start, end):
            p = st.start()
            word = key = st.group()
            if len(word) == 1 and p + 1 < end:
                # the key: the word, or its letter and the (non-word) character after it; a letter
                # that ``end`` cuts from its word keeps itself as key ("5" of "5k"), so that the
                # candidates cached under the key of a whole word ("5k") stay that word's
                key = low[p : p + 2]
            found = by_key.get(key)
            if found is None:
                if len(by_key) > 100_000:  # bounded: texts may hold any words
                    by_key.clear()
                found = by_key[key] = self._candidates(word, key[:2])
            cands, repeats = found
            if not repeats:
                for name, rx in cands:
                    m = rx.match(low, p, end)
                    if m:
                        out.append((name, p, m.end()))
                continue
            seen: set[str] = set()
            for name, rx in cands:
                if name in seen:
                    continue
                m = rx.match(low, p, end)
                if m:
                    seen.add(name)
                    out.append((name, p, m.end()))
        return out
