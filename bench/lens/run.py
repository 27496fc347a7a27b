"""`make bench` entry for the conversation lens: accuracy, then speed (see RESULTS.md).

.venv/bin/python bench/lens/run.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    for script in ("run_accuracy.py", "run_speed.py"):
        print(f"-- {script}", flush=True)
        done = subprocess.run([sys.executable, str(HERE / script)], check=False)
        if done.returncode != 0:
            raise SystemExit(done.returncode)
