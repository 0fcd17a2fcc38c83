#!/usr/bin/env python3
"""Generate a large, realistic synthetic Obsidian-style vault for benchmarking.

    python bench/generate.py OUT_DIR --notes 10000 [--seed 0] [--force]

Standard library only. The output is a pure function of (--notes, --seed): the
same arguments give the same bytes in every file (file system metadata such as
mtimes aside).

What a vault contains (see docs/notes.md for how vaultkit reads one):

* nested folders, depth 0-4, with duplicate file names in different folders,
  daily notes, a `Templates/` folder, Unicode titles (some file names in NFD);
* note sizes drawn from a log-normal distribution (median ~1.5 KB, long tail
  clipped at ~50 KB), a few empty notes;
* every frontmatter form: none; `aliases:` list; `Aliases:` comma string;
  `alias:` scalar; `tags:` list with and without '#'; `tags:` comma string;
  dates; a few broken YAML blocks (`title: {{title}}`, tabs, bad quoting);
* inline tags incl. nested `#a/b`, Unicode and emoji tags, non-tags (`C#`,
  `#1984`, URLs with `#frag`);
* Zipf-distributed links (a few hubs get most of them) in every form:
  `[[T]]`, `[[T|shown]]`, `[[T#Heading]]`, `[[T#H1#H2]]`, `[[T#^block]]`,
  `![[T]]`, `[[folder/T]]`, `[[T.md]]`, links by alias, lower-cased links,
  `[text](T%20x.md)`, `[t](<a/b c.md>)`, `[t](../x/T.md)`, `[[T\\|d]]` in
  tables, `[[#Heading]]`, unresolved links, image embeds;
* headings, block ids `^abc123`, inline and display LaTeX, callouts, tables,
  task lists;
* decoys that are not links/tags: inline code, fenced and indented code,
  `%% comments %%`, HTML comments, math;
* `.obsidian/` configuration (including a `.md` file that is not a note),
  `.trash/` notes, attachments (.png, .pdf, .canvas);
* a few notes with CRLF line endings or a UTF-8 BOM.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import random
import shutil
import statistics
import struct
import sys
import unicodedata
import zlib
from collections import Counter
from pathlib import Path
from urllib.parse import quote

# --------------------------------------------------------------------------
# Vocabulary
# --------------------------------------------------------------------------

CONCEPTS = (
    "Quantum mechanics|Entropy|Graph theory|Linear algebra|Eigenvalue|Fourier transform|"
    "Bayesian inference|Markov chain|Gradient descent|Neural network|Thermodynamics|"
    "Group theory|Topology|Measure theory|Hilbert space|Wave function|Superposition|"
    "Entanglement|Relativity|Black hole|Dark matter|Cosmology|Spin|Lagrangian|Hamiltonian|"
    "Noether's theorem|Category theory|Prime number|Riemann hypothesis|Complex analysis|"
    "Differential equation|Manifold|Tensor|Vector field|Symplectic geometry|Statistics|"
    "Probability|Random variable|Central limit theorem|Information theory|Compression|"
    "Cryptography|Hash function|Algorithm|Data structure|Binary tree|Hash table|Sorting|"
    "Dynamic programming|Complexity|Turing machine|Lambda calculus|Type theory|Compiler|"
    "Parser|Grammar|Regular expression|Automaton|Operating system|Scheduler|Memory|Cache|"
    "Database|Index|Transaction|Consensus|Distributed system|Network|Protocol|Evolution|"
    "Genetics|Protein folding|Cell biology|Ecology|Climate|Photosynthesis|Neuron|Memory palace|"
    "Spaced repetition|Zettelkasten|Note taking|Writing|Reading list|Habit|Productivity|"
    "Meditation|Stoicism|Ethics|Epistemology|Logic|Set theory|Axiom of choice|Infinity|"
    "Fractal|Chaos theory|Attractor|Bifurcation|Oscillator|Resonance|Optics|Laser|Photon|"
    "Electron|Quark|Boson|Field theory|Renormalization|Path integral|Feynman diagram|"
    "Harmonic oscillator|Perturbation theory|Variational principle|Lie group|Lie algebra|"
    "Representation theory|Number theory|Modular arithmetic|Elliptic curve|Galois theory|"
    "Ring|Field|Module|Homology|Cohomology|Sheaf|Scheme|Functor|Monad|Recursion|Induction"
).split("|")

UNICODE_CONCEPTS = (
    "Schrödinger equation|Gödel's incompleteness|Poincaré conjecture|Erdős number|"
    "Ångström|Naïve set theory|Café reading notes|Übung zur Analysis|Ñandú|Straße und Weg|"
    "Théorème de Fermat|Équations de Maxwell|Fréchet space|Hölder inequality|Cauchy–Schwarz|"
    "Møller scattering|Škoda notes|Zürich trip|Crème brûlée|Résumé|Λ-CDM model|Δ-function|"
    "量子力学|熱力学|位相空間|Теорема Пифагора|Энтропия|Ψ and Φ|α-decay|β-function|"
    "🚀 Launch plan|📚 Reading|Ωmega project|São Paulo|Kraków meetup|Dvořák|Ørsted"
).split("|")

WORDS = (
    "the of and to in is that for it as with was on be by this are from at or an which "
    "not have has but can all their more one also its we these other into than only "
    "such when some may each between two where both most used would how first over "
    "state system energy function space value time point set model theory result "
    "number form field order case example proof idea note problem method process "
    "structure given general small large simple linear local global finite infinite "
    "continuous discrete random stable unique natural normal standard classical "
    "define consider assume show follow prove compute observe apply derive relate "
    "measure describe explain reduce extend connect map transform preserve converge "
    "because therefore however thus hence while although since unless whereas "
    "particle wave operator matrix vector basis dimension boundary limit series "
    "sequence integral derivative gradient equation identity constant variable "
    "graph node edge path cycle tree vertex weight flow cut network degree "
    "data signal noise error bias variance sample estimate test hypothesis "
    "memory reading writing thinking learning question answer source draft review "
    "naïve café über façade déjà coördinate rôle élan fiancée smörgåsbord "
    "résumé piñata Zürich Gödel Schrödinger Poincaré Erdős Ångström"
).split()

SECTION_HEADINGS = (
    "Overview|Definition|Examples|Proof|Intuition|History|Applications|References|See also|"
    "Open questions|Summary|Key ideas|Notes|Derivation|Properties|Motivation|Background|"
    "Related work|Exercises|Counterexamples|Théorème principal|Zusammenfassung|Résumé|"
    "要点|Next steps|Questions & answers|Step 1: setup|Why it matters (short)"
).split("|")

TAGS = (
    "physics physics/quantum physics/classical math math/algebra math/analysis math/topology "
    "cs cs/algorithms cs/systems biology to-do todo status/draft status/done status/review "
    "idea question reading book paper project project/alpha project/alpha/beta meeting "
    "Superposition superposition evergreen seedling literature permanent fleeting "
    "café 量子 y1984 ML ml review/2023 area/health 🚀launch"
).split()

DUP_NAMES = ("Index|Overview|README|Notes|Summary|Ideas|Questions|References|TODO|"
             "Introduction|Glossary|Meeting notes|Draft|Plan").split("|")

TOP_FOLDERS = ("Physics|Mathematics|Computer Science|Projects|Reading|Archive|Zettelkasten|"
               "Personal|Work|Inbox|Biologie|Écoles|Research notes|Areas|Resources|日本語").split("|")

SUB_FOLDERS = ("Quantum|Classical|Algebra|Analysis|Topology|Notes|Drafts|2021|2022|2023|2024|"
               "Papers|Books|Lectures|Seminars|Alpha|Beta|Gamma|Misc|Old|Current|Ideas|Sources|"
               "Literature|Übungen|Cours|Clients|Meetings|Team|Labs|Exercises|Sketches|"
               "Week 1|Week 2|Chapter 3|Part II|Résumés|Maths (old)|Zürich").split("|")

CODE_LANGS = ["python", "js", "bash", "", "yaml", "markdown", "c"]

LATEX_INLINE = [
    r"$E = mc^2$", r"$\hbar \omega$", r"$\psi(x,t)$", r"$\nabla \cdot \mathbf{E} = \rho/\varepsilon_0$",
    r"$a^2 + b^2 = c^2$", r"$\int_0^1 x\,dx = \tfrac12$", r"$\lambda_{\max}$", r"$O(n \log n)$",
    r"$p(x \mid \theta)$", r"$\sum_{k=1}^{n} k = \frac{n(n+1)}{2}$", r"$\# S = |S|$", r"$e^{i\pi}+1=0$",
]
LATEX_DISPLAY = [
    r"i\hbar \frac{\partial}{\partial t} \Psi = \hat H \Psi",
    r"S = -k_B \sum_i p_i \ln p_i",
    r"\int_{-\infty}^{\infty} e^{-x^2}\,dx = \sqrt{\pi}",
    r"\hat f(\xi) = \int f(x)\, e^{-2\pi i x \xi}\, dx",
    r"\begin{aligned} a &= b + c \\ d &= e \cdot f \end{aligned}",
    r"\mathcal{L} = \tfrac12 m \dot q^2 - V(q)",
    r"P(A\mid B) = \frac{P(B\mid A)\,P(A)}{P(B)} \quad \text{see [[Not a link]] \#notatag}",
    r"\det(A - \lambda I) = 0",
]

SIZE_MEDIAN = 880          # bytes (target; the written median comes out ~1.5 KB)
SIZE_SIGMA = 1.1           # log-normal shape
SIZE_MIN, SIZE_MAX = 40, 50_000  # targets, in bytes
ZIPF_S = 1.0

FRONTMATTER_KINDS = [
    # (kind, weight)
    ("none", 34), ("aliases_list", 12), ("aliases_comma", 5), ("alias_scalar", 5),
    ("tags_list", 10), ("tags_list_hash", 5), ("tags_comma", 5), ("tags_flow", 4),
    ("mixed", 14), ("dates_only", 4), ("empty", 1), ("uppercase_keys", 1),
]
LINK_FORMS = [
    ("plain", 40), ("display", 12), ("heading", 6), ("heading2", 1), ("block", 2), ("embed", 3),
    ("folder", 5), ("dotmd", 2), ("alias", 5), ("lower", 4), ("md_encoded", 5), ("md_angle", 3),
    ("md_relative", 1), ("md_heading", 1), ("unresolved", 6), ("self_heading", 1),
]


def weighted(rng: random.Random, pairs):
    names = [p[0] for p in pairs]
    weights = [p[1] for p in pairs]
    return lambda: rng.choices(names, weights)[0]


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def nfd(s: str) -> str:
    return unicodedata.normalize("NFD", s)


# --------------------------------------------------------------------------
# Plan
# --------------------------------------------------------------------------

class Note:
    __slots__ = ("idx", "folder", "title", "file_title", "aliases", "headings", "blocks", "size",
                 "fm_kind", "crlf", "bom", "kind", "trash")

    def __init__(self, idx):
        self.idx = idx
        self.aliases: list[str] = []
        self.headings: list[str] = []
        self.blocks: list[str] = []
        self.crlf = False
        self.bom = False
        self.kind = "normal"   # normal | daily | template | empty | hub
        self.trash = False

    @property
    def relpath(self) -> str:  # as written on disk (file_title may be NFD)
        return f"{self.folder}/{self.file_title}.md" if self.folder else f"{self.file_title}.md"

    @property
    def link_path(self) -> str:  # as a user would type it (NFC)
        return f"{self.folder}/{self.title}" if self.folder else self.title


def make_folders(rng: random.Random, n_notes: int) -> list[tuple[str, int]]:
    """Folder tree: list of (path, depth); depth 0 is the vault root ('')."""
    n_folders = max(8, n_notes // 25)
    folders: list[tuple[str, int]] = [("", 0)]
    seen = {""}
    tops = TOP_FOLDERS[: max(4, min(len(TOP_FOLDERS), n_folders // 6))]
    for t in tops:
        folders.append((t, 1))
        seen.add(t.casefold())
    parents = [f for f in folders if f[1] >= 1]
    attempts = 0
    while len(folders) < n_folders and attempts < n_folders * 20:
        attempts += 1
        parent, depth = rng.choice(parents)
        if depth >= 4:
            continue
        name = rng.choice(SUB_FOLDERS)
        if rng.random() < 0.3:
            name = f"{name} {rng.randint(1, 99)}"
        path = f"{parent}/{name}"
        if path.casefold() in seen:
            continue
        seen.add(path.casefold())
        folders.append((path, depth + 1))
        parents.append((path, depth + 1))
    return folders


def make_title(rng: random.Random) -> str:
    r = rng.random()
    a = rng.choice(UNICODE_CONCEPTS) if rng.random() < 0.12 else rng.choice(CONCEPTS)
    b = rng.choice(CONCEPTS)
    w = rng.choice(WORDS)
    if r < 0.03:
        t = a
    elif r < 0.25:
        t = f"{a} and {b.lower()}"
    elif r < 0.45:
        t = f"{a} {w} {b.lower()}"
    elif r < 0.55:
        t = f"{a} ({w})"
    elif r < 0.65:
        t = f"On {a.lower()} in {b.lower()}"
    elif r < 0.72:
        t = f"{a} - {b}"
    elif r < 0.78:
        t = f"{a}, {b} & {w}"
    elif r < 0.83:
        t = f"v{rng.randint(0, 9)}.{rng.randint(0, 20)} {a}"
    elif r < 0.88:
        t = f"{a} {rng.randint(1, 999)}"
    elif r < 0.93:
        t = f"{w.capitalize()} {a.lower()}"
    else:
        t = f"{a} - {w} {b.lower()} notes"
    return t


def plan(rng: random.Random, n: int):
    folders = make_folders(rng, n)
    by_depth: dict[int, list[str]] = {}
    for path, depth in folders:
        by_depth.setdefault(depth, []).append(path)
    depth_w = [(d, w) for d, w in ((0, 10), (1, 35), (2, 30), (3, 17), (4, 8)) if d in by_depth]
    pick_depth = weighted(rng, depth_w)
    pick_fm = weighted(rng, FRONTMATTER_KINDS)

    notes: list[Note] = []
    taken: set[str] = set()         # casefolded NFC relpaths
    names_used: list[str] = []       # NFC titles, for deliberate duplicates
    n_daily = n // 12
    n_templates = 4
    n_trash = max(2, n // 500)
    n_empty = max(1, n // 400)
    n_untitled = max(1, n // 1000)
    start_day = 738000  # a proleptic ordinal in 2021

    def add(folder: str, title: str) -> Note | None:
        key = (f"{folder}/{title}" if folder else title).casefold()
        key = nfc(key)
        if key in taken:
            return None
        taken.add(key)
        note = Note(len(notes))
        note.folder = folder
        note.title = nfc(title)
        note.file_title = note.title
        notes.append(note)
        return note

    # Daily notes
    day_folders = ["Daily", "Daily/2023", "Daily/2024"]
    import datetime as _dt
    for i in range(n_daily):
        d = _dt.date.fromordinal(start_day + i)
        folder = day_folders[0] if i < n_daily // 3 else day_folders[1 + (i * 2 // n_daily)]
        note = add(folder, d.isoformat())
        if note:
            note.kind = "daily"
    # Templates (broken YAML lives here, as in real vaults)
    for t in ["Daily template", "Meeting template", "Book template", "Concept template"][:n_templates]:
        note = add("Templates", t)
        if note:
            note.kind = "template"
    # Untitled notes (empty, Obsidian's default name)
    for i in range(n_untitled):
        note = add(rng.choice(by_depth.get(1, [""])), "Untitled" if i == 0 else f"Untitled {i}")
        if note:
            note.kind = "empty"
    # Regular notes
    while len(notes) < n:
        depth = pick_depth()
        folder = rng.choice(by_depth[depth])
        r = rng.random()
        if r < 0.02:
            title = rng.choice(DUP_NAMES)              # Index, README, ... in many folders
        elif r < 0.05 and names_used:
            title = rng.choice(names_used)             # same name as a note elsewhere
        else:
            title = make_title(rng)
        note = add(folder, title)
        if note is None:
            continue
        names_used.append(note.title)
    for note in rng.sample([x for x in notes if x.kind == "normal"], n_empty):
        note.kind = "empty"
    # Trash
    for i in range(n_trash):
        note = add(".trash", f"{make_title(rng)} (deleted {i})")
        if note:
            note.trash = True

    # Per-note details
    for note in notes:
        t = note.title
        if t != nfd(t) and rng.random() < 0.35:
            note.file_title = nfd(t)                   # as macOS would write it
        note.fm_kind = pick_fm()
        if note.kind == "template":
            note.fm_kind = "broken"
        elif note.kind == "daily":
            note.fm_kind = rng.choice(["none", "none", "dates_only", "tags_list"])
        elif rng.random() < 0.004:
            note.fm_kind = "broken"
        if note.kind == "empty":
            note.size = 0
        else:
            s = int(SIZE_MEDIAN * math.exp(rng.gauss(0.0, SIZE_SIGMA)))
            note.size = max(SIZE_MIN, min(SIZE_MAX, s))
        # aliases
        if note.fm_kind in ("aliases_list", "aliases_comma", "alias_scalar", "mixed", "uppercase_keys"):
            cands = [t.lower(), "".join(w[0] for w in t.split() if w[:1].isalpha()).upper(),
                     f"{t} ({rng.choice(WORDS)})", rng.choice(CONCEPTS) + " " + rng.choice(WORDS),
                     t.replace(" and ", " & ")]
            k = 1 if note.fm_kind == "alias_scalar" else rng.randint(1, 3)
            seen_a: list[str] = []
            for c in rng.sample(cands, k):
                c = c.strip()
                if len(c) >= 2 and c != t and c not in seen_a and "," not in c:
                    seen_a.append(c)
            note.aliases = seen_a
        # headings and block ids
        nh = min(len(SECTION_HEADINGS), note.size // 500 + (1 if note.size > 200 else 0))
        note.headings = rng.sample(SECTION_HEADINGS, nh) if nh else []
        nb = 0 if note.size < 400 else rng.choice([0, 0, 0, 1, 1, 2, 3])
        note.blocks = ["%06x" % rng.getrandbits(24) for _ in range(nb)]
        note.crlf = rng.random() < 0.01
        note.bom = rng.random() < 0.005
    return folders, notes


# --------------------------------------------------------------------------
# Writing notes
# --------------------------------------------------------------------------

class Writer:
    def __init__(self, rng: random.Random, notes: list[Note], n_attach: int):
        self.rng = rng
        self.notes = notes
        live = [x for x in notes if not x.trash and x.kind not in ("template",)]
        order = live[:]
        rng.shuffle(order)
        # Zipf popularity: rank r gets weight 1/(r+1)^s
        self.pop_notes = order
        cum, acc = [], 0.0
        for r in range(len(order)):
            acc += 1.0 / (r + 1) ** ZIPF_S
            cum.append(acc)
        self.cum = cum
        self.pick_form = weighted(rng, LINK_FORMS)
        self.attachments = [f"attachments/{rng.choice(CONCEPTS)} diagram {i}.png" for i in range(n_attach)]
        self.stats = Counter()

    def target(self) -> Note:
        x = self.rng.random() * self.cum[-1]
        return self.pop_notes[bisect.bisect_left(self.cum, x)]

    def words(self, k: int) -> str:
        return " ".join(self.rng.choices(WORDS, k=k))

    # -- links ---------------------------------------------------------------
    def link(self, src: Note) -> str:
        rng = self.rng
        form = self.pick_form()
        t = self.target()
        if t is src and form != "self_heading":
            form = "unresolved"
        self.stats["links"] += 1
        self.stats[f"link:{form}"] += 1
        title = t.title
        if form == "plain":
            return f"[[{title}]]"
        if form == "display":
            return f"[[{title}|{self.words(rng.randint(1, 3))}]]"
        if form == "heading":
            h = rng.choice(t.headings) if t.headings and rng.random() < 0.9 else "Missing heading"
            return f"[[{title}#{h}]]"
        if form == "heading2":
            if len(t.headings) >= 2:
                return f"[[{title}#{t.headings[0]}#{t.headings[1]}]]"
            return f"[[{title}#Overview#Details]]"
        if form == "block":
            b = rng.choice(t.blocks) if t.blocks else "%06x" % rng.getrandbits(24)
            return f"[[{title}#^{b}]]"
        if form == "embed":
            return f"![[{title}]]"
        if form == "folder":
            if t.folder:
                parts = t.link_path.split("/")
                k = rng.randint(2, len(parts))  # full path or a /-aligned suffix
                return f"[[{'/'.join(parts[-k:])}]]"
            return f"[[{title}]]"
        if form == "dotmd":
            return f"[[{title}.md]]"
        if form == "alias":
            if t.aliases:
                a = rng.choice(t.aliases)
                return f"[[{a}]]" if rng.random() < 0.6 else f"[[{a}|{a}]]"
            return f"[[{title}|{title.lower()}]]"
        if form == "lower":
            return f"[[{title.lower()}]]"
        if form == "md_encoded":
            if rng.random() < 0.8:
                enc = title.replace(" ", "%20")
            else:
                enc = quote(title + "", safe="")
            return f"[{self.words(rng.randint(1, 3))}]({enc}.md)"
        if form == "md_angle":
            return f"[{self.words(rng.randint(1, 2))}](<{t.link_path}.md>)"
        if form == "md_relative":
            up = src.folder.count("/") + 1 if src.folder else 0
            rel = "../" * up + t.link_path if rng.random() < 0.7 else "./" + t.link_path
            return f"[{self.words(2)}]({quote(rel)}.md)"
        if form == "md_heading":
            h = rng.choice(t.headings) if t.headings else "Overview"
            return f"[{self.words(2)}]({title.replace(' ', '%20')}.md#{h.replace(' ', '%20')})"
        if form == "self_heading":
            if src.headings:
                return f"[[#{rng.choice(src.headings)}]]"
            if src.blocks:
                return f"[[#^{src.blocks[0]}]]"
            return f"[[{title}]]"
        # unresolved
        r = rng.random()
        if r < 0.6:
            return f"[[{rng.choice(CONCEPTS)} {rng.choice(['ideas', 'draft', 'later', 'todo', 'v2'])}]]"
        if r < 0.8:
            return f"[[{make_title(rng)}]]"
        if r < 0.95:
            return f"[[Missing/{rng.choice(SUB_FOLDERS)}/{rng.choice(CONCEPTS)}]]"
        return "[[../../etc/passwd]]"

    # -- inline bits -----------------------------------------------------------
    def tag(self) -> str:
        self.stats["inline_tags"] += 1
        return "#" + self.rng.choice(TAGS)

    def sentence(self, src: Note, link_p: float) -> str:
        rng = self.rng
        words = rng.choices(WORDS, k=rng.randint(6, 18))
        words[0] = words[0].capitalize()
        r = rng.random()
        if r < link_p:
            words.insert(rng.randint(1, len(words)), self.link(src))
            if rng.random() < 0.2:
                words.insert(rng.randint(1, len(words)), self.link(src))
        r = rng.random()
        if r < 0.06:
            words.append(self.tag())
        elif r < 0.09:
            words.insert(rng.randint(1, len(words)), rng.choice(LATEX_INLINE))
            self.stats["math_inline"] += 1
        elif r < 0.11:
            words.insert(rng.randint(1, len(words)), rng.choice(
                ["`[[not a link]]`", "`#not-a-tag`", "`x = [[1, 2]]`", "`#include <stdio.h>`"]))
            self.stats["decoy_inline_code"] += 1
        elif r < 0.13:
            words.insert(rng.randint(1, len(words)), rng.choice(
                ["https://example.org/page#section", "<https://en.wikipedia.org/wiki/Entropy#History>",
                 "[docs](https://docs.python.org/3/library/re.html#module-re)", "C#", "F#", "#1984",
                 "issue#42", "a#b"]))
            self.stats["decoy_url_or_nontag"] += 1
        elif r < 0.15:
            words.insert(rng.randint(1, len(words)), rng.choice(["**important**", "*note*", "==highlight=="]))
        return " ".join(words) + rng.choice([".", ".", ".", "?", "!", ":"])

    def paragraph(self, src: Note, link_p: float) -> str:
        return " ".join(self.sentence(src, link_p) for _ in range(self.rng.randint(1, 5)))

    # -- blocks ----------------------------------------------------------------
    def block(self, src: Note, link_p: float) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.58:
            return self.paragraph(src, link_p)
        if r < 0.70:
            bullet = rng.choice(["-", "*", "1."])
            items = [f"{bullet} {self.sentence(src, link_p + 0.2)}" for _ in range(rng.randint(2, 6))]
            if rng.random() < 0.3:
                items.insert(1, f"    - {self.sentence(src, link_p)}")
            return "\n".join(items)
        if r < 0.74:
            items = [f"- [{rng.choice([' ', 'x'])}] {self.sentence(src, link_p)}" for _ in range(rng.randint(1, 4))]
            return "\n".join(items)
        if r < 0.78:
            self.stats["decoy_fenced_code"] += 1
            lang = rng.choice(CODE_LANGS)
            body = rng.choice([
                "# a comment with #tag and [[Fake link]]\nx = [[1, 2], [3, 4]]\nprint(x)",
                "#include <stdio.h>\nint main(void) { return 0; } // [[not a link]]",
                "echo '#notatag' && cat '[[file]].md'",
                "tags: [#x, #y]\naliases: [[Nope]]",
                "See ![[Not an embed]] and #hashtag here",
            ])
            fence = "~~~" if rng.random() < 0.1 else "```"
            return f"{fence}{lang}\n{body}\n{fence}"
        if r < 0.80:
            self.stats["decoy_indented_code"] += 1
            return "    [[indented code is not a link]] #nottag\n    more code"
        if r < 0.84:
            self.stats["math_display"] += 1
            tex = rng.choice(LATEX_DISPLAY)
            if rng.random() < 0.3:
                return f"$$\n{tex}\n$$ %% annotation: {self.words(3)} %%"
            return f"$$\n{tex}\n$$"
        if r < 0.87:
            kind = rng.choice(["note", "tip", "warning", "info", "quote"])
            return f"> [!{kind}] {self.words(2).capitalize()}\n> {self.sentence(src, link_p)}\n> {self.sentence(src, link_p)}"
        if r < 0.89:
            return "> " + self.sentence(src, link_p)
        if r < 0.91:
            rows = ["| Concept | Link | Note |", "| --- | --- | --- |"]
            for _ in range(rng.randint(1, 4)):
                t = self.target()
                self.stats["links"] += 1
                self.stats["link:table_escaped"] += 1
                rows.append(f"| {self.words(1)} | [[{t.title}\\|{self.words(1)}]] | {self.words(3)} |")
            return "\n".join(rows)
        if r < 0.94:
            self.stats["decoy_comment"] += 1
            if rng.random() < 0.5:
                return f"%% hidden: [[Commented link]] #commented-tag {self.words(4)} %%"
            return "%%\nMulti-line comment with [[Another hidden link]]\n#hiddentag\n%%"
        if r < 0.96:
            self.stats["decoy_html_comment"] += 1
            return f"<!-- TODO: [[HTML comment link]] #htmltag {self.words(3)} -->"
        if r < 0.975 and self.attachments:
            self.stats["attachment_embeds"] += 1
            a = rng.choice(self.attachments)
            if rng.random() < 0.7:
                return f"![[{a.rsplit('/', 1)[1]}]]"
            return f"![{self.words(2)}]({quote(a)})"
        if r < 0.985:
            return "---"
        return f"#{rng.choice(TAGS)} #{rng.choice(TAGS)}"  # a tag-only line

    # -- frontmatter -----------------------------------------------------------
    def frontmatter(self, note: Note) -> str:
        rng = self.rng
        k = note.fm_kind
        if k == "none":
            return ""
        import datetime as _dt
        d = _dt.date.fromordinal(738000 + rng.randint(0, 1200))
        lines: list[str] = []
        tags = rng.sample(TAGS, rng.randint(1, 4))
        if k == "aliases_list":
            lines.append("aliases:")
            lines += [f"  - {yaml_str(a)}" for a in note.aliases]
        elif k == "aliases_comma":
            lines.append("Aliases: " + ", ".join(note.aliases))
        elif k == "alias_scalar":
            lines.append(f"alias: {yaml_str(note.aliases[0]) if note.aliases else 'null'}")
        elif k == "tags_list":
            lines.append("tags:")
            lines += [f"  - {t}" for t in tags]
        elif k == "tags_list_hash":
            lines.append("tags:")
            lines += [f'  - "#{t}"' if i % 2 == 0 else f"  - {t}" for i, t in enumerate(tags)]
            if rng.random() < 0.3:
                lines.append("  - #commented-out")      # YAML comment: a null entry
        elif k == "tags_comma":
            lines.append("tags: " + ", ".join(tags))
        elif k == "tags_flow":
            lines.append("tags: [" + ", ".join(tags) + "]")
        elif k == "dates_only":
            lines.append(f"created: {d.isoformat()}")
            lines.append(f"updated: {d.isoformat()}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:00")
        elif k == "mixed":
            lines.append(f"title: {yaml_str(note.title)}")
            lines.append("aliases: [" + ", ".join(yaml_str(a, flow=True) for a in note.aliases) + "]")
            lines.append("tags:")
            lines += [f"  - {t}" for t in tags]
            lines.append(f"created: {d.isoformat()}")
            lines.append(f"status: {rng.choice(['draft', 'done', 'review', 'null', '~'])}")
            lines.append(f"rating: {rng.randint(1, 5)}")
            lines.append(f"source: https://example.org/{rng.randint(1, 999)}#ref")
            if rng.random() < 0.3:
                lines.append("cssclasses:\n  - wide")
            if rng.random() < 0.2:
                lines.append(f'related: "[[{self.target().title}]]"')
        elif k == "uppercase_keys":
            lines.append("ALIASES:")
            lines += [f"  - {yaml_str(a)}" for a in note.aliases]
            lines.append("Tags: " + ", ".join(tags))
            lines.append("Tag: extra")
        elif k == "empty":
            lines.append("aliases:")
            lines.append("tags: []")
        elif k == "broken":
            lines.append(rng.choice([
                "title: {{title}}",
                "date: {{date:YYYY-MM-DD}}\ntitle: {{title}}",
                'title: "{{title}}" - draft',
                "tags:\n\t- tabbed",
                "aliases: [unclosed, list\ncreated: 2023-01-01",
                "key: value: other",
                "title: <% tp.file.title %>\ntags: [template]",
            ]))
        fm = "---\n" + "\n".join(lines) + "\n---\n"
        self.stats[f"fm:{k}"] += 1
        return fm

    # -- a whole note ------------------------------------------------------------
    def note_text(self, note: Note) -> str:
        rng = self.rng
        if note.kind == "empty":
            return "" if rng.random() < 0.7 else "\n"
        fm = self.frontmatter(note)
        out: list[str] = []
        size = len(fm)
        if rng.random() < 0.3:
            out.append(f"# {note.title}")
        if note.kind == "daily":
            out.append(f"Yesterday: [[{prev_day(note.title)}]]")
            self.stats["links"] += 1
            self.stats["link:plain"] += 1
        if note.kind == "template":
            out.append("# {{title}}\n\nCreated {{date}} <% tp.date.now() %>\n\n## Links\n- ")
        headings = list(note.headings)
        blocks = list(note.blocks)
        link_p = rng.choice([0.15, 0.3, 0.45, 0.6])
        n_h = len(headings)
        while size < note.size:
            frac = size / note.size
            if headings and frac >= (n_h - len(headings)) / max(1, n_h) and rng.random() < 0.6:
                out.append("#" * rng.choice([2, 2, 2, 3, 1, 4]) + " " + headings.pop(0))
            b = self.block(note, link_p)
            if blocks and not b.startswith(("```", "~~~", "$$", "|", "    ", "%%", "<!--", "---")) and rng.random() < 0.3:
                b += f" ^{blocks.pop(0)}"
            out.append(b)
            size += len(b.encode("utf-8")) + 2
        for h in headings:
            out.append("## " + h)
            out.append(self.paragraph(note, link_p))
        for bid in blocks:
            out.append(self.paragraph(note, link_p) + f" ^{bid}")
        text = fm + "\n\n".join(out) + "\n"
        return text


def yaml_str(s: str, flow: bool = False) -> str:
    """Quote a YAML scalar when a plain one would not round-trip."""
    specials = ":#{}[],&*!|>'\"%@`" if flow else ":#{}[]&*!|>'\"%@`"
    if any(c in s for c in specials) or s[:1] in "-?" or s.strip() != s or s.lower() in ("null", "true", "false", "yes", "no", "~"):
        return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return s


def prev_day(iso: str) -> str:
    import datetime as _dt
    return (_dt.date.fromisoformat(iso) - _dt.timedelta(days=1)).isoformat()


# --------------------------------------------------------------------------
# Attachments and config
# --------------------------------------------------------------------------

def png_bytes(rng: random.Random, w: int, h: int) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    raw = bytearray()
    colour = bytes([rng.randrange(256), rng.randrange(256), rng.randrange(256)])
    for y in range(h):
        raw.append(0)
        raw += colour * w
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def canvas_json(rng: random.Random, notes: list[Note], i: int) -> str:
    nodes = []
    for j in range(rng.randint(3, 8)):
        t = rng.choice(notes)
        if rng.random() < 0.5:
            nodes.append({"id": f"n{i}_{j}", "type": "file", "file": t.relpath,
                          "x": j * 300, "y": 0, "width": 250, "height": 120})
        else:
            nodes.append({"id": f"n{i}_{j}", "type": "text", "text": f"See [[{t.title}]] #canvas",
                          "x": j * 300, "y": 200, "width": 250, "height": 120})
    edges = [{"id": f"e{i}_{j}", "fromNode": nodes[j]["id"], "fromSide": "right",
              "toNode": nodes[j + 1]["id"], "toSide": "left"} for j in range(len(nodes) - 1)]
    return json.dumps({"nodes": nodes, "edges": edges}, indent="\t", ensure_ascii=False)


def write_obsidian_config(root: Path) -> None:
    ob = root / ".obsidian"
    (ob / "plugins" / "dataview").mkdir(parents=True, exist_ok=True)
    (ob / "snippets").mkdir(parents=True, exist_ok=True)
    files = {
        "app.json": {"attachmentFolderPath": "attachments", "newLinkFormat": "shortest",
                     "useMarkdownLinks": False, "alwaysUpdateLinks": True},
        "appearance.json": {"baseFontSize": 16, "theme": "obsidian"},
        "core-plugins.json": ["file-explorer", "global-search", "graph", "backlink", "tag-pane",
                              "daily-notes", "templates", "canvas"],
        "community-plugins.json": ["dataview"],
        "graph.json": {"collapse-filter": True, "search": "", "showTags": False, "showAttachments": False,
                       "hideUnresolved": False, "showOrphans": True},
        "workspace.json": {"main": {"id": "abc", "type": "split", "children": []}, "lastOpenFiles": []},
        "daily-notes.json": {"folder": "Daily", "template": "Templates/Daily template"},
        "plugins/dataview/manifest.json": {"id": "dataview", "name": "Dataview", "version": "0.5.56"},
        "plugins/dataview/data.json": {"renderNullAs": "\\-"},
    }
    for name, obj in files.items():
        (ob / name).write_text(json.dumps(obj, indent=2) + "\n", encoding="utf-8")
    (ob / "plugins" / "dataview" / "main.js").write_text("module.exports = {};\n", encoding="utf-8")
    (ob / "snippets" / "wide.css").write_text(".wide { max-width: 100%; }\n", encoding="utf-8")
    # A .md under .obsidian is not a note.
    (ob / "plugins" / "dataview" / "README.md").write_text(
        "# Not a note\n\nLinks here like [[Quantum mechanics]] must not count. #notanote\n", encoding="utf-8")


# --------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------

def generate(out: Path, n_notes: int, seed: int) -> dict:
    rng = random.Random(seed)
    folders, notes = plan(rng, n_notes)
    n_attach = max(3, n_notes // 200)
    w = Writer(rng, notes, n_attach)
    out.mkdir(parents=True, exist_ok=True)
    write_obsidian_config(out)
    # Folders with no notes still exist in a real vault.
    for path, _ in folders:
        if path:
            (out / path).mkdir(parents=True, exist_ok=True)
    sizes: list[int] = []
    md_bytes = 0
    for note in notes:
        text = w.note_text(note)
        if note.crlf:
            text = text.replace("\n", "\r\n")
        data = text.encode("utf-8")
        if note.bom:
            data = b"\xef\xbb\xbf" + data
        p = out / note.relpath
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data)
        if not note.trash:
            sizes.append(len(data))
        md_bytes += len(data)
    att_bytes = 0
    for i, a in enumerate(w.attachments):
        p = out / a
        p.parent.mkdir(parents=True, exist_ok=True)
        data = png_bytes(rng, rng.randint(8, 64), rng.randint(8, 64))
        p.write_bytes(data)
        att_bytes += len(data)
    for i in range(max(1, n_notes // 2000)):
        p = out / "Canvases" / f"Map {i}.canvas"
        p.parent.mkdir(parents=True, exist_ok=True)
        data = canvas_json(rng, [x for x in notes if not x.trash], i).encode("utf-8")
        p.write_bytes(data)
        att_bytes += len(data)
    pdf = out / "attachments" / "paper.pdf"
    pdf.parent.mkdir(parents=True, exist_ok=True)
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

    title_counts = Counter(nfc(x.title).casefold() for x in notes if not x.trash)
    sizes_sorted = sorted(sizes)
    stats = {
        "seed": seed,
        "notes": sum(1 for x in notes if not x.trash),
        "trash_notes": sum(1 for x in notes if x.trash),
        "folders": len(folders) - 1,
        "max_depth": max(x.relpath.count("/") for x in notes if not x.trash),
        "attachments": len(w.attachments) + max(1, n_notes // 2000) + 1,
        "md_bytes": md_bytes,
        "total_mb": round((md_bytes + att_bytes) / 1e6, 2),
        "note_size_median": int(statistics.median(sizes_sorted)),
        "note_size_p90": sizes_sorted[int(0.9 * (len(sizes_sorted) - 1))],
        "note_size_max": sizes_sorted[-1],
        "empty_notes": sum(1 for s in sizes if s <= 1),
        "duplicate_name_notes": sum(c for c in title_counts.values() if c > 1),
        "nfd_file_names": sum(1 for x in notes if x.file_title != x.title),
        "crlf_notes": sum(1 for x in notes if x.crlf),
        "bom_notes": sum(1 for x in notes if x.bom),
        "links": w.stats["links"],
    }
    # expected share of link targets that go to the top 1% of notes (Zipf check)
    k = max(1, len(w.pop_notes) // 100)
    stats["top1pct_link_share"] = round(w.cum[k - 1] / w.cum[-1], 3)
    stats["counts"] = dict(sorted(w.stats.items()))
    return stats


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path, help="output directory (the vault root)")
    ap.add_argument("--notes", type=int, default=1000, help="number of notes (default 1000)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--force", action="store_true", help="delete OUT first if it exists")
    ap.add_argument("--quiet", action="store_true", help="do not print statistics")
    args = ap.parse_args(argv)
    if args.out.exists() and any(args.out.iterdir()):
        if not args.force:
            print(f"error: {args.out} exists and is not empty (use --force)", file=sys.stderr)
            return 2
        shutil.rmtree(args.out)
    stats = generate(args.out, args.notes, args.seed)
    if not args.quiet:
        print(json.dumps(stats, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
