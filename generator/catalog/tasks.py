"""The task table (`generator/data/tasks.yaml`): which jobs exist, and which models can do another's job.

One table answers "can this model do that model's job without training?" for the loader's check of
`alternatives`, for the general fallback each specialist page computes, and for the finder's task
families, so those three never disagree. It is data, not code: a new task or covering rule is a
pull request to the YAML file, validated here when the package is imported.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal, Protocol

from pydantic import Field, model_validator

from .yamlfile import Strict, read_data_table

TASKS_FILE = Path(__file__).parent.parent / "data" / "tasks.yaml"

Tuning = Literal["base", "instruct", "chat", "task"]
TUNING_LABELS = {
    "base": "base model (pretrained only)",
    "instruct": "instruction-tuned",
    "chat": "chat-tuned",
    "task": "trained for set tasks, not open instructions",
}
FOLLOWS_INSTRUCTIONS = ("instruct", "chat")

Embeddings = Literal["sentence", "token"]

Reads = Literal["text", "vision", "audio", "tabular"]


class Cover(Strict):
    """A job whose models do another job out of the box, when tuned (or embedding) as listed."""

    task: str
    tuning: list[Tuning] | None = None
    embeddings: list[Embeddings] | None = None
    when: Embeddings | None = Field(default=None, description="Only for specialists giving these embeddings.")


class TaskInfo(Strict):
    label: str = Field(min_length=1, max_length=60)
    reads: list[Reads] = Field(min_length=1)
    generative: bool = False
    fixed_labels: bool = False
    covered_by: list[Cover] = Field(default_factory=list)


class TaskTable(Strict):
    tasks: dict[str, TaskInfo]
    families: dict[str, list[Cover]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _known_covers(self) -> TaskTable:
        for name, info in self.tasks.items():
            for cover in info.covered_by:
                if cover.task not in self.tasks:
                    raise ValueError(f"{name}: covered_by names unknown task '{cover.task}'")
                if cover.task == name:
                    raise ValueError(f"{name}: a task covers itself already; remove it from covered_by")
        for name, members in self.families.items():
            for task in (name, *(member.task for member in members)):
                if task not in self.tasks:
                    raise ValueError(f"families: {name} names unknown task '{task}'")
        return self


@functools.cache
def task_table() -> TaskTable:
    return read_data_table(TASKS_FILE, TaskTable)


TASKS: dict[str, TaskInfo] = task_table().tasks
FAMILIES: dict[str, list[Cover]] = task_table().families
GENERATIVE_TASKS: tuple[str, ...] = tuple(name for name, info in TASKS.items() if info.generative)
FIXED_LABEL_TASKS: tuple[str, ...] = tuple(name for name, info in TASKS.items() if info.fixed_labels)


def _fits(cover: Cover, model: HasJob, *, any_tuning: bool = False) -> bool:
    """Whether `model` is of the task a covering or family line names, tuned and embedding as it asks
    (`any_tuning`: whatever its tuning, as for a base specialist's job)."""
    if model.task != cover.task:
        return False
    if cover.tuning is not None and not any_tuning and model.tuning not in cover.tuning:
        return False
    return cover.embeddings is None or model.embeddings in cover.embeddings


def family_tasks(model: HasJob) -> list[str]:
    """The need tasks, other than its own, whose family takes in this model (a sentence embedder tagged
    feature-extraction answers a sentence-similarity need): what the finder's task filter also accepts."""
    return [
        need
        for need, members in FAMILIES.items()
        if need != model.task and any(_fits(member, model) for member in members)
    ]


def covered_tasks(model: HasJob) -> list[str]:
    """The tasks, other than its own, whose job this model does out of the box by the covering table (a
    zero-shot classifier does text classification): what the finder offers as a fallback for a need that
    names subjects but no task, whose specialists do those jobs."""
    return [
        job
        for job, info in TASKS.items()
        if job != model.task and any(cover.when is None and _fits(cover, model) for cover in info.covered_by)
    ]


def with_article(words: str) -> str:
    """ "an instruction-tuned …", "a chat-tuned …": for messages that name a task or a tuning."""
    return f"{'an' if words[:1] in 'aeiou' else 'a'} {words}"


def job_key(entry: HasJob) -> tuple:
    """Everything the rules and the fallback's ranking read of a specialist: two with the same key do the
    same job, so they share one general fallback (catalog/fallback.py)."""
    return (
        entry.task,
        entry.tuning,
        entry.embeddings,
        entry.modality,
        tuple(entry.subjects),
        tuple(entry.languages or ()),
    )


def task_label(task: str | None) -> str:
    return TASKS[task].label if task in TASKS else (task or "no stated task")


class HasJob(Protocol):
    """What the rules read of an entry (schema.ModelEntry has it; the protocol keeps this module below it)."""

    id: str
    task: str | None
    tuning: str | None
    embeddings: str | None
    modality: str | None
    languages: list[str] | None
    kind: str
    also_does: list[str]
    subjects: list[str]
    not_for_subjects: list[str]
    labels_cover: list[str]
    open_labels: bool
    predicted_subjects: list[str]


def _what_it_does(model: HasJob) -> str:
    words = task_label(model.task).lower()
    if model.tuning:
        words += f", {TUNING_LABELS[model.tuning]}"
    if model.embeddings == "token":
        words += ", token features only"
    return words


def why_not(candidate: HasJob, specialist: HasJob) -> str | None:
    """None when `candidate` does `specialist`'s job without training; otherwise why not, in words.

    A specialist without a task states no job to hold a candidate against: only the input rule applies."""
    job = specialist.task
    if job is None or job not in TASKS:
        return None
    if candidate.task is None:
        return "states no task, so nothing shows that it does this job"
    barred = [subject for subject in specialist.subjects if subject in candidate.not_for_subjects]
    if barred:
        return f"is not for {', '.join(barred)}, as its own entry says (`not_for_subjects`)"
    if job in candidate.also_does:
        return None
    info = TASKS[job]
    if candidate.task == job:
        if info.generative and specialist.tuning != "base" and candidate.tuning not in FOLLOWS_INSTRUCTIONS:
            tuned = TUNING_LABELS[candidate.tuning or "base"]
            return f"is a {tuned}: it does not follow the instructions this model's job needs"
        if specialist.embeddings == "sentence" and candidate.embeddings == "token":
            return "gives token features of a base encoder, not embeddings trained to be compared"
        outside = [s for s in specialist.subjects if s not in candidate.labels_cover]
        if info.fixed_labels and candidate.kind == "general" and not candidate.open_labels and outside:
            return (
                f"predicts its own fixed set of labels, which does not cover {', '.join(outside)} "
                "(`labels_cover` in its entry); a zero-shot or instruction-following model takes any labels"
            )
        theirs, ours = candidate.predicted_subjects, specialist.predicted_subjects
        fixed = info.fixed_labels and candidate.kind != "general" and not candidate.open_labels
        missing = [subject for subject in ours if subject not in theirs]
        if fixed and missing:
            labels = f"it predicts {', '.join(theirs)}" if theirs else "its labels are of its own"
            return (
                f"is a classifier that does not predict {', '.join(missing)} ({labels}; subjects marked "
                "`predicts` in generator/data/words.yaml)"
            )
        return None
    # A base specialist's job is a pretrained generator to fine-tune or prompt: any tuning of a covering
    # generative task does that; an instruction-following job needs one that follows them.
    base = specialist.tuning == "base"
    if any(
        (cover.when is None or cover.when == specialist.embeddings)
        and _fits(cover, candidate, any_tuning=base)
        for cover in info.covered_by
    ):
        return None
    if candidate.task == "fill-mask" or candidate.embeddings == "token":
        return (
            f"is a base encoder with no {task_label(job).lower()} head: it is what one fine-tunes a "
            "specialist from (lineage, `base_model`), not an alternative"
        )
    return f"does {_what_it_does(candidate)}, which does not do {task_label(job).lower()} without training"


def does_job(candidate: HasJob, specialist: HasJob) -> bool:
    """Whether `candidate` does `specialist`'s job without training: the task table's rule, and its input."""
    return why_not(candidate, specialist) is None and takes_input(candidate, specialist)


def takes_input(general: HasJob, specialist: HasJob) -> bool:
    """Whether `general` accepts what `specialist` reads: an audio classifier's fallback must hear audio."""
    needed, offered = model_inputs(specialist), model_inputs(general)
    return not needed or not offered or needed <= offered


TEXT_IN_TASKS = frozenset({"text-to-speech", "text-to-audio"})
AUDIO_TASKS = frozenset({"automatic-speech-recognition", "audio-classification", "audio-to-audio"})


def model_inputs(entry: HasJob) -> set[str]:
    """What a model reads: its modality, except that speech synthesis reads text, and a multimodal model
    reads text with audio (speech models) or with images (the rest)."""
    if entry.task in TEXT_IN_TASKS:
        return {"text"}
    if entry.modality == "multimodal":
        return {"audio", "text"} if entry.task in AUDIO_TASKS else {"vision", "text"}
    return {entry.modality} if entry.modality else set()


def languages_missed(candidate: HasJob, specialist: HasJob) -> list[str]:
    """The specialist's languages, when the candidate's entry lists languages and none of them (an
    alternative to a Turkish sentiment model must read Turkish); [] when they share one or either lists
    none. `zxx` (no linguistic content: code, molecules) is no language to share."""
    ours = [code for code in specialist.languages or [] if code != "zxx"]
    theirs = {code for code in candidate.languages or [] if code != "zxx"}
    return ours if ours and theirs and not theirs.intersection(ours) else []


def can_replace(candidate: HasJob, specialist: HasJob) -> bool:
    """Whether the loader accepts `candidate` among `specialist`'s alternatives: it does the job, and, for a
    specialist with a task, reads one of its languages."""
    return does_job(candidate, specialist) and not (
        specialist.task and languages_missed(candidate, specialist)
    )


def qualifying(models: dict[str, HasJob], specialist: HasJob) -> list[str]:
    """Catalog ids that would be valid alternatives for `specialist`: general models first, then by id."""
    if specialist.task is None:
        return []
    found = [
        m
        for m in models.values()
        if m.id != specialist.id and m.task is not None and can_replace(m, specialist)
    ]
    return [m.id for m in sorted(found, key=lambda m: (m.kind != "general", m.id.lower()))]
