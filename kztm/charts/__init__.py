"""Charts: the theme (:mod:`.theme`), the offline renderer (:mod:`.render`) and one module of chart builders
per theme."""

from .render import use_report_charts  # noqa: F401  (transitional: notebooks still build charts inline)
from .theme import *  # noqa: F401,F403
