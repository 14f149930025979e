"""The catalog's data model, defined once.

The JSON Schema in `schema/` and every validation message come from these classes, so the editor, the
validator and the docs can never disagree about what a valid entry is.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator

from .languages import iso_entry, language_name
from .runtimes import known_runtime
from .tasks import TASKS, Embeddings, Tuning
from .words import word_table

Kind = Literal["task", "domain", "language", "platform", "general"]
KINDS: tuple[str, ...] = ("task", "domain", "language", "platform", "general")
SPECIALIZED_KINDS = frozenset(KINDS) - {"general"}
KIND_LABELS = {
    "task": "task-specific",
    "domain": "domain-specific",
    "language": "language-specific",
    "platform": "platform-optimized",
    "general": "general-purpose",
}

Modality = Literal["text", "vision", "audio", "multimodal", "tabular"]

MODEL_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,95}/[A-Za-z0-9][A-Za-z0-9._-]{0,95}$"
RESERVED_NAMES = frozenset({"index", "readme"})
"""Static-site tools publish `index.md` and `README.md` as their folder's page, not as a page of their own."""


def _publishable_id(value: str) -> str:
    if value.rsplit("/", 1)[-1].lower() in RESERVED_NAMES:
        raise ValueError(
            f"'{value}' cannot be published: a model named index or README (any case) would become its "
            "organisation's folder page; no Hub model is expected to use these names"
        )
    return value


ModelId = Annotated[
    str,
    StringConstraints(pattern=MODEL_ID_PATTERN),
    AfterValidator(_publishable_id),
    Field(description="A Hugging Face model repo id, `org/name`, case as on the Hub."),
]


def _plain_text(value: str) -> str:
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    return value


def _text(max_length: int, description: str):
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
        AfterValidator(_plain_text),
        Field(description=description),
    ]


def _https_url(value: str) -> str:
    # A `javascript:` or `data:` URL is still a link; only web addresses are sources.
    if not value.startswith("https://") and not value.startswith("http://"):
        raise ValueError("must be a web address starting with https:// (or http://)")
    if any(ch.isspace() for ch in value) or any(ch in value for ch in "<>\"'`"):
        raise ValueError("must not contain spaces, quotes or angle brackets")
    return value


SourceUrl = Annotated[
    str,
    StringConstraints(min_length=10, max_length=500),
    AfterValidator(_https_url),
    Field(description="A web address (https://) of a model card, paper or article backing the facts."),
]


def _known_language(code: str) -> str:
    if language_name(code) is None:
        raise ValueError(f"'{code}' is not an ISO 639 language code; use ISO 639-1 (`de`) or 639-3 (`yue`)")
    base, _, region = code.partition("-")
    if region:
        raise ValueError(
            f"'{code}' names a regional variant; the catalog lists languages: write '{base}' (a card that "
            "distinguishes variants says so in `scope` or `not_for`)"
        )
    found = iso_entry(base) if len(base) == 3 else None
    if found is not None and getattr(found, "alpha_2", None):
        raise ValueError(f"'{code}' has a two-letter code: write '{found.alpha_2}' ({found.name})")
    return code


LanguageCode = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$"),
    AfterValidator(_known_language),
    Field(description="ISO 639-1 code (`en`), or ISO 639-3 where no two-letter code exists."),
]

WeightFormat = Literal["safetensors", "pytorch", "onnx", "gguf", "coreml", "tflite", "nemo", "other"]
Dtype = Literal["F32", "F16", "BF16", "INT8", "INT4"]
DTYPE_BYTES = {"F32": 4, "F16": 2, "BF16": 2, "INT8": 1, "INT4": 0.5}
"""Bytes per parameter: what `weights.bytes` is checked against, and what the memory table is built from."""

Relation = Literal["finetune", "adapter", "quantized", "merge", "distillation"]

SUBJECTS: dict[str, tuple[str, tuple[str, ...]]] = {
    key: (subject.label, tuple(subject.words)) for key, subject in word_table().subjects.items()
}
"""The niches a need can name (generator/data/words.yaml), each with the words a reader might type for
it. A specialist's `subjects` come from here: the finder puts it first only for a need that names one."""
PREDICTED_SUBJECTS = frozenset(key for key, subject in word_table().subjects.items() if subject.predicts)


Subject = Literal[tuple(SUBJECTS)]


def _known_task(value: str) -> str:
    if value not in TASKS:
        close = difflib.get_close_matches(value, list(TASKS), n=1)
        hint = f"did you mean '{close[0]}'? " if close else ""
        raise ValueError(
            f"'{value}' is not a task of generator/data/tasks.yaml; {hint}tasks are the Hub's pipeline tags, "
            "e.g. text-classification, automatic-speech-recognition (add a new one to that file)"
        )
    return value


PipelineTag = Annotated[
    str,
    StringConstraints(max_length=60),
    AfterValidator(_known_task),
    Field(
        description="The Hub pipeline tag, e.g. `text-classification`, `automatic-speech-recognition`; "
        "one of the tasks in generator/data/tasks.yaml."
    ),
]

LicenseId = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9.+-]*$", max_length=60),
    Field(description="License id as in the Hub card metadata, e.g. `apache-2.0`, `mit`, `cc-by-4.0`."),
]


class Strict(BaseModel):
    """Base for every catalog file: an unknown key is a typo, and a number is not silently a string."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Weights(Strict):
    """What a user downloads to run the model as published: the main weight files of one format."""

    bytes: int = Field(gt=0, le=10**13, description="The main weight files of one format, added up.")
    format: WeightFormat = Field(description="Their format: safetensors, pytorch, onnx, gguf, coreml, …")
    dtype: Dtype = Field(description="The precision they are stored in: F32, F16, BF16, INT8, INT4.")


class Lineage(Strict):
    """The model this one was made from, as the Hub's `base_model` metadata relates them."""

    id: ModelId
    relation: Relation = Field(description="finetune, adapter, quantized, merge or distillation.")


class Comparison(Strict):
    """A general-purpose model's score on the same benchmark: a catalog `model`, or a `name` outside it."""

    model: ModelId | None = Field(default=None, description="A catalog id.")
    name: _text(120, "A model that is not in the catalog, as its source names it.") | None = None
    value: float = Field(allow_inf_nan=False)
    source: SourceUrl | None = Field(default=None, description="Where its score is reported, if elsewhere.")

    @model_validator(mode="after")
    def _one_model(self) -> Comparison:
        if (self.model is None) == (self.name is None):
            raise ValueError("name exactly one of `model` (a catalog id) or `name` (a model outside it)")
        return self


class Result(Strict):
    """A measured result that backs the specialization, with its source."""

    benchmark: _text(200, "Dataset and split, e.g. `Financial PhraseBank (test)`.")
    metric: _text(60, "e.g. `accuracy`, `macro F1`, `WER`.")
    value: float = Field(allow_inf_nan=False, description="As the source reports it.")
    lower_is_better: bool = Field(default=False, description="True for error rates such as WER.")
    source: SourceUrl
    compared_with: Comparison | None = None


class ModelEntry(Strict):
    """One catalog entry: what a model is for and, just as visibly, what it is not for."""

    id: ModelId
    name: _text(120, "Human-readable name.")
    summary: _text(300, "One or two sentences: what the model is.")
    kind: Kind = Field(description="How the model is specialized; see catalog/categories.yaml.")
    focus: _text(100, "The one thing it is specialized for; for a general model, its breadth.")
    domain: Subject | None = Field(
        default=None,
        description="For domain models: the field, a key of the subject vocabulary (SUBJECTS), e.g. "
        "`finance`, `biomedical`, `social-media`: one spelling and one label per concept.",
    )
    scope: _text(600, "What it does well.")
    not_for: list[_text(300, "A concrete misuse.")] = Field(
        min_length=1, description="What it must not be used for: concrete, not boilerplate."
    )
    alternatives: list[ModelId] = Field(
        default_factory=list,
        description="Catalog ids of models that do this specialist's job without training: the same task, "
        "or one that covers it in generator/data/tasks.yaml (never a base encoder it could be fine-tuned "
        "from: that is `base_model`). A general model names none: its page lists the specialists that name "
        "it.",
    )
    task: PipelineTag | None = None
    tuning: Tuning | None = Field(
        default=None,
        description="For generative tasks (text-generation, text2text-generation, image-text-to-text): "
        "`base` (pretrained only: completes text), `instruct` (follows instructions), `chat` (tuned for "
        "conversation with a chat template) or `task` (trained for set jobs, its focus, not open "
        "instructions).",
    )
    embeddings: Embeddings | None = Field(
        default=None,
        description="For feature-extraction models: `sentence` (one vector per input, trained to be "
        "compared) or `token` (a base encoder's token features, to pool or fine-tune).",
    )
    also_does: list[PipelineTag] = Field(
        default_factory=list,
        description="Other tasks its card shows it doing out of the box, by a prompt or a flag "
        "(Florence-2 captions and detects); the alternatives rule reads them.",
    )
    modality: Modality | None = Field(default=None, description="The kind of input the model works on.")
    languages: list[LanguageCode] | None = Field(default=None, min_length=1)
    license: LicenseId | None = None
    params: int | None = Field(
        default=None,
        gt=0,
        le=10**13,
        description="Parameter count: from the card, the paper or the safetensors header. Required, "
        "unless listed under `unchecked`.",
    )
    params_estimated: bool = Field(
        default=False,
        description="True when no page states a count that fits the weights and `params` is "
        "weights.bytes ÷ the dtype's width.",
    )
    weights: Weights | None = Field(default=None, description="Required, unless listed under `unchecked`.")
    unchecked: list[Literal["params", "weights", "languages"]] = Field(
        default_factory=list,
        description="Required facts a curator looked for and could not check yet: the page says so, "
        "rather than the entry guessing.",
    )
    subjects: list[Subject] = Field(
        default_factory=list,
        description="Its niche, from the controlled list in generator/data/words.yaml (subjects): `tables`, "
        "`finance`, `social-media` … Required for task- and domain-specific models.",
    )
    not_for_subjects: list[Subject] = Field(
        default_factory=list,
        description="For a general model: niches its task suggests but its card rules out (a sound tagger "
        "that does not recognise emotions: `emotions`). It is never the fallback for those.",
    )
    labels_cover: list[Subject] = Field(
        default_factory=list,
        description="For a general model of a fixed-label task (an ImageNet classifier, a COCO detector, an "
        "AudioSet tagger): the niches its own label set covers (AudioSet: `sound-events`, `music`). It is "
        "an alternative or a fallback only for specialists whose subjects it covers.",
    )
    open_labels: bool = Field(
        default=False,
        description="For a general model of a fixed-label task that takes its labels at run time (GLiNER's "
        "entity types, GLiClass's classes): it covers any niche.",
    )
    base_model: Lineage | None = None
    evidence: list[Result] = Field(default_factory=list, description="Measured results on its niche.")
    runtimes: list[Annotated[str, AfterValidator(known_runtime)]] | None = Field(
        default=None,
        description="On-device runtimes or formats the card ships, for platform models: labels of "
        "generator/data/runtimes.yaml, e.g. `ONNX`, `Core ML`, `GGUF`.",
    )
    released: Annotated[str, StringConstraints(pattern=r"^(19|20)\d\d-(0[1-9]|1[0-2])$")] | None = Field(
        default=None,
        description="First public release of the weights, as `YYYY-MM`: from the card, the paper or the "
        "maker's announcement, cited in `sources`. The finder can sort by it (newest first).",
    )
    superseded_by: ModelId | None = Field(
        default=None,
        description="A catalog id: the newer model that the same maker names as replacing this one "
        "(Mistral 7B Instruct v0.3 for v0.2). At equal fit the finder ranks the current model first, and "
        "the page names the successor.",
    )
    added: dt.date | None = Field(default=None, description="The date the entry joined the catalog.")
    sources: list[SourceUrl] = Field(min_length=1, description="Web addresses backing the facts above.")

    @property
    def specialized(self) -> bool:
        return self.kind in SPECIALIZED_KINDS

    @property
    def predicted_subjects(self) -> list[str]:
        """Its subjects that are what it outputs (words.yaml `predicts`: sentiment, emotions), not what it
        reads (tweets, faces)."""
        return [s for s in self.subjects if s in PREDICTED_SUBJECTS]


class Category(Strict):
    """A kind of specialization, as the category pages explain it."""

    title: _text(60, "Page title.")
    description: _text(1200, "One paragraph: what models of this kind are.")
    how_to_tell: _text(600, "How a curator decides that an entry is of this kind.")


class Categories(Strict):
    """`catalog/categories.yaml`: exactly the five kinds."""

    task: Category
    domain: Category
    language: Category
    platform: Category
    general: Category


class Evidence(Strict):
    """A measured figure behind a finding, with its unit."""

    figure: _text(200, "The figure with its unit, e.g. `2.7–4.3 % accuracy`.")
    detail: _text(600, "What was measured, on what, against what.")


class Finding(Strict):
    """A research claim with its evidence, limits and sources, tied to the catalog's models."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=80)]
    title: _text(120, "Short title.")
    claim: _text(600, "The claim, in one or two sentences.")
    evidence: list[Evidence] = Field(min_length=1)
    conditions: _text(800, "When the claim holds.")
    caveats: list[_text(400, "A limit of the claim.")] = Field(min_length=1)
    models: list[ModelId] = Field(default_factory=list, description="Catalog ids the finding concerns.")
    sources: list[SourceUrl] = Field(min_length=1)


def model_json_schema_text() -> str:
    """The JSON Schema of a model entry, as committed to `schema/model.schema.json`."""
    schema = ModelEntry.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["$id"] = "https://model-atlas.invalid/schema/model.schema.json"
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"
