"""The vocabulary the pages and the browser's scripts share, defined once here and written out for the
browser in `api/finder.json` (site/indexes.py), so that no script keeps a copy that could drift.

It gathers what the other tables define (kinds and modalities from schema.py, tasks and their families
from tasks.py, subjects and the sentence box's words from words.py, devices' runtimes from runtimes.py,
bytes per parameter from schema.py) and adds the finder's menus: the size, download and memory limits a
reader picks from, the precisions and the build preferences, each with the label the page shows.
"""

from __future__ import annotations

from typing import get_args

from .schema import DTYPE_BYTES, KIND_LABELS, KINDS, Modality
from .tasks import FIXED_LABEL_TASKS, GENERATIVE_TASKS, TASKS
from .words import browser_words, word_table

SIZE_LIMITS = ("100M", "350M", "1B", "3B", "8B", "15B")
"""Parameter counts a reader can cap a need at (finder `maxparams`)."""
DOWNLOAD_LIMITS = (
    ("100MB", "100 MB"),
    ("500MB", "500 MB"),
    ("1GB", "1 GB"),
    ("5GB", "5 GB"),
    ("20GB", "20 GB"),
)
"""Download sizes a reader can cap a need at (finder `maxstorage`), with the label the menu prints."""

PRECISIONS = {
    "fp16": DTYPE_BYTES["F16"],
    "fp32": DTYPE_BYTES["F32"],
    "int8": DTYPE_BYTES["INT8"],
    "int4": DTYPE_BYTES["INT4"],
}
"""Bytes per parameter at each precision a reader may load a model at; the first is the finder's default."""

RUNTIME_MARGIN = 1.2
"""Running a model takes more memory than its weights (activations, the context cache, the runtime's own
buffers): the finder counts a fifth more, the rule of thumb of the common memory calculators (weights ×
1.2), so a 1.9 GB model does not "fit" a 2 GB device with nothing to spare."""

EDGE_MEMORY_GB = 8
"""A memory budget up to this (a laptop, a phone, a Raspberry Pi) is a small device's: a build made for
such devices (a platform model) is a specialist for it. Above it (a 24 GB GPU) the general models fit as
well, and a phone build of a small model is no better answer for being small."""

PREFERENCES = {
    "cpu": ("a CPU", ("GGUF", "ONNX", "CTranslate2", "OpenVINO")),
    "phone": ("a phone", ("LiteRT", "Core ML", "MLX", "ExecuTorch")),
}
"""Builds a reader may put first (finder `prefer`: a device of runtimes.yaml), with runtimes it names."""


def _bytes_words(n: float) -> str:
    return "half a byte" if n == 0.5 else f"{n:g} byte" if n == 1 else f"{n:g} bytes"


def menus() -> dict[str, list[list[str]]]:
    """The finder's fixed menus, select name → [value, label] in order, after each menu's "any" choice."""
    default = next(iter(PRECISIONS))
    return {
        "kind": [[kind, KIND_LABELS[kind].capitalize()] for kind in KINDS],
        "modality": [[m, m.capitalize()] for m in get_args(Modality)],
        "maxparams": [[limit, f"Up to {limit}"] for limit in SIZE_LIMITS],
        "maxstorage": [[value, f"Up to {label}"] for value, label in DOWNLOAD_LIMITS],
        "mem": [
            [f"{device.mem:g}", device.menu]
            for device in word_table().devices.values()
            if device.mem is not None and device.menu
        ],
        "prec": [
            [
                "" if name == default else name,
                f"{name} ({_bytes_words(n)}{' a parameter' if name == default else ''})",
            ]
            for name, n in PRECISIONS.items()
        ],
        "prefer": [
            [device, f"Builds for {label} ({', '.join(examples)} …)"]
            for device, (label, examples) in PREFERENCES.items()
        ],
    }


def browser_vocabulary() -> dict:
    """Everything of the vocabulary the finder, the sentence box and the search page read."""
    return {
        "kinds": {kind: KIND_LABELS[kind] for kind in KINDS},
        "subjects": {
            key: [s.label, list(s.words), *([1] if s.predicts else [])]
            for key, s in word_table().subjects.items()
        },
        "tasks": {task: info.label for task, info in TASKS.items()},
        "words": browser_words(),
        "generative": list(GENERATIVE_TASKS),
        "fixed": list(FIXED_LABEL_TASKS),
        "menus": menus(),
        "precision": PRECISIONS,
        "margin": RUNTIME_MARGIN,
        "edge": EDGE_MEMORY_GB,
        "prefer": {device: label for device, (label, _) in PREFERENCES.items()},
    }
