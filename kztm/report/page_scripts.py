"""A Sphinx extension for the HTML book: each inline script once per page.

Jupyter Book 1 sets sphinx-thebe up twice, so every page carried its configuration script twice, and the
second ``const THEBE_JS_URL`` declaration was a console error on every page. Registered in ``_config.yml``
(``sphinx.extra_extensions``).
"""

from __future__ import annotations


def drop_repeated_scripts(app, pagename, templatename, context, doctree) -> None:
    """Keep the first of scripts that are the same (same file or same inline body, same attributes)."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, kept = set(), []
    for script in scripts:
        filename = getattr(script, "filename", str(script)) or None  # an inline script: "" or None
        attributes = getattr(script, "attributes", {})
        key = (filename, tuple(sorted((k, str(v)) for k, v in attributes.items())))
        if key not in seen:
            seen.add(key)
            kept.append(script)
    scripts[:] = kept


def setup(app):
    app.connect("html-page-context", drop_repeated_scripts, priority=900)  # after the extensions that add some
    return {"parallel_read_safe": True, "parallel_write_safe": True}
