"""The package prints in the page's language (fclesson/lesson/language.py)."""

import pytest

from fclesson import lesson
from fclesson.lesson import gender, language


@pytest.fixture
def chinese():
    language.set_language("zh")
    yield
    language.set_language("en")


def test_each_chinese_entry_takes_the_columns_of_its_english():
    for english, chinese in language.CHINESE.items():
        assert language.width(chinese) == len(english), english


def test_a_word_without_chinese_is_an_error_naming_it(chinese):
    with pytest.raises(KeyError, match="'no such words'"):
        language.words("no such words")


def test_a_language_the_package_does_not_speak_is_refused():
    with pytest.raises(ValueError, match="language must be one of"):
        language.set_language("fr")
    assert language.language() == "en"


def test_variants_of_chinese_print_chinese():
    try:
        language.set_language("zh-Hant")
        assert language.language() == "zh"
    finally:
        language.set_language("en")


def _printed(capsys):
    network = gender.network(seed=0)
    lesson.print_checks(lesson.check_output_layer(network, gender.CHECK_X, gender.CHECK_TARGET))
    return capsys.readouterr().out.splitlines()


def test_print_checks_prints_chinese_in_the_columns_of_english(capsys, chinese):
    lines = _printed(capsys)
    assert lines[0].split() == ["权重", "结果", "反向传播", "数值估计", "误差"]
    assert all("通过" in line for line in lines[1:])
    widths = {language.width(line) for line in lines}
    assert len(widths) == 1  # header and rows end in the same column


def test_print_checks_prints_english_by_default(capsys):
    lines = _printed(capsys)
    assert lines[0].split() == ["weight", "result", "backprop", "numerical", "error"]
    assert {language.width(line) for line in lines} == {len(lines[0])}


def test_the_command_line_prints_chinese_when_asked(capsys, monkeypatch):
    from fclesson import cli

    monkeypatch.delenv(language.ENVIRONMENT, raising=False)
    assert cli.main(["--lang", "zh", "check"]) == 0
    out = capsys.readouterr().out
    assert "通过：9 个权重中全部 9 个" in out and "PASSED" not in out
    assert language.language() == "en"  # the caller's language is left as it was
    assert cli.main(["--lang", "en", "train", "--epochs", "10"]) == 0
    assert "P(female)" in capsys.readouterr().out


def test_the_command_line_takes_chinese_from_the_locale(monkeypatch):
    from fclesson import cli

    for name in (language.ENVIRONMENT, "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert cli.build_parser().parse_args(["check"]).lang == "zh"
    monkeypatch.setenv(language.ENVIRONMENT, "en")
    assert cli.build_parser().parse_args(["check"]).lang == "en"


def test_the_command_line_refuses_a_language_it_does_not_speak(capsys):
    from fclesson import cli

    with pytest.raises(SystemExit, match="2") as exit_:
        cli.main(["--lang", "fr", "check"])
    assert exit_.value.code == 2
    assert "--lang: invalid choice: 'fr'" in capsys.readouterr().err
