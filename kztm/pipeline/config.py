"""The build configuration: which chapters the book has, their parameters, and named scenarios.

It lives in ``chapters.yml`` at the repository root. A chapter's parameters are the notebook's
own defaults (its ``parameters`` cell, the one place defaults live), overridden by the
``defaults`` block and then by the chapter's ``parameters``; a scenario overrides them for
some or all chapters and builds into its own folder.

The file is checked before anything runs: its shape against :data:`SCHEMA` (with
``jsonschema``), every notebook's existence, and every parameter name and value type against
the notebook's parameters cell. A fault in a chapter stops everything with one sentence
(:class:`ConfigError`); a fault in a scenario only disables that scenario: the main book
builds without it and says so in one line, and ``build --scenario NAME`` refuses it.
"""

from __future__ import annotations

import ast
import contextlib
import hashlib
import json
import math
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from ..params import ParameterError, check_codes, normalise_codes
from ..paths import BUILD_DIR, CONFIG_FILE, ROOT, write_atomic


class ConfigError(ValueError):
    """The build configuration or a request against it is invalid (one sentence)."""


_NAME = {"type": "string", "pattern": "^[a-z][a-z0-9_-]*$"}
_PARAMETERS = {"type": "object", "propertyNames": {"pattern": "^[A-Za-z_][A-Za-z0-9_]*$"}}

#: The shape of chapters.yml (JSON Schema, draft 2020-12).
SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "additionalProperties": False,
    "required": ["chapters"],
    "properties": {
        "defaults": _PARAMETERS,
        "chapters": {
            "type": "object", "minProperties": 1, "propertyNames": _NAME,
            "additionalProperties": {
                "type": "object", "additionalProperties": False, "required": ["notebook"],
                "properties": {"title": {"type": "string", "minLength": 1},
                               "notebook": {"type": "string", "pattern": r"\.ipynb$"},
                               "parameters": _PARAMETERS},
            },
        },
        "scenarios": {
            "type": "object", "propertyNames": _NAME,
            "additionalProperties": {
                "type": "object", "additionalProperties": False, "required": ["description"],
                "properties": {
                    "title": {"type": "string", "minLength": 1},
                    "description": {"type": "string"},
                    "chapters": {"type": "array", "items": {"type": "string"}, "uniqueItems": True, "minItems": 1},
                    "parameters": {"type": "object", "additionalProperties": _PARAMETERS},
                    "compare": {"type": "array", "items": {
                        "type": "object", "additionalProperties": False, "required": ["chapter", "figure", "label"],
                        "properties": {"chapter": {"type": "string"}, "figure": {"type": "string"},
                                       "label": {"type": "string"}, "format": {"type": "string"}}}},
                },
            },
        },
    },
}


@dataclass(frozen=True)
class Chapter:
    name: str
    title: str
    notebook: Path
    parameters: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Scenario:
    name: str
    description: str
    chapters: tuple[str, ...]
    parameters: dict  # chapter name (or "*") -> parameter overrides
    compare: tuple = ()  # figures to set beside the default run: {chapter, figure, label, format}
    title: str = ""


@dataclass(frozen=True)
class BuildConfig:
    chapters: dict[str, Chapter]
    scenarios: dict[str, Scenario]
    broken: dict[str, str] = field(default_factory=dict)  # scenario name -> why it cannot be built

    def chapter(self, name: str) -> Chapter:
        if name not in self.chapters:
            raise ConfigError(f"There is no chapter {name!r}; the chapters are {', '.join(self.chapters)}.")
        return self.chapters[name]

    def scenario(self, name: str) -> Scenario:
        if name in self.broken:
            raise ConfigError(self.broken[name])
        if name not in self.scenarios:
            known = ", ".join(list(self.scenarios) + list(self.broken)) or "none"
            raise ConfigError(f"There is no scenario {name!r}; the scenarios are {known}.")
        return self.scenarios[name]

    def scenario_chapters(self, name: str) -> list[Chapter]:
        """The chapters of a scenario with its parameter overrides applied."""
        scenario = self.scenario(name)
        result = []
        for chapter_name in scenario.chapters:
            base = self.chapter(chapter_name)
            params = {**base.parameters, **scenario.parameters.get("*", {}),
                      **scenario.parameters.get(chapter_name, {})}
            result.append(Chapter(base.name, base.title, base.notebook, params))
        return result


# --- the parameters a notebook declares ------------------------------------------------

def notebook_parameters(notebook: Path) -> dict[str, dict]:
    """The parameters a notebook declares: name → {type, default, help, optional} (from its parameters cell).

    ``type`` is the annotation as papermill reads it (``int``, ``float``, ``str``, ``list``,
    ``Optional[float]`` …; ``None`` when unannotated), ``default`` its source text.
    ``optional`` is true when ``None`` is an allowed value: the annotation says ``Optional[…]``
    or the default is ``None``. Note that papermill does not list a parameter annotated with
    ``X | None``; write ``Optional[X]`` (with ``from typing import Optional`` in the cell).
    """
    path = Path(notebook).resolve()
    return {name: dict(info) for name, info in _inspect(str(path), _parameters_digest(path))}


#: What papermill found in each notebook's parameters cell, kept between processes (a build reads it before
#: anything runs; papermill and the reading cost about 0.3 s). Keyed by path and :func:`_parameters_digest`.
PARAMETER_CACHE = BUILD_DIR / ".notebook-parameters.json"


def _parameters_digest(path: Path) -> str:
    """A digest of what papermill reads to list a notebook's parameters: the parameters cell and the kernel.

    An edit elsewhere in the notebook (its prose, its code) leaves it unchanged. Raises ``OSError`` when the
    notebook cannot be read; a file that is not JSON gets a digest of its own (papermill then says what is wrong).
    """
    text = path.read_text(encoding="utf-8")
    try:
        nb = json.loads(text)
        cells = [c.get("source") for c in nb.get("cells", []) if "parameters" in c.get("metadata", {}).get("tags", [])]
        meta = nb.get("metadata", {})
        read = [cells, meta.get("kernelspec"), meta.get("language_info", {}).get("name")]
    except (ValueError, AttributeError, TypeError):
        read = ["not a notebook", text]
    return hashlib.sha256(json.dumps(read, sort_keys=True).encode()).hexdigest()


#: Changed whenever :func:`_inspect` reads papermill's answer differently: kept answers of older code are not used.
_INSPECT_VERSION = "1"


@lru_cache(maxsize=1)
def _papermill_version() -> str:
    from importlib.metadata import version

    return version("papermill")


@lru_cache(maxsize=64)
def _inspect(path: str, digest: str) -> tuple:
    key = f"{path}|{digest}|{_INSPECT_VERSION}|papermill {_papermill_version()}"
    try:
        kept = json.loads(PARAMETER_CACHE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        kept = {}
    if isinstance(kept, dict) and isinstance(kept.get(key), list):
        return tuple((name, info) for name, info in kept[key])

    import papermill

    found = papermill.inspect_notebook(path)
    out = []
    for name, info in found.items():
        kind = info["inferred_type_name"]
        optional = kind.startswith("Optional[") or kind.endswith("| None") or info["default"] == "None"
        base = kind[len("Optional["):-1] if kind.startswith("Optional[") else kind.removesuffix("| None").strip()
        out.append((name, {"type": kind, "base": base, "default": info["default"], "help": info["help"],
                           "optional": optional}))
    # Kept for the next process; entries of other versions of this notebook, or of notebooks that are gone, go.
    # A folder that cannot be written (read-only, or not there yet) only means papermill reads it again next time.
    kept = {k: v for k, v in kept.items() if not k.startswith(f"{path}|") and Path(k.split("|")[0]).exists()} \
        if isinstance(kept, dict) else {}
    kept[key] = out
    if PARAMETER_CACHE.parent.is_dir():
        with contextlib.suppress(OSError):
            write_atomic(PARAMETER_CACHE, json.dumps(kept, sort_keys=True))
    return tuple(out)


def declared_default(info: dict):
    """The default of a declared parameter as a Python value (its source text when not a literal)."""
    try:
        return ast.literal_eval(info["default"])
    except (ValueError, SyntaxError):
        return info["default"]


def effective_parameters(chapter: Chapter) -> dict:
    """Every parameter the chapter runs with: the notebook's defaults, then the configured values."""
    declared = notebook_parameters(chapter.notebook)
    return {**{name: declared_default(info) for name, info in declared.items()}, **chapter.parameters}


_BASE_TYPES = {"int": (int,), "float": (int, float), "str": (str,), "bool": (bool,), "dict": (dict,),
               "list": (list, tuple)}


def type_problem(value, info: dict) -> str | None:
    """Why ``value`` does not fit the declared parameter ``info`` (None when it fits).

    Booleans are not numbers; floats must be finite (no NaN, no infinity); ``None`` only
    where the parameter is optional; the items of ``list[str]`` must be text.
    """
    if value is None:
        return None if info["optional"] else "a value (it is not optional)"
    base = info["base"]
    outer = base.split("[", 1)[0].strip().lower()
    kinds = _BASE_TYPES.get(outer)
    if kinds is None:
        return None  # unannotated or a type we do not know: the notebook checks it
    if not isinstance(value, kinds) or (outer in ("int", "float") and isinstance(value, bool)):
        return f"of type {base}"
    if outer == "float" and not math.isfinite(value):
        return "a finite number (not NaN or infinity)"
    if outer == "list" and base.lower() == "list[str]" and not all(isinstance(v, str) for v in value):
        return "a list of text values"
    return None


# --- chapters.yml ----------------------------------------------------------------------

def _where(path) -> str:
    parts = [str(p) for p in path]
    return " → ".join(parts) if parts else "the top level"


def _schema_sentence(error, config_path: Path) -> str:
    """One sentence for a jsonschema error, naming where in the file it is."""
    where = _where(error.absolute_path)
    kind = error.validator
    if kind == "type":
        wanted = {"object": "a mapping (name: value)", "array": "a list", "string": "text"}.get(
            error.validator_value, str(error.validator_value))
        got = type(error.instance).__name__.replace("dict", "a mapping").replace("list", "a list").replace(
            "str", "text")
        message = f"{where} must be {wanted}, not {got}"
    elif kind == "required":
        missing = [name for name in error.validator_value if name not in error.instance]
        message = f"{where} has no {missing[0]!r} entry"
    elif kind == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        allowed = ", ".join(error.schema.get("properties", {}))
        message = f"{where} has an unknown key {extra[0]!r} (allowed: {allowed})"
    elif kind == "pattern" and error.validator_value == r"\.ipynb$":
        message = f"{where} must name a .ipynb notebook, not {error.instance!r}"
    elif kind == "pattern":
        message = f"{where}: the name {error.instance!r} must be lower-case letters, digits, '-' or '_'"
    else:
        text = error.message if len(error.message) < 160 else error.message[:157] + "…"
        message = f"{where}: {text}"
    return f"The build configuration {config_path} is malformed: {message}."


def _check_parameters(owner: str, params: dict, notebooks: dict[str, Path]) -> dict:
    """Refuse unknown names and values of the wrong type; return ``params`` with codes in upper case."""
    for chapter_name, notebook in notebooks.items():
        declared = notebook_parameters(notebook)
        for name, value in params.items():
            if name not in declared:
                raise ConfigError(f"{owner} sets parameter {name!r}, which chapter {chapter_name!r} does not declare; "
                                  f"its parameters are {', '.join(declared)}.")
            problem = type_problem(value, declared[name])
            if problem:
                raise ConfigError(f"{owner} sets {name}={value!r}, but chapter {chapter_name!r} needs {problem}.")
    params = normalise_codes(params)
    try:
        check_codes(params)
    except ParameterError as exc:
        raise ConfigError(f"{owner}: {exc}") from None
    return params


def load_config(path: Path | None = None) -> BuildConfig:
    """Read and check the build configuration (``chapters.yml``, or the file named by ``$KZTM_CHAPTERS``).

    Raises :class:`ConfigError` (one sentence) when the file is missing, not YAML, not of the
    shape :data:`SCHEMA` describes, names a missing notebook, or gives a chapter a parameter its
    notebook does not declare or a value of the wrong type. Scenario faults land in ``broken``.
    """
    import jsonschema

    path = Path(path or os.environ.get("KZTM_CHAPTERS") or CONFIG_FILE)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"The build configuration {path} does not exist.") from None
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        detail = " ".join(str(exc).split())
        raise ConfigError(f"The build configuration {path} is not valid YAML: {detail}") from None
    validator = jsonschema.Draft202012Validator(SCHEMA)
    error = jsonschema.exceptions.best_match(validator.iter_errors(raw))
    if error is not None:
        raise ConfigError(_schema_sentence(error, path))

    chapters = {}
    for name, entry in raw["chapters"].items():
        notebook = ROOT / entry["notebook"]
        if not notebook.is_file():
            raise ConfigError(f"Chapter {name!r} in {path} names notebook {entry['notebook']}, which does not exist.")
        params = _check_parameters(f"Chapter {name!r} in {path}", {**(raw.get("defaults") or {}),
                                                                   **(entry.get("parameters") or {})},
                                   {name: notebook})
        chapters[name] = Chapter(name, entry.get("title", name.title()), notebook, params)

    scenarios, broken = {}, {}
    for name, entry in (raw.get("scenarios") or {}).items():
        try:
            scenarios[name] = _scenario(name, entry, chapters, path)
        except ConfigError as exc:
            broken[name] = str(exc)
    return BuildConfig(chapters, scenarios, broken)


def _scenario(name: str, entry: dict, chapters: dict[str, Chapter], path: Path) -> Scenario:
    owner = f"Scenario {name!r} in {path}"
    members = tuple(entry.get("chapters") or chapters)
    for member in members:
        if member not in chapters:
            raise ConfigError(f"{owner} names chapter {member!r}, which is not in the book.")
    params = {}
    for target, values in (entry.get("parameters") or {}).items():
        if target != "*" and target not in members:
            raise ConfigError(f"{owner} sets parameters for {target!r}, which is not one of its chapters "
                              f"({', '.join(members)}).")
        scope = members if target == "*" else (target,)
        params[target] = _check_parameters(owner, values, {c: chapters[c].notebook for c in scope})
    for item in entry.get("compare") or ():
        if item["chapter"] not in members:
            raise ConfigError(f"{owner} compares figure {item['figure']!r} of chapter {item['chapter']!r}, "
                              "which the scenario does not run.")
    return Scenario(name, entry["description"], members, params, tuple(entry.get("compare") or ()),
                    entry.get("title", name))

