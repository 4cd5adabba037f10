"""Each script once per page: Jupyter Book registers sphinx-thebe's and togglebutton's inline scripts twice."""

from sphinx.builders.html._assets import _JavaScript

from kztm.report.page_scripts import drop_repeated_scripts


def test_a_repeated_inline_script_is_dropped_and_different_ones_stay():
    thebe = 'const THEBE_JS_URL = "x"'
    scripts = [_JavaScript("_static/doctools.js", priority=200), _JavaScript(None, body=thebe),
               _JavaScript("_static/sphinx-thebe.js", **{"async": "async"}), _JavaScript("", body=thebe),
               _JavaScript(None, body="DOCUMENTATION_OPTIONS.pagename = 'a';"),
               _JavaScript("_static/doctools.js", priority=200), _JavaScript("_static/kztm.js", priority=800)]
    context = {"script_files": scripts}
    drop_repeated_scripts(None, "a", "page.html", context, None)
    assert [(s.filename or None, s.attributes.get("body")) for s in context["script_files"]] == [
        ("_static/doctools.js", None), (None, thebe), ("_static/sphinx-thebe.js", None),
        (None, "DOCUMENTATION_OPTIONS.pagename = 'a';"), ("_static/kztm.js", None)]
    assert context["script_files"] is scripts  # changed in place, as the template reads it
