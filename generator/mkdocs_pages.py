"""mkdocs-gen-files script: hand the generator's pages to MkDocs. Nothing else belongs here.

The core never imports MkDocs; `python -m generator render --out DIR` writes the same pages to a folder.
"""

import sys
from pathlib import Path

import mkdocs_gen_files

# gen-files runs this file as a script, outside any installed package.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
# The catalog belongs to the site being built: the folder that holds its mkdocs.yml.
ROOT = Path(mkdocs_gen_files.config["config_file_path"]).resolve().parent

from generator.catalog import CatalogInvalid  # noqa: E402
from generator.cli import render_site  # noqa: E402
from generator.render import model_page_path  # noqa: E402
from generator.schema import KINDS  # noqa: E402

try:
    pages = render_site(ROOT, mkdocs_gen_files.config["site_url"], mkdocs_gen_files.config["repo_url"])
except CatalogInvalid as exc:
    raise SystemExit(f"The catalog has {len(exc.errors)} error(s):\n{exc}") from None

# Each generated page's "Edit" button opens the file a contributor must change (relative to docs/).
sources = {
    model_page_path(p.relative_to("catalog/models").with_suffix("").as_posix()): p
    for p in (f.relative_to(ROOT) for f in (ROOT / "catalog" / "models").rglob("*.yaml"))
}
sources.update({f"categories/{kind}.md": Path("catalog/categories.yaml") for kind in KINDS})
sources["categories/index.md"] = Path("catalog/categories.yaml")
sources["contributing.md"] = Path("CONTRIBUTING.md")
# Pages built from many files open the template that lays them out.
sources.update(
    {
        "index.md": Path("generator/templates/home.md.j2"),
        "findings/index.md": Path("generator/templates/findings.md.j2"),
        "patterns/index.md": Path("generator/templates/patterns.md.j2"),
        "recent/index.md": Path("generator/templates/recent.md.j2"),
    }
)
# The contributor guide lives at the repository root, where GitHub shows it; publish it on the site too.
pages["contributing.md"] = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")

for path, text in pages.items():
    with mkdocs_gen_files.open(path, "w") as handle:
        handle.write(text)
    if path in sources:
        mkdocs_gen_files.set_edit_path(path, f"../{sources[path].as_posix()}")
