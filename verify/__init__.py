"""verify: track rumors until they are confirmed, denied or overdue, and score their sources."""

__version__ = "0.1.0"
