"""Install the browser-side tools pinned by package-lock.json: axe-core, for the accessibility tests in
tests/test_finder.py, and ESLint, which `make lint` runs on docs/javascripts.

Runs `npm ci` in this folder unless every locked version is installed already, so repeated `make test` runs
need no network. When npm is missing and we are allowed to (root with apt-get, as in CI's Debian
container), it installs Debian's npm first, as tests/ensure_chromium.py does for Chromium.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

PACKAGES = json.loads((HERE / "package-lock.json").read_text())["packages"]
WANTED = json.loads((HERE / "package.json").read_text())["devDependencies"]


def installed(name: str) -> bool:
    manifest = HERE / "node_modules" / name / "package.json"
    locked = PACKAGES[f"node_modules/{name}"]["version"]
    return manifest.is_file() and json.loads(manifest.read_text()).get("version") == locked


if all(installed(name) for name in WANTED):
    sys.exit(0)
if not shutil.which("npm"):
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print(
            "npm is missing: install Node.js and npm for the accessibility tests and ESLint", file=sys.stderr
        )
        sys.exit(1)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "npm"], check=True, env=env)
subprocess.run(["npm", "ci", "--prefix", str(HERE), "--no-audit", "--no-fund"], check=True)
