"""Teams: list, and each team's members."""

from __future__ import annotations

from ..models import Team, User
from ..pagination import Stream
from ._base import Resource


class Teams(Resource):
    """``client.teams``: groups of users."""

    def list(self, *, concurrency: int | None = None) -> Stream[Team]:
        """Every team (returned without await).

        Args:
            concurrency: pages fetched at once (default: the client's).

        Returns:
            A ``Stream`` of ``Team``; nothing is fetched until it is iterated.

        Raises:
            APIError, TransportError: when iterated, if the API refuses or fails.
        """
        return self._stream("teams.list", Team, concurrency=concurrency)

    def members(self, team_id: int) -> Stream[User]:
        """The users of a team (returned without await).

        Args:
            team_id: the team's id.

        Returns:
            A ``Stream`` of ``User``.

        Raises:
            TypeError, ValueError: a bad id (at once).
            APIError: when iterated, e.g. ``NotFound`` for an unknown team.
        """
        return self._stream("teams.members", User, team_id=team_id)
