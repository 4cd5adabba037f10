"""Astana–Ashgabat: shared code for the Kazakhstan–Turkmenistan report.

Sub-modules: ``params`` (chapter parameters), ``charts`` (theme, offline renderer,
source footers), ``data`` (datasets and their metadata), ``build`` and ``cli``
(the papermill → Jupyter Book → PDF pipeline).
"""

__version__ = "0.2.0"
