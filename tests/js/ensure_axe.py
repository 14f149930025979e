"""Install axe-core, pinned by package-lock.json, for the accessibility tests in tests/test_finder.py.

Runs `npm ci` in this folder unless the locked version is already installed, so repeated `make test` runs
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
INSTALLED = HERE / "node_modules" / "axe-core" / "package.json"

locked = json.loads((HERE / "package-lock.json").read_text())["packages"]["node_modules/axe-core"]["version"]
if INSTALLED.is_file() and json.loads(INSTALLED.read_text()).get("version") == locked:
    sys.exit(0)
if not shutil.which("npm"):
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        print("npm is missing: install Node.js and npm for the accessibility tests", file=sys.stderr)
        sys.exit(1)
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", "npm"], check=True, env=env)
subprocess.run(["npm", "ci", "--prefix", str(HERE), "--no-audit", "--no-fund"], check=True)
