"""Bulk export and incremental sync with checkpoints: lossless, resumable, budget-aware."""

from ._sinks import CallbackSink, JsonlSink, Record, Sink
from ._state import Checkpoint, SyncState
from .engine import REFERENCE, SYNCABLE, SyncStats, export, stamp_of, sync

__all__ = [
    "REFERENCE",
    "SYNCABLE",
    "CallbackSink",
    "Checkpoint",
    "JsonlSink",
    "Record",
    "Sink",
    "SyncState",
    "SyncStats",
    "export",
    "stamp_of",
    "sync",
]
