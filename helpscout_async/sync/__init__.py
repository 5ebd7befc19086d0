"""Bulk export and incremental sync with checkpoints: lossless, resumable, budget-aware."""

from ._csv import CSV_COLUMNS, CsvSink, flatten
from ._sinks import CallbackSink, JsonlSink, Record, Sink
from ._state import Checkpoint, SyncState
from .engine import REFERENCE, SYNCABLE, SyncStats, export, stamp_of, sync

__all__ = [
    "CSV_COLUMNS",
    "REFERENCE",
    "SYNCABLE",
    "CallbackSink",
    "Checkpoint",
    "CsvSink",
    "JsonlSink",
    "Record",
    "Sink",
    "SyncState",
    "SyncStats",
    "export",
    "flatten",
    "stamp_of",
    "sync",
]
