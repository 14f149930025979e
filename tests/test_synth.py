"""The benchmarks' synthetic catalogs (bench/synth.py) must stay valid as the catalog's rules grow: a bench
that cannot load its own catalog measures nothing."""

from __future__ import annotations

import sys

from conftest import REPO

from generator.catalog.load import load_catalog

sys.path.insert(0, str(REPO / "bench"))
import synth  # noqa: E402


def test_a_synthetic_catalog_validates_and_keeps_both_sides_of_the_divide(tmp_path):
    root = synth.synthesize(tmp_path / "synthetic", 400)
    catalog = load_catalog(root)
    assert len(catalog.models) == 400
    kinds = {m.kind for m in catalog.models.values()}
    assert "general" in kinds and len(kinds) > 1
