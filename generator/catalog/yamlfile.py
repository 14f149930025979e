"""Read a contributor's YAML file into plain data, keeping where every key and value stands.

Why not `yaml.safe_load`: YAML 1.1 turns `no` into False and `1.10` into 1.1, silently accepts a repeated
key, expands aliases without bound and forgets line numbers. Here libyaml only tokenizes (fast, in C); the
tree is built from its events with YAML 1.2 core-schema scalars, and anchors, aliases and tags are refused
because no catalog file needs them.
"""

from __future__ import annotations

import datetime as dt
import errno
import os
import re
import stat
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError

MAX_FILE_BYTES = 64 * 1024
"""A model entry is a few hundred bytes; anything far larger is a mistake or an attack."""

MAX_DEPTH = 16
"""Catalog files nest four levels at most; a deeper file is refused before anything recurses over it."""

MAX_INT_DIGITS = 20
"""Wider than any count the catalog holds, and far below `int()`'s 4,300-digit limit."""

FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # control characters other than tab and line breaks
    "\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff"  # zero-width, bidi, separators
    "\ud800-\udfff\ufff0-\uffff]"  # surrogates, specials and non-characters
)
"""Characters no catalog text needs: invisible, reordering (a bidi override can make a page say other than
the file seems to) or not text at all. Shared with the Hub snapshot's checks."""

Path_ = tuple[str | int, ...]


class YamlFileError(Exception):
    """A file that cannot be read as catalog YAML, with the position of the problem (1-based)."""

    def __init__(self, message: str, line: int = 1, column: int = 1, field: str = ""):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.field = field


@dataclass
class YamlDocument:
    """A parsed file: its data, and the 1-based (line, column) of every value and mapping key."""

    data: object
    value_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)

    def position(self, path: Path_) -> tuple[int, int]:
        """Where `path` stands, or its nearest parent that exists (a missing key points at its mapping)."""
        for end in range(len(path), -1, -1):
            prefix = tuple(path[:end])
            if prefix in self.value_positions:
                return self.value_positions[prefix]
        return (1, 1)

    def key_position(self, path: Path_) -> tuple[int, int]:
        return self.key_positions.get(tuple(path)) or self.position(path)


_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_SPECIAL_FLOAT = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"), ".nan": float("nan")}
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_WORDS = {"null", "Null", "NULL", *_BOOL}  # the only plain scalars that start with a letter and are not text


def resolve_plain_scalar(text: str) -> object:
    """YAML 1.2 core schema, plus ISO dates: `no`, `off`, `y` stay strings; `1.10` is a number.

    Raises ValueError for an integer wider than MAX_INT_DIGITS, which no catalog count needs.
    """
    if text[:1].isalpha() and text not in _WORDS:  # most values: text, which no rule below would change
        return text
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _INT.match(text) or _OCT.match(text) or _HEX.match(text):
        if len(text) > MAX_INT_DIGITS:
            raise ValueError(
                f"a number {len(text)} characters long is out of range; write at most {MAX_INT_DIGITS} digits"
            )
        if _OCT.match(text):
            return int(text[2:], 8)
        return int(text[2:], 16) if _HEX.match(text) else int(text)
    if _FLOAT.match(text):
        return float(text)
    if text.lower() in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[text.lower()]
    if _DATE.match(text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return text
    return text


def _pos(mark) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def field_name(path: Path_) -> str:
    """`("not_for", 2)` → `not_for[2]`: the way a contributor would point at a value."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


_Scalar, _Alias = yaml.ScalarEvent, yaml.AliasEvent
_SequenceStart, _MappingStart = yaml.SequenceStartEvent, yaml.MappingStartEvent
_Ends = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


def parse_yaml_text(text: str) -> YamlDocument:
    """Parse one YAML document into plain dicts, lists and scalars; raise YamlFileError on anything odd.

    One loop over libyaml's events, dispatched on their exact class: this runs once per catalog file,
    10,000 times in a large build, so it avoids per-event helper calls.
    """
    check_characters(text)
    doc = YamlDocument(data=None)
    values, keys = doc.value_positions, doc.key_positions
    # Each open container: [container, its path, the key awaiting its value (mappings), is a mapping]
    stack: list[list] = []
    documents = 0
    root_set = False
    loader = yaml.CSafeLoader(text)
    try:
        while True:
            event = loader.get_event()
            cls = event.__class__
            if cls is _Scalar or cls is _MappingStart or cls is _SequenceStart:
                mark = event.start_mark
                if event.anchor:
                    raise YamlFileError(
                        f"anchors (&{event.anchor}) are not allowed in catalog files; write values out",
                        *_pos(mark),
                    )
                if event.tag:
                    implicit = event.implicit
                    if not (implicit[0] if isinstance(implicit, tuple) else implicit):
                        raise YamlFileError(
                            f"tags ({event.tag}) are not allowed in catalog files; quote the value instead",
                            *_pos(mark),
                        )
                frame = stack[-1] if stack else None
                if cls is _Scalar:
                    value = event.value if event.style else resolve_plain_scalar(event.value)
                    if frame is not None and frame[3] and frame[2] is None:  # a mapping's key
                        if not isinstance(value, str):
                            value = event.value
                        key_path = (*frame[1], value)
                        if value in frame[0]:
                            first = keys[key_path]
                            raise YamlFileError(
                                f"duplicate key '{value}' (first set on line {first[0]}); keep one of them",
                                *_pos(mark),
                                field=field_name(key_path),
                            )
                        frame[2] = value
                        keys[key_path] = (mark.line + 1, mark.column + 1)
                        continue
                else:
                    if frame is not None and frame[3] and frame[2] is None:
                        raise YamlFileError("a mapping key must be plain text", *_pos(mark))
                    value = {} if cls is _MappingStart else []
                if frame is None:
                    if root_set:
                        raise YamlFileError("only one YAML document per file", *_pos(mark))
                    doc.data, root_set, path = value, True, ()
                elif frame[3]:
                    path = (*frame[1], frame[2])
                    frame[0][frame[2]] = value
                    frame[2] = None
                else:
                    path = (*frame[1], len(frame[0]))
                    frame[0].append(value)
                values[path] = (mark.line + 1, mark.column + 1)
                if cls is not _Scalar:
                    if len(stack) == MAX_DEPTH:
                        raise YamlFileError(
                            f"nested more than {MAX_DEPTH} levels deep; catalog files need four at most",
                            *_pos(mark),
                            field=field_name(path),
                        )
                    stack.append([value, path, None, cls is _MappingStart])
            elif cls in _Ends:
                stack.pop()
            elif cls is _Alias:
                raise YamlFileError(
                    "aliases (*name) are not allowed in catalog files; write the value out",
                    *_pos(event.start_mark),
                )
            elif cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise YamlFileError("only one YAML document per file", *_pos(event.start_mark))
            elif cls is yaml.StreamEndEvent:
                break
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = _pos(mark) if mark else (1, 1)
        raise YamlFileError(f"not valid YAML: {exc.problem or exc.context}", line, column) from None
    except ValueError as exc:  # resolve_plain_scalar's range check
        raise YamlFileError(str(exc), *_pos(event.start_mark)) from None
    except yaml.YAMLError as exc:  # anything else libyaml refuses: still this file's error, never a traceback
        raise YamlFileError(f"not valid YAML: {exc}") from None
    return doc


def check_characters(text: str) -> None:
    """Refuse the first FORBIDDEN_CHARACTERS match, naming it and where it stands."""
    found = FORBIDDEN_CHARACTERS.search(text)
    if found is None:
        return
    char, start = found.group(), found.start()
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    name = unicodedata.name(char, "a control character")
    raise YamlFileError(
        f"character U+{ord(char):04X} ({name}) is not allowed: catalog text must not hide, reorder or "
        "control what readers see; delete it",
        line,
        column,
    )


def read_capped(path: Path, limit: int) -> bytes:
    """The bytes of a regular file inside the repository, refusing links and anything over `limit`.

    O_NOFOLLOW makes the refusal of a symlink part of opening the file, so nothing outside the repository is
    ever read, and nothing read from it can reach a message.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP or os.path.islink(path):
            raise YamlFileError("is a symbolic link; catalog files must be regular files") from None
        raise YamlFileError(f"cannot be read: {os.strerror(exc.errno or 0) or exc}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise YamlFileError("is not a regular file; catalog files must be plain files")
        if info.st_size > limit:
            raise YamlFileError(f"file is {info.st_size} bytes; catalog files must be under {limit} bytes")
        raw = handle.read(limit + 1)
    if len(raw) > limit:
        raise YamlFileError(f"file is over {limit} bytes; catalog files must be under {limit} bytes")
    return raw


def decode_text(raw: bytes) -> str:
    """UTF-8 text, a leading byte-order mark dropped."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlFileError("file is not UTF-8 text; save it as UTF-8", line) from None
    return text


def read_yaml_file(path: Path) -> YamlDocument:
    """Read and parse `path`: a link, an oversized file, non-UTF-8 or a forbidden character is refused
    before parsing; whatever goes wrong comes out as YamlFileError."""
    return parse_yaml_text(decode_text(read_capped(path, MAX_FILE_BYTES)))


class DataTableInvalid(Exception):
    """A data table of the package itself (generator/data/*.yaml) is broken: a maintainer's error,
    reported with the file, line, column and field."""


class Strict(BaseModel):
    """The parts of a data table: no unknown key, no coercion (a YAML `no` is not a string), frozen."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


def read_data_table(path: Path, model: type[BaseModel]):
    """`path` read and validated as `model`; the first error names its position. Shared by the package's
    data tables (catalog/tasks.py, catalog/words.py, catalog/runtimes.py, checks/coverage.py)."""
    doc = read_yaml_file(path)
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        first = exc.errors()[0]
        line, column = doc.position(tuple(first["loc"]))
        where = ".".join(str(p) for p in first["loc"])
        raise DataTableInvalid(f"{path.name}:{line}:{column}: {where}: {first['msg']}") from None
