"""Install Debian's Chromium for the browser tests when it is missing and we are allowed to (root, CI)."""

import os
import shutil
import subprocess
import sys

CHROMIUM = "/usr/bin/chromium"

if os.path.exists(CHROMIUM):
    sys.exit(0)
if os.geteuid() != 0 or not shutil.which("apt-get"):
    print(
        f"{CHROMIUM} is missing: install Debian's `chromium` package for the browser tests", file=sys.stderr
    )
    sys.exit(1)
env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
subprocess.run(
    ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"], check=True, env=env
)
