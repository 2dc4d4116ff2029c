"""Serve MathJax 3.2.2 from the built site instead of a CDN.

npm installs it (`npm ci`, run by `make setup`) from package.json's exact pin
into node_modules/mathjax/. After each build this hook copies into
``<site_dir>/mathjax/`` the combined component the pages load
(tex-mml-chtml.js) and every folder it loads lazily: the CHTML fonts, TeX
extensions (autoload, \\require), the menu and the accessibility components.
mkdocs.yml loads it as ``extra_javascript: mathjax/tex-mml-chtml.js``.
"""

import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
ES5 = ROOT / "node_modules" / "mathjax" / "es5"
VERSION = "3.2.2"

# Paths below es5/ that the pages need, files and folders.
NEEDED = [
    "tex-mml-chtml.js",
    "output/chtml",  # fonts/woff-v2/*.woff, fetched when a glyph is drawn
    "input/tex/extensions",  # loaded by autoload and \require
    "input/mml/extensions",
    "a11y",  # assistive MathML, explorer; loaded on startup or from the menu
    "ui",  # context menu, lazy typesetting
    "sre",  # speech rule engine and its mathmaps, used by the explorer
]


def _check_installed() -> None:
    package_json = ES5.parent / "package.json"
    if not ES5.is_dir() or not package_json.is_file():
        raise PluginError(
            f"MathJax is missing: {ES5} does not exist. "
            "Run `make setup` (or `npm ci` in the repository root) first."
        )
    if f'"version": "{VERSION}"' not in package_json.read_text(encoding="utf-8"):
        raise PluginError(
            f"node_modules/mathjax is not version {VERSION}: run `npm ci` again."
        )


def on_config(config):
    _check_installed()
    return config


def _copied(target):
    """Whether an earlier build (of `mkdocs serve --dirty`) copied MathJax there.

    The combined component is copied last, with its time: it marks a whole copy.
    """
    main = target / NEEDED[0]
    return (
        all((target / name).exists() for name in NEEDED)
        and main.stat().st_mtime == (ES5 / NEEDED[0]).stat().st_mtime
    )


def on_post_build(config):
    _check_installed()
    target = Path(config.site_dir) / "mathjax"
    if _copied(target):
        return
    for name in [*NEEDED[1:], NEEDED[0]]:
        source = ES5 / name
        if source.is_dir():
            shutil.copytree(source, target / name, dirs_exist_ok=True)
        else:
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
