"""Every page has a Chinese twin that runs the same code (twins.py)."""

import pytest

import twins


@pytest.mark.parametrize(
    "page", twins.english_pages(), ids=lambda p: str(p.relative_to(twins.DOCS))
)
def test_the_chinese_twin_runs_the_same_code(page):
    assert twins.problems(page) == []


def test_every_twin_has_its_english_page():
    orphans = [p for p in twins.DOCS.rglob(f"*.{twins.LANG}.*")
               if not p.with_name(p.name.replace(f".{twins.LANG}.", ".")).exists()]
    assert orphans == []


ENGLISH = '''# Errors

Some prose, long enough to need translating.

## The forward difference

```python exec="on" session="d" result="text"
h = 1e-4  # the step
x = 2.0
print(f"error at x = {x}: {abs(x - 2):.1e}", "done")
assert x == 2.0  # markdown-exec: hide
```

```bash
make exercise N=1  # check exercise 1
```
'''

TWIN = '''# 误差 {#errors}

一段需要翻译的文字，足够长，足够长，足够长，足够长。

## 前向差分 {#the-forward-difference}

```python exec="on" session="d" result="text"
h = 1e-4  # 步长
x = 2.0
print(f"x = {x} 处的误差："
      f"{abs(x - 2):.1e}", "完成")
assert x == 2.0  # markdown-exec: hide
```

```bash
make exercise N=1  # 检查练习 1
```
'''


@pytest.fixture
def pair(tmp_path, monkeypatch):
    """(write the twin, problems): an English page in a scratch docs folder."""
    monkeypatch.setattr(twins, "ROOT", tmp_path)
    english = tmp_path / "page.md"
    english.write_text(ENGLISH, encoding="utf-8")

    def check(twin_text):
        twins.twin_of(english).write_text(twin_text, encoding="utf-8")
        return twins.problems(english)

    return check


def test_a_faithful_twin_passes(pair):
    assert pair(TWIN) == []


@pytest.mark.parametrize(("change", "message"), [
    (("x = 2.0\n", "x = 2.5\n"), "the code differs"),
    (("{abs(x - 2):.1e}", "{abs(x - 2):.2e}"), "the code differs"),
    (("{abs(x - 2):.1e}", "{abs(x + 2):.1e}"), "the code differs"),
    (("  # markdown-exec: hide", ""), "the code differs"),
    (('session="d"', 'session="e"'), "the fence opens differently"),
    (("make exercise N=1", "make exercise N=2"), "the code differs"),
    (("```bash\nmake exercise N=1  # 检查练习 1\n```\n", ""), "fences"),
    ((" {#the-forward-difference}", ""), "without an explicit"),
    (("{#the-forward-difference}", "{#forward-difference}"), "heading ids"),
    (("## 前向差分", "## Forward difference"), "headings not in Chinese"),
    (("一段需要翻译的文字，足够长，足够长，足够长，足够长。", "Some prose, untranslated."),
     "is it translated"),
])
def test_a_drifting_twin_fails(pair, change, message):
    old, new = change
    assert old in TWIN
    found = pair(TWIN.replace(old, new))
    assert len(found) == 1 and message in found[0], found


def test_a_missing_twin_fails(tmp_path, monkeypatch):
    monkeypatch.setattr(twins, "ROOT", tmp_path)
    english = tmp_path / "page.md"
    english.write_text(ENGLISH, encoding="utf-8")
    assert twins.problems(english) == ["page.zh.md is missing: every page has a Chinese twin"]


def test_notebook_cells_and_code_must_match(tmp_path, monkeypatch):
    monkeypatch.setattr(twins, "ROOT", tmp_path)
    english = tmp_path / "nb.py"
    english.write_text('# %% [markdown]\n# An error\n\n# %% tags=["hide"]\nx = 1\n',
                       encoding="utf-8")
    twin = twins.twin_of(english)
    twin.write_text('# %% [markdown]\n# 一个误差\n\n# %% tags=["hide"]\nx = 1\n',
                    encoding="utf-8")
    assert twins.problems(english) == []
    twin.write_text('# %% [markdown]\n# 一个误差\n\n# %%\nx = 1\n', encoding="utf-8")
    assert "the code differs" in twins.problems(english)[0]
