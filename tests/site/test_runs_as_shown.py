"""The code a page shows runs as shown.

A reader copies the visible code of a page, top to bottom, into a notebook or
a file: it must run, in one fresh interpreter, without error. Visible code is
every python fence whose source the page shows (a plain fence, or an exec
fence with ``source=...``) without its hidden lines (``# markdown-exec:
hide``); listings (snippet includes of the package) are not run. Hidden lines
may only check: they never define what the visible code needs.

And each exec session on its own: the names its visible code uses are defined
by its own visible code (or are builtins). That part is read, not run: the
whole page already ran.

Both languages: the twins hold the same code (test_twins.py), and are run too.
"""

import ast
import builtins
import os
import subprocess
import sys

import pytest

import sitecheck
from test_fences import PAGES, PYTHON_LANGS, parse_info, scan_fences  # noqa: F401

HIDE = "# markdown-exec: hide"


def shown_fences(page):
    """The fences whose code a reader sees and could run, in page order."""
    fences = []
    for fence in scan_fences(page):
        if fence.lang not in PYTHON_LANGS or fence.is_snippet_include:
            continue
        options = dict(o.split("=", 1) for o in fence.options if "=" in o)
        if options.get("exec", "").strip('"') == "on" and "source" not in options:
            continue  # only its result is shown (a table, a figure)
        fences.append(fence)
    return fences


def visible(fence):
    """The fence's code as the page shows it: without hidden lines, dedented."""
    lines = [line for line in fence.body if HIDE not in line]
    indent = min((len(line) - len(line.lstrip()) for line in lines if line.strip()),
                 default=0)
    return "\n".join(line[indent:] for line in lines)


def session_of(fence):
    options = dict(o.split("=", 1) for o in fence.options if "=" in o)
    return options.get("session", "").strip('"') or None


def run_visible_code(code, cwd=sitecheck.ROOT, timeout=300):
    env = dict(os.environ, MPLBACKEND="Agg")
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=timeout)


PAGES_WITH_CODE = [page for page in PAGES if shown_fences(page)]


def page_id(page):
    return str(page.relative_to(sitecheck.DOCS))


@pytest.mark.parametrize("page", PAGES_WITH_CODE, ids=page_id)
def test_the_visible_code_runs_top_to_bottom(page):
    code = "\n\n".join(visible(fence) for fence in shown_fences(page))
    run = run_visible_code(code)
    assert run.returncode == 0, (
        f"{page_id(page)}: the visible code, run top to bottom, fails:\n"
        + run.stderr[-3000:])


SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef,
          ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)


def _names(node):
    """(loads, stores) of ``node`` outside nested scopes, and the free loads of the
    scopes nested in it (a function reads the module's names when it is called)."""
    loads, stores, free = set(), set(), set()
    for child in ast.iter_child_nodes(node):
        if isinstance(child, SCOPES):
            if not isinstance(child, ast.Lambda) and hasattr(child, "name"):
                stores.add(child.name)
            inner_loads, inner_stores, inner_free = _names(child)
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                inner_stores |= {a.arg for a in ast.walk(child.args)
                                 if isinstance(a, ast.arg)}
            free |= (inner_loads | inner_free) - inner_stores
            continue
        if isinstance(child, ast.Name):
            (loads if isinstance(child.ctx, ast.Load) else stores).add(child.id)
        elif isinstance(child, (ast.Import, ast.ImportFrom)):
            stores.update((a.asname or a.name).split(".")[0] for a in child.names)
        elif isinstance(child, ast.ExceptHandler) and child.name:
            stores.add(child.name)
        child_loads, child_stores, child_free = _names(child)
        loads |= child_loads
        stores |= child_stores
        free |= child_free
    return loads, stores, free


def unbound_names(code):
    """The names ``code`` reads before (or without) binding them, statement by
    statement: ``X = X.reshape(...)`` reads ``X`` before it binds it."""
    bound, missing, free = set(dir(builtins)), set(), set()
    for statement in ast.parse(code).body:
        module = ast.Module(body=[statement], type_ignores=[])
        loads, stores, statement_free = _names(module)
        if isinstance(statement, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            value_loads = _names(ast.Expression(body=statement.value))[0] \
                if statement.value is not None else set()
            if isinstance(statement, ast.AugAssign):
                value_loads |= _names(ast.Expression(body=statement.target))[0] | {
                    n.id for n in ast.walk(statement.target) if isinstance(n, ast.Name)}
            missing |= value_loads - bound
            bound |= stores
        else:
            bound |= stores  # loop targets, with-as names: bound for the body
            missing |= loads - bound
        free |= statement_free
    return sorted(missing | (free - bound))


def sessions_needing_other_code(page):
    """For each session whose visible code reads a name it never binds: the names."""
    sessions = {}
    for fence in shown_fences(page):
        name = session_of(fence)
        if name is not None:
            sessions.setdefault(name, []).append(visible(fence))
    missing = {}
    for name, codes in sessions.items():
        unknown = unbound_names("\n\n".join(codes))
        if unknown:
            missing[name] = unknown
    return missing


@pytest.mark.parametrize("page", PAGES_WITH_CODE, ids=page_id)
def test_each_session_defines_what_it_uses(page):
    assert sessions_needing_other_code(page) == {}, (
        f"{page_id(page)}: a session's visible code uses names that only hidden "
        "lines or other sessions define")


BROKEN = '''# A page whose code needs its hidden lines

```python exec="on" session="a" source="block"
def train(x):  # markdown-exec: hide
    return x  # markdown-exec: hide
print(train(1))
```

```python exec="on" session="b" source="block"
import numpy as np
X = np.zeros((2, 3))
```

```python exec="on" session="c" source="block"
X = X.reshape(3, 2)
```
'''


def test_both_checks_fail_on_a_page_broken_on_purpose(tmp_path):
    page = tmp_path / "broken.md"
    page.write_text(BROKEN, encoding="utf-8")
    assert sessions_needing_other_code(page) == {"a": ["train"], "c": ["X"]}
    code = "\n\n".join(visible(fence) for fence in shown_fences(page))
    run = run_visible_code(code, cwd=tmp_path)
    assert run.returncode == 1 and "NameError: name 'train' is not defined" in run.stderr
