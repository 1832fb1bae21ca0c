"""The errors a user can meet. Each message says what was wrong, where, and how to fix it.

Entrypoints print the message as one line (CLI) or show it (dashboard); anything else is a bug.
"""


class VerifyError(Exception):
    """A problem the user can fix; its message is shown to them as is."""


class InvalidInput(VerifyError):
    """A value typed or imported by a user cannot be used."""


class InvalidDate(InvalidInput):
    """A date that cannot be read, or that makes no sense where it was given."""


class NotFound(VerifyError):
    """A claim, announcement, source or match that the user named does not exist."""


class Conflict(VerifyError):
    """The action contradicts what is already stored (a decided match, a duplicate, ...)."""


class NeedsConfirmation(Conflict):
    """The pair was discarded by the matcher or never proposed: the editor must confirm (force) to settle it."""


class DatabaseError(VerifyError):
    """The database cannot be reached or is not at the schema this version expects."""


class ImportRejected(InvalidInput):
    """A file had bad rows; nothing was written unless the user asked to skip them."""

    def __init__(self, path: str, problems: list[tuple[int, str]]):
        self.path = path
        self.problems = problems
        lines = "; ".join(f"line {line}: {reason.rstrip('.')}" for line, reason in problems[:10])
        more = f" (and {len(problems) - 10} more)" if len(problems) > 10 else ""
        super().__init__(
            f"{path}: {len(problems)} bad row(s), nothing was imported: {lines}{more}. "
            "Fix those rows, or pass --skip-invalid to import the good rows only."
        )


class PartialFailure(VerifyError):
    """Some of the work was done and some failed (one feed of many, a follow-up left for later)."""
