"""Data layer of the report: load validated datasets and their attribution.

    from kztm.data import load_dataset, dataset_metadata, source_line, sources_table, DataError
"""

from .appendix import source_line, sources_rows, sources_table, write_downloads
from .loader import DataError, dataset_metadata, dataset_names, load_dataset, load_json

__all__ = ["load_dataset", "load_json", "dataset_metadata", "dataset_names", "source_line",
           "sources_rows", "sources_table", "write_downloads", "DataError"]
