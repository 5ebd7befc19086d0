"""Teams: list, and each team's members."""

from __future__ import annotations

from .. import _validate as check
from ..models import Team, User
from ..pagination import Stream
from ._base import Resource


class Teams(Resource):
    """``client.teams``: groups of users."""

    def list(self, *, concurrency: int | None = None) -> Stream[Team]:
        """Every team (returned without await)."""
        return self._list("/teams", "teams", Team, concurrency=concurrency)

    def members(self, team_id: int) -> Stream[User]:
        """The users of a team."""
        check.positive_id("team_id", team_id)
        return self._list(f"/teams/{team_id}/members", "users", User)
