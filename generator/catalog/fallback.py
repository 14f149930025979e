"""The general fallback of each specialist: the best general-purpose model in the catalog for its job.

A specialist's page answers "what if my need is broader than this niche?" even when its entry names no
alternative, or names a weaker one. The candidates are the general models that do the specialist's job
without training (the task table's rule, tasks.does_job); they are ranked by what decides fitness
before size: the specialist's languages covered, then doing the job as their own task rather than by a
prompt, then the smaller model.
"""

from __future__ import annotations

from dataclasses import dataclass

from .schema import ModelEntry
from .tasks import TASKS, TUNING_LABELS, does_job, job_key, task_label, with_article


@dataclass(frozen=True)
class Fallback:
    """The chosen general model, and the words that say why it does the job."""

    model_id: str
    reason: str


def _covered(candidate: ModelEntry, specialist: ModelEntry) -> tuple[int, int]:
    """(languages of the specialist the candidate lists, languages the specialist lists)."""
    wanted = specialist.languages or []
    offered = {code.split("-", 1)[0] for code in candidate.languages or []}
    return sum(1 for code in wanted if code.split("-", 1)[0] in offered), len(wanted)


def _direct(candidate: ModelEntry, specialist: ModelEntry) -> bool:
    return candidate.task == specialist.task or specialist.task in candidate.also_does


def rank_key(candidate: ModelEntry, specialist: ModelEntry) -> tuple:
    covered, wanted = _covered(candidate, specialist)
    # A model whose languages nobody checked may cover them: after one that lists them, before one that
    # lists others only.
    share = 1.0 if not wanted else covered / wanted if candidate.languages else 0.5
    size = candidate.params if candidate.params is not None else float("inf")
    return (-share, not _direct(candidate, specialist), size, candidate.id.lower())


def reason(candidate: ModelEntry, specialist: ModelEntry) -> str:
    job = task_label(specialist.task).lower()
    if candidate.task == specialist.task:
        how = f"it does the same job, {job}"
    elif specialist.task in candidate.also_does:
        how = f"its card shows it doing {job} by a prompt"
    elif candidate.tuning in TUNING_LABELS and TASKS[candidate.task].generative:
        model = f"{TUNING_LABELS[candidate.tuning]} {task_label(candidate.task).lower()} model"
        how = f"{with_article(model)} does {job} when asked"
    else:
        how = f"its job, {task_label(candidate.task).lower()}, covers {job}"
    covered, wanted = _covered(candidate, specialist)
    if wanted and not candidate.languages:
        how += "; its languages are not checked yet"
    elif wanted:
        how += f"; it lists {covered} of this model's {wanted} language{'s' if wanted != 1 else ''}"
    return how


def general_fallbacks(models: dict[str, ModelEntry]) -> dict[str, Fallback]:
    """For every specialist with a task, its best general model, if any general model does its job.

    General models are grouped by the tasks they do, so each specialist weighs only those that could
    qualify; specialists with the same job (task, tuning, input, subjects, languages) share one answer,
    which keeps a catalog of 10,000 models, thousands of them general, to a fraction of a second."""
    by_task: dict[str, list[ModelEntry]] = {}
    for entry in models.values():
        if entry.kind == "general" and entry.task is not None:
            for task in {entry.task, *entry.also_does}:
                by_task.setdefault(task, []).append(entry)
    answers: dict[tuple, Fallback | None] = {}
    found: dict[str, Fallback] = {}
    for specialist in models.values():
        if not specialist.specialized or specialist.task not in TASKS:
            continue
        job = job_key(specialist)
        if job not in answers:
            tasks = {specialist.task, *(cover.task for cover in TASKS[specialist.task].covered_by)}
            candidates = {c.id: c for task in tasks for c in by_task.get(task, ())}
            fitting = [c for c in candidates.values() if does_job(c, specialist)]
            best = min(fitting, key=lambda c: rank_key(c, specialist)) if fitting else None
            answers[job] = Fallback(best.id, reason(best, specialist)) if best else None
        if answers[job] is not None:
            found[specialist.id] = answers[job]
    return found
