"""Fuzzing with Hypothesis: hostile but plausible vaults through `load`, the graph and the command line.

Every case runs in a forked child of a long-lived worker process, under a wall-clock limit
(60 s) and an address-space limit (1 GiB above what the worker holds), far above need: a
hang or a blow-up fails the case, and no test measures time. Two workers with different
hash seeds read two copies of the vault, written in opposite orders, and must answer alike;
each copy must be byte for byte the same afterwards. The long run is `bench/fuzz.py`.
"""

from __future__ import annotations

import hashlib
import json
import operator
import os
import posixpath
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))
from conftest import tree_snapshot  # noqa: E402

pytestmark = pytest.mark.xdist_group("test_fuzz")  # its tests share a module fixture: one worker runs them all

TIMEOUT = 60.0  # seconds a case may take in its child process
MEMORY = 1 << 30  # bytes of address space a case may add to its worker's
settings.register_profile(
    "vaultkit-fuzz",
    derandomize=True,  # the same examples on every run: CI is reproducible
    database=None,
    deadline=None,  # time is bounded by the worker's limits, never measured
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
FUZZ = settings.get_profile("vaultkit-fuzz")
SCALE = float(os.environ.get("VAULTKIT_FUZZ_SCALE", "1"))  # more examples for a longer local run


def examples(count: int) -> settings:
    """The suite's profile with `count` examples (times VAULTKIT_FUZZ_SCALE)."""
    return settings(FUZZ, max_examples=max(1, round(count * SCALE)))


# ================================================================ strategies: names

TITLES = (
    "Alpha", "Quantum mechanics", "Softmax", "a b", "Ünïcode", "e\u0301te", "\u00e9te", "x.md", "#tag",
    "a|b", "a^b", "[x]", "%20", "50%", "😀 emoji", "\u202eevil", "\x1b]0;t\x07", "tab\tname", "new\nline",
    " lead", "trail ", "a#b", "index", "-dash", "CON", "a\\b", "*", "`code`", "$x$", "%%", "Ω" * 60,
)  # fmt: skip
FOLDERS = ("sub", "sub/deep", "Ünïcode", "a b", ".hidden", ".obsidian", ".trash", "x.md", "#odd [x]|^", "e\u0301")


def _fs_name(name: str) -> bool:
    return name not in ("", ".", "..") and "/" not in name and "\x00" not in name and len(name.encode()) <= 200


titles = st.one_of(
    st.sampled_from(TITLES),
    st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="/\x00"), min_size=1, max_size=12),
).filter(_fs_name)
folders = st.one_of(st.just(""), st.sampled_from(FOLDERS), st.lists(titles, min_size=1, max_size=2).map("/".join))


def targets_from(names: list[str]) -> st.SearchStrategy[str]:
    """Link targets: mostly the vault's own notes (so links resolve), some odd or missing ones."""
    odd = st.sampled_from(["", " ", "../../etc/passwd", "sub/Alpha", "ALPHA", ".md", "a/../b", "outside/secret"])
    return st.one_of(st.sampled_from(names), st.sampled_from(names).map(str.upper), titles, odd)


# ================================================================ strategies: Markdown pieces
# A piece is (kind, text); a note is a list of them, so the long run can say what a slow vault was made of.


def _piece(kind: str, strategy: st.SearchStrategy) -> st.SearchStrategy:
    return strategy.map(lambda text: (kind, text))


def anchors() -> st.SearchStrategy[str]:
    part = st.one_of(st.sampled_from(["Heading", "H1#H2", "^block-1", "^", "#", " spaced ", "Ü"]), titles)
    return st.lists(part, max_size=2).map(lambda parts: "".join("#" + p for p in parts))


def wikilinks(targets: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    display = st.one_of(st.just(""), titles.map(lambda t: "|" + t), titles.map(lambda t: "\\|" + t), st.just("|a|b"))
    link = st.tuples(st.sampled_from(["", "!"]), targets, anchors(), display).map(
        lambda t: f"{t[0]}[[{t[1]}{t[2]}{t[3]}]]"
    )
    odd = st.sampled_from(
        [
            "[[]]",
            "[[|]]",
            "[[#Heading]]",
            "[[#^blk]]",
            "[[[[x]]]]",
            "[[x",
            "[[a\nb]]",
            "[[%% c %%x]]",
            "![[x.png]]",
            "![[Alpha#^b|300]]",
        ]
    )
    return st.one_of(link, odd)


def markdown_links(targets: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    href = st.one_of(
        targets.map(lambda t: quote(t + ".md")),
        targets.map(lambda t: f"<{t}.md>"),
        targets.map(lambda t: f"./{quote(t)}.md#{quote('Heading')}"),
        targets.map(lambda t: f"../{quote(t)}.md"),
        st.sampled_from(
            [
                "https://x.org/#frag",
                "mailto:a@b",
                "obsidian://open",
                "#frag",
                "%zz.md",
                "%00.md",
                "%E2%80%AE.md",
                'x.md "title"',
                "",
                "//host/x.md",
                "img.png",
                "a%2Fb.md",
                "x.md#a#^b",
            ]
        ),
    )
    return st.tuples(st.sampled_from(["", "!"]), titles, href).map(lambda t: f"{t[0]}[{t[1]}]({t[2]})")


def tags() -> st.SearchStrategy[str]:
    name = st.one_of(
        st.sampled_from(["physics/quantum", "1984", "y1984", "🚀launch", "a//b/", "Ünï", "x_y-z", "/"]), titles
    )
    return st.tuples(st.sampled_from(["#", " #", "\n#", "a#", "##"]), name).map("".join)


def blocks() -> st.SearchStrategy[str]:
    heading = st.tuples(st.integers(1, 7), titles).map(lambda t: "\n" + "#" * t[0] + " " + t[1] + "\n")
    setext = titles.map(lambda t: f"\n{t}\n===\n")
    block_id = st.sampled_from([" ^block-1\n", " ^a\n", "\n^only\n", " ^bad id\n", " ^" + "b" * 300 + "\n"])
    table = titles.map(lambda t: f"\n| a | [[{t}\\|shown]] |\n|---|---|\n| `|` | $x|y$ |\n")
    nest = st.tuples(st.sampled_from(["> ", "- ", "  ", "1. ", "    ", "\t"]), st.integers(1, 40)).map(
        lambda t: "\n" + t[0] * t[1] + "x"
    )
    html = st.sampled_from(
        [
            "<!-- [[Hidden]] #hid -->",
            "<!-- unclosed",
            "<div>\n[[InHtml]]\n</div>\n",
            "<b>#tag</b>",
            "\n---\n",
            "\n***\n",
        ]
    )
    return st.one_of(heading, setext, block_id, table, nest, html)


def comments(inside: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    closed = inside.map(lambda text: f"%%{text}%%")
    return st.one_of(
        closed, st.just("%%"), st.just("%% unclosed [[Hidden]]\n\n"), inside.map(lambda t: f"%%\n{t}\n\n%% after")
    )


def code(inside: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    info = st.sampled_from(["", "sympy", "python", "python derivation", "md", "{.x}", "`bad", "~~~"])
    fence = st.tuples(st.sampled_from(["```", "~~~", "````", "``"]), info, inside).map(
        lambda t: f"\n{t[0]}{t[1]}\n{t[2]}\n{t[0]}\n"
    )
    unclosed = st.tuples(info, inside).map(lambda t: f"\n```{t[0]}\n{t[1]}\n")
    spans = st.tuples(st.integers(1, 5), inside).map(lambda t: "`" * t[0] + t[1] + "`" * t[0])
    indented = inside.map(lambda t: "\n\n    " + t.replace("\n", "\n    ") + "\n")
    return st.one_of(fence, unclosed, spans, indented, st.just("`%%` `[[x]]` ``a`b``"))


# ================================================================ strategies: mathematics

TEX_ATOMS = (
    "x", "y", "n", "k", "i", "e", "2", "0", "1", "\\pi", "\\alpha", "\\sigma(x)", "10^{100}", "\\infty", "x_i",
    "x_{ij}", "p(i)", "\\mathrm{i}", "\\hbar", "f(x)", "\\psi", "Z", "T", "\\mathbf{v}", "\\q", "\\langle a|b\\rangle",
)  # fmt: skip
TEX_UNARY = (
    "\\sqrt{{{}}}", "\\sqrt[3]{{{}}}", "\\left({}\\right)", "\\sum_{{i=1}}^{{n}} {}", "\\sum_i {}",
    "\\prod_{{k=0}}^{{n}} {}",
    "\\int_0^1 {}\\,dx", "\\lim_{{x \\to 0^+}} {}", "\\frac{{d}}{{dx}} {}", "\\partial_x {}", "\\sin {}", "\\log_2 {}",
    "{}!", "\\lvert {} \\rvert", "\\text{{{}}}", "\\exp({})", "{}^*", "\\hat{{{}}}", "\\bigl({}\\bigr)", "{{{}}}",
    "\\begin{{pmatrix}} {} \\end{{pmatrix}}", "\\begin{{align}} {} \\\\ \\end{{align}}", "\\operatorname{{tr}} {}",
)  # fmt: skip
TEX_BINARY = (
    "{}+{}", "{}-{}", "{}\\cdot {}", "{} {}", "{}/{}", "\\frac{{{}}}{{{}}}", "{}^{{{}}}", "{}_{{{}}}",
    "\\binom{{{}}}{{{}}}",
)  # fmt: skip
TEX_ODD = (
    "\\newcommand{\\q}{\\q\\q}", "\\def\\q{\\q\\q}", "\\renewcommand{\\q}[1]{#1#1}", "x^{2^{2^{2^{40}}}}", "999999!",
    "\\binom{100000}{50000}", "10^{10^{10}}", "\\frac{", "}", "\\left(", "\\\\", "&", "\\end{align}", "\\", "{" * 50,
    "\\sum_{i=1}^{10^{9}} i", "\\int_{-\\infty}^{\\infty} e^{-x^2}\\,dx",
)  # fmt: skip


def tex() -> st.SearchStrategy[str]:
    atoms = st.one_of(st.sampled_from(TEX_ATOMS), st.sampled_from(TEX_ODD), st.integers(-(10**6), 10**6).map(str))

    def grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        unary = st.tuples(st.sampled_from(TEX_UNARY), inner).map(lambda t: t[0].format(t[1]))
        binary = st.tuples(st.sampled_from(TEX_BINARY), inner, inner).map(lambda t: t[0].format(t[1], t[2]))
        return st.one_of(unary, binary)

    return st.recursive(atoms, grow, max_leaves=8)


def equations() -> st.SearchStrategy[str]:
    relation = st.sampled_from([" = ", " = ", " \\approx ", " \\le ", " = y = ", " := "])
    return st.tuples(tex(), relation, tex()).map("".join)


def math() -> st.SearchStrategy[str]:
    verify = st.sampled_from(["%% verify %%", "%% verify an-id %%", "%%verify%%", "\n%% verify %%", "%% verify", ""])
    display = st.tuples(
        st.sampled_from(["$$", "$$\n"]), equations(), st.sampled_from(["$$ ", "\n$$ ", "$$"]), verify
    ).map("".join)
    inline = st.one_of(tex().map(lambda t: f"${t}$"), tex().map(lambda t: f"$${t}$$"))
    odd = st.sampled_from(["$", "$$", "$ x$", "$x $", "\\$x$", "$$\n\n$$", "$5 and $6", "$$ %% verify %%"])
    return st.one_of(display, inline, odd)


PY_ATOMS = (
    "x",
    "y",
    "n",
    "k",
    "i",
    "j",
    "1",
    "2",
    "pi",
    "E",
    "I",
    "oo",
    "x[i]",
    "x[k]",
    "p(k)",
    "f(x)",
    "Z",
    "T",
    "e",
    "s",
    "c",
)
PY_UNARY = (
    "exp({})", "log({})", "sqrt({})", "sin({})", "Abs({})", "conjugate({})", "floor({})", "factorial({})", "gamma({})",
    "Heaviside({})", "sign({})", "-({})", "Sum({}, (i, 1, n))", "Product({}, (k, 1, 3))", "diff({}, x)",
    "integrate({}, (x, 0, 1))", "limit({}, x, 0)", "limit({}, x, 0, '+')", "Derivative({}, x)", "({})",
)  # fmt: skip
PY_BINARY = (
    "{} + {}", "{} - {}", "{}*{}", "{}/{}", "{}**{}", "Max({}, {})", "binomial({}, {})", "KroneckerDelta({}, {})",
)  # fmt: skip
PY_ODD = (
    "2**2**2**40", "factorial(100000)", "1" * 150, "x.real", "__import__('os')", "lambda: 0", "'str'", "[1, 2]",
    "(" * 60 + "x" + ")" * 60, "x if y else 1", "x[[i]]", "1e400", "0x10", "f(x)(y)", "p(k, k)", "Sum(x, (i, 1))",
)  # fmt: skip


def sympy_expressions() -> st.SearchStrategy[str]:
    atoms = st.one_of(st.sampled_from(PY_ATOMS), st.sampled_from(PY_ODD), st.integers(-100, 100).map(str))

    def grow(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        unary = st.tuples(st.sampled_from(PY_UNARY), inner).map(lambda t: t[0].format(t[1]))
        binary = st.tuples(st.sampled_from(PY_BINARY), inner, inner).map(lambda t: t[0].format(t[1], t[2]))
        return st.one_of(unary, binary)

    return st.recursive(atoms, grow, max_leaves=6)


SYMBOLS = (
    "symbols: x y real; n positive integer; i j k integer", "symbols: x indexed real; T positive",
    "symbols: f g function", "symbols: E indexed real", "symbols: x real; x real", "symbols: z complex nonzero",
    "symbols: x bogus", "symbols:",
)  # fmt: skip
PLAIN_CLAIMS = (
    "claim: x + x == 2*x", "claim: sin(x)**2 + cos(x)**2 == 1", "claim: (x**2 - 1)/(x - 1) == x + 1",
    "claim: Sum(i, (i, 1, n)) == n*(n + 1)/2", "claim: diff(exp(2*x), x) == 2*exp(2*x)", "claim: sqrt(x**2) == x",
    "claim: Abs(x)/x == 1", "claim: log(exp(x)) == x", "claim: factorial(5) == 120",
)  # fmt: skip


def sympy_claims() -> st.SearchStrategy[str]:
    expr = sympy_expressions()
    claim_id = st.sampled_from(["claim", "claim id-1", "claim: ", "claim \x1b[2K", "claim dup", "given"])
    claim = st.tuples(claim_id, expr, st.sampled_from([" == ", " = ", " != "]), expr).map(
        lambda t: f"{t[0]}{'' if t[0].endswith(': ') else ': '}{t[1]}{t[2]}{t[3]}"
    )
    return st.one_of(st.sampled_from(PLAIN_CLAIMS), claim)


def sympy_statements(targets: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    expr = sympy_expressions()
    define = st.tuples(st.sampled_from(["Z", "p(k)", "sigma(x)", "f(x)", "x", "pi", "q(a, a)"]), expr).map(
        lambda t: f"{t[0]} := {t[1]}"
    )
    uses = st.lists(targets, min_size=1, max_size=3).map(lambda ts: "uses: " + ", ".join(f"[[{t}]]" for t in ts))
    rng = st.sampled_from(
        ["range: i j k = 1..n", "range: i = 1..3", "range: i = n..1", "range: q = 1..", "range: i = 1..10**9"]
    )
    junk = st.one_of(st.just("# a comment"), st.text(max_size=20))
    return st.one_of(st.sampled_from(SYMBOLS), sympy_claims(), define, uses, rng, junk)


def sympy_blocks(targets: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    lines = st.lists(sympy_statements(targets), min_size=1, max_size=8)
    return lines.map(lambda ls: "\n```sympy\n" + "\n".join(ls) + "\n```\n")


# ================================================================ strategies: noise and frontmatter

CONTROLS = "\x00\x01\x07\x08\x0b\x0c\x1b\x7f\x85\x9b\u00ad\u200b\u200d\u2028\u2029\u202e\u2066\ufeff\ufffd\U0001f680"
RUN_UNITS = (
    "[", "]", "[[", "]]", "`", "$", "%", "%%", "#", "!", "|", "\\", "*", "_", "<", ">", "^", "~", "\n", "\t", " ",
    "(", ")", "![[", "a", "é",
)  # fmt: skip


def runs(longest: int) -> st.SearchStrategy[str]:
    """A long line or paragraph of one repeated unit (the shapes a quadratic scan would choke on)."""
    return st.tuples(st.sampled_from(RUN_UNITS), st.integers(1, longest)).map(lambda t: t[0] * t[1])


def prose() -> st.SearchStrategy[str]:
    return st.one_of(
        st.text(max_size=40),
        st.text(st.sampled_from(CONTROLS + "ab \n"), max_size=20),
        st.sampled_from(["Some text. ", "C# and a#b and https://x.org/#frag ", "\\[[escaped]] ", "\\#notag "]),
    )


RAW_BYTES = (b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x00", b"\xef\xbb\xbf", b"\xf4\x90\x80\x80", b"\xc0\xaf", b"\r")
YAML_KEYS = (
    "aliases", "Aliases", "alias", "ALIASES", "tags", "tag", "TAGS", "created", "title", "derivations", "uses",
    "date",
)  # fmt: skip
HOSTILE_YAML = (
    "title: {{title}}", "a:\n\tb: tab", "a: 'unclosed", "a: b: c", "- a list\n- not a mapping", "just a string", "42",
    "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
    "a: &a [*a]", "a: &a {k: *a}", "a: *undefined", "aliases: !!set {b, a, c, d, e}", "tags: !!set {t1, t2, t3, t4}",
    "x: !!set {p, q, r, s, t}", "a: !!binary aGVsbG8=", "a: !!python/object:os.system x", "d: 2024-02-31",
    "d: 2024-05-01",
    "t: 2024-05-01 12:00:00+02:00", "n: " + "1" * 5000, "f: .nan", "f: -.inf", "? [a, b]\n: c", "? {a: 1}\n: c",
    "base: &b {x: 1}\nm:\n  <<: *b\n  y: 2", "aliases: [[nested]]", "tags: 1984", "tags: [1984, '#x', null, '', '##y']",
    "aliases: {a: b}", "null: x", "1.5: x", "true: y", "2024-01-01: d", "tags: '#a #b, c\tx'", "aliases: a, b,, c",
    "a: " + "[" * 3000 + "]" * 3000, "a: " + "{b: " * 200 + "1" + "}" * 200, "a: !!float x", "a: !!int 0x",
    "a: |\n  block\n  text",
    "derivations: [softmax-partition-function]", "derivations: nope", "derivations: [[x]]", "a: 1\na: 2",
    "a: \x1b]0;t\x07",
    "%YAML 1.1\n---\na: 1", "a: !!omap [b: 1]", "a: !!pairs [b: 1]", "a: !!timestamp x",
)  # fmt: skip


def yaml_values() -> st.SearchStrategy:
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(-(10**30), 10**30), st.floats(), st.text(max_size=20), st.dates(), titles
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=8), inner, max_size=4)),
        max_leaves=12,
    )


def frontmatter() -> st.SearchStrategy[str]:
    keys = st.one_of(st.sampled_from(YAML_KEYS), st.text(max_size=10))
    valid = st.tuples(st.dictionaries(keys, yaml_values(), max_size=5), st.booleans()).map(
        lambda t: yaml.safe_dump(t[0], allow_unicode=True, default_flow_style=t[1], sort_keys=False)
    )
    hostile = st.lists(st.sampled_from(HOSTILE_YAML), min_size=1, max_size=3).map("\n".join)
    body = st.one_of(valid, hostile)
    close = st.sampled_from(["---", "---", "...", "--- ", "", "----"])
    return st.tuples(st.sampled_from(["---\n", "---\r\n", "--- \n", "\ufeff---\n"]), body, close).map(
        lambda t: f"{t[0]}{t[1].rstrip(chr(10))}\n{t[2]}\n"
    )


# ================================================================ strategies: notes and vaults


@dataclass
class VaultSpec:
    """A vault to write: files (path → bytes), symbolic links, FIFOs, and how to run the commands on it."""

    files: dict[bytes, bytes] = field(default_factory=dict)
    kinds: dict[bytes, dict[str, int]] = field(default_factory=dict)  # note → bytes of each kind of piece
    links: list[tuple[bytes, str, str]] = field(default_factory=list)  # path, kind of target, argument
    fifos: list[bytes] = field(default_factory=list)
    names: list[str] = field(default_factory=list)  # the notes' titles
    options: list[str] = field(default_factory=list)  # load options for every command
    show: str = "Alpha"  # the note to `show`
    output: str = "json"  # the format `graph -o` writes

    def size(self) -> int:
        return sum(len(data) for data in self.files.values())

    def shape(self) -> dict:
        kinds: dict[str, int] = {}
        for counts in self.kinds.values():
            for kind, size in counts.items():
                kinds[kind] = kinds.get(kind, 0) + size
        folders = {posixpath.dirname(p) for p in self.files}
        largest = max((len(d) for d in self.files.values()), default=0)
        return {
            "files": len(self.files),
            "folders": len(folders),
            "links": len(self.links),
            "fifos": len(self.fifos),
            "bytes": self.size(),
            "largest_file": largest,
            "kinds": dict(sorted(kinds.items(), key=lambda kv: -kv[1])),
        }

    def entries(self) -> list[tuple[bytes, str, object]]:
        """Every entry, sorted, without those that collide with an entry before them (a file under a file)."""
        wanted = [(p, "file", d) for p, d in self.files.items()] + [(p, "link", (k, a)) for p, k, a in self.links]
        wanted += [(p, "fifo", None) for p in self.fifos]
        kept, leaves, folders = [], set(), set()
        for path, kind, data in sorted(wanted, key=lambda e: e[0]):
            parents = [b"/".join(path.split(b"/")[:i]) for i in range(1, path.count(b"/") + 1)]
            if path in leaves or path in folders or any(p in leaves for p in parents):
                continue
            leaves.add(path)
            folders.update(parents)
            kept.append((path, kind, data))
        return kept


PIECE_KINDS = ("wikilink", "mdlink", "tag", "block", "comment", "code", "math", "sympy", "prose", "run", "bytes")
MATH_KINDS = ("wikilink", "math", "sympy", "prose")


def note_pieces(
    names: list[str], longest: int, kinds: tuple[str, ...] = PIECE_KINDS
) -> st.SearchStrategy[tuple[str, str | bytes]]:
    targets = targets_from(names)
    inside = st.one_of(wikilinks(targets), tags(), prose(), math(), markdown_links(targets))
    strategies = {
        "wikilink": wikilinks(targets),
        "mdlink": markdown_links(targets),
        "tag": tags(),
        "block": blocks(),
        "comment": comments(inside),
        "code": code(inside),
        "math": math(),
        "sympy": sympy_blocks(targets),
        "prose": prose(),
        "run": runs(longest),
        "bytes": st.sampled_from(RAW_BYTES),
    }
    return st.one_of(*(_piece(kind, strategies[kind]) for kind in kinds))


SEPARATORS = ("", " ", "\n", "\n", "\n\n", "\t", "\n> ", "\n- ", "\n    ", "\n\n\n")


@st.composite
def notes(
    draw, names: list[str], longest: int = 3000, pieces: int = 12, repeat: int = 1, kinds: tuple[str, ...] = PIECE_KINDS
):  # noqa: ANN001, ANN201
    """One note's bytes, and how many bytes of each kind of piece it holds."""
    body = draw(st.lists(st.tuples(note_pieces(names, longest, kinds), st.sampled_from(SEPARATORS)), max_size=pieces))
    times = draw(st.integers(1, repeat))
    parts = [("frontmatter", draw(frontmatter()))] if draw(st.booleans()) else []
    for _ in range(times):
        for piece, separator in body:
            parts += [piece, ("separator", separator)]
    newline = draw(st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"]))
    kinds: dict[str, int] = {}
    chunks = []
    for kind, text in parts:
        data = text if isinstance(text, bytes) else text.replace("\n", newline).encode("utf-8")
        kinds[kind] = kinds.get(kind, 0) + len(data)
        chunks.append(data)
    return b"".join(chunks), kinds


LINK_KINDS = ("note", "folder", "up", "self", "outside-file", "outside-folder", "absolute-outside", "dangling", "loop")


@st.composite
def vaults(
    draw,
    max_notes: int = 6,
    longest: int = 3000,
    pieces: int = 12,
    repeat: int = 1,
    kinds: tuple[str, ...] = PIECE_KINDS,
):  # noqa: ANN001, ANN201
    """A whole vault: notes in folders, odd names, attachments, a preamble, links in and out, maybe a FIFO."""
    names = draw(st.lists(titles, min_size=1, max_size=max_notes))
    spec = VaultSpec(names=list(names))
    for title in names:
        path = posixpath.join(draw(folders), title + draw(st.sampled_from([".md", ".md", ".md", ".MD"])))
        spec.files[path.encode()], spec.kinds[path.encode()] = draw(notes(names, longest, pieces, repeat, kinds))
    if draw(st.integers(0, 4)) == 0:
        spec.files[b"bad \xff name.md"], spec.kinds[b"bad \xff name.md"] = draw(notes(names, longest, pieces, 1))
    extras = {
        b"img.png": b"\x89PNG\r\n\x1a\n",
        b"board.canvas": b"{}",
        b".obsidian/app.json": b"{}",
        b".trash/Alpha.md": b"[[Trash]]",
        b"preamble.sty": "\n".join(TEX_ODD).encode(),
        b"empty.md": b"",
    }
    for path in draw(st.lists(st.sampled_from(sorted(extras)), max_size=3, unique=True)):
        spec.files[path] = extras[path]
    link_names = st.one_of(
        titles.map(lambda t: t + ".md"), titles, st.sampled_from(["sub/link.md", "sub/up", "loop.md"])
    )
    link_args = st.one_of(st.sampled_from(sorted(p.decode("utf-8", "replace") for p in spec.files)), folders)
    spec.links = draw(
        st.lists(st.tuples(link_names.map(str.encode), st.sampled_from(LINK_KINDS), link_args), max_size=3)
    )
    if draw(st.integers(0, 20)) == 0:
        spec.fifos.append(b"pipe.md")
    options = st.sampled_from([[], [], ["--no-alias-links"], ["--attachments"], ["--max-size", "300"]])
    spec.options = draw(options)
    spec.show = draw(st.one_of(st.sampled_from(names), st.just("missing"), titles))
    spec.output = draw(st.sampled_from(["json", "json", "graphml", "gexf"]))
    return spec


@st.composite
def claim_vaults(draw, max_notes: int = 2):  # noqa: ANN001, ANN201
    """A vault whose every note has claims: a `sympy` block with one at least, and a `%% verify %%` equation."""
    names = draw(st.lists(titles, min_size=1, max_size=max_notes, unique=True))
    spec = VaultSpec(names=list(names), show=names[0])
    for title in names:
        claims = draw(st.lists(sympy_claims(), min_size=1, max_size=3))
        rest = draw(st.lists(sympy_statements(st.sampled_from(names)), max_size=3))
        block = "\n".join([draw(st.sampled_from(SYMBOLS))] + rest + claims)
        verify = draw(st.sampled_from(["%% verify %%", "%% verify an-id %%", "\n%% verify %%"]))
        text = f"# {title}\n\n```sympy\n{block}\n```\n\n$${draw(equations())}$$ {verify}\n"
        spec.files[f"{title}.md".encode()] = text.encode()
        spec.kinds[f"{title}.md".encode()] = {"sympy": len(text)}
    return spec


# ================================================================ writing a vault

OUTSIDE_NOTE = b"---\naliases: [secret]\n---\n[[Alpha]] #outside a secret outside the vault\n"


def write_copy(spec: VaultSpec, base: Path, reverse: bool = False) -> Path:
    """Write `spec` as `base/vault`, beside `base/outside` (a note links may point to); in reverse on demand."""
    root = base / "vault"
    outside = base / "outside"
    os.makedirs(outside)
    (outside / "secret.md").write_bytes(OUTSIDE_NOTE)
    os.makedirs(root)
    entries = spec.entries()
    for rel, kind, data in reversed(entries) if reverse else entries:
        path = os.fsencode(root) + b"/" + rel
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if kind == "file":
            with open(path, "wb") as handle:
                handle.write(data)  # type: ignore[arg-type]
        elif kind == "fifo":
            os.mkfifo(path)
        else:
            os.symlink(_link_target(root, rel, *data), path)  # type: ignore[misc]
    return root


def _link_target(root: Path, rel: bytes, kind: str, argument: str) -> bytes:
    """Where a symbolic link at `rel` points: relative, except `absolute-outside`."""
    here = os.path.dirname(os.fsencode(root) + b"/" + rel)
    outside = os.fsencode(root.parent / "outside")
    if kind in ("note", "folder"):
        return os.path.relpath(os.fsencode(root) + b"/" + argument.encode(), here)
    return {
        "up": b"..",
        "self": b".",
        "outside-file": os.path.relpath(outside + b"/secret.md", here),
        "outside-folder": os.path.relpath(outside, here),
        "absolute-outside": outside + b"/secret.md",
        "dangling": b"nowhere/at/all.md",
        "loop": os.path.basename(rel),
    }[kind]


# ================================================================ the worker: one forked child a case


def serve() -> None:
    """Answer one JSON request a line on stdin: fork a child for the case, wait for it under the limits."""
    import networkx  # noqa: F401  (loaded once here, shared by every forked child)

    import vaultkit.checking.run  # noqa: F401  (SymPy too)
    import vaultkit.cli  # noqa: F401

    while line := sys.stdin.readline():
        reply = _fork(json.loads(line))
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


def _fork(request: dict) -> dict:
    out = request["out"]
    os.makedirs(out, exist_ok=True)
    started = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        _child(request)
    handle = os.pidfd_open(pid)
    timed_out = not select.select([handle], [], [], request.get("timeout", TIMEOUT))[0]
    if timed_out:
        for kill in (os.killpg, os.kill):
            try:
                kill(pid, signal.SIGKILL)
            except OSError:
                pass
    _, status, usage = os.wait4(pid, 0)
    os.close(handle)
    reply = {
        "status": os.waitstatus_to_exitcode(status),
        "timed_out": timed_out,
        "seconds": time.perf_counter() - started,
        "cpu": usage.ru_utime + usage.ru_stime,
        "maxrss_kib": usage.ru_maxrss,
        "result": None,
        "traceback": "",
    }
    if os.path.exists(os.path.join(out, "result.json")):
        with open(os.path.join(out, "result.json"), encoding="utf-8") as handle_:
            reply["result"] = json.load(handle_)
    if os.path.exists(os.path.join(out, "child.traceback")):
        with open(os.path.join(out, "child.traceback"), encoding="utf-8", errors="replace") as handle_:
            reply["traceback"] = handle_.read()
    return reply


def _child(request: dict) -> None:
    """The case itself, in the forked child: never returns."""
    code = 70
    out = request["out"]
    try:
        os.setpgid(0, 0)  # so that a time-out kills the checking workers too
        _die_with_parent()
        for fd, name in ((1, "child.out"), (2, "child.err")):
            os.dup2(os.open(os.path.join(out, name), os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
        import resource

        with open("/proc/self/statm") as statm:
            held = int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
        resource.setrlimit(resource.RLIMIT_AS, (held + request.get("memory", MEMORY), resource.RLIM_INFINITY))
        os.environ.update(request.get("env", {}))
        started, cpu = time.perf_counter(), time.process_time()
        result = {"graph": _graph_facts(request) if request.get("graph") else None}
        result["timing"] = {"wall": time.perf_counter() - started, "cpu": time.process_time() - cpu}  # load and graph
        result["commands"] = [_command(argv, out, n) for n, argv in enumerate(request.get("commands", []))]
        with open(os.path.join(out, "result.json"), "w", encoding="utf-8") as handle:
            json.dump(result, handle)
        code = 0
    except BaseException:  # noqa: BLE001  (reported, whatever it is)
        try:
            with open(os.path.join(out, "child.traceback"), "w", encoding="utf-8") as handle:
                traceback.print_exc(file=handle)
        except BaseException:  # noqa: BLE001
            pass
    finally:
        os._exit(code)


def _die_with_parent() -> None:
    """Ask Linux to kill this child when its worker dies (a long run stopped early leaves nothing behind)."""
    import ctypes

    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, int(signal.SIGKILL), 0, 0, 0)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _command(argv: list[str], out: str, number: int) -> dict:
    """Run `vaultkit ARGV` in this process, its output captured at the file descriptors."""
    from vaultkit.cli import main

    paths = [os.path.join(out, f"cmd{number}.{name}") for name in ("out", "err")]
    sys.stdout.flush(), sys.stderr.flush()
    for fd, path in zip((1, 2), paths):
        os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), fd)
    try:
        code = main(argv)
    except SystemExit as stop:  # argparse
        code = stop.code if isinstance(stop.code, int) else 2
    except BaseException:  # noqa: BLE001  (exactly what the console script would print)
        traceback.print_exc()
        code = 70
    finally:
        sys.stdout.flush(), sys.stderr.flush()
    texts = [Path(path).read_bytes() for path in paths]
    return {
        "argv": argv,
        "code": code,
        "stdout": texts[0].decode("utf-8", "surrogateescape"),
        "stderr": texts[1].decode("utf-8", "surrogateescape"),
        "utf8": all(_utf8(t) for t in texts),
        "output": _output_digest(argv),
    }


def _utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _output_digest(argv: list[str]) -> str | None:
    if "-o" not in argv:
        return None
    path = Path(argv[argv.index("-o") + 1])
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


# ================================================================ property (a): the graph and its documented attributes

NODE_TYPES = {
    "kind": str,
    "title": str,
    "path": (str, type(None)),
    "folder": str,
    "aliases": list,
    "tags": list,
    "properties": dict,
    "exists": bool,
}
EDGE_TYPES = {
    "kind": str,
    "count": int,
    "display": list,
    "anchors": list,
    "line": int,
    "via_alias": bool,
    "ambiguous": bool,
}
_BREAKS = re.compile(r"\r\n|\r|\n")


def _graph_facts(request: dict) -> dict:
    """Load and graph the vault in this process: what is wrong with it, and a digest of it."""
    import networkx as nx

    import vaultkit

    vault = vaultkit.load(request["vault"], **request.get("load", {}))
    graph = vault.graph()
    problems = _node_problems(graph, vault) + _edge_problems(graph) + _line_problems(vault)
    try:
        text = json.dumps(nx.node_link_data(graph, edges="links"), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as error:
        problems.append(f"graph is not JSON: {error}")
        text = repr(sorted(graph.nodes))
    diagnostics = "\n".join(sorted(str(d) for d in vault.diagnostics))
    return {
        "problems": problems,
        "graph": _digest(text, request),
        "diagnostics": _digest(diagnostics, request),
        "notes": len(vault.notes),
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "diagnostic_count": len(vault.diagnostics),
        "bytes": sum(n.size for n in vault.notes.values()),
    }


def _digest(text: str, request: dict) -> str:
    for base in (request["base"], os.path.realpath(request["base"])):
        text = text.replace(base, "<copy>")
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _typed(data: dict, types: dict, where: str) -> list[str]:
    found = [f"{where}: {key} missing" for key in types if key not in data]
    found += [
        f"{where}: {key}={data[key]!r} is not {types[key]}"
        for key in types
        if key in data and not _is(data[key], types[key])
    ]
    for key in ("aliases", "tags", "display", "anchors"):
        if isinstance(data.get(key), list) and not all(isinstance(item, str) for item in data[key]):
            found.append(f"{where}: {key}={data[key]!r} holds a non-string")
    return found


def _is(value: object, types: type | tuple) -> bool:
    return isinstance(value, types) and (types is not int or type(value) is int)


def _node_problems(graph, vault) -> list[str]:  # noqa: ANN001
    problems = []
    for ident, data in graph.nodes(data=True):
        where = f"node {ident!r}"
        problems += _typed(data, NODE_TYPES, where)
        kind = data.get("kind")
        if kind not in ("note", "ghost", "attachment") or data.get("exists") != (kind != "ghost"):
            problems.append(f"{where}: kind {kind!r} with exists={data.get('exists')!r}")
        if (data.get("path") is None) != (kind == "ghost"):
            problems.append(f"{where}: {kind} with path {data.get('path')!r}")
        if kind == "note" and (
            data["path"][:-3] != ident
            or data["path"][-3:].lower() != ".md"
            or data["title"] != posixpath.basename(ident)
            or data["folder"] != posixpath.dirname(ident)
        ):
            problems.append(f"{where}: path {data['path']!r}, title {data['title']!r}, folder {data['folder']!r}")
        if any(tag.startswith("#") or not tag for tag in data.get("tags") or []):
            problems.append(f"{where}: tags {data['tags']!r} start with # or are empty")
    missing = [ident for ident in vault.notes if graph.nodes.get(ident, {}).get("kind") != "note"]
    return problems + [f"note {ident!r} is not a note node" for ident in missing]


def _edge_problems(graph) -> list[str]:  # noqa: ANN001
    problems = []
    for source, target, data in graph.edges(data=True):
        where = f"edge {source!r} -> {target!r}"
        problems += _typed(data, EDGE_TYPES, where)
        if data.get("kind") not in ("link", "embed") or not data.get("count", 0) >= 1 or not data.get("line", 0) >= 1:
            problems.append(
                f"{where}: kind {data.get('kind')!r}, count {data.get('count')!r}, line {data.get('line')!r}"
            )
        if graph.nodes[source].get("kind") != "note":
            problems.append(f"{where}: from a {graph.nodes[source].get('kind')}")
    return problems


def _line_problems(vault) -> list[str]:  # noqa: ANN001
    """Every line number of a note is inside the note: 1..lines (0 for the file as a whole, or frontmatter tags)."""
    problems = []
    for note in vault.notes.values():
        path = vault.root / note.path
        if not path.is_file():  # a FIFO, or a name that is not valid UTF-8 on disk
            continue
        text = path.read_bytes().decode("utf-8", "replace")
        lines = len(_BREAKS.split(text))
        numbered = [("link", l.line, 1) for l in note.links] + [("tag", t.line, 0) for t in note.tags]
        numbered += [("heading", h.line, 1) for h in note.headings] + [("math", m.line, 1) for m in note.math]
        numbered += [("math end", m.end_line, 1) for m in note.math] + [("code", c.line, 1) for c in note.code_blocks]
        numbered += [(f"diagnostic {d.kind}", d.line, 0) for d in note.diagnostics]
        problems += [
            f"{note.path}: {what} on line {line} of {lines}" for what, line, low in numbered if not low <= line <= lines
        ]
    return problems


# ================================================================ the client: two workers, two copies, one verdict

SERVE = f"import sys; sys.path.insert(0, {str(Path(__file__).resolve().parent)!r}); import test_fuzz; test_fuzz.serve()"


class Worker:
    """A long-lived `serve()` process with its own hash seed."""

    def __init__(self, hash_seed: int) -> None:
        env = {**os.environ, "PYTHONHASHSEED": str(hash_seed), "PYTHONIOENCODING": "utf-8"}
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVE], stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env, text=True
        )

    def send(self, request: dict) -> None:
        self.process.stdin.write(json.dumps(request) + "\n")  # type: ignore[union-attr]
        self.process.stdin.flush()  # type: ignore[union-attr]

    def receive(self) -> dict:
        line = self.process.stdout.readline()  # type: ignore[union-attr]
        if not line:
            raise RuntimeError(f"the fuzz worker died (exit status {self.process.wait()})")
        return json.loads(line)

    def close(self) -> None:
        self.process.stdin.close()  # type: ignore[union-attr]
        try:
            self.process.wait(30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class Pair:
    """Two workers with different hash seeds; each case is asked of both at once."""

    def __init__(self) -> None:
        self.workers = (Worker(1), Worker(2))

    def ask(self, requests: list[dict]) -> list[dict]:
        for worker, request in zip(self.workers, requests):
            worker.send(request)
        return [worker.receive() for worker in self.workers]

    def close(self) -> None:
        for worker in self.workers:
            worker.close()


@dataclass
class Case:
    failures: list[str]
    replies: list[dict]

    @property
    def facts(self) -> dict:
        return ((self.replies[0].get("result") or {}).get("graph")) or {}


COMMANDS = ("graph", "lint", "show")
EXIT_CODES = {"graph": {0}, "lint": {0, 1}, "show": {0, 2}, "verify": {0, 1}}


def commands(spec: VaultSpec, root: Path, out: Path, verify: bool, budget: float) -> list[list[str]]:
    """The command lines of one case: graph, lint and show, or verify (as JSON, then for a person)."""
    if verify:
        return [
            ["verify", str(root), "--budget", str(budget), "--json", *spec.options],
            ["verify", str(root), "--budget", str(budget), *spec.options],
        ]
    return [
        ["graph", str(root), "-o", str(out / f"graph.{spec.output}"), *spec.options],
        ["lint", str(root), *spec.options],
        ["show", "--vault", str(root), *spec.options, "--", spec.show],
    ]


def run_case(
    spec: VaultSpec, pair: Pair, *, verify: bool = False, budget: float = 2.0, timeout: float = TIMEOUT
) -> Case:
    """Write two copies of `spec`, run the case on each in its own worker, and list every property broken."""
    base = Path(tempfile.mkdtemp(prefix="vaultkit-fuzz-"))
    try:
        roots = [write_copy(spec, base / name, reverse=name == "b") for name in "ab"]
        before = [tree_snapshot(root.parent) for root in roots]
        requests = [
            {
                "vault": str(root),
                "base": str(root.parent),
                "out": str(base / f"out-{name}"),
                "timeout": timeout,
                "graph": not verify,
                "load": _load_options(spec.options),
                "env": {"VAULTKIT_CACHE_DIR": str(base / f"cache-{name}")},
                "commands": commands(spec, root, base / f"out-{name}", verify, budget),
            }
            for name, root in zip("ab", roots)
        ]
        replies = pair.ask(requests)
        failures = [
            f"vault {name} changed"
            for name, root, snap in zip("ab", roots, before)
            if tree_snapshot(root.parent) != snap
        ]
        failures += _failures(replies, [{r["base"]: "<copy>", r["out"]: "<out>"} for r in requests])
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return Case(failures, replies)


def _load_options(options: list[str]) -> dict:
    found: dict = {"alias_links": "--no-alias-links" not in options, "attachments": "--attachments" in options}
    if "--max-size" in options:
        found["max_size"] = int(options[options.index("--max-size") + 1])
    return found


# ================================================================ properties (b)-(e): CLI, terminal, same output

UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")  # what must never reach a terminal raw


def _failures(replies: list[dict], bases: list[dict[str, str]]) -> list[str]:
    failures = [f"{name}: {problem}" for name, reply in zip("ab", replies) for problem in _reply_failures(reply)]
    return failures or _differences([reply["result"] for reply in replies], bases)


def _reply_failures(reply: dict) -> list[str]:
    if reply["timed_out"]:
        return [f"timed out after {reply['seconds']:.0f} s"]
    if reply["status"] != 0 or reply["result"] is None:
        return [
            f"the case died (status {reply['status']}, {reply['maxrss_kib'] >> 10} MiB):\n{reply['traceback'][-4000:]}"
        ]
    result = reply["result"]
    found = list((result["graph"] or {}).get("problems", []))
    for command in result["commands"]:
        found += _command_failures(command, result["graph"])
    return found


def _command_failures(command: dict, facts: dict | None) -> list[str]:
    name, code, err = command["argv"][0], command["code"], command["stderr"]
    found = [f"{name}: exit status {code}: {err[-3000:]}"] if code not in EXIT_CODES[name] else []
    if "Traceback" in err:
        found.append(f"{name}: a traceback on stderr:\n{err[-4000:]}")
    if not command["utf8"]:
        found.append(f"{name}: output is not UTF-8")
    for stream in ("stdout", "stderr"):
        raw = UNSAFE.search(command[stream])
        if raw:
            around = command[stream][max(0, raw.start() - 60) : raw.end() + 20]
            found.append(f"{name}: a raw {raw.group()!r} on {stream}: {around!r}")
    if name == "lint" and facts is not None and command["stdout"].count("\n") != facts["diagnostic_count"]:
        found.append(f"lint: {command['stdout'].count(chr(10))} lines for {facts['diagnostic_count']} diagnostics")
    return found


def _differences(results: list[dict], bases: list[dict[str, str]]) -> list[str]:
    """Two runs (other hash seed, other copy written in the other order) said the same."""
    found = []
    if results[0]["graph"] != results[1]["graph"]:
        found.append(f"graph facts differ between two runs: {results[0]['graph']} != {results[1]['graph']}")
    for first, second in zip(*(r["commands"] for r in results)):
        one, two = _comparable(first, bases[0]), _comparable(second, bases[1])
        for key in one:
            if not (_same_claims if key == "claims" else operator.eq)(one[key], two[key]):
                found.append(f"{first['argv'][0]}: {key} differs between two runs:\n{one[key]!r}\n{two[key]!r}")
    return found


def _comparable(command: dict, paths: dict[str, str]) -> dict:
    """What must not change from run to run, the copy's own paths left out."""
    if command["argv"][0] == "verify":
        return {"claims": _claims(command["stdout"])} if "--json" in command["argv"] else {}
    texts = {key: command[key] for key in ("stdout", "stderr")}
    for key, text in texts.items():
        for path, shown in paths.items():
            text = text.replace(os.path.realpath(path), shown).replace(path, shown)
        texts[key] = text
    return {"code": command["code"], **texts, "output": command["output"]}


def _claims(stdout: str) -> list:
    """The claims `verify --json` reports, and which are false and why.

    `verify` gives each stage a share of the time budget, so on a busy machine a claim proved
    in one run may be only checked, or an error, in the other, and one may run out of time:
    the claims and their counterexamples are compared, except where either run ran out of time.
    """
    try:
        results = json.loads(stdout)
    except ValueError:
        return [stdout]
    kept = ("note", "line", "id", "source", "incomplete")
    return [{**{k: r.get(k) for k in kept}, "false": [r.get("counterexample")] if r.get("verdict") == "false" else None}
            for r in results]  # fmt: skip


def _same_claims(one: list, two: list) -> bool:
    if len(one) != len(two):
        return False
    for first, second in zip(one, two):
        if first.get("incomplete") or second.get("incomplete"):
            first, second = {**first, "false": None, "incomplete": None}, {**second, "false": None, "incomplete": None}
        if first != second:
            return False
    return True


# ================================================================ the tests


@pytest.fixture(scope="module")
def pair():  # noqa: ANN201
    workers = Pair()
    yield workers
    workers.close()


def _check(case: Case) -> None:
    assert not case.failures, "\n".join(case.failures)


@examples(200)
@given(spec=vaults())
def test_any_vault_loads_graphs_lints_and_shows(pair, spec):
    _check(run_case(spec, pair))


@examples(40)
@given(spec=vaults(max_notes=3, longest=20_000, pieces=4))
def test_long_runs_of_one_character(pair, spec):
    _check(run_case(spec, pair))


@examples(20)
@given(spec=st.one_of(claim_vaults(), claim_vaults(max_notes=3), vaults(max_notes=2, pieces=4, kinds=MATH_KINDS)))
def test_any_vault_verifies(pair, spec):
    _check(run_case(spec, pair, verify=True, budget=2.0))


def _console_script() -> list[str]:
    script = Path(sys.executable).parent / "vaultkit"
    return (
        [str(script)]
        if script.exists()
        else [sys.executable, "-c", "from vaultkit.cli import main; raise SystemExit(main())"]
    )


def _limited() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (4 * MEMORY, resource.RLIM_INFINITY))


@examples(3)
@given(spec=vaults(max_notes=3))
def test_the_console_script_on_any_vault(spec):
    """The entry point itself, in a new process: the same properties, but no second run."""
    with tempfile.TemporaryDirectory(prefix="vaultkit-fuzz-") as temporary:
        base = Path(temporary)
        root = write_copy(spec, base / "a")
        before = tree_snapshot(root.parent)
        env = {**os.environ, "VAULTKIT_CACHE_DIR": str(base / "cache")}
        for argv in commands(spec, root, base, verify=False, budget=2.0):
            done = subprocess.run(
                _console_script() + argv, capture_output=True, timeout=TIMEOUT, env=env, preexec_fn=_limited
            )
            command = {
                "argv": argv,
                "code": done.returncode,
                "utf8": _utf8(done.stdout) and _utf8(done.stderr),
                "stdout": done.stdout.decode("utf-8", "replace"),
                "stderr": done.stderr.decode("utf-8", "replace"),
            }
            assert not _command_failures(command, None), _command_failures(command, None)
        assert tree_snapshot(root.parent) == before
