"""newsprism: understand one news event from many outlets at once."""

from newsprism.errors import InputError, NewsprismError
from newsprism.model import (
    Article,
    DateMention,
    Entity,
    Event,
    Extraction,
    Quantity,
    Quote,
    RawDocument,
    Story,
)

__version__ = "0.1.0"

__all__ = [
    "Article",
    "DateMention",
    "Entity",
    "Event",
    "Extraction",
    "InputError",
    "NewsprismError",
    "Quantity",
    "Quote",
    "RawDocument",
    "Story",
    "__version__",
]
