"""The one application object both entrypoints hold: settings, clock, database and matcher settings.

Built once from the settings (`Application.from_environment`), it is what the CLI's commands and the
dashboard's pages ask for the time, the unit of work, the newsroom's hemisphere, weights and matcher settings,
so the same action stores the same rows whichever entrypoint a journalist uses. (cosmicpython's bootstrap,
kept small: the services stay plain functions taking these values.)

The clock: a moment is aware and in the newsroom's zone ($VERIFY_TIMEZONE, else the machine's), so "today"
is the newsroom's date in both entrypoints; stored times are compared as moments, whatever their zone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, tzinfo
from functools import cached_property

from verify.config import Settings, load_settings
from verify.core.permissions import Actor, as_actor


def system_clock() -> datetime:
    return datetime.now(UTC)


@dataclass
class Application:
    settings: Settings
    clock: Callable[[], datetime] = system_clock
    actor: Actor | None = None  # who acts; None: the local operator named by the settings
    _engine: object = field(default=None, repr=False)

    @classmethod
    def from_environment(cls, database_url: str | None = None, user: str | None = None, *,
                         clock: Callable[[], datetime] = system_clock, environ=None) -> Application:
        return cls(load_settings(database_url, user, environ), clock)

    # -- time ------------------------------------------------------------------------------------------
    @cached_property
    def timezone(self) -> tzinfo:
        if self.settings.timezone:
            from zoneinfo import ZoneInfo

            return ZoneInfo(self.settings.timezone)
        return datetime.now().astimezone().tzinfo

    def now(self) -> datetime:
        """This moment in the newsroom's zone."""
        return self.clock().astimezone(self.timezone)

    def today(self) -> date:
        return self.now().date()

    # -- who ---------------------------------------------------------------------------------------------
    def acting(self) -> Actor:
        return self.actor or as_actor(self.settings.user)

    def as_person(self, actor: Actor) -> Application:
        """The same application acting for someone else (the dashboard's signed-in person)."""
        return replace(self, actor=actor)

    # -- newsroom rules ----------------------------------------------------------------------------------
    @property
    def hemisphere(self) -> str:
        return self.settings.hemisphere

    @property
    def partial_hit_weight(self) -> float:
        return self.settings.partial_hit_weight

    @property
    def match_settings(self):
        """The matcher's weights and bands; auto-confirm as the environment says (the stored newsroom
        setting, if any, wins inside the services)."""
        from verify.core.matching import MatchSettings

        return MatchSettings(auto_enabled=self.settings.auto_confirm)

    @property
    def meaning(self):
        """The meaning model's embed function (loaded on first use, by matching only)."""
        from verify import semantic

        return semantic.embed

    # -- database ----------------------------------------------------------------------------------------
    @property
    def engine(self):
        if self._engine is None:
            from verify.db.engine import make_engine
            from verify.db.migrate import ensure_current

            engine = make_engine(self.settings.database_url)
            ensure_current(engine)
            self._engine = engine
        return self._engine

    def uow(self):
        from verify.db.engine import session_factory
        from verify.db.uow import UnitOfWork

        return UnitOfWork(session_factory(self.engine))

    def session(self):
        from verify.db.engine import session_factory

        return session_factory(self.engine)()
