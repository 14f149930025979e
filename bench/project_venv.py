"""Run a bench script in the project's venv, setting it up first on a fresh clone.

Imported before anything outside the standard library, so that `python3 bench/<script>.py` works anywhere.
"""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV = REPO / ".venv"


def reexec_in_project_venv() -> None:
    """Re-run this script under .venv/bin/python unless it already runs there."""
    if Path(sys.prefix).resolve() == VENV.resolve():
        return
    # On a fresh clone, set the venv up from the lock file as `make test` and `make build` do.
    subprocess.run(["make", "--no-print-directory", "-C", str(REPO), ".venv/.installed"], check=True)
    os.execv(VENV / "bin" / "python", [str(VENV / "bin" / "python"), *sys.argv])
