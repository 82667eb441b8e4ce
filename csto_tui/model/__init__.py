"""The typed, read-only model: the only layer that opens a store."""

from csto_tui.model.records import (
    SCHEMA_VERSION,
    STATUSES,
    CaseActor,
    CaseFile,
    Citation,
    CiteSite,
    Entity,
    Event,
    Member,
    Meta,
    Phase,
    Quote,
    RecordRef,
    Span,
)
from csto_tui.model.store import Store, StoreError

__all__ = [
    "SCHEMA_VERSION",
    "STATUSES",
    "CaseActor",
    "CaseFile",
    "Citation",
    "CiteSite",
    "Entity",
    "Event",
    "Member",
    "Meta",
    "Phase",
    "Quote",
    "RecordRef",
    "Span",
    "Store",
    "StoreError",
]
