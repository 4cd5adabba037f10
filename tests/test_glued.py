"""Glued values read back from an executed notebook: numbers and strings, multi-line text, a new version of
the file read again."""

import json
import os

from kztm.pipeline.glued import read_glued


def _output(name, text):
    return {"output_type": "display_data", "metadata": {"scrapbook": {"name": name, "mime_prefix": ""}},
            "data": {"text/plain": text}}


def _notebook(path, outputs):
    cell = {"cell_type": "code", "source": "", "metadata": {}, "execution_count": 1, "outputs": outputs}
    path.write_text(json.dumps({"nbformat": 4, "nbformat_minor": 5, "metadata": {}, "cells": [cell]}))


def test_numbers_strings_and_multiline_text_come_back_as_glued(tmp_path):
    nb = tmp_path / "trade.ipynb"
    _notebook(nb, [_output("turnover", "475.3"), _output("peak", "'2014'"), _output("lines", ["'a\\n", "b'"]),
                   _output("chart", "<VegaLite 5 object>"), {"output_type": "stream", "text": "x"}])
    assert read_glued(nb) == {"turnover": 475.3, "peak": "2014", "lines": "a\nb", "chart": "<VegaLite 5 object>"}


def test_a_notebook_executed_again_is_read_again_and_callers_get_their_own_copy(tmp_path):
    nb = tmp_path / "trade.ipynb"
    _notebook(nb, [_output("turnover", "475.3")])
    first = read_glued(nb)
    first["turnover"] = 0
    assert read_glued(nb) == {"turnover": 475.3}
    _notebook(nb, [_output("turnover", "556.0"), _output("year", "2024")])
    stat = nb.stat()
    os.utime(nb, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a second write within the same tick
    assert read_glued(nb) == {"turnover": 556.0, "year": 2024}
