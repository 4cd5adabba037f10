"""The build configuration: which chapters the book has, their parameters, and named scenarios.

It lives in ``chapters.yml`` at the repository root. A chapter's parameters are the
``defaults`` block merged with the chapter's own ``parameters``; a scenario overrides
them for some or all chapters and builds into its own folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..paths import CONFIG_FILE, ROOT


class ConfigError(ValueError):
    """The build configuration or a request against it is invalid (one sentence)."""


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

    def chapter(self, name: str) -> Chapter:
        if name not in self.chapters:
            raise ConfigError(f"There is no chapter {name!r}; the chapters are {', '.join(self.chapters)}.")
        return self.chapters[name]

    def scenario(self, name: str) -> Scenario:
        if name not in self.scenarios:
            known = ", ".join(self.scenarios) or "none"
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


def load_config(path: Path | None = None) -> BuildConfig:
    """Read the build configuration (``chapters.yml``, or the file named by ``$KZTM_CHAPTERS``)."""
    path = Path(path or os.environ.get("KZTM_CHAPTERS") or CONFIG_FILE)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise ConfigError(f"The build configuration {path} does not exist.") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"The build configuration {path} is not valid YAML: {exc}") from None
    defaults = raw.get("defaults") or {}
    chapters = {}
    for name, entry in (raw.get("chapters") or {}).items():
        notebook = ROOT / entry["notebook"]
        chapters[name] = Chapter(name, entry.get("title", name.title()), notebook,
                                 {**defaults, **(entry.get("parameters") or {})})
    scenarios = {}
    for name, entry in (raw.get("scenarios") or {}).items():
        members = tuple(entry.get("chapters") or chapters)
        for member in members:
            if member not in chapters:
                raise ConfigError(f"Scenario {name!r} names chapter {member!r}, which is not in the book.")
        scenarios[name] = Scenario(name, entry.get("description", ""), members, entry.get("parameters") or {},
                                   tuple(entry.get("compare") or ()), entry.get("title", name))
    if not chapters:
        raise ConfigError(f"The build configuration {path} lists no chapters.")
    return BuildConfig(chapters, scenarios)


def notebook_parameters(notebook: Path) -> dict[str, dict]:
    """The parameters a notebook declares: name → {type, default, help} (from its parameters cell)."""
    import papermill

    found = papermill.inspect_notebook(str(notebook))
    return {name: {"type": info["inferred_type_name"], "default": info["default"], "help": info["help"]}
            for name, info in found.items()}
