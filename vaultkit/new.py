"""`vaultkit new`: add a note to a vault from a template, the one write vaultkit makes there.

Templates use Obsidian's core placeholders: `{{title}}`, `{{date}}`, `{{time}}`,
and `{{date:YYYY-MM-DD}}` / `{{time:HH:mm}}` with moment.js-style formats.
"""

from __future__ import annotations

import datetime as dt
import importlib.resources
import os
import re
import stat
import unicodedata
from pathlib import Path, PurePosixPath

from .files import is_note_name

MAX_TEMPLATE_BYTES = 1024 * 1024
FORBIDDEN = set('*"\\/<>:|?#^[]')
VAULT_TEMPLATE_FOLDERS = ("templates", "Templates", "_templates")
_PLACEHOLDER = re.compile(r"\{\{\s*(title|date|time)\s*(?::([^}]*))?\}\}", re.IGNORECASE)
_MOMENT = re.compile(r"\[[^\]]*\]|YYYY|YY|MMMM|MMM|MM|M|DD|D|dddd|ddd|HH|H|hh|h|mm|m|ss|s|A|a")
_STRFTIME = {
    "YYYY": "%Y", "YY": "%y", "MMMM": "%B", "MMM": "%b", "MM": "%m", "DD": "%d",
    "dddd": "%A", "ddd": "%a", "HH": "%H", "hh": "%I", "mm": "%M", "ss": "%S", "A": "%p",
}


class NewNoteError(Exception):
    """The note cannot be created: bad title, unknown template, or it exists."""


def check_title(title: str) -> str:
    """A title usable as a file name on every system Obsidian runs on."""
    title = unicodedata.normalize("NFC", title.strip())
    if not title:
        raise NewNoteError("the title is empty")
    bad = sorted({c for c in title if c in FORBIDDEN or unicodedata.category(c) == "Cc"})
    if bad:
        shown = " ".join(repr(c) for c in bad)
        raise NewNoteError(f"a title cannot contain {shown} (Obsidian forbids them in file names)")
    if title.startswith("."):
        raise NewNoteError("a title cannot start with '.' (the note would be hidden)")
    if len(title.encode("utf-8")) > 200:
        raise NewNoteError("the title is too long for a file name")
    return title


def check_folder(folder: str) -> PurePosixPath:
    path = PurePosixPath(folder.replace("\\", "/"))
    if path.is_absolute() or any(part in ("..", "") or part.startswith(".") for part in path.parts if part != "."):
        raise NewNoteError(f"folder {folder!r} must be a plain path inside the vault")
    return path


def find_template(vault: Path, name: str) -> str:
    """The vault's own template of that name first, then vaultkit's."""
    file_name = name if is_note_name(name) else f"{name}.md"
    if "/" in file_name or "\\" in file_name or file_name.startswith("."):
        raise NewNoteError(f"template name {name!r} must be a plain file name")
    for folder in VAULT_TEMPLATE_FOLDERS:
        candidate = vault / folder / file_name
        if os.path.lexists(candidate):
            return _read_vault_template(vault, candidate, f"{folder}/{file_name}")
    builtin = importlib.resources.files("vaultkit.templates") / file_name
    if builtin.is_file():
        return builtin.read_text(encoding="utf-8")
    raise NewNoteError(f"no template {file_name!r} in the vault's templates folder or vaultkit's")


def _read_vault_template(vault: Path, candidate: Path, shown: str) -> str:
    """A vault's template, read only if it is a regular file inside the vault (no link out, no device) and small."""
    root = os.path.realpath(vault)
    folder = os.path.realpath(candidate.parent)
    if os.path.commonpath([root, folder]) != root:
        raise NewNoteError(f"template {shown} is in a folder that leads out of the vault; not read")
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(os.path.join(folder, candidate.name), flags)
    except OSError as error:
        if os.path.islink(candidate):
            raise NewNoteError(f"template {shown} is a symbolic link; vaultkit reads only a regular file") from None
        raise NewNoteError(f"template {shown} cannot be read: {error.strerror or error}") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise NewNoteError(f"template {shown} is not a regular file; not read")
        if info.st_size > MAX_TEMPLATE_BYTES:
            raise NewNoteError(f"template {shown} is {info.st_size:,} bytes, over the {MAX_TEMPLATE_BYTES:,}-byte limit")
        data = b""
        while len(data) <= MAX_TEMPLATE_BYTES:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            data += chunk
    except OSError as error:
        raise NewNoteError(f"template {shown} cannot be read: {error.strerror or error}") from None
    finally:
        os.close(fd)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise NewNoteError(f"template {shown} is over the {MAX_TEMPLATE_BYTES:,}-byte limit")
    return data.decode("utf-8-sig", errors="replace")


def fill_template(template: str, title: str, now: dt.datetime) -> str:
    def replace(match: re.Match[str]) -> str:
        kind, fmt = match.group(1).lower(), match.group(2)
        if kind == "title":
            return title
        if fmt:
            return moment_format(now, fmt.strip())
        return now.strftime("%Y-%m-%d" if kind == "date" else "%H:%M")

    return _PLACEHOLDER.sub(replace, template)


def moment_format(when: dt.datetime, fmt: str) -> str:
    """The common moment.js tokens (YYYY, MM, DD, HH, mm, ss, …) and `[literal]` text; anything else is kept."""

    def token(match: re.Match[str]) -> str:
        code = match.group(0)
        if code.startswith("["):
            return code[1:-1]  # moment.js escapes literal text in brackets
        if code in _STRFTIME:
            return when.strftime(_STRFTIME[code])
        return {
            "M": str(when.month), "D": str(when.day), "H": str(when.hour),
            "h": str(when.hour % 12 or 12), "m": str(when.minute), "s": str(when.second),
            "a": when.strftime("%p").lower(),
        }[code]

    return _MOMENT.sub(token, fmt)


def create_note(
    vault: Path,
    title: str,
    *,
    template: str = "concept",
    folder: str = "",
    now: dt.datetime | None = None,
) -> Path:
    """Write `<vault>/<folder>/<title>.md` from a template; never overwrites."""
    title = check_title(title)
    where = check_folder(folder) if folder else PurePosixPath()
    text = fill_template(find_template(vault, template), title, now or dt.datetime.now())
    target_folder = vault.joinpath(*where.parts)
    target = target_folder / f"{title}.md"
    shown = (where / target.name).as_posix()
    _check_inside(vault, target_folder, folder)
    if target_folder.is_dir():
        taken = {p.name.lower() for p in target_folder.iterdir()}
        if target.name.lower() in taken:
            raise NewNoteError(f"{shown} already exists; not overwritten")
    try:
        target_folder.mkdir(parents=True, exist_ok=True)
        _check_inside(vault, target_folder, folder)  # nothing raced a link into place
        with open(target, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:
        if target_folder.is_dir():
            raise NewNoteError(f"{shown} already exists; not overwritten") from None
        raise NewNoteError(f"folder {folder!r} is a file in the vault") from None
    except NotADirectoryError:
        raise NewNoteError(f"folder {folder!r} goes through a file in the vault") from None
    except OSError as error:
        raise NewNoteError(f"cannot write {shown}: {error.strerror or error}") from None
    return target


def _check_inside(vault: Path, folder: Path, given: str) -> None:
    """A folder spelled inside the vault may still be a symbolic link out of it."""
    root = os.path.realpath(vault)
    real = os.path.realpath(folder)
    if os.path.commonpath([root, real]) != root:
        raise NewNoteError(f"folder {given!r} leads out of the vault; vaultkit writes only inside it")
