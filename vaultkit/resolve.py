"""Stage 3, resolve: every link target → a note, an attachment, or a ghost.

The order is the spec's and it matters: path, then file name, then alias, then
unresolved. Names are compared after NFC normalisation and lower-casing.
"""

from __future__ import annotations

import posixpath
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from .model import Diagnostic, LinkRef, Note, ResolvedLink, Severity


def normalize(name: str) -> str:
    """The key two spellings of one name share: NFC, lower case, no `.md`, no outer spaces."""
    key = unicodedata.normalize("NFC", name.strip()).lower()
    if key.endswith(".md"):
        key = key[:-3].rstrip()
    return key.lstrip("/")


def _folder(ident: str) -> str:
    return posixpath.dirname(ident)


def _tail(path: str) -> str:
    """The last two components of a path: `a/b/c` → `b/c`."""
    return "/".join(path.rsplit("/", 2)[-2:])


@dataclass(frozen=True, slots=True)
class Choice:
    """Node ids that one look-up finds, shortest path first, and the first of them in each folder."""

    ids: tuple[str, ...]
    first_in: dict[str, str]

    @classmethod
    def of(cls, ids: Sequence[str]) -> Choice:
        first_in: dict[str, str] = {}
        for ident in ids:
            first_in.setdefault(_folder(ident), ident)
        return cls(tuple(ids), first_in)


@dataclass(frozen=True)
class NameIndex:
    """Look-up tables from normalised names to node ids.

    Each list is sorted shortest path first (then alphabetically). A look-up is
    prepared once a key (`choice`), so that a thousand notes of one name, each
    linking to it from its own folder, cost a thousand dictionary look-ups, not
    a million comparisons.
    """

    by_path: dict[str, list[str]]
    by_name: dict[str, list[str]]
    by_alias: dict[str, tuple[str, ...]]
    attachment_by_path: dict[str, str]
    attachment_by_name: dict[str, list[str]]
    normalized: dict[str, str]  # node id → its normalised form
    by_tail: dict[str, list[str]] = field(default_factory=dict)  # last two components → note ids
    attachment_by_tail: dict[str, list[str]] = field(default_factory=dict)  # the same, lower-cased paths
    choices: dict[tuple[str, str], Choice] = field(default_factory=dict, repr=False, compare=False)

    def choice(self, kind: str, key: str) -> Choice | None:
        """What a look-up of `key` finds (`path`, `name`, `suffix`, `attachment`, `attachment-suffix`), or None."""
        found = self.choices.get((kind, key))
        if found is None:
            found = self.choices[(kind, key)] = Choice.of(self._find(kind, key))
        return found if found.ids else None

    def _find(self, kind: str, key: str) -> Sequence[str]:
        if kind == "path":
            return self.by_path.get(key, ())
        if kind == "name":
            return self.by_name.get(key, ())
        if kind == "suffix":  # notes whose path ends with the key at a `/`
            return [i for i in self.by_tail.get(_tail(key), ()) if self.normalized[i].endswith("/" + key)]
        if kind == "attachment":
            return self.attachment_by_name.get(key, ())
        return [p for p in self.attachment_by_tail.get(_tail(key), ()) if p.lower().endswith("/" + key)]

    @classmethod
    def build(cls, notes: Iterable[Note], attachments: Iterable[str]) -> NameIndex:
        by_path: dict[str, list[str]] = defaultdict(list)
        by_name: dict[str, list[str]] = defaultdict(list)
        by_alias: dict[str, list[str]] = defaultdict(list)
        by_tail: dict[str, list[str]] = defaultdict(list)
        normalized: dict[str, str] = {}
        for note in notes:
            normalized[note.id] = key = normalize(note.id)
            by_path[key].append(note.id)
            by_name[normalize(note.title)].append(note.id)
            by_tail[_tail(key)].append(note.id)
            for alias in note.aliases:
                owners = by_alias[normalize(alias)]
                if not owners or owners[-1] != note.id:  # this note's own entries come last while it is read
                    owners.append(note.id)
        attachment_by_path: dict[str, str] = {}
        attachment_by_name: dict[str, list[str]] = defaultdict(list)
        attachment_by_tail: dict[str, list[str]] = defaultdict(list)
        for path in attachments:
            key = unicodedata.normalize("NFC", path).lower()
            attachment_by_path.setdefault(key, path)
            attachment_by_name[posixpath.basename(key)].append(path)
            attachment_by_tail[_tail(path.lower())].append(path)
        for table in (by_path, by_name, by_tail, attachment_by_name, attachment_by_tail):
            for ids in table.values():
                ids.sort(key=lambda i: (len(i), i))
        aliases = {key: tuple(owners) for key, owners in by_alias.items()}
        return cls(
            dict(by_path), dict(by_name), aliases, attachment_by_path, dict(attachment_by_name), normalized,
            dict(by_tail), dict(attachment_by_tail),
        )  # fmt: skip


@dataclass(frozen=True, slots=True)
class Resolution:
    target: str | None  # node id, or None when unresolved
    via_alias: bool = False
    candidates: tuple[str, ...] = ()  # more than one: the link was ambiguous
    attachment: bool = False


def resolve_target(
    index: NameIndex,
    target: str,
    source_folder: str,
    *,
    alias_links: bool = True,
    relative: bool = False,
) -> Resolution:
    """Resolve one link target written in a note of `source_folder`."""
    raw = unicodedata.normalize("NFC", target.strip())
    if relative and raw.startswith(("./", "../")):
        joined = posixpath.normpath(posixpath.join(source_folder, raw))
        if not joined.startswith("../") and joined != "..":
            found = _by_path(index, joined)
            if found is not None:
                return found
        raw = raw[2:] if raw.startswith("./") else raw
    key = normalize(raw)
    if not key:
        return Resolution(None)
    if "." in posixpath.basename(key):
        attachment = _attachment(index, raw, source_folder)
        if attachment is not None:
            return attachment
    if "/" in key:
        found = index.choice("path", key) or index.choice("suffix", key)
        if found:
            return _choose(found, source_folder)
    named = index.choice("name", key)
    if named:
        return _choose(named, source_folder)
    if alias_links:
        owners = index.by_alias.get(key)
        if owners and len(owners) == 1:
            return Resolution(owners[0], via_alias=True)
        if owners:
            return Resolution(None, candidates=owners)
    return Resolution(None)


def _by_path(index: NameIndex, path: str) -> Resolution | None:
    key = unicodedata.normalize("NFC", path).lower()
    if key in index.attachment_by_path:
        return Resolution(index.attachment_by_path[key], attachment=True)
    exact = index.choice("path", normalize(path))
    return _choose(exact, posixpath.dirname(path)) if exact else None


def _attachment(index: NameIndex, raw: str, folder: str) -> Resolution | None:
    """Attachments resolve like notes: a path first, else by name, own folder preferred."""
    key = raw.lower().lstrip("/")
    if "/" in key:
        if key in index.attachment_by_path:
            return Resolution(index.attachment_by_path[key], attachment=True)
        named = index.choice("attachment-suffix", key)
    else:
        named = index.choice("attachment", key)
    if not named:
        return None
    return _choose(named, folder, attachment=True)


def _choose(choice: Choice, folder: str, attachment: bool = False) -> Resolution:
    """The ids come sorted shortest first; the linking note's own folder wins."""
    if len(choice.ids) == 1:
        return Resolution(choice.ids[0], attachment=attachment)
    best = choice.first_in.get(folder, choice.ids[0])
    return Resolution(best, candidates=choice.ids, attachment=attachment)


@dataclass(frozen=True, slots=True)
class Resolved:
    links: tuple[ResolvedLink, ...]
    diagnostics: tuple[Diagnostic, ...]


def resolve_links(
    notes: Sequence[Note],
    index: NameIndex,
    *,
    alias_links: bool = True,
    attachments: bool = False,
) -> Resolved:
    """Resolve every link of every note; unresolved targets become ghosts.

    Ghost ids are the target as first written; later spellings that differ only
    in case join the same ghost.
    """
    links: list[ResolvedLink] = []
    diagnostics: list[Diagnostic] = list(_alias_conflicts(notes, index))
    ghosts: dict[str, str] = {}
    cache: dict[tuple[str, str, bool], Resolution] = {}
    for note in notes:
        folder = _folder(note.id)
        for ref in note.links:
            if not ref.target:
                continue  # [[#Heading]]: a place in the same note, no edge
            if not normalize(ref.target):
                message = f"{_written(ref)} names no note; ignored"
                diagnostics.append(Diagnostic(note.path, ref.line, "unresolved-link", message, Severity.WARNING))
                continue
            relative = ref.syntax == "markdown"
            key = (ref.target, folder, relative)
            found = cache.get(key)
            if found is None:
                found = cache[key] = resolve_target(
                    index, ref.target, folder, alias_links=alias_links, relative=relative
                )
            if found.target is None:
                ghost = ghosts.setdefault(normalize(ref.target), _ghost_id(ref.target))
                links.append(ResolvedLink(note.id, ghost, ref, exists=False))
                diagnostics.append(_unresolved(note, ref, found))
            elif attachments or not found.attachment:
                links.append(_resolved(note, ref, found))
                diagnostics.extend(_resolution_notes(note, ref, found))
    return Resolved(tuple(links), tuple(diagnostics))


def _unresolved(note: Note, ref: LinkRef, found: Resolution) -> Diagnostic:
    """Why a link stays a ghost: an alias of several notes (a warning), or no note at all."""
    if found.candidates:
        message = f"{_written(ref)} is an alias of several notes ({_some(found.candidates)}); left unresolved"
        return Diagnostic(note.path, ref.line, "unresolved-link", message, Severity.WARNING)
    message = f"{_written(ref)} matches no note; shown as an unresolved link"
    return Diagnostic(note.path, ref.line, "unresolved-link", message, Severity.INFO)


def _resolved(note: Note, ref: LinkRef, found: Resolution) -> ResolvedLink:
    return ResolvedLink(note.id, found.target, ref, exists=True, via_alias=found.via_alias,
                        ambiguous=len(found.candidates) > 1, attachment=found.attachment)


def _resolution_notes(note: Note, ref: LinkRef, found: Resolution) -> Iterator[Diagnostic]:
    """What a reader should know about a resolved link: several files matched, or an alias was followed."""
    written = _written(ref)
    if len(found.candidates) > 1:
        others = _some(found.candidates)
        message = f"{written} matches {len(found.candidates)} files ({others}); linked to {found.target}"
        yield Diagnostic(note.path, ref.line, "ambiguous-link", message, Severity.WARNING)
    if found.via_alias:
        message = f"{written} resolved through an alias of {found.target} (Obsidian leaves it unresolved)"
        yield Diagnostic(note.path, ref.line, "alias-link", message, Severity.INFO)


def _some(ids: Sequence[str], shown: int = 4, total: int | None = None) -> str:
    """The first few of a list for a message: `a, b, c, d and 7 more`."""
    more = (len(ids) if total is None else total) - min(shown, len(ids))
    return ", ".join(ids[:shown]) + (f" and {more} more" if more > 0 else "")


def _ghost_id(target: str) -> str:
    ghost = unicodedata.normalize("NFC", target.strip())
    if ghost.lower().endswith(".md"):
        ghost = ghost[:-3].rstrip()
    return ghost


def _written(ref: LinkRef) -> str:
    anchor = "".join("#" + a for a in ref.anchors)
    if ref.syntax == "wiki":
        return f"{'!' if ref.kind == 'embed' else ''}[[{ref.target}{anchor}]]"
    return f"({ref.target}{anchor})"


def _alias_conflicts(notes: Sequence[Note], index: NameIndex) -> Iterable[Diagnostic]:
    """One diagnostic per alias that several notes claim, on each claiming note."""
    by_id = {note.id: note for note in notes}
    spelled: dict[str, dict[str, str]] = {}  # note id → each normalised alias as the note first writes it
    for key, owners in index.by_alias.items():
        if len(owners) < 2:
            continue
        for owner in owners:
            note = by_id[owner]
            if owner not in spelled:
                spelled[owner] = {}
                for written in note.aliases:
                    spelled[owner].setdefault(normalize(written), written)
            alias = spelled[owner][key]
            others = _some([o for o in owners[:5] if o != owner], total=len(owners) - 1)
            message = f"alias {alias!r} is also claimed by {others}; links to it stay unresolved"
            yield Diagnostic(note.path, 1, "alias-conflict", message, Severity.WARNING)
