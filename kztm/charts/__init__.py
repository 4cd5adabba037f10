"""Charts: one look (:mod:`.theme`), figures for the book and Jupyter (:mod:`.render`), and one module of
chart builders per theme (:mod:`.context`, :mod:`.trade`, …), each returning a :class:`.render.Figure`."""
