"""Reports (``client.reports``): all 32 of the Mailbox API's reports, one module per family.

Every method checks its arguments the same way (``_base.query``, from the filters each
row documents) and answers a typed model for the overall reports, ``BusyTime`` counts
for the busiest times, and ``ReportRaw`` (the JSON as sent) for the drilldowns and time
series. Reports answer only on Plus and Pro plans: a Standard plan's 403 is raised as
``Forbidden`` saying so.
"""

from __future__ import annotations

from .channels import ChannelReports
from .company import CompanyReports
from .conversations import ConversationReports
from .happiness import HappinessReports
from .productivity import ProductivityReports
from .user import UserReports

__all__ = ["Reports"]


class Reports(
    CompanyReports,
    ConversationReports,
    HappinessReports,
    ProductivityReports,
    UserReports,
    ChannelReports,
):
    """``client.reports``: the account's reports for a period (Plus and Pro plans)."""
