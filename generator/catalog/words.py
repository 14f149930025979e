"""The words a reader types for a need (`generator/data/words.yaml`): subjects, jobs, inputs, devices,
precisions, licences, extra language names and filler.

The subjects are the catalog's niche vocabulary (schema.SUBJECTS comes from here); the rest is what the
finder's sentence box reads. The whole table is emitted into `api/finder.json`, so the browser reads a
sentence with exactly this data and no copy of it. Validated when the package loads, like tasks.yaml: a
broken table is a maintainer's error, reported with its file, line and field.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from .runtimes import Device, device_runtimes, known_runtime
from .tasks import TASKS
from .yamlfile import Strict, read_data_table

WORDS_FILE = Path(__file__).parent.parent / "data" / "words.yaml"

Input = Literal["text", "vision", "audio"]
Precision = Literal["fp32", "fp16", "int8", "int4"]

_PHRASE = re.compile(r"^[^\s,;:!?\"'()\[\]{}<>]+( [^\s,;:!?\"'()\[\]{}<>]+)*$")


def normalize(text: str) -> str:
    """What a phrase and a typed sentence are compared as: lower case, compatibility forms folded, and the
    accents of the combining-diacritics block removed (`Français` → `francais`; other scripts' marks stay).
    The browser applies the same steps (docs/javascripts/need.js, `fold`)."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not 0x300 <= ord(c) <= 0x36F)


def _phrases(words: list[str]) -> list[str]:
    for word in words:
        if word != word.strip() or not _PHRASE.match(word):
            raise ValueError(f"'{word}': a phrase is words separated by single spaces, without punctuation")
        if normalize(word) != word:
            raise ValueError(f"'{word}': write phrases in lower case without accents, as they are matched")
    if len(set(words)) != len(words):
        raise ValueError("a phrase is listed twice")
    return words


class Subject(Strict):
    label: str = Field(min_length=1, max_length=60)
    words: list[str] = Field(min_length=1)
    # What a model made for it outputs (sentiment, toxicity), not what it reads (tweets, contracts): a
    # specialist that predicts other labels does not do a need that names this one.
    predicts: bool = False
    _check = field_validator("words")(_phrases)


class Job(Strict):
    words: list[str] = Field(min_length=1)
    task: str | dict[Input, str]
    _check = field_validator("words")(_phrases)

    @field_validator("task")
    @classmethod
    def _known(cls, value):
        for task in [value] if isinstance(value, str) else value.values():
            if task not in TASKS:
                raise ValueError(f"'{task}' is not a task of generator/data/tasks.yaml")
        if isinstance(value, dict) and "text" not in value:
            raise ValueError("a task per input needs `text`, the input of a sentence that names none")
        return value


class DeviceWords(Strict):
    mem: float | None = Field(default=None, gt=0)
    menu: str | None = None
    """With `mem`: the finder's memory menu offers this device under this label (catalog/vocabulary.py)."""
    prefer: Device | None = None
    runtime: str | None = None
    words: list[str] = Field(min_length=1)
    _check = field_validator("words")(_phrases)

    @field_validator("runtime")
    @classmethod
    def _known(cls, value):
        return value if value is None else known_runtime(value)


class Licence(Strict):
    label: str = Field(min_length=1, max_length=80)
    licenses: list[str] | None = None
    words: list[str] = Field(min_length=1)
    _check = field_validator("words")(_phrases)


class WordTable(Strict):
    subjects: dict[str, Subject]
    tasks: list[Job]
    inputs: dict[Input, list[str]]
    devices: dict[str, DeviceWords]
    precisions: dict[Precision, list[str]]
    licences: dict[str, Licence]
    languages: dict[str, list[str]] = Field(default_factory=dict)
    filler: list[str]

    @field_validator("inputs", "precisions", "languages", "filler")
    @classmethod
    def _lists_of_phrases(cls, value):
        for words in value.values() if isinstance(value, dict) else [value]:
            _phrases(words)
        return value

    @field_validator("subjects")
    @classmethod
    def _subject_keys(cls, value):
        for key in value:
            if not re.fullmatch(r"[a-z]+(-[a-z]+)*", key):
                raise ValueError(f"subject '{key}': a key is lower-case words joined by hyphens")
        return value

    @model_validator(mode="after")
    def _filler_means_nothing(self) -> WordTable:
        meaning = {w for s in self.subjects.values() for w in s.words} | {
            w for j in self.tasks for w in j.words
        }
        meaning |= {w for ws in self.inputs.values() for w in ws} | {
            w for d in self.devices.values() for w in d.words
        }
        meaning |= {w for ws in self.precisions.values() for w in ws}
        meaning |= {w for lic in self.licences.values() for w in lic.words}
        both = sorted(meaning & set(self.filler))
        if both:
            raise ValueError(f"filler words that also carry a meaning: {', '.join(both)}")
        return self


@functools.cache
def word_table() -> WordTable:
    return read_data_table(WORDS_FILE, WordTable)


def browser_words() -> dict:
    """The table as the browser reads it (api/finder.json `words`): everything but the subjects, which the
    index carries already as `subjects`."""
    table = word_table()
    return {
        "tasks": [[job.words, job.task] for job in table.tasks],
        "inputs": table.inputs,
        "devices": {key: d.model_dump(exclude_none=True) for key, d in table.devices.items()},
        "precisions": table.precisions,
        "licences": {key: lic.model_dump(exclude_none=True) for key, lic in table.licences.items()},
        "filler": table.filler,
        "deviceRuntimes": device_runtimes(),
    }
