"""Teams: list, and each team's members (listed and changed)."""

from __future__ import annotations

from collections.abc import Iterable

from .. import _validate as check
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

    async def update_members(
        self, team_id: int, *, add: Iterable[int] = (), remove: Iterable[int] = ()
    ) -> None:
        """Add users to a team and remove others, in one request.

        Args:
            team_id: the team's id.
            add: ids of users to add.
            remove: ids of users to remove.

        Raises:
            TypeError, ValueError: a bad id, nothing to change, or a user in both lists.
            NotFound: no such team.
            ValidationError: the API refused an id (e.g. not a user of the account).
            APIError, TransportError: the API refused, or gave no usable answer.
        """
        added = [check.positive_id("add", u) for u in add]
        removed = [check.positive_id("remove", u) for u in remove]
        if not added and not removed:
            raise ValueError("update_members needs user ids to add or to remove")
        both = sorted(set(added) & set(removed))
        if both:
            raise ValueError(f"users {both} are both in add and in remove: name each once")
        body = {"addedUserIds": added, "deletedUserIds": removed}
        await self._send("teams.update_members", body, team_id=team_id)
