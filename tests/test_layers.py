"""The package's folders read as the pipeline: each stage imports only the stages below it (README, "How it
works"), and only `mkdocs/` imports MkDocs. A new import that points up fails here, naming the line."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
# Top to bottom; a module may import its own stage and those after it.
STAGES = ["cli", "mkdocs", "preview", "site", "checks", "hub", "catalog", "output"]
TOP = {"__init__", "__main__", "cli", "scaffold"}  # the commands: they may import every stage


def stage_of(module: str) -> str:
    """`generator.site.pages` → site; the top-level command modules → cli."""
    part = module.split(".")[1] if module.count(".") else "cli"
    return "cli" if part in TOP else part


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import of this package, and of MkDocs, in one file."""
    dotted = "generator." + path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", ".")
    package = dotted.rsplit(".", 1)[0] if path.name != "__init__.py" else dotted.removesuffix(".__init__")
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            names = [module] if node.module else [f"{module}.{a.name}" for a in node.names]
            found.extend((node.lineno, name) for name in names)
        elif isinstance(node, ast.Import):
            found.extend((node.lineno, a.name) for a in node.names)
    return [(line, m) for line, m in found if m.split(".")[0] in ("generator", "mkdocs", "mkdocs_gen_files")]


def test_every_stage_imports_only_stages_below_it():
    wrong = []
    for path in sorted(PACKAGE.rglob("*.py")):
        own = stage_of("generator." + path.relative_to(PACKAGE).with_suffix("").as_posix().replace("/", "."))
        for line, module in imports(path):
            if module.split(".")[0] != "generator":
                if own not in ("mkdocs",):
                    wrong.append(f"{path.relative_to(PACKAGE)}:{line} imports {module}: only mkdocs/ may")
                continue
            if module == "generator":
                continue
            target = stage_of(module)
            if STAGES.index(target) < STAGES.index(own):
                wrong.append(
                    f"{path.relative_to(PACKAGE)}:{line} ({own}) imports {module} ({target}), a stage above"
                )
    assert not wrong, "\n".join(wrong)


def test_the_folders_are_the_stages():
    folders = {p.name for p in PACKAGE.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert folders == set(STAGES) - {"cli", "output"}
