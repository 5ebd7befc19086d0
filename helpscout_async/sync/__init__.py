"""Bulk export and incremental sync with checkpoints: lossless, resumable, budget-aware."""

from ._csv import CSV_COLUMNS, CsvSink, flatten
from ._reference import REFERENCE, export
from ._sinks import CallbackSink, JsonlSink, Record, Sink
from ._state import Checkpoint, Shard, StateError, SyncState
from ._stats import SyncStats
from .engine import DEFAULT_OVERLAP, PAGE_SIZES, SYNCABLE, sync

__all__ = [
    "CSV_COLUMNS",
    "DEFAULT_OVERLAP",
    "PAGE_SIZES",
    "REFERENCE",
    "SYNCABLE",
    "CallbackSink",
    "Checkpoint",
    "CsvSink",
    "JsonlSink",
    "Record",
    "Shard",
    "Sink",
    "StateError",
    "SyncState",
    "SyncStats",
    "export",
    "flatten",
    "sync",
]
