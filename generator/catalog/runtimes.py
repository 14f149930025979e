"""The runtimes and formats an entry's `runtimes` names (`generator/data/runtimes.yaml`): one spelling each,
and the devices a build for each runs on, which the finder's CPU and phone preference reads."""

from __future__ import annotations

import difflib
import functools
from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator

from .yamlfile import Strict, read_data_table

RUNTIMES_FILE = Path(__file__).parent.parent / "data" / "runtimes.yaml"

Device = Literal["cpu", "phone"]


class Runtime(Strict):
    aliases: list[str] = Field(default_factory=list)
    devices: list[Device] = Field(default_factory=list)


class RuntimeTable(Strict):
    runtimes: dict[str, Runtime]

    @model_validator(mode="after")
    def _one_spelling(self) -> RuntimeTable:
        seen: dict[str, str] = {}
        for label, runtime in self.runtimes.items():
            if not label or len(label) > 40 or label != label.strip():
                raise ValueError(f"'{label}': a runtime's label is 1 to 40 characters, without outer spaces")
            for spelling in (label, *runtime.aliases):
                key = spelling.casefold()
                if key in seen and seen[key] != label:
                    raise ValueError(f"'{spelling}' names both '{seen[key]}' and '{label}'")
                seen[key] = label
        return self


@functools.cache
def runtime_table() -> RuntimeTable:
    return read_data_table(RUNTIMES_FILE, RuntimeTable)


@functools.cache
def _spellings() -> dict[str, str]:
    """Every spelling, case-folded, to its label."""
    return {
        spelling.casefold(): label
        for label, runtime in runtime_table().runtimes.items()
        for spelling in (label, *runtime.aliases)
    }


def known_runtime(value: str) -> str:
    """`value` if it is a runtime's label; otherwise an error that says what to write."""
    if value in runtime_table().runtimes:
        return value
    label = _spellings().get(value.casefold().strip())
    if label is not None:
        raise ValueError(f"'{value}' is written '{label}' in the catalog (generator/data/runtimes.yaml)")
    close = difflib.get_close_matches(value, list(runtime_table().runtimes), n=1, cutoff=0.6)
    hint = f"did you mean '{close[0]}'? " if close else ""
    raise ValueError(
        f"'{value}' is not a runtime of generator/data/runtimes.yaml: {hint}add it there, with the devices "
        "a build for it runs on, in the same pull request"
    )


@functools.cache
def device_runtimes() -> dict[str, list[str]]:
    """Per device, the labels of the runtimes whose builds run there: the finder's `prefer` reads them.
    Kept once made (coverage asks it for every model of every cell): callers do not change it."""
    table: dict[str, list[str]] = {"cpu": [], "phone": []}
    for label, runtime in runtime_table().runtimes.items():
        for device in runtime.devices:
            table[device].append(label)
    return table
