"""Conformance tests for vaultkit against the contract "How vaultkit reads a vault" (spec/notes.md).

Written from the contract alone (black box): every test builds a vault of real files in ``tmp_path``,
loads it through the public API (``vaultkit.load``, ``Vault.notes``, ``Vault.diagnostics``, ``Vault.find``,
``Vault.graph``) and checks what the spec predicts. One test per spec rule, grouped by spec section, each
with a docstring quoting the sentence it checks. Nothing here reads the contract itself at run time.

Readings chosen where the spec is silent or ambiguous (Obsidian's behaviour as the tie-breaker):

 1. Line numbers (Tag.line, LinkRef.line, edge ``line``, Diagnostic.line) count lines of the FILE,
    frontmatter included, 1-based (as Obsidian's metadata cache positions do).
 2. ``invalid-yaml`` points at the file line of the YAML problem mark (PyYAML's ``problem_mark``; for
    ``title: {{title}}`` the line of that key). ``bad-encoding`` may point at the line of the first bad byte
    or be 0 (whole file); ``frontmatter-not-mapping`` may be 0, the opening ``---`` line or the first YAML line.
    ``oversized``, ``unreadable`` and ``symlink-*`` are about the whole file: line 0.
 3. A note whose frontmatter is invalid YAML gets NO frontmatter values at all (no aliases, tags or
    properties), like Obsidian, which ignores a frontmatter block it cannot parse.
 4. A symlink that is not followed (leaves the vault, or loops) is not a node. A symlink to a file inside the
    vault is followed and is a note under its OWN path (Obsidian lists it under the link's path). A directory
    symlink pointing at an ancestor (``dirloop -> .``) is a loop: diagnostic ``symlink-loop`` on the link's
    path and nothing below it becomes a note. Each link of a two-link file loop gets its own diagnostic.
 5. Duplicate-name resolution: when the linking note's own folder holds a match, whether the link is also
    reported as ``ambiguous-link`` is left open (tolerated, not required); the shortest-path fallback MUST
    be reported. The test vault is built so "shortest" by characters and by depth give the same answer.
 6. ``alias-conflict`` may be reported on either claiming note or on the linking note, any line.
    A link that stays unresolved because of an alias conflict may or may not also get ``unresolved-link``.
 7. Comma-separated aliases are kept case-distinct (spec example); "duplicate" means the exact same string.
    Tags, which are case-insensitive, are de-duplicated case-insensitively (frontmatter ``[one, One]`` is
    one tag ``one``).
 8. The node attribute ``tags`` and ``Note.tags`` hold tags as written (first-seen casing); a nested tag
    ``a/b`` does NOT add a separate ``a`` entry (the parent counts only for queries and filters, as in
    Obsidian's tag pane vs. its per-note tag list).
 9. ``properties`` keeps every key except the alias and tag keys, with the key spelled as written; null values
    are kept (``cssclasses: null`` -> ``None``); datetimes become ``isoformat()`` strings.
10. Unicode: node ids of files whose names are NFD on disk may be NFD or NFC; the tests compare ids after
    NFC normalisation and require that no two nodes collapse into one.
11. A ghost's ``title`` is its id (the link text as first written, as Obsidian's graph labels it).
12. A link that resolves to the linking note itself through its name (``[[plugins/Backlinks]]`` inside
    ``plugins/Backlinks.md``) is an ordinary link: a self-loop edge. Only ``[[#Heading]]`` / ``[[#^block]]``
    are exempt (spec). Obsidian's resolvedLinks records such self links too.
13. A markdown link that escapes the vault (``[x](../../../outside/secret.md)``) is a ghost; its id may keep
    or drop the ``.md`` suffix (the spec does not say), but it never resolves to the outside file.
14. With ``attachments=True`` an attachment node's id and ``path`` are its vault-relative path with extension.
    Links written inside ``%% %%``/code/math never count, and attachment links by default produce no node at
    all (neither attachment nor ghost).
15. ``(#paren)``, ``[#bracket]``, ``"#quote"`` are NOT tags: the spec says a tag starts after start-of-line
    or whitespace. A tag in a heading's text (``## Section #headingtag``) IS a tag (only the marker is not).
16. CRLF line endings are ordinary line ends (frontmatter still detected, lines counted the same).
17. An empty frontmatter block (``---`` directly followed by ``---``) is an empty mapping: no diagnostic.
18. Inline math follows Obsidian's (Pandoc's) rule: opening ``$`` followed by a non-space, closing ``$``
    preceded by a non-space and not followed by a digit; ``\\$`` is a literal dollar. So in
    ``costs $5 and #money $6`` there is no math and ``money`` is a tag.
19. Markdown structure follows CommonMark as Obsidian does: a 4-space-indented line continuing a list item is
    not indented code; an unclosed fence runs to the end of the note; ``%%``/``<!--`` inside code open nothing.
20. ``Vault.notes`` / ``LinkRef`` records also carry links to attachments and same-note anchors; tests only
    look at the ones they name.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest

import vaultkit

pytestmark = pytest.mark.xdist_group("test_conformance")  # its tests share a module fixture: one worker runs them all

# --------------------------------------------------------------------------------------------------------
# helpers
# --------------------------------------------------------------------------------------------------------

CAFE_NFC = "Caf\u00e9"
CAFE_NFD = "Cafe\u0301"
NAIVE_NFC = "Na\u00efve"
NAIVE_NFD = "Nai\u0308ve"

ERROR_KINDS = {"invalid-yaml", "bad-encoding", "oversized", "unreadable", "symlink-outside", "symlink-loop"}
SOFT_KINDS = {"ambiguous-link", "alias-link", "unresolved-link", "alias-conflict", "frontmatter-not-mapping"}


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def fill(text: str) -> str:
    return (
        text.replace("<<CAFE_NFC>>", CAFE_NFC)
        .replace("<<CAFE_NFD>>", CAFE_NFD)
        .replace("<<NAIVE_NFC>>", NAIVE_NFC)
        .replace("<<NAIVE_NFD>>", NAIVE_NFD)
    )


def line_of(text: str, needle: str) -> int:
    """1-based line of the first occurrence of needle in text."""
    idx = text.find(needle)
    assert idx >= 0, f"test bug: {needle!r} not in text"
    return text.count("\n", 0, idx) + 1


def write(root: Path, rel: str, content: str | bytes) -> None:
    p = root / rel
    p.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        p.write_text(content, encoding="utf-8")
    else:
        p.write_bytes(content)


def snapshot(root: Path) -> dict:
    """Every entry below root (symlinks not followed): type, size, mode, mtime, link target."""
    snap = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in dirnames + filenames:
            p = os.path.join(dirpath, name)
            st = os.lstat(p)
            target = os.readlink(p) if stat.S_ISLNK(st.st_mode) else None
            snap[os.path.relpath(p, root)] = (stat.S_IFMT(st.st_mode), st.st_size, st.st_mode, st.st_mtime_ns, target)
    st = os.lstat(root)
    snap["."] = (stat.S_IFMT(st.st_mode), None, st.st_mode, st.st_mtime_ns, None)
    return snap


def load(root: Path, **kwargs):
    """vaultkit.load with a watchdog, so that a symlink loop cannot hang the test run."""

    def on_alarm(signum, frame):
        raise TimeoutError("vaultkit.load did not return within 120 s")

    old = signal.signal(signal.SIGALRM, on_alarm)
    signal.alarm(120)
    try:
        return vaultkit.load(str(root), **kwargs)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def ids(G) -> dict:
    """NFC id -> real id; fails if two node ids collapse under NFC."""
    m = {}
    for n in G.nodes:
        assert nfc(n) not in m, f"two nodes with the same NFC id: {n!r} and {m[nfc(n)]!r}"
        m[nfc(n)] = n
    return m


def node(G, nid: str) -> dict:
    m = ids(G)
    assert nfc(nid) in m, f"node {nid!r} missing; nodes: {sorted(G.nodes)}"
    return G.nodes[m[nfc(nid)]]


def has_edge(G, u: str, v: str) -> bool:
    m = ids(G)
    return nfc(u) in m and nfc(v) in m and G.has_edge(m[nfc(u)], m[nfc(v)])


def edge(G, u: str, v: str) -> dict:
    assert has_edge(G, u, v), f"edge {u!r} -> {v!r} missing; edges: {sorted(edge_set(G))}"
    m = ids(G)
    return G.edges[m[nfc(u)], m[nfc(v)]]


def edge_set(G) -> set:
    return {(nfc(u), nfc(v)) for u, v in G.edges}


def note(vault, nid: str):
    m = {nfc(k): k for k in vault.notes}
    assert nfc(nid) in m, f"note {nid!r} missing; notes: {sorted(vault.notes)}"
    return vault.notes[m[nfc(nid)]]


def tag_names(n) -> list:
    return [t.name for t in n.tags]


def diag_set(diagnostics) -> set:
    return {(d.kind, nfc(d.path), d.line) for d in diagnostics}


def diags_of(vault, kind: str) -> list:
    return [d for d in vault.diagnostics if d.kind == kind]


def sev(d) -> str:
    return getattr(d.severity, "value", d.severity)


# --------------------------------------------------------------------------------------------------------
# the main test vault
# --------------------------------------------------------------------------------------------------------

MAIN_MAX = 50_000  # max_size used for the main vault: huge.md is above it, every other note far below

INDEX = fill(
    r"""---
aliases: [Home, Start]
tags: [hub]
---
# Index

Plain: [[Quantum mechanics]]
Display: [[Quantum mechanics|QM theory]]
Heading: [[Quantum mechanics#History]]
Nested: [[Quantum mechanics#History#Early days]]
Block: [[Quantum mechanics#^eq1]]
With md: [[Quantum mechanics.md]]
Case: [[quantum MECHANICS]]
Spaces: [[ Linear algebra ]]
Folder: [[physics/Superposition]]
Ambiguous: [[Superposition]]
Tie: [[Dup]]
Suffix: [[deep/Leaf]]
Unaligned suffix: [[eep/Leaf]]
Alias conflict: [[Wave]]
File beats alias: [[Energy]]
Embed: ![[Linear algebra]]
Again: [[Linear algebra|linear maps]]
Ghost: [[Ghost Note]] and [[ghost note]] and [[Ghost Note#Part]]
Hidden: [[Deleted]] [[Config note]] [[Secret]] [[Gitnote]] [[.dotnote]]
Escape: [[../../etc/passwd]]
Unicode: [[<<CAFE_NFD>>]] and [[<<NAIVE_NFC>>]]
Ghost unicode: [[Ghost <<CAFE_NFC>>]] and [[Ghost <<CAFE_NFD>>]]
Inside dir: [[Inside]] and [[Folder.md/Inside]]
Directory: [[Folder]]
Self: [[#Index]] and [[#^top]]
Markdown: [qm percent](Quantum%20mechanics.md), [qm angle](<physics/Quantum mechanics.md>), [qm heading](Quantum%20mechanics.md#Some%20Heading)
External: [site](https://example.org/page#frag), [mail](mailto:someone@example.org), https://example.org/bare#frag
Attachments: ![[diagram.png]] [paper](paper.pdf) ![[Board.canvas]]

| Concept | Link |
| --- | --- |
| QM | [[Quantum mechanics\|the theory]] |

A paragraph with a block. ^top
"""
)

QM = r"""---
Aliases: Quantum Mechanics, QM
tags:
  - "#physics/quantum"
  - Physics
created: 2024-01-15
---
# Quantum mechanics

## History
### Early days

Superposition: [[Superposition]] and relative [rel](./Superposition.md).
Back to [[index]].

$$
E = mc^2
$$
%% Mass-energy %%

Equation block ^eq1

#physics and #Superposition #superposition
"""

LINEAR_ALGEBRA = r"""---
alias: LA
---
Vectors. Physics uses it: [[QM]] and [[qm]].
"""

MATH_SUPERPOSITION = r"""In linear algebra, see [[Linear algebra]].
Up: [up](../index.md) and [home](../physics/Energy.md).
"""

TEMPLATE = r"""---
title: {{title}}
tags: [template]
---
Body of template links [[index]] #from-template
"""

BAD_QUOTE = r"""---
aliases: [Quoted]
title: "{{title}}" draft
---
Still parsed: [[index]] #badquote
"""

TABBED = "---\ntags:\n\t- physics\n---\nTabbed body [[index]] #tabbed\n"

NOT_MAPPING = r"""---
- just
- a list
---
Body [[index]]
"""

BOM = "\ufeff---\naliases: [Byte order]\ntags: [bom]\n---\nBOM body [[index]]\n"

BAD_UTF8 = b"First line\nCaf\xe9 au lait [[index]] #utf8tag\nThird \xff\xfe line\n"

HUGE = "[[index]] #hugetag\n" + "filler text to pass the size limit\n" * 2000  # ~70 kB

TAGS = r"""#notheading at line start is a tag
# Heading marker is not a tag
## Section with #headingtag
Text #simple, #comma, #dot. #colon: #semi; #bang! #question? end
Not after punctuation: (#paren) [#bracket] "#quote" '#single'
C# and a#b are not tags; #1984 is not, #y1984 is, and so is #1984y.
Nested #physics/quantum/field and #a-b_c here.
Emoji #🚀 and #idea💡 and unicode #Überblick #日本語
Case #CaseTag then #casetag and #CASETAG
URL https://example.org/#frag and [x](https://example.org/#frag2) and [[index#notatag]]
- #listtag in a list

> #quotetag in a quote

| Col |
| --- |
| #celltag |
"""

TAGS_EXPECTED = [
    "notheading", "headingtag", "simple", "comma", "dot", "colon", "semi", "bang", "question", "y1984",
    "1984y", "physics/quantum/field", "a-b_c", "🚀", "idea💡", "Überblick", "日本語", "CaseTag", "listtag",
    "quotetag", "celltag",
]  # fmt: skip

CODE = r"""Inline `[[InCode]] #incode` and ``[[InCode2]] `#x` `` here.

```python
[[Fenced]] #fenced
```

~~~
[[Tilde]] #tilde
~~~

Paragraph before indented code.

    [[Indented]] #indented

Inline math $x^2 [[InMath]] #inmath$ and $$[[InDisplayInline]] #indisplayinline$$ too.

$$
[[InDisplay]] #indisplay
$$

Text %% [[InComment]] #incomment %% more text.

%%
[[InComment2]] #incomment2
%%

<!-- [[InHtml]] #inhtml -->

<!--
[[InHtml2]] #inhtml2
-->

Real one: [[index]] #realtag
"""

FM_LIST = r"""---
aliases: [Alpha, Beta, Alpha, null, ""]
tags: [one, "#two", One]
---
List body.
"""

FM_BLOCK = r"""---
ALIASES:
  - Gamma
  - Delta
Tag:
  - block-tag
---
Block body.
"""

FM_SCALAR = r"""---
alias: Epsilon
tags: scalar-tag
---
Scalar body.
"""

FM_COMMA = r"""---
Aliases: Quantum Field, quantum field, Zeta
tags: "#comma-one, comma-two"
---
Comma body.
"""

FM_EMPTY = r"""---
aliases:
tags: #yaml-comment-not-a-tag
cssclasses: null
---
Empty body.
"""

FM_PROPS = r"""---
title: Custom Title
date: 2024-01-15
updated: 2024-01-15T10:30:00
rating: 5
score: 4.5
draft: false
authors: [Ann, Bob]
meta:
  source: book
  pages: 12
---
Props body.
"""

LEAK = "[[Leaked]] #leaked\n"

MAIN_FILES: dict[str, str | bytes] = {
    "index.md": INDEX,
    "physics/Quantum mechanics.md": QM,
    "physics/Superposition.md": "A state can be a sum. See [[Quantum mechanics#History|history]].\n",
    "physics/Energy.md": "Energy is conserved.\n",
    "math/Superposition.md": MATH_SUPERPOSITION,
    "math/Linear algebra.md": LINEAR_ALGEBRA,
    "aa/Dup.md": "Dup A.\n",
    "bb/Dup.md": "Dup B.\n",
    "a/deep/Leaf.md": "Leaf.\n",
    "sub/Rel.md": "[same folder](./Sibling.md) and [parent](../index.md)\n",
    "sub/Sibling.md": "Sibling.\n",
    f"notes/{CAFE_NFC}.md": "Coffee.\n",
    f"notes/{NAIVE_NFD}.md": "Naive.\n",  # NFD file name on disk
    "Folder.md/Inside.md": "Inside a directory named Folder.md.\n",
    "Templates/Template.md": TEMPLATE,
    "Bad quote.md": BAD_QUOTE,
    "Tabbed.md": TABBED,
    "NotMapping.md": NOT_MAPPING,
    "bom.md": BOM,
    "bad-utf8.md": BAD_UTF8,
    "huge.md": HUGE,
    "empty.md": "",
    "Tags.md": TAGS,
    "Code.md": CODE,
    "fm/List.md": FM_LIST,
    "fm/Block.md": FM_BLOCK,
    "fm/Scalar.md": FM_SCALAR,
    "fm/Comma.md": FM_COMMA,
    "fm/Empty.md": FM_EMPTY,
    "fm/Props.md": FM_PROPS,
    "Wave1.md": "---\naliases: [Wave]\n---\nWave one.\n",
    "Wave2.md": "---\naliases: [wave, Energy]\n---\nWave two.\n",
    "real/Target.md": "Target body links [[Leaf]].\n",
    # excluded from the vault
    ".trash/Deleted.md": "[[Leaked3]] [[index]] #trashtag\n",
    ".obsidian/Config note.md": "[[Leaked3]] [[index]]\n",
    ".git/Gitnote.md": "[[Leaked3]] [[index]]\n",
    ".hidden/Secret.md": "[[Leaked3]] [[index]]\n",
    ".dotnote.md": "[[Leaked3]] [[index]]\n",
    # attachments
    "assets/diagram.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
    "paper.pdf": b"%PDF-1.4\n%%EOF\n",
    "Board.canvas": '{"nodes":[],"edges":[]}\n',
}

MAIN_NOTES = {
    "index", "physics/Quantum mechanics", "physics/Superposition", "physics/Energy", "math/Superposition",
    "math/Linear algebra", "aa/Dup", "bb/Dup", "a/deep/Leaf", "sub/Rel", "sub/Sibling", f"notes/{CAFE_NFC}",
    f"notes/{NAIVE_NFC}", "Folder.md/Inside", "Templates/Template", "Bad quote", "Tabbed", "NotMapping",
    "bom", "bad-utf8", "huge", "empty", "Tags", "Code", "fm/List", "fm/Block", "fm/Scalar", "fm/Comma",
    "fm/Empty", "fm/Props", "Wave1", "Wave2", "Shortcut", "real/Target",
}  # fmt: skip

MAIN_GHOSTS = {
    "eep/Leaf", "Wave", "Ghost Note", "Deleted", "Config note", "Secret", "Gitnote", ".dotnote",
    "../../etc/passwd", f"Ghost {CAFE_NFC}", "Folder",
}  # fmt: skip


def build_main(base: Path) -> Path:
    root = base / "vault"
    for rel, content in MAIN_FILES.items():
        write(root, rel, content)
    # outside the vault
    write(base, "outside/secret.md", LEAK)
    write(base, "outside_dir/Ext.md", "[[Leaked2]] #leaked2\n")
    # symlinks
    os.symlink("real/Target.md", root / "Shortcut.md")  # inside: followed
    os.symlink(base / "outside" / "secret.md", root / "outside-link.md")  # leaves the vault
    os.symlink(base / "outside_dir", root / "ext", target_is_directory=True)  # leaves the vault
    os.symlink("loop-b.md", root / "loop-a.md")  # loop
    os.symlink("loop-a.md", root / "loop-b.md")
    os.symlink(".", root / "dirloop", target_is_directory=True)  # directory loop
    return root


@pytest.fixture(scope="module")
def main(tmp_path_factory):
    base = tmp_path_factory.mktemp("main")
    root = build_main(base)
    before = snapshot(root)
    vault = load(root, max_size=MAIN_MAX)
    G = vault.graph()
    found = {q: vault.find(q) for q in ("QM", "quantum mechanics", "Home", "nothing here")}
    after = snapshot(root)
    return SimpleNamespace(base=base, root=root, vault=vault, G=G, before=before, after=after, found=found)


def L(path: str, needle: str) -> int:
    """Line of needle in a main-vault file."""
    content = MAIN_FILES[path]
    if isinstance(content, bytes):
        content = content.decode("utf-8", "replace")
    return line_of(content, needle)


def ed(line, kind="link", count=1, display=(), anchors=(), via_alias=False):
    return dict(kind=kind, count=count, display=list(display), anchors=list(anchors), line=line, via_alias=via_alias)


QMID = "physics/Quantum mechanics"

MAIN_EDGES = {
    ("index", QMID): ed(
        L("index.md", "Plain:"),
        count=11,
        display=["QM theory", "qm percent", "qm angle", "qm heading", "the theory"],
        anchors=["History", "History#Early days", "^eq1", "Some Heading"],
    ),
    ("index", "math/Linear algebra"): ed(L("index.md", "Spaces:"), kind="embed", count=3, display=["linear maps"]),
    ("index", "physics/Superposition"): ed(L("index.md", "Folder:")),
    ("index", "math/Superposition"): ed(L("index.md", "Ambiguous:")),
    ("index", "aa/Dup"): ed(L("index.md", "Tie:")),
    ("index", "a/deep/Leaf"): ed(L("index.md", "Suffix:")),
    ("index", "eep/Leaf"): ed(L("index.md", "Unaligned suffix:")),
    ("index", "Wave"): ed(L("index.md", "Alias conflict:")),
    ("index", "physics/Energy"): ed(L("index.md", "File beats alias:")),
    ("index", "Ghost Note"): ed(L("index.md", "Ghost:"), count=3, anchors=["Part"]),
    ("index", "Deleted"): ed(L("index.md", "Hidden:")),
    ("index", "Config note"): ed(L("index.md", "Hidden:")),
    ("index", "Secret"): ed(L("index.md", "Hidden:")),
    ("index", "Gitnote"): ed(L("index.md", "Hidden:")),
    ("index", ".dotnote"): ed(L("index.md", "Hidden:")),
    ("index", "../../etc/passwd"): ed(L("index.md", "Escape:")),
    ("index", f"notes/{CAFE_NFC}"): ed(L("index.md", "Unicode:")),
    ("index", f"notes/{NAIVE_NFC}"): ed(L("index.md", "Unicode:")),
    ("index", f"Ghost {CAFE_NFC}"): ed(L("index.md", "Ghost unicode:"), count=2),
    ("index", "Folder.md/Inside"): ed(L("index.md", "Inside dir:"), count=2),
    ("index", "Folder"): ed(L("index.md", "Directory:")),
    (QMID, "physics/Superposition"): ed(L("physics/Quantum mechanics.md", "[[Superposition]]"), count=2, display=["rel"]),
    (QMID, "index"): ed(L("physics/Quantum mechanics.md", "[[index]]")),
    ("physics/Superposition", QMID): ed(1, display=["history"], anchors=["History"]),
    ("math/Superposition", "math/Linear algebra"): ed(1),
    ("math/Superposition", "index"): ed(2, display=["up"]),
    ("math/Superposition", "physics/Energy"): ed(2, display=["home"]),
    ("math/Linear algebra", QMID): ed(L("math/Linear algebra.md", "[[QM]]"), count=2, via_alias=True),
    ("sub/Rel", "sub/Sibling"): ed(1, display=["same folder"]),
    ("sub/Rel", "index"): ed(1, display=["parent"]),
    ("Templates/Template", "index"): ed(L("Templates/Template.md", "[[index]]")),
    ("Bad quote", "index"): ed(L("Bad quote.md", "[[index]]")),
    ("Tabbed", "index"): ed(L("Tabbed.md", "[[index]]")),
    ("NotMapping", "index"): ed(L("NotMapping.md", "[[index]]")),
    ("bom", "index"): ed(5),
    ("bad-utf8", "index"): ed(2),
    ("Tags", "index"): ed(L("Tags.md", "[[index#notatag]]"), anchors=["notatag"]),
    ("Code", "index"): ed(L("Code.md", "Real one:")),
    ("Shortcut", "a/deep/Leaf"): ed(1),
    ("real/Target", "a/deep/Leaf"): ed(1),
}


def _d(kind, paths, lines, required=True):
    return SimpleNamespace(kind=kind, paths=set(paths), lines=None if lines is None else set(lines), required=required)


MAIN_DIAGNOSTICS = [
    _d("invalid-yaml", ["Templates/Template.md"], [2]),
    _d("invalid-yaml", ["Bad quote.md"], [3]),
    _d("invalid-yaml", ["Tabbed.md"], [3]),
    _d("frontmatter-not-mapping", ["NotMapping.md"], [0, 1, 2]),
    _d("bad-encoding", ["bad-utf8.md"], [0, 2]),
    _d("oversized", ["huge.md"], [0]),
    _d("symlink-outside", ["outside-link.md"], [0]),
    _d("symlink-outside", ["ext"], [0]),
    _d("symlink-loop", ["loop-a.md"], [0]),
    _d("symlink-loop", ["loop-b.md"], [0]),
    _d("symlink-loop", ["dirloop"], [0]),
    _d("ambiguous-link", ["index.md"], [L("index.md", "Ambiguous:")]),
    _d("ambiguous-link", ["index.md"], [L("index.md", "Tie:")]),
    _d("alias-link", ["math/Linear algebra.md"], [L("math/Linear algebra.md", "[[QM]]")]),
    _d("alias-conflict", ["Wave1.md", "Wave2.md", "index.md"], None),
    _d("unresolved-link", ["index.md"], [L("index.md", "Unaligned suffix:")]),
    _d("unresolved-link", ["index.md"], [L("index.md", "Ghost:")]),
    _d("unresolved-link", ["index.md"], [L("index.md", "Hidden:")]),
    _d("unresolved-link", ["index.md"], [L("index.md", "Escape:")]),
    _d("unresolved-link", ["index.md"], [L("index.md", "Ghost unicode:")]),
    _d("unresolved-link", ["index.md"], [L("index.md", "Directory:")]),
    # tolerated, not required (see readings 5 and 6)
    _d("ambiguous-link", ["physics/Quantum mechanics.md"], [L("physics/Quantum mechanics.md", "[[Superposition]]")], False),
    _d("unresolved-link", ["index.md"], [L("index.md", "Alias conflict:")], False),
]


def check_diagnostics(diagnostics, expectations):
    """Every actual diagnostic must match an expectation; every required expectation must be matched."""

    def matches(d, e):
        return d.kind == e.kind and nfc(d.path) in e.paths and (e.lines is None or d.line in e.lines)

    unexpected = [str(d) for d in diagnostics if not any(matches(d, e) for e in expectations)]
    missing = [
        f"{e.kind} at {sorted(e.paths)} line in {sorted(e.lines) if e.lines is not None else 'any'}"
        for e in expectations
        if e.required and not any(matches(d, e) for d in diagnostics)
    ]
    assert not unexpected and not missing, f"unexpected: {unexpected}\nmissing: {missing}"


# ========================================================================================================
# Whole graph: exact node set, edge set, edge attributes, diagnostics
# ========================================================================================================


class TestWholeGraph:
    def test_exact_node_set(self, main):
        """Every `*.md` file under the vault root is a note ...; unresolved links are "a node with
        `exists: false` whose id is the target as first written"."""
        got = set(ids(main.G))
        assert got == {nfc(n) for n in MAIN_NOTES | MAIN_GHOSTS}

    def test_exact_note_set(self, main):
        """Node id: the vault-relative POSIX path without `.md`. (Vault.notes holds exactly the notes.)"""
        got = {nfc(k) for k in main.vault.notes}
        assert len(got) == len(main.vault.notes)
        assert got == {nfc(n) for n in MAIN_NOTES}

    def test_exact_edge_set(self, main):
        """An edge records: `kind`, `count`, `display` texts, `anchors`, and `line` of the first occurrence."""
        assert edge_set(main.G) == {(nfc(u), nfc(v)) for u, v in MAIN_EDGES}

    def test_exact_edge_attributes(self, main):
        """An edge records: `kind` (`link` or `embed`; `embed` wins if both), `count` (occurrences), `display`
        texts, `anchors` (headings or block ids linked to), and `line` of the first occurrence."""
        wrong = {}
        for (u, v), want in MAIN_EDGES.items():
            if not has_edge(main.G, u, v):
                continue  # reported by test_exact_edge_set
            got = edge(main.G, u, v)
            got = {k: got.get(k, "<missing>") for k in want}
            if got != want:
                wrong[f"{u} -> {v}"] = {k: (want[k], got[k]) for k in want if want[k] != got[k]}
        assert not wrong, "edge attributes (expected, got):\n" + "\n".join(f"{k}: {v}" for k, v in wrong.items())

    def test_exact_diagnostics(self, main):
        """Diagnostics of the main vault: exactly the problems the spec names, at their path and line."""
        check_diagnostics(main.vault.diagnostics, MAIN_DIAGNOSTICS)

    def test_diagnostic_severity(self, main):
        """Severity is "error" for invalid-yaml, bad-encoding, oversized, unreadable, symlink-*; warning or info
        for the others (contract of the API)."""
        for d in main.vault.diagnostics:
            if d.kind in ERROR_KINDS:
                assert sev(d) == "error", str(d)
            else:
                assert sev(d) in ("warning", "info"), str(d)

    def test_node_attributes_on_every_node(self, main):
        """Node attributes on every node: title, path, aliases, tags, properties, exists, kind."""
        for n, a in main.G.nodes(data=True):
            assert isinstance(a.get("title"), str), (n, a)
            assert a.get("kind") in ("note", "ghost", "attachment"), (n, a)
            assert isinstance(a.get("aliases"), list), (n, a)
            assert isinstance(a.get("tags"), list), (n, a)
            assert isinstance(a.get("properties"), dict), (n, a)
            assert isinstance(a.get("exists"), bool), (n, a)
            if a["kind"] == "note":
                assert a["exists"] is True and a["path"] == n + ".md", (n, a)
            if a["kind"] == "ghost":
                assert a["exists"] is False and a["path"] is None, (n, a)
            json.dumps(a["properties"])


# ========================================================================================================
# Which files
# ========================================================================================================


class TestWhichFiles:
    def test_every_md_file_is_a_note_except_dot_folders(self, main):
        """Every `*.md` file under the vault root is a note, except under `.obsidian/`, `.trash/`, `.git/` and
        any folder or file that starts with `.`."""
        notes = {nfc(k) for k in main.vault.notes}
        for hidden in (".trash/Deleted", ".obsidian/Config note", ".git/Gitnote", ".hidden/Secret", ".dotnote"):
            assert hidden not in notes
        # links to them do not resolve: they are ghosts
        for ghost in ("Deleted", "Config note", "Secret", "Gitnote", ".dotnote"):
            a = node(main.G, ghost)
            assert a["exists"] is False and a["kind"] == "ghost"
        assert "Leaked3" not in ids(main.G)
        assert not any(t.name == "trashtag" for n in main.vault.notes.values() for t in n.tags)

    def test_directory_named_md_is_not_a_note(self, main):
        """A directory whose name ends in `.md` is a directory, not a note."""
        assert "Folder" not in {nfc(k) for k in main.vault.notes}
        assert "Folder.md" not in {nfc(k) for k in main.vault.notes}
        assert node(main.G, "Folder")["kind"] == "ghost"  # [[Folder]] stays unresolved
        inside = note(main.vault, "Folder.md/Inside")
        assert inside.path == "Folder.md/Inside.md" and inside.title == "Inside"

    def test_attachments_stay_out_of_graph_by_default(self, main):
        """Other files (images, PDFs, `.canvas`) are attachments: links to them are recorded ... only when the
        user asks for attachments; by default they stay out of the graph."""
        for n, a in main.G.nodes(data=True):
            assert a["kind"] != "attachment", n
            assert not n.lower().endswith((".png", ".pdf", ".canvas")), n
            assert "diagram" not in n.lower() and "paper" not in n.lower() and "board" not in n.lower(), n

    def test_attachments_recorded_when_asked(self, tmp_path):
        """links to them are recorded (edge kind `embed` or `link` to an `attachment` node) only when the user
        asks for attachments"""
        root = tmp_path / "vault"
        text = (
            "Embed image: ![[diagram.png]]\n"
            "Markdown image: ![alt](assets/diagram.png)\n"
            "Link pdf: [paper](docs/paper.pdf)\n"
            "Embed pdf: ![[paper.pdf]]\n"
            "Canvas: [[Board.canvas]]\n"
            "Note: [[Other]]\n"
        )
        write(root, "Note.md", text)
        write(root, "Other.md", "Other.\n")
        write(root, "assets/diagram.png", b"\x89PNG\r\n\x1a\n")
        write(root, "docs/paper.pdf", b"%PDF-1.4\n")
        write(root, "Board.canvas", '{"nodes":[],"edges":[]}\n')

        G = load(root, attachments=True).graph()
        assert set(ids(G)) == {"Note", "Other", "assets/diagram.png", "docs/paper.pdf", "Board.canvas"}
        assert edge_set(G) == {
            ("Note", "Other"),
            ("Note", "assets/diagram.png"),
            ("Note", "docs/paper.pdf"),
            ("Note", "Board.canvas"),
        }
        for att in ("assets/diagram.png", "docs/paper.pdf", "Board.canvas"):
            a = node(G, att)
            assert a["kind"] == "attachment" and a["exists"] is True and a["path"] == att
        e = edge(G, "Note", "assets/diagram.png")
        assert (e["kind"], e["count"], e["line"]) == ("embed", 2, 1)
        e = edge(G, "Note", "docs/paper.pdf")
        assert (e["kind"], e["count"], e["line"]) == ("embed", 2, 3)  # link + embed: embed wins
        e = edge(G, "Note", "Board.canvas")
        assert (e["kind"], e["count"], e["line"]) == ("link", 1, 5)

        G0 = load(root).graph()  # default: attachments=False
        assert set(ids(G0)) == {"Note", "Other"}
        assert edge_set(G0) == {("Note", "Other")}

    def test_bom_is_allowed(self, main):
        """Files are read as UTF-8 (a BOM is allowed)."""
        bom = note(main.vault, "bom")
        assert bom.aliases == ("Byte order",)
        assert tag_names(bom) == ["bom"]
        assert bom.title == "bom"
        assert [d for d in main.vault.diagnostics if d.path == "bom.md"] == []
        assert edge(main.G, "bom", "index")["line"] == 5

    def test_crlf_line_endings_are_read(self, tmp_path):
        """Files are read as UTF-8 (a BOM is allowed). (A vault written on Windows: CRLF line endings, reading 16.)"""
        root = tmp_path / "vault"
        write(root, "Win note.md", b"---\r\naliases: [Win]\r\ntags: [crlf]\r\n---\r\nLine five [[Other]] #body\r\n")
        write(root, "Other.md", "Other.\n")
        vault = load(root)
        n = note(vault, "Win note")
        assert n.aliases == ("Win",) and tag_names(n) == ["crlf", "body"] and n.properties == {}
        assert edge(vault.graph(), "Win note", "Other")["line"] == 5
        assert diag_set(vault.diagnostics) == set()

    def test_invalid_utf8_is_decoded_with_replacement_and_parsed(self, main):
        """A file that is not valid UTF-8 is decoded with replacement characters and parsed, with a diagnostic."""
        n = note(main.vault, "bad-utf8")
        assert tag_names(n) == ["utf8tag"]
        assert has_edge(main.G, "bad-utf8", "index")
        assert edge(main.G, "bad-utf8", "index")["line"] == 2
        ds = [d for d in diags_of(main.vault, "bad-encoding") if d.path == "bad-utf8.md"]
        assert len(ds) >= 1 and all(d.line in (0, 2) for d in ds), ds
        assert sev(ds[0]) == "error"
        assert node(main.G, "bad-utf8")["exists"] is True

    def test_oversized_file_is_a_node_with_diagnostic(self, main):
        """A file that is unreadable or larger than a size limit (default 5 MiB) gives a diagnostic and is still
        a node (title from its file name). Never a crash."""
        a = node(main.G, "huge")
        assert a["kind"] == "note" and a["exists"] is True and a["title"] == "huge" and a["path"] == "huge.md"
        assert main.G.out_degree(ids(main.G)["huge"]) == 0  # its text was not parsed
        assert a["tags"] == []
        ds = [d for d in diags_of(main.vault, "oversized") if d.path == "huge.md"]
        assert [(d.line, sev(d)) for d in ds] == [(0, "error")]

    def test_default_size_limit_is_5_mib(self, tmp_path):
        """larger than a size limit (default 5 MiB)"""
        root = tmp_path / "vault"
        limit = 5 * 1024 * 1024
        head = "[[Other]]\n"
        write(root, "exact.md", head + "x" * (limit - len(head)))
        write(root, "over.md", head + "x" * (limit - len(head) + 1))
        write(root, "Other.md", "Other.\n")
        assert (root / "exact.md").stat().st_size == limit and (root / "over.md").stat().st_size == limit + 1
        vault = load(root)
        G = vault.graph()
        assert set(ids(G)) == {"exact", "over", "Other"}
        assert edge_set(G) == {("exact", "Other")}
        assert diag_set(vault.diagnostics) == {("oversized", "over.md", 0)}

    def test_max_size_option(self, tmp_path):
        """larger than a size limit ... gives a diagnostic and is still a node (vaultkit.load(max_size=N))."""
        root = tmp_path / "vault"
        write(root, "small.md", "[[big]]\n")  # 8 bytes
        write(root, "big.md", "[[small]]\n" + "y" * 100)
        vault = load(root, max_size=50)
        G = vault.graph()
        assert set(ids(G)) == {"small", "big"}
        assert edge_set(G) == {("small", "big")}
        assert node(G, "big")["title"] == "big"
        assert diag_set(vault.diagnostics) == {("oversized", "big.md", 0)}

    def test_unreadable_file_is_a_node_with_diagnostic(self, tmp_path):
        """A file that is unreadable ... gives a diagnostic and is still a node (title from its file name).
        Never a crash."""
        root = tmp_path / "vault"
        write(root, "locked.md", "[[Other]]\n")
        write(root, "Other.md", "Other.\n")
        p = root / "locked.md"
        p.chmod(0)
        try:
            if os.access(p, os.R_OK):
                pytest.skip("running with privileges that can read a mode-000 file (root)")
            vault = load(root)
            G = vault.graph()
            assert set(ids(G)) == {"locked", "Other"}
            assert node(G, "locked")["title"] == "locked"
            assert edge_set(G) == set()
            assert diag_set(vault.diagnostics) == {("unreadable", "locked.md", 0)}
        finally:
            p.chmod(0o644)

    def test_symlink_inside_vault_is_followed(self, main):
        """Symbolic links are followed only inside the vault"""
        sc = note(main.vault, "Shortcut")
        assert sc.path == "Shortcut.md" and sc.title == "Shortcut"
        assert edge(main.G, "Shortcut", "a/deep/Leaf")["line"] == 1
        assert has_edge(main.G, "real/Target", "a/deep/Leaf")

    def test_symlink_leaving_vault_is_diagnostic(self, main):
        """Symbolic links are followed only inside the vault; a link that leaves the vault ... is a diagnostic."""
        got = {(d.path, d.line) for d in diags_of(main.vault, "symlink-outside")}
        assert got == {("outside-link.md", 0), ("ext", 0)}
        assert all(sev(d) == "error" for d in diags_of(main.vault, "symlink-outside"))
        for n in ids(main.G):
            assert n not in ("outside-link", "ext/Ext", "Leaked", "Leaked2"), n
        assert not any(t.name.startswith("leaked") for n in main.vault.notes.values() for t in n.tags)

    def test_symlink_loop_is_diagnostic(self, main):
        """a link that ... loops is a diagnostic. ... Never a crash."""
        got = {(d.path, d.line) for d in diags_of(main.vault, "symlink-loop")}
        assert got == {("loop-a.md", 0), ("loop-b.md", 0), ("dirloop", 0)}
        assert all(sev(d) == "error" for d in diags_of(main.vault, "symlink-loop"))
        for n in ids(main.G):
            assert not n.startswith("dirloop/") and n not in ("loop-a", "loop-b"), n

    def test_vaultkit_never_writes_inside_the_vault(self, main):
        """vaultkit never writes inside the vault, except `vaultkit new` ... Caches live outside it."""
        assert main.after == main.before


# ========================================================================================================
# Note identity
# ========================================================================================================


class TestNoteIdentity:
    def test_node_id_is_vault_relative_posix_path_without_md(self, main):
        """Node id: the vault-relative POSIX path without `.md` (`physics/Quantum mechanics`)."""
        n = note(main.vault, QMID)
        assert n.id == QMID
        assert nfc(note(main.vault, "a/deep/Leaf").id) == "a/deep/Leaf"
        assert note(main.vault, "Folder.md/Inside").id == "Folder.md/Inside"
        assert all("\\" not in k and not k.endswith(".md") and not k.startswith("/") for k in main.vault.notes)

    def test_title_is_file_name_and_path_has_md(self, main):
        """`title`: the file name without `.md`. `path`: the vault-relative path with `.md`."""
        a = node(main.G, QMID)
        assert (a["title"], a["path"]) == ("Quantum mechanics", "physics/Quantum mechanics.md")
        # a frontmatter `title:` key does not change the title
        p = note(main.vault, "fm/Props")
        assert (p.title, p.path) == ("Props", "fm/Props.md")
        assert node(main.G, "fm/Props")["title"] == "Props"
        assert nfc(node(main.G, f"notes/{NAIVE_NFC}")["title"]) == NAIVE_NFC


# ========================================================================================================
# Frontmatter
# ========================================================================================================


class TestFrontmatter:
    def test_keys_are_matched_case_insensitively(self, main):
        """Keys are matched case-insensitively: `aliases`, `Aliases`, `alias`, `ALIASES` all mean aliases;
        likewise `tags`/`tag`."""
        assert note(main.vault, "fm/List").aliases == ("Alpha", "Beta")  # aliases
        assert note(main.vault, QMID).aliases == ("Quantum Mechanics", "QM")  # Aliases
        assert note(main.vault, "fm/Scalar").aliases == ("Epsilon",)  # alias
        assert note(main.vault, "fm/Block").aliases == ("Gamma", "Delta")  # ALIASES
        assert tag_names(note(main.vault, "fm/Block")) == ["block-tag"]  # Tag
        for nid in ("fm/List", QMID, "fm/Scalar", "fm/Block"):
            assert not {"aliases", "alias", "tags", "tag"} & {k.lower() for k in note(main.vault, nid).properties}

    def test_value_list_scalar_or_comma_separated(self, main):
        """A value may be a YAML list, a scalar string, or a comma-separated string: `Aliases: Quantum Mechanics,
        quantum mechanics` gives two aliases."""
        assert note(main.vault, "fm/Block").aliases == ("Gamma", "Delta")  # block list
        assert note(main.vault, "index").aliases == ("Home", "Start")  # flow list
        assert note(main.vault, "fm/Scalar").aliases == ("Epsilon",)  # scalar
        assert tag_names(note(main.vault, "fm/Scalar")) == ["scalar-tag"]
        assert note(main.vault, "fm/Comma").aliases == ("Quantum Field", "quantum field", "Zeta")  # comma string
        assert tag_names(note(main.vault, "fm/Comma")) == ["comma-one", "comma-two"]
        assert node(main.G, "fm/Comma")["aliases"] == ["Quantum Field", "quantum field", "Zeta"]

    def test_empty_null_and_duplicate_entries_are_dropped(self, main):
        """Empty, `null` and duplicate entries are dropped; order of first appearance kept."""
        assert note(main.vault, "fm/List").aliases == ("Alpha", "Beta")
        assert tag_names(note(main.vault, "fm/List")) == ["one", "two"]
        e = note(main.vault, "fm/Empty")
        assert e.aliases == () and e.tags == ()
        assert node(main.G, "fm/Empty")["aliases"] == [] and node(main.G, "fm/Empty")["tags"] == []

    def test_frontmatter_tags_leading_hash_is_stripped(self, main):
        """Frontmatter tags may carry a leading `#`, which is stripped."""
        assert tag_names(note(main.vault, "fm/List")) == ["one", "two"]
        assert tag_names(note(main.vault, QMID))[:2] == ["physics/quantum", "Physics"]
        assert tag_names(note(main.vault, "fm/Comma")) == ["comma-one", "comma-two"]
        assert all(not t.startswith("#") for _, a in main.G.nodes(data=True) for t in a["tags"])

    def test_invalid_yaml_gives_diagnostic_with_line_and_body_is_parsed(self, main):
        """Invalid YAML (for example a template placeholder like `title: "{{title}}"` quoted badly, or tabs)
        gives a diagnostic with the line; the body is still parsed and the note still joins the graph."""
        got = {(d.path, d.line) for d in diags_of(main.vault, "invalid-yaml")}
        assert got == {("Templates/Template.md", 2), ("Bad quote.md", 3), ("Tabbed.md", 3)}
        assert all(sev(d) == "error" for d in diags_of(main.vault, "invalid-yaml"))
        for nid, tag in (("Templates/Template", "from-template"), ("Bad quote", "badquote"), ("Tabbed", "tabbed")):
            n = note(main.vault, nid)
            assert tag_names(n) == [tag], nid  # body tag only: invalid frontmatter contributes nothing
            assert n.aliases == () and n.properties == {}, nid
            assert has_edge(main.G, nid, "index"), nid
            assert node(main.G, nid)["exists"] is True
        assert main.vault.find("Quoted") is None

    def test_frontmatter_not_a_mapping(self, main):
        """Frontmatter (YAML between `---` lines at the very top) that is not a mapping: diagnostic
        `frontmatter-not-mapping` (API contract); the note still joins the graph."""
        ds = [d for d in diags_of(main.vault, "frontmatter-not-mapping")]
        assert [d.path for d in ds] == ["NotMapping.md"] and ds[0].line in (0, 1, 2)
        n = note(main.vault, "NotMapping")
        assert n.aliases == () and n.tags == () and n.properties == {}
        assert has_edge(main.G, "NotMapping", "index")

    def test_frontmatter_only_at_the_very_top(self, tmp_path):
        """Frontmatter (YAML between `---` lines at the very top)"""
        root = tmp_path / "vault"
        write(root, "Late.md", "\n---\ntags: [late]\n---\nBody #real\n")
        write(root, "Break.md", "Intro [[Late]]\n\n---\ntags: [nope]\n---\n")
        vault = load(root)
        assert tag_names(note(vault, "Late")) == ["real"] and note(vault, "Late").properties == {}
        assert tag_names(note(vault, "Break")) == [] and note(vault, "Break").properties == {}
        assert edge_set(vault.graph()) == {("Break", "Late")}
        assert diag_set(vault.diagnostics) == set()

    def test_empty_frontmatter_is_not_an_error(self, tmp_path):
        """Frontmatter (YAML between `---` lines at the very top): an empty block is no mapping problem
        (reading 17)."""
        root = tmp_path / "vault"
        write(root, "E.md", "---\n---\nBody [[F]]\n")
        write(root, "F.md", "---\n\n---\nF.\n")
        vault = load(root)
        assert edge(vault.graph(), "E", "F")["line"] == 3
        assert note(vault, "F").properties == {} and note(vault, "E").aliases == ()
        assert diag_set(vault.diagnostics) == set()

    def test_other_keys_are_properties_json_serialisable(self, main):
        """All other keys are kept as the node attribute `properties` (JSON-serialisable: dates become ISO
        strings)."""
        want = {
            "title": "Custom Title",
            "date": "2024-01-15",
            "updated": "2024-01-15T10:30:00",
            "rating": 5,
            "score": 4.5,
            "draft": False,
            "authors": ["Ann", "Bob"],
            "meta": {"source": "book", "pages": 12},
        }
        assert node(main.G, "fm/Props")["properties"] == want
        assert note(main.vault, "fm/Props").properties == want
        assert json.loads(json.dumps(node(main.G, "fm/Props")["properties"])) == want
        assert node(main.G, QMID)["properties"] == {"created": "2024-01-15"}
        assert node(main.G, "fm/Empty")["properties"] == {"cssclasses": None}
        assert node(main.G, "index")["properties"] == {}


# ========================================================================================================
# Tags
# ========================================================================================================


class TestTags:
    def test_inline_tags_not_in_code_math_or_comments(self, main):
        """Inline `#tag` in body text, not inside code (inline or fenced or indented), math, HTML comments,
        Obsidian comments `%% … %%`, link targets or URLs"""
        assert tag_names(note(main.vault, "Code")) == ["realtag"]
        assert node(main.G, "Code")["tags"] == ["realtag"]
        tags = tag_names(note(main.vault, "Tags"))
        for t in ("frag", "frag2", "notatag"):
            assert t not in tags
        assert tag_names(note(main.vault, "index")) == ["hub"]

    def test_currency_dollars_are_not_math(self, tmp_path):
        """Inline `#tag` in body text, not inside ... math. (Obsidian/Pandoc rule: an opening `$` needs a
        non-space on its right and a closing `$` a non-space on its left; `\\$` is a literal dollar; reading 18.)"""
        root = tmp_path / "vault"
        write(root, "M.md", "It costs $5 and #money $6 today.\nEscaped \\$x #escaped \\$ and real $x #inmath$ math.\n")
        vault = load(root)
        assert tag_names(note(vault, "M")) == ["money", "escaped"]

    def test_heading_marker_is_not_a_tag(self, main):
        """and not as a Markdown heading marker (`# Heading`)."""
        tags = tag_names(note(main.vault, "Tags"))
        assert "Heading" not in tags and "" not in tags and "#" not in tags
        assert "notheading" in tags and "headingtag" in tags

    def test_tag_starts_after_start_of_line_or_whitespace(self, main):
        """A tag starts after start-of-line or whitespace (so `C#`, `a#b` and `https://x.org/#frag` are not
        tags)."""
        tags = tag_names(note(main.vault, "Tags"))
        assert tags[0] == "notheading"
        for t in ("b", "frag", "paren", "bracket", "quote", "single", "and"):
            assert t not in tags, t
        assert "listtag" in tags and "quotetag" in tags and "celltag" in tags

    def test_tag_characters_and_terminators(self, main):
        """Tag characters: Unicode letters and digits, `_`, `-`, `/` (nesting) and emoji; it ends at whitespace
        or punctuation such as `, . : ; ! ? ( ) [ ] " '`."""
        assert tag_names(note(main.vault, "Tags")) == TAGS_EXPECTED

    def test_tag_needs_a_non_numeric_character(self, main):
        """At least one character must be non-numeric (`#1984` is no tag, `#y1984` is)."""
        tags = tag_names(note(main.vault, "Tags"))
        assert "1984" not in tags and "y1984" in tags and "1984y" in tags

    def test_tags_are_case_insensitive_first_casing_shown(self, main):
        """Tags are case-insensitive: `#Superposition` and `#superposition` are one tag, shown in the casing
        first seen."""
        assert tag_names(note(main.vault, QMID)) == ["physics/quantum", "Physics", "Superposition"]
        assert node(main.G, QMID)["tags"] == ["physics/quantum", "Physics", "Superposition"]
        tags = tag_names(note(main.vault, "Tags"))
        assert [t for t in tags if t.lower() == "casetag"] == ["CaseTag"]

    def test_nested_tag(self, main):
        """A nested tag `#physics/quantum` also counts as its parent `physics` for tag queries and filters."""
        tags = tag_names(note(main.vault, "Tags"))
        assert "physics/quantum/field" in tags
        assert "physics" not in tags and "physics/quantum" not in tags  # reading 8: stored as written

    def test_tag_lines(self, main):
        """(Tag.line: 0 for frontmatter tags, else the 1-based line of first occurrence.)"""
        got = {t.name: t.line for t in note(main.vault, QMID).tags}
        assert got == {"physics/quantum": 0, "Physics": 0, "Superposition": L("physics/Quantum mechanics.md", "#Superposition")}
        got = {t.name: t.line for t in note(main.vault, "Tags").tags}
        assert got["notheading"] == 1 and got["headingtag"] == 3 and got["celltag"] == L("Tags.md", "#celltag")
        assert got["CaseTag"] == L("Tags.md", "#CaseTag")


# ========================================================================================================
# Links
# ========================================================================================================


class TestLinks:
    def test_wikilink_forms(self, main):
        """Wikilinks `[[target]]`, `[[target|display]]`, `[[target#Heading]]`, `[[target#H1#H2]]`,
        `[[target#^block]]`, `[[target.md]]`, `[[folder/target]]`, and embeds `![[target]]`."""
        links = [l for l in note(main.vault, "index").links if l.syntax == "wiki"]
        by_line = {}
        for l in links:
            by_line.setdefault(l.line, []).append(l)

        def one(label):
            ls = by_line[L("index.md", label)]
            assert len(ls) == 1, ls
            return ls[0]

        assert (one("Plain:").target, one("Plain:").anchors, one("Plain:").display) == ("Quantum mechanics", (), None)
        assert one("Display:").display == "QM theory"
        assert one("Heading:").anchors == ("History",)
        assert one("Nested:").anchors == ("History", "Early days")
        assert one("Block:").anchors == ("^eq1",)
        assert one("Embed:").kind == "embed" and one("Plain:").kind == "link"
        e = edge(main.G, "index", QMID)
        assert e["anchors"] == ["History", "History#Early days", "^eq1", "Some Heading"]
        assert has_edge(main.G, "index", "physics/Superposition")  # [[folder/target]]
        assert edge(main.G, "index", "math/Linear algebra")["kind"] == "embed"

    def test_escaped_pipe_in_table(self, main):
        """In tables the pipe may be escaped: `[[target\\|display]]`."""
        ls = [l for l in note(main.vault, "index").links if l.line == L("index.md", "| QM |")]
        assert [(l.target, l.display) for l in ls] == [("Quantum mechanics", "the theory")]
        assert edge(main.G, "index", QMID)["display"][-1] == "the theory"
        assert not any(n.endswith("\\") for n in ids(main.G))

    def test_markdown_links_url_decoded(self, main):
        """Markdown links to notes: `[text](Note%20Name.md)`, `[text](<folder/Note Name.md>)`,
        `[text](Note.md#Heading)`, URL-decoded, then resolved like wikilinks"""
        ls = [l for l in note(main.vault, "index").links if l.syntax == "markdown" and l.line == L("index.md", "Markdown:")]
        assert [(l.display, l.anchors, l.kind) for l in ls] == [
            ("qm percent", (), "link"),
            ("qm angle", (), "link"),
            ("qm heading", ("Some Heading",), "link"),
        ]
        assert all("%20" not in l.target and "<" not in l.target for l in ls)
        e = edge(main.G, "index", QMID)
        assert e["display"][1:4] == ["qm percent", "qm angle", "qm heading"]
        assert "Some Heading" in e["anchors"]

    def test_markdown_relative_paths_tried_first(self, main):
        """a path starting with `./` or `../` is tried relative to the linking note's folder first."""
        assert edge(main.G, "sub/Rel", "sub/Sibling")["display"] == ["same folder"]
        assert edge(main.G, "sub/Rel", "index")["display"] == ["parent"]
        assert edge(main.G, "math/Superposition", "physics/Energy")["display"] == ["home"]
        assert edge(main.G, QMID, "physics/Superposition")["display"] == ["rel"]

    def test_markdown_relative_path_beats_duplicate_names(self, tmp_path):
        """a path starting with `./` or `../` is tried relative to the linking note's folder first."""
        root = tmp_path / "vault"
        write(root, "aaa/Note.md", "[up](../b/Target.md)\n[here](./Target.md)\n")
        write(root, "aaa/Target.md", "A.\n")
        write(root, "b/Target.md", "B.\n")
        write(root, "b/Note.md", "[here](./Target.md)\n")
        G = load(root).graph()
        assert edge_set(G) == {("aaa/Note", "b/Target"), ("aaa/Note", "aaa/Target"), ("b/Note", "b/Target")}
        assert edge(G, "aaa/Note", "b/Target")["display"] == ["up"]
        assert edge(G, "b/Note", "b/Target")["display"] == ["here"]

    def test_external_urls_are_not_note_links(self, main):
        """External URLs (`scheme:`) are not note links."""
        for n in ids(main.G):
            assert "example.org" not in n and not n.startswith(("https", "mailto")), n
        targets = [l.target for l in note(main.vault, "index").links]
        assert not any("example.org" in t or t.startswith(("https:", "mailto:")) for t in targets)

    def test_not_links_inside_code_math_or_comments(self, main):
        """Not links: anything inside inline code, fenced or indented code, math, `%% … %%` comments, HTML
        comments."""
        code = note(main.vault, "Code")
        assert [(l.target, l.line) for l in code.links] == [("index", L("Code.md", "Real one:"))]
        assert [v for u, v in edge_set(main.G) if u == "Code"] == ["index"]
        for bad in ("InCode", "InCode2", "Fenced", "Tilde", "Indented", "InMath", "InDisplayInline", "InDisplay",
                    "InComment", "InComment2", "InHtml", "InHtml2"):  # fmt: skip
            assert bad not in ids(main.G), bad

    def test_comment_markers_inside_code_do_not_open_comments(self, tmp_path):
        """Not links: anything inside inline code, fenced or indented code, math, `%% … %%` comments, HTML
        comments. (A `%%` or `<!--` that is itself inside code opens nothing.)"""
        root = tmp_path / "vault"
        text = (
            "Code `%%` then [[After1]] and `<!--` then [[After2]] #after\n"
            "\n```\n%%\n<!--\n```\n\n"
            "[[After3]]\n\n"
            "%% note\n[[Hidden]]\n%%\n"
        )
        write(root, "C.md", text)
        vault = load(root)
        assert [l.target for l in note(vault, "C").links] == ["After1", "After2", "After3"]
        assert tag_names(note(vault, "C")) == ["after"]
        assert set(ids(vault.graph())) == {"C", "After1", "After2", "After3"}

    def test_indented_list_continuation_is_not_code(self, tmp_path):
        """Not links: anything inside ... indented code. (A 4-space line that continues a list item is a
        paragraph of the item, not indented code — CommonMark, as in Obsidian.)"""
        root = tmp_path / "vault"
        write(root, "Li.md", "- item\n\n    [[InList]] #inlist\n\nPara.\n\n    [[RealCode]] #realcode\n")
        vault = load(root)
        assert [l.target for l in note(vault, "Li").links] == ["InList"]
        assert tag_names(note(vault, "Li")) == ["inlist"]

    def test_unclosed_fence_runs_to_end_of_note(self, tmp_path):
        """Not links: anything inside ... fenced ... code. (An unclosed fence runs to the end — CommonMark.)"""
        root = tmp_path / "vault"
        write(root, "U.md", "[[Before]]\n\n```\n[[InFence]] #infence\n")
        vault = load(root)
        assert [l.target for l in note(vault, "U").links] == ["Before"]
        assert tag_names(note(vault, "U")) == []

    def test_escaped_pipe_with_anchor_in_table(self, tmp_path):
        """In tables the pipe may be escaped: `[[target\\|display]]`."""
        root = tmp_path / "vault"
        write(root, "T.md", "| a | b |\n| --- | --- |\n| x | [[Target#Part\\|shown]] |\n")
        write(root, "Target.md", "Target.\n")
        G = load(root).graph()
        assert edge_set(G) == {("T", "Target")}
        e = edge(G, "T", "Target")
        assert (e["display"], e["anchors"], e["line"]) == (["shown"], ["Part"], 3)

    def test_same_note_anchor_links_recorded_without_edge(self, main):
        """`[[#Heading]]` and `[[#^block]]` point into the same note: recorded on the note, no graph edge."""
        idx = note(main.vault, "index")
        self_links = [(l.target, l.anchors) for l in idx.links if l.line == L("index.md", "Self:")]
        assert self_links == [("", ("Index",)), ("", ("^top",))]
        assert not main.G.has_edge("index", "index")
        assert "" not in ids(main.G)

    def test_edge_records_kind_count_display_anchors_line(self, main):
        """An edge records: `kind` (`link` or `embed`; `embed` wins if both), `count` (occurrences), `display`
        texts, `anchors` (headings or block ids linked to), and `line` of the first occurrence."""
        e = edge(main.G, "index", QMID)
        assert e["kind"] == "link"
        assert e["count"] == 11
        assert e["display"] == ["QM theory", "qm percent", "qm angle", "qm heading", "the theory"]
        assert e["anchors"] == ["History", "History#Early days", "^eq1", "Some Heading"]
        assert e["line"] == L("index.md", "Plain:")
        assert e["via_alias"] is False
        g = edge(main.G, "index", "Ghost Note")
        assert (g["count"], g["display"], g["anchors"]) == (3, [], ["Part"])

    def test_embed_wins(self, main):
        """`kind` (`link` or `embed`; `embed` wins if both)"""
        e = edge(main.G, "index", "math/Linear algebra")
        assert (e["kind"], e["count"], e["display"], e["line"]) == ("embed", 3, ["linear maps"], L("index.md", "Spaces:"))


# ========================================================================================================
# Resolving a link target
# ========================================================================================================


class TestResolving:
    def test_step1_strip_anchor_md_and_spaces_compare_case_insensitively(self, main):
        """1. Strip `#anchor`, a trailing `.md`, surrounding spaces; ... compare case-insensitively."""
        # [[Quantum mechanics.md]], [[quantum MECHANICS]], [[...#History]] all land on one edge
        assert edge(main.G, "index", QMID)["count"] == 11
        assert has_edge(main.G, "index", "math/Linear algebra")  # [[ Linear algebra ]]
        for n in ids(main.G):
            assert n.lower() not in ("quantum mechanics.md", "quantum mechanics", " linear algebra ", "linear algebra")

    def test_step1_unicode_is_normalised_nfc(self, main):
        """normalise Unicode (NFC)"""
        assert has_edge(main.G, "index", f"notes/{CAFE_NFC}")  # NFD link, NFC file name
        assert has_edge(main.G, "index", f"notes/{NAIVE_NFC}")  # NFC link, NFD file name
        a = node(main.G, f"Ghost {CAFE_NFC}")  # NFC and NFD spellings share one ghost
        assert a["exists"] is False
        assert edge(main.G, "index", f"Ghost {CAFE_NFC}")["count"] == 2
        assert [n for n in main.G.nodes if nfc(n).startswith("Ghost Caf")] == [f"Ghost {CAFE_NFC}"]

    def test_step2_path_then_aligned_suffix(self, main):
        """2. If the target contains `/`: the note whose vault-relative path (without `.md`) equals it, else the
        note whose path ends with it (`/`-aligned); else go on."""
        assert has_edge(main.G, "index", "physics/Superposition")
        assert has_edge(main.G, "index", "a/deep/Leaf")  # [[deep/Leaf]]
        assert node(main.G, "eep/Leaf")["exists"] is False  # [[eep/Leaf]] is not /-aligned
        assert edge(main.G, "index", "Folder.md/Inside")["count"] == 2

    def test_step2_else_go_on_to_alias(self, tmp_path):
        """2. If the target contains `/`: ... else go on. (An alias with a slash still resolves in step 4.)"""
        root = tmp_path / "vault"
        write(root, "Networking.md", "---\naliases: [TCP/IP]\n---\nNet.\n")
        write(root, "A.md", "[[tcp/ip]]\n")
        G = load(root).graph()
        assert edge_set(G) == {("A", "Networking")}
        assert edge(G, "A", "Networking")["via_alias"] is True

    def test_step3_unique_file_name(self, main):
        """3. The notes whose file name equals the target. One: that note."""
        assert has_edge(main.G, "index", "Folder.md/Inside")  # [[Inside]]
        assert has_edge(main.G, "Shortcut", "a/deep/Leaf")  # [[Leaf]]
        assert has_edge(main.G, QMID, "index")

    def test_step3_own_folder_wins(self, main):
        """Several: the one in the linking note's own folder"""
        assert has_edge(main.G, QMID, "physics/Superposition")
        assert not has_edge(main.G, QMID, "math/Superposition")

    def test_step3_shortest_path_then_alphabetical_reported_ambiguous(self, main):
        """else the one with the shortest path (then alphabetical); the link is reported as ambiguous."""
        assert has_edge(main.G, "index", "math/Superposition")
        assert not has_edge(main.G, "index", "bb/Dup") and has_edge(main.G, "index", "aa/Dup")
        got = {(d.path, d.line) for d in diags_of(main.vault, "ambiguous-link") if d.path == "index.md"}
        assert got == {("index.md", L("index.md", "Ambiguous:")), ("index.md", L("index.md", "Tie:"))}

    def test_step4_alias_resolves_via_alias(self, main):
        """4. No file name matches: the note that has the target as an alias (case-insensitive). ... vaultkit
        resolves it by default, ... marks the edge `via_alias: true`"""
        e = edge(main.G, "math/Linear algebra", QMID)
        assert (e["via_alias"], e["count"], e["line"]) == (True, 2, L("math/Linear algebra.md", "[[QM]]"))
        assert "QM" not in ids(main.G) and "qm" not in ids(main.G)
        got = {(d.path, d.line) for d in diags_of(main.vault, "alias-link")}
        assert got == {("math/Linear algebra.md", L("math/Linear algebra.md", "[[QM]]"))}
        assert edge(main.G, "index", QMID)["via_alias"] is False

    def test_step4_alias_compared_nfc_and_case_insensitively(self, tmp_path):
        """1. ... normalise Unicode (NFC); compare case-insensitively. 4. ... the note that has the target as an
        alias (case-insensitive)."""
        root = tmp_path / "vault"
        write(root, "Coffee.md", f"---\naliases: [{CAFE_NFD} Noir]\n---\nCoffee.\n")
        write(root, "A.md", f"[[{CAFE_NFC.upper()} NOIR]]\n")
        G = load(root).graph()
        assert edge_set(G) == {("A", "Coffee")}
        assert edge(G, "A", "Coffee")["via_alias"] is True

    def test_step4_no_alias_links_restores_obsidian(self, tmp_path):
        """Obsidian leaves such a link unresolved; ... `--no-alias-links` restores Obsidian's behaviour."""
        root = tmp_path / "vault"
        write(root, "A.md", "---\naliases: [Alias A]\n---\nA.\n")
        write(root, "B.md", "[[Alias A]] and [[A]]\n")
        vault = load(root, alias_links=False)
        G = vault.graph()
        assert set(ids(G)) == {"A", "B", "Alias A"}
        assert edge_set(G) == {("B", "A"), ("B", "Alias A")}
        assert node(G, "Alias A")["exists"] is False and node(G, "Alias A")["kind"] == "ghost"
        assert edge(G, "B", "A")["via_alias"] is False
        assert diag_set(vault.diagnostics) == {("unresolved-link", "B.md", 1)}

        vault = load(root)  # default alias_links=True
        G = vault.graph()
        assert set(ids(G)) == {"A", "B"}
        assert edge(G, "B", "A")["count"] == 2
        assert diag_set(vault.diagnostics) == {("alias-link", "B.md", 1)}

    def test_step4_alias_conflict_is_unresolved_and_reported(self, main):
        """Two notes claiming one alias: unresolved and reported."""
        a = node(main.G, "Wave")
        assert a["exists"] is False and a["kind"] == "ghost"
        assert not has_edge(main.G, "index", "Wave1") and not has_edge(main.G, "index", "Wave2")
        ds = diags_of(main.vault, "alias-conflict")
        assert ds and all(d.path in ("Wave1.md", "Wave2.md", "index.md") for d in ds), ds

    def test_step4_file_name_beats_alias(self, main):
        """4. No file name matches: the note that has the target as an alias"""
        e = edge(main.G, "index", "physics/Energy")
        assert e["via_alias"] is False
        assert not has_edge(main.G, "index", "Wave2")

    def test_step5_ghost_id_is_target_as_first_written(self, main):
        """5. Otherwise the link is unresolved: a node with `exists: false` whose id is the target as first
        written ... Links whose targets differ only in case share one ghost."""
        assert "Ghost Note" in ids(main.G) and "ghost note" not in ids(main.G)
        assert edge(main.G, "index", "Ghost Note")["count"] == 3
        for g in MAIN_GHOSTS:
            a = node(main.G, g)
            assert a["exists"] is False and a["kind"] == "ghost", g

    def test_step5_ghost_keeps_first_spelling(self, tmp_path):
        """whose id is the target as first written ... Links whose targets differ only in case share one ghost."""
        root = tmp_path / "vault"
        write(root, "A.md", "[[ghost two]]\n[[Ghost Two#Part|shown]]\n")
        write(root, "B.md", "[[GHOST TWO]]\n")
        vault = load(root)
        G = vault.graph()
        assert set(ids(G)) == {"A", "B", "ghost two"}
        e = edge(G, "A", "ghost two")
        assert (e["count"], e["line"], e["display"], e["anchors"]) == (2, 1, ["shown"], ["Part"])
        assert has_edge(G, "B", "ghost two")
        assert diag_set(vault.diagnostics) == {
            ("unresolved-link", "A.md", 1), ("unresolved-link", "A.md", 2), ("unresolved-link", "B.md", 1),
        }

    def test_step5_ghost_attributes(self, main):
        """a node with `exists: false` ..., drawn as a ghost, as Obsidian's graph does."""
        a = node(main.G, "Ghost Note")
        assert a == {
            **a,
            "title": "Ghost Note",
            "path": None,
            "aliases": [],
            "tags": [],
            "properties": {},
            "exists": False,
            "kind": "ghost",
        }

    def test_link_never_resolves_outside_the_vault(self, main):
        """A link can never resolve to a file outside the vault (`[[../../etc/passwd]]` is simply unresolved)."""
        a = node(main.G, "../../etc/passwd")
        assert a["exists"] is False and a["kind"] == "ghost"

    def test_markdown_link_never_resolves_outside_the_vault(self, tmp_path):
        """A link can never resolve to a file outside the vault (`[[../../etc/passwd]]` is simply unresolved)."""
        root = tmp_path / "v" / "vault"
        write(tmp_path, "outside/secret.md", LEAK)
        write(tmp_path, "etc/passwd.md", LEAK)
        write(tmp_path, "etc/passwd", LEAK)
        write(tmp_path / "v", "etc/passwd.md", LEAK)
        write(root, "a/Note.md", "[escape](../../../outside/secret.md)\n[[../../etc/passwd]]\n")
        vault = load(root)
        G = vault.graph()
        got = set(ids(G))
        ghosts = got - {"a/Note"}
        strip = {g[:-3] if g.endswith(".md") else g for g in ghosts}
        assert strip == {"../../../outside/secret", "../../etc/passwd"}, got
        for g in ghosts:
            assert node(G, g)["exists"] is False and node(G, g)["kind"] == "ghost"
        assert {k for k in vault.notes} == {"a/Note"}
        assert not any(d.kind in ERROR_KINDS for d in vault.diagnostics)


# ========================================================================================================
# Public API: Vault.find
# ========================================================================================================


class TestFind:
    def test_find_by_title_alias_or_path(self, main):
        """vault.find(name) returns the Note with that title, alias or path (case-insensitive) or None."""
        v = main.vault
        assert main.found["QM"].id == QMID
        assert main.found["quantum mechanics"].id == QMID
        assert main.found["Home"].id == "index"
        assert main.found["nothing here"] is None
        assert v.find("physics/Quantum mechanics.md").id == QMID
        assert v.find("PHYSICS/quantum MECHANICS.md").id == QMID
        assert v.find("gamma").id == "fm/Block"
        assert v.find("Deleted") is None  # .trash is not part of the vault
        assert v.find("Ghost Note") is None


# ========================================================================================================
# A real third-party vault: three notes of the Quartz documentation (github.com/jackyzha0/quartz, docs/)
#
# MIT License
#
# Copyright (c) 2021 jackyzha0
#
# Permission is hereby granted, free of charge, to any person obtaining a copy
# of this software and associated documentation files (the "Software"), to deal
# in the Software without restriction, including without limitation the rights
# to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
# copies of the Software, and to permit persons to whom the Software is
# furnished to do so, subject to the following conditions:
#
# The above copyright notice and this permission notice shall be included in all
# copies or substantial portions of the Software.
#
# THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
# IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
# FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
# AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
# LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
# OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
# SOFTWARE.
# ========================================================================================================

QUARTZ_WIKILINKS = r"""---
title: Wikilinks
---

Wikilinks were pioneered by earlier internet wikis to make it easier to write links across pages without needing to write Markdown or HTML links each time.

Quartz supports Wikilinks by default and these links are resolved by Quartz using the [[CrawlLinks]] plugin. See the [Obsidian Help page on Internal Links](https://help.obsidian.md/Linking+notes+and+files/Internal+links) for more information on Wikilink syntax.

This is enabled as a part of [[Obsidian compatibility]] and can be configured and enabled/disabled from that plugin.

Wikilink matching is case-insensitive to mirror Obsidian: `[[My Note]]`, `[[my note]]`, and `[[MY NOTE]]` all resolve to the same file. The generated URL is lowercased (e.g. `my-note`).

## Syntax

- `[[Path to file]]`: produces a link to `Path to file.md` (or `Path-to-file.md`) with the text `Path to file`
- `[[Path to file | Here's the title override]]`: produces a link to `Path to file.md` with the text `Here's the title override`
- `[[Path to file#Anchor]]`: produces a link to the anchor `Anchor` in the file `Path to file.md`
- `[[Path to file#^block-ref]]`: produces a link to the specific block `block-ref` in the file `Path to file.md`

### Embeds

- `![[Path to image]]`: embeds an image into the page
- `![[Path to image|100x145]]`: embeds an image into the page with dimensions 100px by 145px
- `![[Path to file]]`: transclude an entire page
- `![[Path to file#Anchor]]`: transclude everything under the header `Anchor`
- `![[Path to file#^b15695]]`: transclude block with ID `^b15695`
"""

QUARTZ_FEATURES_BACKLINKS = r"""---
title: Backlinks
tags:
  - component
---

A backlink for a note is a link from another note to that note. Links in the backlink pane also feature rich [[popover previews]] if you have that feature enabled.

> [!note]
> For information on how to add, remove or configure plugins, see the [[configuration#Plugins|Configuration]] page.

## Customization

- Removing backlinks: remove the `backlinks` entry from `quartz.config.yaml` or set `enabled: false`.
- Hide when empty: hide `Backlinks` if given page doesn't contain any backlinks (default to `true`). To disable this, set `hideWhenEmpty: false` in the plugin options in `quartz.config.yaml`.
- Install: `npx quartz plugin add github:quartz-community/backlinks`
- Source: [`quartz-community/backlinks`](https://github.com/quartz-community/backlinks)
"""

QUARTZ_PLUGINS_BACKLINKS = r"""---
title: Backlinks
description: Shows pages that link to the current page.
tags:
  - plugin/component
image:
repository: "[quartz-community/backlinks](https://github.com/quartz-community/backlinks)"
enabled: true
required: false
---

Shows pages that link to the current page.

> [!note]
> For information on how to add, remove or configure plugins, see the [[configuration#Plugins|Configuration]] page.

See [[plugins/Backlinks]] for detailed usage information.

## Configuration

This plugin accepts the following configuration options:

- `hideWhenEmpty`: Hide the backlinks section if the current page has no backlinks. Defaults to `true`.

### Default options

```yaml title="quartz.config.yaml"
- source: github:quartz-community/backlinks
  enabled: true
  options:
    hideWhenEmpty: true
```

## API

- Category: Component
- Function name: `ExternalPlugin.Backlinks()`.
- Source: [`quartz-community/backlinks`](https://github.com/quartz-community/backlinks)
- Install: `npx quartz plugin add github:quartz-community/backlinks`
"""

QUARTZ_FILES = {
    "features/wikilinks.md": QUARTZ_WIKILINKS,
    "features/backlinks.md": QUARTZ_FEATURES_BACKLINKS,
    "plugins/Backlinks.md": QUARTZ_PLUGINS_BACKLINKS,
}


@pytest.fixture(scope="module")
def quartz(tmp_path_factory):
    root = tmp_path_factory.mktemp("quartz") / "docs"
    for rel, content in QUARTZ_FILES.items():
        write(root, rel, content)
    vault = load(root)
    return SimpleNamespace(vault=vault, G=vault.graph())


QW, QFB, QPB = "features/wikilinks", "features/backlinks", "plugins/Backlinks"


class TestQuartzDocs:
    def test_quartz_nodes(self, quartz):
        """Every `*.md` file is a note; unresolved links are ghosts; links inside inline code are not links."""
        assert set(ids(quartz.G)) == {
            QW, QFB, QPB, "CrawlLinks", "Obsidian compatibility", "popover previews", "configuration",
        }  # fmt: skip
        for g in ("CrawlLinks", "Obsidian compatibility", "popover previews", "configuration"):
            assert node(quartz.G, g)["kind"] == "ghost"

    def test_quartz_edges(self, quartz):
        """Links: wikilinks with headings and display text; external URLs and inline code are not note links."""
        assert edge_set(quartz.G) - {(QPB, QPB)} == {
            (QW, "CrawlLinks"),
            (QW, "Obsidian compatibility"),
            (QFB, "popover previews"),
            (QFB, "configuration"),
            (QPB, "configuration"),
        }
        e = edge(quartz.G, QFB, "configuration")
        assert (e["display"], e["anchors"], e["count"], e["kind"]) == (["Configuration"], ["Plugins"], 1, "link")
        assert e["line"] == line_of(QUARTZ_FEATURES_BACKLINKS, "[[configuration#Plugins")
        assert edge(quartz.G, QW, "CrawlLinks")["line"] == line_of(QUARTZ_WIKILINKS, "[[CrawlLinks]]")

    def test_quartz_self_link_is_an_edge(self, quartz):
        """`[[#Heading]]` and `[[#^block]]` point into the same note: no graph edge — but `[[plugins/Backlinks]]`
        written inside plugins/Backlinks.md is an ordinary link (reading 12)."""
        e = edge(quartz.G, QPB, QPB)
        assert (e["kind"], e["count"], e["line"]) == ("link", 1, line_of(QUARTZ_PLUGINS_BACKLINKS, "[[plugins/Backlinks]]"))

    def test_quartz_attributes(self, quartz):
        """`title`: the file name without `.md`; frontmatter tags; other keys are `properties`."""
        assert node(quartz.G, QW)["title"] == "wikilinks"  # not the frontmatter `title: Wikilinks`
        assert node(quartz.G, QW)["properties"] == {"title": "Wikilinks"}
        assert node(quartz.G, QFB)["tags"] == ["component"]
        assert node(quartz.G, QPB)["tags"] == ["plugin/component"]
        assert node(quartz.G, QPB)["properties"] == {
            "title": "Backlinks",
            "description": "Shows pages that link to the current page.",
            "image": None,
            "repository": "[quartz-community/backlinks](https://github.com/quartz-community/backlinks)",
            "enabled": True,
            "required": False,
        }

    def test_quartz_diagnostics(self, quartz):
        """Only unresolved links are reported; nothing in this real vault is an error."""
        want = {
            ("unresolved-link", "features/wikilinks.md", line_of(QUARTZ_WIKILINKS, "[[CrawlLinks]]")),
            ("unresolved-link", "features/wikilinks.md", line_of(QUARTZ_WIKILINKS, "[[Obsidian compatibility]]")),
            ("unresolved-link", "features/backlinks.md", line_of(QUARTZ_FEATURES_BACKLINKS, "[[popover previews]]")),
            ("unresolved-link", "features/backlinks.md", line_of(QUARTZ_FEATURES_BACKLINKS, "[[configuration#")),
            ("unresolved-link", "plugins/Backlinks.md", line_of(QUARTZ_PLUGINS_BACKLINKS, "[[configuration#")),
        }
        assert diag_set(quartz.vault.diagnostics) == want
