"""Make the pages run the fclesson of this working tree.

markdown-exec runs page code inside the mkdocs process, and mkdocs-jupyter
starts a kernel per notebook. Both must import the package the listings are
cut from, installed or not, so the repository root goes first on sys.path and
on PYTHONPATH (which the kernels inherit).
"""

import os
import sys
from pathlib import Path

ROOT = str(Path(__file__).resolve().parent.parent)


def on_startup(command, dirty):
    if ROOT not in sys.path:
        sys.path.insert(0, ROOT)
    paths = [p for p in os.environ.get("PYTHONPATH", "").split(os.pathsep) if p]
    if ROOT not in paths:
        os.environ["PYTHONPATH"] = os.pathsep.join([ROOT, *paths])
