"""chapters.yml: every malformed shape is one sentence and exit 2; names and types are checked before anything runs;
chapters.yml and _toc.yml cannot disagree; parameter defaults live only in the notebooks."""

import os
import subprocess
import sys

import pytest
import yaml

from kztm.paths import BOOK_TOC, CHAPTERS_DIR, ROOT
from kztm.pipeline.build import execution_tasks
from kztm.pipeline.config import (
    ConfigError,
    declared_default,
    load_config,
    notebook_parameters,
    type_problem,
)
from kztm.pipeline.pages import scenario_comparison

GOOD = {"chapters": {"trade": {"title": "Trade", "notebook": "notebooks/trade.ipynb"}}}


def write(tmp_path, content) -> str:
    path = tmp_path / "chapters.yml"
    path.write_text(content if isinstance(content, str) else yaml.safe_dump(content), encoding="utf-8")
    return str(path)


def kztm(*args, env=None):
    return subprocess.run([sys.executable, "-m", "kztm", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=120)


MALFORMED = [
    ("- trade\n- energy\n", "the top level must be a mapping (name: value), not a list"),
    ({"chapters": {"trade": {"title": "Trade"}}}, "chapters → trade has no 'notebook' entry"),
    ({"chapters": {"trade": "notebooks/trade.ipynb"}}, "chapters → trade must be a mapping (name: value), not text"),
    ({"chapters": {"trade": {"notebook": "notebooks/nosuch.ipynb"}}},
     "Chapter 'trade' in {path} names notebook notebooks/nosuch.ipynb, which does not exist"),
    ({"chapters": {"trade": {"notebook": "notebooks/trade.ipynb", "parameters": [1, 2]}}},
     "chapters → trade → parameters must be a mapping (name: value), not a list"),
    ({"chapters": {"trade": {"notebook": "notebooks/trade.ipynb", "colour": "red"}}},
     "chapters → trade has an unknown key 'colour'"),
    ({**GOOD, "extras": 1}, "the top level has an unknown key 'extras'"),
    ("chapters: [unclosed\n", "is not valid YAML"),
    ({"chapters": {"trade": {"notebook": "notebooks/trade.ipynb", "parameters": {"no_such_param": 1}}}},
     "Chapter 'trade' in {path} sets parameter 'no_such_param', which chapter 'trade' does not declare"),
    ({"chapters": {"trade": {"notebook": "notebooks/trade.ipynb", "parameters": {"target_year": "soon"}}}},
     "sets target_year='soon', but chapter 'trade' needs of type int"),
    ({"chapters": {"trade": {"notebook": "notebooks/trade.ipynb", "parameters": {"target_musd": float("nan")}}}},
     "needs a finite number (not NaN or infinity)"),
    ({**GOOD, "defaults": {"peers": ["UZB", "uzb"]}}, "lists UZB more than once"),
]


@pytest.mark.parametrize("content, message", MALFORMED)
def test_a_malformed_chapters_yml_is_one_sentence_not_a_traceback(tmp_path, content, message):
    path = write(tmp_path, content)
    with pytest.raises(ConfigError) as err:
        load_config(path)
    assert message.format(path=path) in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("content, message", [MALFORMED[0], MALFORMED[3], MALFORMED[8]])
def test_the_cli_refuses_a_malformed_chapters_yml_with_exit_2_and_writes_nothing(tmp_path, content, message):
    path = write(tmp_path, content)
    state = sorted(p.name for p in CHAPTERS_DIR.iterdir()) if CHAPTERS_DIR.exists() else []
    result = kztm("build", "--no-pdf", env={"KZTM_CHAPTERS": path})
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message.format(path=path) in lines[0]
    assert (sorted(p.name for p in CHAPTERS_DIR.iterdir()) if CHAPTERS_DIR.exists() else []) == state


def test_unknown_scenario_parameter_disables_only_that_scenario(tmp_path):
    content = {**GOOD, "scenarios": {
        "typo": {"description": "A misspelt parameter.", "parameters": {"trade": {"no_such_param": 1}}},
        "fine": {"description": "Another target year.", "parameters": {"trade": {"target_year": 2028}}}}}
    config = load_config(write(tmp_path, content))
    assert list(config.scenarios) == ["fine"]
    assert "Scenario 'typo'" in config.broken["typo"] and "'no_such_param'" in config.broken["typo"]
    groups = {task[2] if len(task) > 2 else None for task in execution_tasks(config)}
    assert groups == {None, "fine"}  # the broken scenario is not executed; the book and the good one are
    with pytest.raises(ConfigError, match="no_such_param"):
        config.scenario("typo")  # what `build --scenario typo` reports (exit 2)
    page = scenario_comparison(config, tmp_path, lambda name: tmp_path / name, config.broken)
    assert "This scenario could not be built" in page and "no\\_such\\_param" in page


def test_build_scenario_with_an_unknown_parameter_exits_2_naming_it(tmp_path):
    content = {**GOOD, "scenarios": {"typo": {"description": "x", "parameters": {"trade": {"no_such_param": 1}}}}}
    result = kztm("build", "--scenario", "typo", "--no-pdf", env={"KZTM_CHAPTERS": write(tmp_path, content)})
    assert result.returncode == 2
    assert "Scenario 'typo'" in result.stderr and "'no_such_param'" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_chapters_yml_and_toc_list_the_same_chapters_in_the_same_order():
    toc = yaml.safe_load(BOOK_TOC.read_text(encoding="utf-8"))
    files = [entry["file"] for part in toc.get("parts", []) for entry in part.get("chapters", [])]
    in_toc = [f.rsplit("/", 1)[-1] for f in files if f.startswith("book/chapters/")]
    assert in_toc == list(load_config().chapters)


def test_every_chapters_yml_parameter_is_declared_with_a_compatible_type_and_differs_from_the_default():
    raw = yaml.safe_load((ROOT / "chapters.yml").read_text(encoding="utf-8"))
    config = load_config()
    checked = 0
    for name, entry in raw["chapters"].items():
        declared = notebook_parameters(config.chapters[name].notebook)
        for pname, value in {**(raw.get("defaults") or {}), **(entry.get("parameters") or {})}.items():
            assert pname in declared, f"{name}: {pname} is not declared by the notebook"
            assert type_problem(value, declared[pname]) is None, f"{name}: {pname}={value!r}"
            assert value != declared_default(declared[pname]), (
                f"{name}: {pname}={value!r} repeats the notebook's default; defaults live in the notebook only")
            checked += 1
    for sname, scenario in raw.get("scenarios", {}).items():
        for target, values in (scenario.get("parameters") or {}).items():
            members = scenario.get("chapters") or list(config.chapters)
            for chapter in (members if target == "*" else [target]):
                declared = notebook_parameters(config.chapters[chapter].notebook)
                for pname, value in values.items():
                    assert pname in declared, f"scenario {sname}: {chapter} does not declare {pname}"
                    assert type_problem(value, declared[pname]) is None, f"scenario {sname}: {pname}={value!r}"
                    checked += 1
    assert checked >= 3 and not config.broken


@pytest.mark.parametrize("value, info, problem", [
    (1.5, {"base": "int", "optional": False}, "of type int"),
    (True, {"base": "float", "optional": False}, "of type float"),
    (float("inf"), {"base": "float", "optional": False}, "a finite number (not NaN or infinity)"),
    (None, {"base": "float", "optional": False}, "a value (it is not optional)"),
    (None, {"base": "float", "optional": True}, None),
    (3, {"base": "float", "optional": False}, None),
    (["UZB", 3], {"base": "list[str]", "optional": False}, "a list of text values"),
])
def test_type_problem_names_what_the_notebook_declares(value, info, problem):
    assert type_problem(value, info) == problem
