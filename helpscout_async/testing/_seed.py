"""Deterministic, realistic seed data for the fake Help Scout server.

``generate`` fills a :class:`~helpscout_async.testing._store.Store` with mailboxes
(folders, custom fields, workflows), users, teams, tags, customers and
conversations whose bodies have the shapes of Help Scout's own responses. The same
seed always gives the same store. Threads are not stored: ``store.thread_source``
rebuilds a conversation's seeded threads on demand from ``(seed, conversation id)``,
so that 100,000 seeded conversations stay small and quick to make.

``new_conversation`` adds one fresh conversation (used by the churn fault).
Everything here is stdlib only; it never imports the client package.
"""

from __future__ import annotations

import gc
import random
import time
from bisect import bisect
from datetime import date, datetime, timedelta
from itertools import accumulate
from typing import NamedTuple

from ._store import JSON, Store

__all__ = ["API_ROOT", "END", "START", "WEB_ROOT", "generate", "iso", "new_conversation"]

API_ROOT = "https://api.helpscout.net/v2"
"""Root of the ``href`` values in seeded ``_links`` (the real API's)."""
WEB_ROOT = "https://secure.helpscout.net"
START = 1704067200
"""Seeded conversations are created from 2024-01-01T00:00:00Z ..."""
END = 1780272000
"""... and modified no later than 2026-06-01T00:00:00Z."""

_DAY_BASE = 1577836800  # 2020-01-01T00:00:00Z
_DAYS = [(date(2020, 1, 1) + timedelta(days=d)).isoformat() for d in range(16 * 366)]


def iso(ts: int) -> str:
    """Format epoch seconds as the API does: ``YYYY-MM-DDTHH:MM:SSZ``."""
    day, rest = divmod(ts - _DAY_BASE, 86400)
    if 0 <= day < len(_DAYS):
        hour, rest = divmod(rest, 3600)
        minute, second = divmod(rest, 60)
        return f"{_DAYS[day]}T{hour:02d}:{minute:02d}:{second:02d}Z"
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(ts))


def _friendly(seconds: int) -> str:
    """Help Scout's human wording of an age, e.g. ``"20 hours ago"``."""
    for unit, size in (("year", 31536000), ("month", 2592000), ("day", 86400), ("hour", 3600)):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n > 1 else ''} ago"
    minutes = seconds // 60
    return f"{minutes} minute{'s' if minutes != 1 else ''} ago" if minutes else "just now"


def _link(path: str) -> JSON:
    """One HAL link object."""
    return {"href": API_ROOT + path}


# --------------------------------------------------------------------------- text pools

FIRST_NAMES = (
    "Maria", "James", "Aisha", "Chen", "Olivia", "Liam", "Sofia", "Noah", "Priya", "Lucas",
    "Emma", "Mateo", "Yuki", "Ethan", "Fatima", "Oliver", "Isabella", "Elijah", "Amara", "Hugo",
    "Chloe", "Daniel", "Zara", "Leo", "Nina", "Samuel", "Ines", "Arjun", "Grace", "Tomas",
    "Hannah", "Omar", "Freya", "Kenji", "Lena", "Diego", "Mila", "Felix", "Ava", "Rafael",
    "Ingrid", "Kwame", "Julia", "Mohammed", "Elena", "Sebastian", "Layla", "Victor", "Sara",
    "Nikolai",
)  # fmt: skip
LAST_NAMES = (
    "Garcia", "Smith", "Khan", "Wang", "Johnson", "Murphy", "Rossi", "Müller", "Patel", "Silva",
    "Brown", "Hernandez", "Tanaka", "Wilson", "Ali", "Martin", "Lopez", "Davis", "Okafor",
    "Dubois", "Moreau", "Kim", "Nowak", "Novak", "Jensen", "Costa", "Singh", "Cohen", "Larsen",
    "Ivanova", "O'Brien", "Nguyen", "Fischer", "Santos", "Haddad", "Yilmaz", "Andersson",
    "Kowalski", "Mensah", "Ferreira", "Schmidt", "Bauer", "Walker", "Hall", "Young", "Reyes",
    "Sato", "Berg", "Romero", "Clarke",
)  # fmt: skip
ORGANIZATIONS = (
    "Northwind Traders", "Contoso", "Globex", "Initech", "Umbrella Health", "Stark Logistics",
    "Acme Outdoor", "Blue Harbor Coffee", "Wayfarer Books", "Pinecrest Dental", "Lumen Labs",
    "Tandem Bikes", "Orchard & Vine", "Brightside Media", "Kestrel Analytics", "Maple Bakery",
    "Helios Solar", "Quartz Legal", "Riverbend Schools", "Summit Fitness", "Copperleaf Studio",
    "Nimbus Cloud", "Saffron Kitchen", "Atlas Freight", "Evergreen Realty", "Harbor Vet Clinic",
    "Ironclad Security", "Juniper Travel", "Meridian Bank", "Nova Robotics",
)  # fmt: skip
JOB_TITLES = (
    "Office Manager", "CTO", "Owner", "Marketing Lead", "Accountant", "Developer",
    "Operations Director", "Support Specialist", "Teacher", "Product Manager", "Designer",
    "Store Manager", "Consultant", "HR Coordinator", "Founder", "Analyst",
)  # fmt: skip
PLACES = (
    ("Dallas", "TX", "75201", "US"), ("Portland", "OR", "97205", "US"),
    ("Boston", "MA", "02108", "US"), ("Denver", "CO", "80202", "US"),
    ("Toronto", "ON", "M5H 2N2", "CA"), ("London", "", "EC1A 1BB", "GB"),
    ("Berlin", "", "10115", "DE"), ("Lyon", "", "69001", "FR"), ("Madrid", "", "28013", "ES"),
    ("Sydney", "NSW", "2000", "AU"), ("Dublin", "", "D02 X285", "IE"),
    ("Austin", "TX", "78701", "US"), ("Chicago", "IL", "60601", "US"),
    ("Amsterdam", "", "1012 JS", "NL"), ("São Paulo", "SP", "01310-100", "BR"),
    ("Bangalore", "KA", "560001", "IN"),
)  # fmt: skip
STREETS = ("Main St", "Oak Avenue", "Harbor Road", "King Street", "Elm Drive", "Market Square")
TIMEZONES = (
    "America/New_York", "America/Chicago", "America/Los_Angeles", "Europe/London",
    "Europe/Berlin", "Asia/Kolkata", "Australia/Sydney",
)  # fmt: skip

# (subject templates, the customer's opening problem statements)
TOPICS: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (
    (("Can't log in", "Login problem", "Password reset email never arrives"),
     ("I can't log in to my account since this morning.",
      "The password reset email never shows up, not even in spam.")),
    (("Refund for order #{n}", "Requesting a refund", "Charged twice for order #{n}"),
     ("I was charged twice for the same order and would like one charge refunded.",
      "I'd like a refund for my last order, it arrived damaged.")),
    (("Invoice request", "Need a VAT invoice for {month}", "Billing address on invoices"),
     ("Could you send me an invoice with our VAT number for {month}?",
      "Our invoices still show the old billing address.")),
    (("Upgrade to the Pro plan", "Question about pricing", "Discount for nonprofits?"),
     ("We're thinking about moving to the Pro plan and have a few questions.",
      "Do you offer a discount for registered nonprofits?")),
    (("Export not working", "CSV export is empty", "Report export times out"),
     ("When I export my data to CSV the file is empty.",
      "The report export spins for a few minutes and then times out.")),
    (("Bug: page crashes on save", "Error 500 when saving", "App freezes on startup"),
     ("Every time I press save I get an error page saying something went wrong.",
      "Since the last update the app freezes as soon as it starts.")),
    (("Feature request: dark mode", "Suggestion for the dashboard", "Could you add an API?"),
     ("It would be great to have a dark mode, my team works late.",
      "Is there any plan for a public API? We'd love to automate our reports.")),
    (("Shipping delay on order #{n}", "Where is my package?", "Tracking number not working"),
     ("My order #{n} was supposed to arrive last week and I still have nothing.",
      "The tracking number you sent me doesn't work on the carrier's site.")),
    (("Cancel my subscription", "How do I close my account?", "Stop auto-renewal"),
     ("Please cancel my subscription at the end of this billing period.",
      "I'd like to turn off auto-renewal on my account.")),
    (("Add a new user to our team", "Change account owner", "Permissions for a colleague"),
     ("How can I add a colleague to our account with read-only access?",
      "Our account owner left the company, can we transfer ownership to me?")),
    (("Integration with Slack", "Zapier connection fails", "Webhook not firing"),
     ("The Slack integration stopped posting messages yesterday.",
      "Our webhook doesn't seem to fire when a new order comes in.")),
    (("Wrong size received", "Exchange for a different color", "Missing item in my order"),
     ("I received a medium instead of the large I ordered.",
      "One item was missing from my package, order #{n}.")),
    (("Two-factor authentication lost phone", "2FA codes not accepted", "Locked out"),
     ("I lost my phone and can't get my two-factor codes anymore.",
      "My authenticator codes are being rejected even though the time is right.")),
    (("Data import help", "Importing contacts from a spreadsheet", "Duplicates after import"),
     ("We tried to import our contacts from a spreadsheet and got lots of duplicates.",
      "Is there a template for importing our existing records?")),
    (("Accessibility question", "Screen reader support", "Keyboard navigation"),
     ("One of our staff uses a screen reader; is your app compatible?",
      "Some buttons can't be reached with the keyboard alone.")),
    (("Partnership inquiry", "Reseller program", "Press request"),
     ("We'd like to learn about your reseller program for agencies.",
      "I'm writing an article about small business tools and had a few questions.")),
)  # fmt: skip
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August")
_OPENERS = ("Hi there,", "Hello,", "Hi team,", "Good morning,", "Hey,", "Hello support,")
_DETAILS = (
    "I already tried clearing my cache and using another browser.",
    "This is blocking our whole team today.",
    "I've attached a screenshot in case it helps.",
    "We've been customers for three years and never had this before.",
    "It happens on both my laptop and my phone.",
    "",
)  # fmt: skip
_CLOSINGS = ("Thanks!", "Thank you in advance.", "Best regards", "Cheers", "Thanks for your help.")
_FOLLOW_UPS = (
    "Thanks, that worked perfectly!",
    "I tried that but it still doesn't work, same error as before.",
    "Any update on this? It's been a couple of days.",
    "Great, thanks for the quick answer.",
    "Here is the screenshot you asked for.",
    "Sorry, one more question: does this also apply to our second account?",
    "That makes sense. I'll try again tomorrow morning and let you know.",
    "Perfect, you can close this ticket.",
    "It's working again on my side. Was something down?",
    "Could you call me instead? It's easier to explain.",
)  # fmt: skip
_REPLIES = (
    "Thanks for reaching out! I've looked into your account and fixed the issue on our side.",
    "Sorry about the trouble. Could you send us a screenshot of the error so we can dig in?",
    "Good news: the refund has been processed and should show up within 5-7 business days.",
    "I've passed this on to our engineering team and will update you as soon as I hear back.",
    "You can change this under Settings > Account. Let me know if you can't find it!",
    "I've reset your two-factor authentication; you can set it up again at your next login.",
    "Thanks for the suggestion! I've added your vote to the feature request.",
    "Your package is with the carrier and the tracking should update within 24 hours.",
    "I've cancelled the renewal; your plan stays active until the end of the period.",
    "Could you confirm the email address on the account so I can make that change?",
    "That was a bug on our end and it's fixed now. Thanks for your patience!",
    "Happy to help. I'm closing this for now, just reply if anything else comes up.",
)  # fmt: skip
_NOTES = (
    "Checked the logs: the error started after the last deploy.",
    "Customer is on the legacy plan, be careful with pricing.",
    "Escalated to engineering, see the bug tracker.",
    "VIP account, please reply within the hour.",
    "Refund approved by finance.",
    "Possible duplicate of an earlier conversation with the same customer.",
)  # fmt: skip
_LINE_ITEMS = (
    ("changed-ticket-status", "Marked as Pending"),
    ("changed-ticket-assignee", "Assigned to a teammate"),
    ("changed-ticket-tags", "Tags changed"),
    ("manual-workflow", "You ran the Escalate workflow"),
    ("automatic-workflow", "Workflow Auto-close ran"),
)  # fmt: skip
_ATTACHMENTS = (
    ("screenshot.png", "image/png", 1280, 800),
    ("invoice.pdf", "application/pdf", 0, 0),
    ("error-log.txt", "text/plain", 0, 0),
    ("photo.jpg", "image/jpeg", 1024, 768),
    ("export.csv", "text/csv", 0, 0),
)  # fmt: skip
TAG_NAMES = (
    "billing", "bug", "feature-request", "refund", "shipping", "vip", "login", "urgent",
    "integration", "cancellation", "onboarding", "feedback", "pricing", "security", "export",
    "returns", "partnership", "accessibility", "mobile", "api",
)  # fmt: skip
TAG_COLORS = (
    ("none", "#929499"), ("grey", "#A5B2BD"), ("blue", "#3197D6"), ("green", "#76B300"),
    ("orange", "#FF6F00"), ("red", "#E52F28"), ("purple", "#8E44AD"), ("yellow", "#F5C01D"),
)  # fmt: skip


def _html(*paragraphs: str) -> tuple[str, str]:
    """A thread body as HTML paragraphs and its plain-text preview."""
    parts = [p for p in paragraphs if p]
    body = "".join(f"<p>{p}</p>" for p in parts)
    return body, " ".join(parts)[:255]


def _build_subjects() -> list[tuple[int, str]]:
    """Every subject with the topic it belongs to (fixed, seed-independent)."""
    rnd = random.Random(7)
    out = []
    for topic, (subjects, _) in enumerate(TOPICS):
        for template in subjects:
            for _copy in range(3):
                n, month = rnd.randrange(10000, 99999), rnd.choice(_MONTHS)
                out.append((topic, template.format(n=n, month=month)))
    return out


def _build_first_bodies() -> list[list[tuple[str, str]]]:
    """Per topic, a handful of variants of the customer's first message."""
    rnd = random.Random(11)
    pools = []
    for _, problems in TOPICS:
        pool = []
        for _variant in range(6):
            problem = rnd.choice(problems).format(n=rnd.randrange(10000, 99999), month="May")
            pool.append(
                _html(rnd.choice(_OPENERS), problem, rnd.choice(_DETAILS), rnd.choice(_CLOSINGS))
            )
        pools.append(pool)
    return pools


SUBJECTS = _build_subjects()
FIRST_BODIES = _build_first_bodies()
FOLLOW_UPS = [_html(text) for text in _FOLLOW_UPS]
REPLIES = [_html("Hi,", text, "Best,") for text in _REPLIES]
NOTES = [_html(text) for text in _NOTES]
PHONE_BODIES = [
    [_html(f"Call summary: {p[1]}", "Walked the customer through the next steps.") for p in pool]
    for pool in FIRST_BODIES
]


# --------------------------------------------------------------------------- seed records


class _Person(NamedTuple):
    """What a conversation or thread says about a person."""

    id: int
    first: str
    last: str
    email: str
    photo: str


class _ConvSeed(NamedTuple):
    """What ``thread_source`` needs to rebuild one conversation's seeded threads."""

    position: int
    n_threads: int
    created: int
    last: int
    ctype: str
    status: str
    customer: int
    assignee: int
    creator: int
    closer: int
    last_from: str
    topic_body: int
    preview: int
    topic: int
    cc: bool


_CUSTOMER_TYPE = {"email": "customer", "chat": "chat", "phone": "customer"}
_USER_TYPE = {"email": "reply", "chat": "chat", "phone": "phone"}
_FIRST_TYPE = {"email": "customer", "chat": "chat", "phone": "phone"}


def _person_json(p: _Person, kind: str | None) -> JSON:
    """A person reference (assignee, createdBy, closedByUser, ...)."""
    out: JSON = {"id": p.id}
    if kind is not None:
        out["type"] = kind
    out["first"] = p.first
    out["last"] = p.last
    out["email"] = p.email
    return out


# --------------------------------------------------------------------------- threads


class SeededThreads:
    """``store.thread_source``: rebuilds seeded threads from (seed, conversation id)."""

    def __init__(self, seed: int, users: list[_Person], customers: list[_Person]) -> None:
        """Hold what thread building needs; conversation seeds are added later."""
        self.seed = seed
        self.users = users
        self.customers = customers
        self.conversations: dict[int, _ConvSeed] = {}
        self.thread_base = 0
        self.attachment_base = 0
        self.next_number = 1

    def __call__(self, conversation_id: int) -> list[JSON]:
        """The seeded threads of a conversation, newest first ([] if not seeded)."""
        cs = self.conversations.get(conversation_id)
        if cs is None:
            return []
        return self.build(random.Random(f"{self.seed}/{conversation_id}"), cs)

    def build(self, rng: random.Random, cs: _ConvSeed) -> list[JSON]:
        """The threads described by ``cs``, newest first."""
        times = self._times(rng, cs)
        plan = self._plan(rng, cs)
        newest = (
            cs.n_threads - 2 if cs.n_threads >= 3 and plan[-1] == "lineitem" else cs.n_threads - 1
        )
        threads = [
            self._thread(rng, cs, k, kind, times[k], k == newest) for k, kind in enumerate(plan)
        ]
        threads.reverse()
        return threads

    def thread_id(self, cs: _ConvSeed, k: int) -> int:
        """The id of thread ``k`` (oldest is 0) of a seeded conversation."""
        return self.thread_base + cs.position * 10 + k

    def attachment_id(self, thread_id: int, j: int) -> int:
        """The id of attachment ``j`` of a seeded thread."""
        return self.attachment_base + (thread_id - self.thread_base) * 2 + j

    @staticmethod
    def _times(rng: random.Random, cs: _ConvSeed) -> list[int]:
        """Creation times: the first at createdAt, the last at the last activity."""
        if cs.n_threads == 1:
            return [cs.created]
        middle = sorted(rng.randint(cs.created, cs.last) for _ in range(cs.n_threads - 2))
        return [cs.created, *middle, cs.last]

    @staticmethod
    def _plan(rng: random.Random, cs: _ConvSeed) -> list[str]:
        """Who writes each thread, oldest first: customer, user, note or lineitem."""
        first = "user" if cs.ctype == "phone" else "customer"
        if cs.n_threads == 1:
            return [first]
        plan = [first]
        for _ in range(cs.n_threads - 1):
            r = rng.random()
            if r < 0.08:
                plan.append("lineitem")
            elif r < 0.22:
                plan.append("note")
            else:
                plan.append("customer" if plan[-1] == "user" and r < 0.7 else "user")
        if cs.n_threads >= 3 and plan[-1] == "lineitem":
            plan[-2] = cs.last_from
        else:
            plan[-1] = cs.last_from
        return plan

    def _body(self, rng: random.Random, cs: _ConvSeed, k: int, kind: str, newest: bool) -> str:
        """The HTML body of one thread."""
        if k == 0:
            pool = PHONE_BODIES if cs.ctype == "phone" else FIRST_BODIES
            return pool[cs.topic][cs.topic_body][0]
        if kind == "note":
            return rng.choice(NOTES)[0]
        texts = FOLLOW_UPS if kind == "customer" else REPLIES
        return texts[cs.preview if newest else rng.randrange(len(texts))][0]

    def _thread(
        self, rng: random.Random, cs: _ConvSeed, k: int, kind: str, ts: int, newest: bool
    ) -> JSON:
        """One thread as ``GET /conversations/{id}/threads`` lists it."""
        tid = self.thread_id(cs, k)
        customer = self.customers[cs.customer]
        if kind == "customer":
            author, via = customer, "customer"
            ttype = _FIRST_TYPE[cs.ctype] if k == 0 else _CUSTOMER_TYPE[cs.ctype]
        else:
            author, via = self._user_author(rng, cs, k, kind), "user"
            ttype = kind
            if kind == "user":
                ttype = _FIRST_TYPE[cs.ctype] if k == 0 else _USER_TYPE[cs.ctype]
        thread: JSON = {
            "id": tid,
            "type": ttype,
            "status": self._thread_status(cs, kind, newest),
            "state": "published",
        }
        if kind == "lineitem":
            action, text = rng.choice(_LINE_ITEMS)
            if k == cs.n_threads - 1 and cs.status == "closed":
                action, text = "changed-ticket-status", "Marked as Closed"
            thread["action"] = {"type": action, "text": text, "associatedEntities": []}
        else:
            thread["body"] = self._body(rng, cs, k, kind, newest)
        thread["source"] = {"type": _source_type(ttype, cs.ctype), "via": via}
        thread["customer"] = {
            "id": customer.id,
            "first": customer.first,
            "last": customer.last,
            "photoUrl": customer.photo,
            "email": customer.email,
        }
        thread["createdBy"] = _person_json(author, via)
        if cs.assignee >= 0:
            thread["assignedTo"] = _person_json(self.users[cs.assignee], "user")
        thread["savedReplyId"] = 0
        thread["to"] = [customer.email] if ttype == "reply" else []
        thread["cc"] = ["accounts@example.com"] if cs.cc and ttype in ("reply", "customer") else []
        thread["bcc"] = []
        thread["createdAt"] = iso(ts)
        thread["_embedded"] = {"attachments": self._attachments(rng, tid, kind)}
        key = "createdByCustomer" if via == "customer" else "createdByUser"
        path = "/customers/" if via == "customer" else "/users/"
        thread["_links"] = {key: _link(f"{path}{author.id}")}
        return thread

    def _user_author(self, rng: random.Random, cs: _ConvSeed, k: int, kind: str) -> _Person:
        """The user who wrote a reply, note or lineitem."""
        if k == 0 and cs.creator >= 0:
            return self.users[cs.creator]
        if kind == "lineitem" and k == cs.n_threads - 1 and cs.closer >= 0:
            return self.users[cs.closer]
        if cs.assignee >= 0 and rng.random() < 0.8:
            return self.users[cs.assignee]
        return self.users[rng.randrange(len(self.users))]

    @staticmethod
    def _thread_status(cs: _ConvSeed, kind: str, newest: bool) -> str:
        """The conversation status a thread set."""
        if kind == "customer":
            return "active"
        if kind == "note":
            return "nochange"
        if newest or kind == "lineitem":
            return cs.status if cs.status != "spam" else "nochange"
        return "active"

    def _attachments(self, rng: random.Random, tid: int, kind: str) -> list[JSON]:
        """Attachments on about one message in twelve."""
        if kind not in ("customer", "user") or rng.random() >= 0.08:
            return []
        out = []
        for j in range(rng.randint(1, 2)):
            name, mime, width, height = rng.choice(_ATTACHMENTS)
            aid = self.attachment_id(tid, j)
            out.append(
                {
                    "id": aid,
                    "filename": name,
                    "mimeType": mime,
                    "size": rng.randrange(2_000, 2_000_000),
                    "width": width,
                    "height": height,
                    "_links": {
                        "data": _link(f"/attachments/{aid}/data"),
                        "web": {"href": f"{WEB_ROOT}/attachment/{aid}"},
                    },
                }
            )
        return out


class _FreshThreads(SeededThreads):
    """Builds the threads of a conversation made after seeding, with ids from the store."""

    def __init__(self, store: Store, users: list[_Person], customers: list[_Person]) -> None:
        """Take new ids from ``store``."""
        super().__init__(0, users, customers)
        self.store = store

    def thread_id(self, cs: _ConvSeed, k: int) -> int:
        """A fresh id from the store."""
        return self.store.new_id()

    def attachment_id(self, thread_id: int, j: int) -> int:
        """A fresh id from the store."""
        return self.store.new_id()


def _source_type(thread_type: str, conversation_type: str) -> str:
    """A thread's ``source.type``."""
    if thread_type in ("note", "lineitem"):
        return "web"
    if thread_type == "phone":
        return "phone"
    return "chat" if conversation_type == "chat" else "email"


# --------------------------------------------------------------------------- generation

_STATUS_CUT = ((0.28, "active"), (0.38, "pending"), (0.95, "closed"), (1.0, "spam"))
_THREAD_COUNT_CUM = list(accumulate((14, 24, 20, 14, 9, 7, 5, 3, 2, 2)))
_MAILBOX_NAMES = ("Support", "Billing", "Sales", "Partners", "Returns", "Enterprise", "Press")
_TEAM_NAMES = ("Tier 1", "Billing Crew", "Escalations", "Customer Success", "Night Shift")
_FOLDERS = (
    ("Unassigned", "open"), ("Mine", "mytickets"), ("Needs Attention", "needsattention"),
    ("Drafts", "drafts"), ("Assigned", "assigned"), ("Closed", "closed"), ("Spam", "spam"),
)  # fmt: skip
_WORKFLOWS = (
    ("Escalate to Tier 2", "manual"), ("Auto-close after 7 days", "automatic"),
    ("Tag VIP customers", "automatic"), ("Send to Billing", "manual"),
)  # fmt: skip
_CUSTOMER_START = 1640995200  # 2022-01-01T00:00:00Z
_STAFF_START = 1609459200  # 2021-01-01T00:00:00Z


def _slug(name: str) -> str:
    """ASCII, lowercase, email-safe form of a name."""
    table = str.maketrans("äöüéèãçáíóú", "aoueeacaiou", "' &")
    return name.lower().translate(table).replace(".", "")


class _Gen:
    """State shared while one store is generated."""

    def __init__(self, store: Store, rng: random.Random, *, now: int = END) -> None:
        """Start from an empty id counter and one random stream."""
        self.store = store
        self.rng = rng
        self.now = now
        self.last_id = 0
        self.users: list[_Person] = []
        self.customers: list[_Person] = []
        self.mailbox_ids: list[int] = []
        self.folder_ids: list[dict[str, int]] = []
        self.tag_refs: list[JSON] = []
        self.tag_cum: list[float] = []
        self.domain = _slug(self.rng.choice(ORGANIZATIONS)).replace("-", "") + ".example"

    def new_id(self) -> int:
        """The next seeded id."""
        self.last_id += 1
        return self.last_id

    def stamp(self, low: int, high: int) -> int:
        """A random epoch second in ``[low, high]``."""
        return self.rng.randint(low, high)


def generate(
    store: Store,
    *,
    seed: int,
    conversations: int,
    customers: int | None = None,
    mailboxes: int = 3,
    users: int = 8,
) -> None:
    """Fill an empty store with deterministic, realistic records for ``seed``.

    Args:
        store: the store to fill (expected empty).
        seed: the same seed always gives the same store.
        conversations: how many conversations to seed (a few of them end up merged).
        customers: how many customers; defaults to ``conversations // 4``, at least 10.
        mailboxes: how many mailboxes, each with folders, custom fields and workflows.
        users: how many users; the first is the owner and ``GET /users/me``.
    """
    g = _Gen(store, random.Random(seed))
    collecting = gc.isenabled()
    gc.disable()  # millions of fresh containers: collections would only slow this down
    try:
        _generate(g, seed, conversations, customers, mailboxes, users)
    finally:
        if collecting:
            gc.enable()


def _generate(
    g: _Gen, seed: int, conversations: int, customers: int | None, mailboxes: int, users: int
) -> None:
    """The body of ``generate``."""
    store = g.store
    _make_users(g, max(1, users))
    _make_teams(g)
    for index in range(max(1, mailboxes)):
        _make_mailbox(g, index)
    _make_tags(g)
    n_customers = max(10, conversations // 4) if customers is None else max(1, customers)
    for _ in range(n_customers):
        _make_customer(g)
    threads = SeededThreads(seed, g.users, g.customers)
    _make_conversations(g, threads, max(0, conversations))
    _merge_some(g, threads)
    _count_tags_and_folders(store)
    store.thread_source = threads
    store.next_id = max(store.next_id, g.last_id)
    store.touch()


# --------------------------------------------------------------------------- people


def _make_users(g: _Gen, count: int) -> None:
    """Users: the first is the account owner and ``store.me_user_id``."""
    rng = g.rng
    for i in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        uid = g.new_id()
        email = f"{_slug(first)}.{_slug(last)}{i if i >= 10 else ''}@{g.domain}"
        photo = f"https://d33v4339jhl8k0.cloudfront.net/users/{uid}.{rng.randrange(10**6)}.jpg"
        created = g.stamp(_STAFF_START, START - 86400 * 30)
        g.store.users[uid] = {
            "id": uid,
            "firstName": first,
            "lastName": last,
            "email": email,
            "role": "owner" if i == 0 else ("admin" if i < 3 else "user"),
            "timezone": rng.choice(TIMEZONES),
            "photoUrl": photo,
            "createdAt": iso(created),
            "updatedAt": iso(g.stamp(created, END - 86400 * 60)),
            "type": "user",
            "mention": _slug(first) + (str(i) if i >= 10 else ""),
            "initials": first[0] + last[0],
            "jobTitle": rng.choice(("Support Lead", "Support Agent", "Success Manager", "CEO")),
            "phone": f"555-{rng.randrange(1000, 10000)}",
            "alternateEmails": [f"{_slug(first)}@personal.example"] if rng.random() < 0.3 else [],
            "_links": {"self": _link(f"/users/{uid}")},
        }
        g.users.append(_Person(uid, first, last, email, photo))
    g.store.me_user_id = g.users[0].id


def _make_teams(g: _Gen) -> None:
    """Teams of users, about one per four users."""
    rng = g.rng
    for i in range(max(1, len(g.users) // 4)):
        tid = g.new_id()
        name = _TEAM_NAMES[i % len(_TEAM_NAMES)] + (
            f" {i // len(_TEAM_NAMES) + 1}" if i >= 5 else ""
        )
        created = g.stamp(_STAFF_START, START)
        g.store.teams[tid] = {
            "id": tid,
            "createdAt": iso(created),
            "updatedAt": iso(g.stamp(created, END - 86400)),
            "name": name,
            "timezone": rng.choice(TIMEZONES),
            "photoUrl": f"https://d33v4339jhl8k0.cloudfront.net/teams/{tid}.png",
            "mention": _slug(name).replace(" ", ""),
            "_links": {"self": _link(f"/teams/{tid}")},
        }
        size = rng.randint(min(2, len(g.users)), min(5, len(g.users)))
        members = rng.sample([u.id for u in g.users], size)
        g.store.team_members[tid] = sorted(members)


def _customer_items(
    g: _Gen, cid: int, kind: str, values: list[tuple[str, str | None]]
) -> list[JSON]:
    """A customer's emails/phones/... entries, each with its own id and link."""
    path = "social-profiles" if kind == "social_profiles" else kind
    out = []
    for value, item_type in values:
        item_id = g.new_id()
        item: JSON = {"id": item_id, "value": value}
        if item_type is not None:
            item["type"] = item_type
        item["_links"] = {"self": _link(f"/customers/{cid}/{path}/{item_id}")}
        out.append(item)
    return out


def _make_customer(g: _Gen) -> None:
    """One customer as ``GET /customers/{id}`` returns it, with ``_embedded`` lists."""
    rng = g.rng
    cid = g.new_id()
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    org = rng.choice(ORGANIZATIONS) if rng.random() < 0.7 else None
    domain = (_slug(org).replace("-", "") + ".example") if org else "mail.example"
    email = f"{_slug(first)}.{_slug(last)}{len(g.customers)}@{domain}"
    photo = f"https://d33v4339jhl8k0.cloudfront.net/customer-avatar/{rng.randrange(1, 13):02d}.png"
    created = g.stamp(_CUSTOMER_START, START)
    place = rng.choice(PLACES)
    body: JSON = {
        "id": cid,
        "firstName": first,
        "lastName": last,
        "gender": rng.choice(("Unknown", "Unknown", "Female", "Male")),
    }
    if org:
        body["jobTitle"] = rng.choice(JOB_TITLES)
    body["location"] = place[3] if rng.random() < 0.5 else f"{place[0]}, {place[3]}"
    if org:
        body["organization"] = org
    body["photoType"] = rng.choice(("unknown", "gravatar", "twitter", "unknown"))
    body["photoUrl"] = photo
    body["createdAt"] = iso(created)
    body["updatedAt"] = iso(g.stamp(created, END))
    if rng.random() < 0.2:
        body["background"] = "Long-time customer, prefers email."
    if rng.random() < 0.3:
        body["age"] = str(rng.randint(21, 70))
    body["_embedded"] = _customer_embedded(g, cid, email, first, place)
    body["_links"] = _customer_links(cid)
    g.store.customers[cid] = body
    g.customers.append(_Person(cid, first, last, email, photo))


def _customer_embedded(
    g: _Gen, cid: int, email: str, first: str, place: tuple[str, str, str, str]
) -> JSON:
    """The ``_embedded`` block of Get Customer (``social_profiles`` with an underscore)."""
    rng = g.rng
    emails: list[tuple[str, str | None]] = [(email, "work")]
    if rng.random() < 0.25:
        emails.append((f"{_slug(first)}{rng.randrange(100)}@personal.example", "home"))
    phones: list[tuple[str, str | None]] = [
        (f"+1 555-{rng.randrange(100, 1000)}-{rng.randrange(1000, 10000)}", t)
        for t in rng.sample(("work", "mobile", "home"), rng.choice((0, 1, 1, 2)))
    ]
    chats: list[tuple[str, str | None]] = (
        [(f"{_slug(first)}{rng.randrange(1000)}", rng.choice(("skype", "aim", "icq", "other")))]
        if rng.random() < 0.15
        else []
    )
    socials: list[tuple[str, str | None]] = (
        [(f"https://twitter.com/{_slug(first)}{rng.randrange(10000)}", "twitter")]
        if rng.random() < 0.3
        else []
    )
    sites: list[tuple[str, str | None]] = (
        [(f"https://www.{email.split('@')[1]}", None)] if rng.random() < 0.3 else []
    )
    out: JSON = {
        "emails": _customer_items(g, cid, "emails", emails),
        "phones": _customer_items(g, cid, "phones", phones),
        "chats": _customer_items(g, cid, "chats", chats),
        "social_profiles": _customer_items(g, cid, "social_profiles", socials),
        "websites": _customer_items(g, cid, "websites", sites),
    }
    if rng.random() < 0.6:
        out["address"] = {
            "city": place[0],
            "lines": [f"{rng.randrange(1, 999)} {rng.choice(STREETS)}"],
            "state": place[1],
            "postalCode": place[2],
            "country": place[3],
            "_links": {"self": _link(f"/customers/{cid}/address")},
        }
    return out


def _customer_links(cid: int) -> JSON:
    """The ``_links`` of a customer (``social-profiles`` with a hyphen)."""
    base = f"/customers/{cid}"
    links = {k: _link(f"{base}/{k}") for k in ("address", "chats", "emails", "phones")}
    links["social-profiles"] = _link(f"{base}/social-profiles")
    links["websites"] = _link(f"{base}/websites")
    links["self"] = _link(base)
    return links


# --------------------------------------------------------------------------- mailboxes


def _make_mailbox(g: _Gen, index: int) -> None:
    """A mailbox with its folders, custom fields and workflows."""
    rng, store = g.rng, g.store
    mid = g.new_id()
    name = _MAILBOX_NAMES[index % len(_MAILBOX_NAMES)]
    if index >= len(_MAILBOX_NAMES):
        name += f" {index // len(_MAILBOX_NAMES) + 1}"
    created = g.stamp(_STAFF_START, START - 86400 * 90)
    store.mailboxes[mid] = {
        "id": mid,
        "name": name,
        "slug": f"{rng.getrandbits(64):016x}",
        "email": f"{_slug(name).replace(' ', '')}@{g.domain}",
        "createdAt": iso(created),
        "updatedAt": iso(g.stamp(created, START)),
        "_links": {
            "self": _link(f"/mailboxes/{mid}"),
            "folders": _link(f"/mailboxes/{mid}/folders"),
            "fields": _link(f"/mailboxes/{mid}/fields"),
        },
    }
    g.mailbox_ids.append(mid)
    folders: dict[str, int] = {}
    store.folders[mid] = []
    for folder_name, folder_type in _FOLDERS:
        fid = folders[folder_type] = g.new_id()
        store.folders[mid].append(
            {
                "id": fid,
                "name": folder_name,
                "type": folder_type,
                "userId": store.me_user_id if folder_type == "mytickets" else 0,
                "totalCount": 0,
                "activeCount": 0,
                "updatedAt": iso(created),
            }
        )
    g.folder_ids.append(folders)
    store.fields[mid] = _make_fields(g)
    _make_workflows(g, mid, created)


def _make_fields(g: _Gen) -> list[JSON]:
    """Custom fields of every type; dropdowns carry options."""
    specs = [
        ("Plan", "DROPDOWN", ("Free", "Trial", "Pro", "Enterprise")),
        ("Order Number", "SINGLE_LINE", ()),
        ("Internal Summary", "MULTI_LINE", ()),
        ("Renewal Date", "DATE", ()),
        ("Seats", "NUMBER", ()),
    ]
    if g.rng.random() < 0.5:
        specs.append(("Product Area", "DROPDOWN", ("Web app", "Mobile", "API", "Billing")))
    fields = []
    for order, (name, ftype, labels) in enumerate(specs, start=1):
        options = [{"id": g.new_id(), "order": i, "label": lb} for i, lb in enumerate(labels, 1)]
        fields.append(
            {
                "id": g.new_id(),
                "required": order == 1 and g.rng.random() < 0.3,
                "order": order,
                "type": ftype,
                "name": name,
                "options": options,
            }
        )
    return fields


def _make_workflows(g: _Gen, mid: int, created: int) -> None:
    """Two or three workflows of a mailbox."""
    for order, (name, wtype) in enumerate(g.rng.sample(_WORKFLOWS, g.rng.randint(2, 3)), 1):
        wid = g.new_id()
        made = g.stamp(created, START)
        g.store.workflows[wid] = {
            "id": wid,
            "mailboxId": mid,
            "type": wtype,
            "status": "active" if g.rng.random() < 0.8 else "inactive",
            "order": order,
            "name": name,
            "createdAt": iso(made),
            "modifiedAt": iso(g.stamp(made, END)),
            "_links": {"self": _link(f"/workflows/{wid}")},
        }


def _make_tags(g: _Gen) -> None:
    """Tags with colors; ``ticketCount`` is filled in once conversations exist."""
    weight = 0.0
    for rank, name in enumerate(TAG_NAMES, start=1):
        tid = g.new_id()
        color_name, color_hex = TAG_COLORS[g.rng.randrange(len(TAG_COLORS))]
        created = g.stamp(_STAFF_START, START)
        tag: JSON = {
            "id": tid,
            "slug": name,
            "name": name,
            "color": color_name,
            "createdAt": iso(created),
        }
        if g.rng.random() < 0.5:
            tag["updatedAt"] = iso(g.stamp(created, END))
        tag["ticketCount"] = 0
        g.store.tags[tid] = tag
        g.tag_refs.append({"id": tid, "color": color_hex, "tag": name})
        weight += 1.0 / rank
        g.tag_cum.append(weight)


# --------------------------------------------------------------------------- conversations


class _Times(NamedTuple):
    """A conversation's status and moments (epoch seconds; ``closed`` 0 if open)."""

    status: str
    created: int
    closed: int
    modified: int


def _timeline(rng: random.Random, n: int) -> list[_Times]:
    """Statuses and times of ``n`` conversations in creation order, with modifiedAt ties."""
    span = END - START
    created = sorted(START + int(span * rng.random() ** 0.8) for _ in range(n))
    out: list[_Times] = []
    for c in created:
        r = rng.random()
        status = next(s for cut, s in _STATUS_CUT if r < cut)
        if status == "spam":
            out.append(_Times(status, c, 0, min(c + rng.randrange(60, 7200), END)))
            continue
        moved = min(c + int(60 * 43200 ** rng.random()), END)
        if status != "closed":
            out.append(_Times(status, c, 0, moved))
            continue
        after = 0 if rng.random() < 0.7 else int(60 * 14400 ** rng.random())
        out.append(_Times(status, c, moved, min(moved + after, END)))
    return _with_ties(rng, out)


def _with_ties(rng: random.Random, times: list[_Times]) -> list[_Times]:
    """Give some neighbours the same modifiedAt second, as bulk actions do."""
    n = len(times)
    for i in range(1, n):
        if rng.random() < 0.04 or (i == n - 1 and n >= 2):
            a, b = times[i - 1], times[i]
            top = max(a.modified, b.modified)
            times[i - 1] = a._replace(modified=top)
            times[i] = b._replace(modified=top)
    return times


def _make_conversations(g: _Gen, threads: SeededThreads, n: int) -> None:
    """``n`` conversations in creation order, their thread seeds in ``threads``."""
    timeline = _timeline(g.rng, n)
    ids = [g.new_id() for _ in range(n)]
    threads.thread_base = g.last_id + 1
    g.last_id += n * 10
    threads.attachment_base = g.last_id + 1
    g.last_id += n * 20
    for index, (cid, times) in enumerate(zip(ids, timeline, strict=True)):
        cs, body = _conversation(g, index, cid, index + 1, times)
        threads.conversations[cid] = cs
        g.store.conversations[cid] = body
    threads.next_number = n + 1


def _pick_count(rng: random.Random, status: str) -> int:
    """How many threads a conversation has (1-10, mostly 2-4)."""
    if status == "spam":
        return 1
    return bisect(_THREAD_COUNT_CUM, rng.random() * _THREAD_COUNT_CUM[-1]) + 1


def _conversation(
    g: _Gen, index: int, cid: int, number: int, t: _Times, max_threads: int = 10
) -> tuple[_ConvSeed, JSON]:
    """One conversation: its thread seed and its API body."""
    rng = g.rng
    r = rng.random()
    ctype = "email" if r < 0.72 else ("chat" if r < 0.88 else "phone")
    count = min(_pick_count(rng, t.status), max_threads)
    mailbox = min(int(len(g.mailbox_ids) * rng.random() ** 1.6), len(g.mailbox_ids) - 1)
    customer = int(len(g.customers) * rng.random() ** 1.5)
    assigned = {"active": 0.6, "pending": 0.85, "closed": 0.9, "spam": 0.0}[t.status]
    assignee = int(rng.random() * len(g.users)) if rng.random() < assigned else -1
    somebody = assignee if assignee >= 0 else int(rng.random() * len(g.users))
    if count == 1:
        last_from = "user" if ctype == "phone" else "customer"
    else:
        user_odds = {"active": 0.25, "pending": 0.9, "closed": 0.85, "spam": 0.0}[t.status]
        last_from = "user" if rng.random() < user_odds else "customer"
    topic, subject = SUBJECTS[int(rng.random() * len(SUBJECTS))]
    cs = _ConvSeed(
        position=index,
        n_threads=count,
        created=t.created,
        last=t.closed or t.modified,
        ctype=ctype,
        status=t.status,
        customer=customer,
        assignee=assignee,
        creator=somebody if ctype == "phone" else -1,
        closer=somebody if t.status == "closed" else -1,
        last_from=last_from,
        topic_body=int(rng.random() * 6),
        preview=rng.randrange(len(FOLLOW_UPS) if last_from == "customer" else len(REPLIES)),
        topic=topic,
        cc=rng.random() < 0.05,
    )
    body = _conversation_body(g, cid, number, mailbox, subject, cs, t)
    return cs, body


def _preview(cs: _ConvSeed) -> str:
    """The text of the newest message, as ``preview`` shows it."""
    if cs.n_threads == 1:
        pool = PHONE_BODIES if cs.ctype == "phone" else FIRST_BODIES
        return pool[cs.topic][cs.topic_body][1]
    texts = FOLLOW_UPS if cs.last_from == "customer" else REPLIES
    return texts[cs.preview][1]


def _conversation_body(
    g: _Gen, cid: int, number: int, mailbox: int, subject: str, cs: _ConvSeed, t: _Times
) -> JSON:
    """A conversation as ``GET /conversations/{id}`` returns it, without ``_embedded``."""
    rng = g.rng
    mid = g.mailbox_ids[mailbox]
    customer = g.customers[cs.customer]
    assignee = g.users[cs.assignee] if cs.assignee >= 0 else None
    folder = _folder_type(t.status, cs.assignee, g)
    body: JSON = {
        "id": cid,
        "number": number,
        "threads": cs.n_threads,
        "type": cs.ctype,
        "folderId": g.folder_ids[mailbox][folder],
        "status": t.status,
        "state": "published",
        "subject": subject,
        "preview": _preview(cs),
        "mailboxId": mid,
    }
    if assignee is not None:
        body["assignee"] = _person_json(assignee, "user" if rng.random() < 0.9 else None)
    if cs.creator >= 0:
        creator = g.users[cs.creator]
        body["createdBy"] = {"id": creator.id, "type": "user", "email": creator.email}
    else:
        body["createdBy"] = {"id": customer.id, "type": "customer", "email": customer.email}
    body["createdAt"] = iso(t.created)
    if t.status == "closed":
        closer = g.users[cs.closer]
        body["closedBy"] = closer.id
        body["closedByUser"] = {
            "id": closer.id,
            "type": "user",
            "first": closer.first,
            "last": closer.last,
            "photoUrl": closer.photo,
            "email": closer.email,
        }
        body["closedAt"] = iso(t.closed)
    modified = iso(t.modified)
    body["userUpdatedAt"] = modified
    body["modifiedAt"] = modified
    waiting = cs.last if cs.last_from == "customer" else cs.created
    body["customerWaitingSince"] = {"time": iso(waiting), "friendly": _friendly(g.now - waiting)}
    if cs.n_threads > 1:
        body["customerWaitingSince"]["latestReplyFrom"] = cs.last_from
    body["source"] = _conversation_source(rng, cs.ctype)
    body["tags"] = _pick_tags(g)
    body["cc"] = ["accounts@example.com"] if cs.cc else []
    body["bcc"] = []
    if rng.random() < 0.15:
        body["primaryCustomer"] = {"id": customer.id}
    else:
        body["primaryCustomer"] = _person_json(customer, "customer")
    if t.status in ("active", "pending") and rng.random() < 0.04:
        _snooze(g, body, t.modified, cs.assignee)
    body["customFields"] = _custom_values(g, g.store.fields[mid])
    body["_links"] = _conversation_links(cid, number, mid, customer.id, cs, g)
    return body


def _folder_type(status: str, assignee: int, g: _Gen) -> str:
    """Which folder a conversation sits in."""
    if status in ("spam", "closed"):
        return status
    if assignee < 0:
        return "open"
    return "mytickets" if g.users[assignee].id == g.store.me_user_id else "assigned"


def _conversation_source(rng: random.Random, ctype: str) -> JSON:
    """Where a conversation came from."""
    if ctype == "phone":
        return {"type": "phone", "via": "user"}
    if ctype == "chat":
        return {"type": "chat", "via": "customer"}
    r = rng.random()
    kind = "email" if r < 0.8 else ("beacon-v2" if r < 0.9 else ("web" if r < 0.95 else "api"))
    return {"type": kind, "via": "customer"}


def _pick_tags(g: _Gen) -> list[JSON]:
    """Zero to three distinct tags, popular ones more often."""
    rng = g.rng
    r = rng.random()
    want = 0 if r < 0.4 else (1 if r < 0.75 else (2 if r < 0.93 else 3))
    picked: list[JSON] = []
    top = g.tag_cum[-1]
    for _ in range(want):
        ref = g.tag_refs[bisect(g.tag_cum, rng.random() * top)]
        if ref not in picked:
            picked.append(dict(ref))
    return picked


def _snooze(g: _Gen, body: JSON, modified: int, assignee: int) -> None:
    """Snooze a conversation past its last change, with the matching ``nextEvent``."""
    user = g.users[assignee].id if assignee >= 0 else g.store.me_user_id
    until = iso(modified + g.rng.randrange(3600, 14 * 86400))
    on_reply = g.rng.random() < 0.8
    body["snooze"] = {"snoozedBy": user, "snoozedUntil": until, "unsnoozeOnCustomerReply": on_reply}
    body["nextEvent"] = {
        "time": until,
        "eventType": "snooze",
        "userId": user,
        "cancelOnCustomerReply": on_reply,
    }


def _custom_values(g: _Gen, fields: list[JSON]) -> list[JSON]:
    """Values of some of a mailbox's custom fields; every value is a string."""
    rng = g.rng
    out: list[JSON] = []
    for field in fields:
        if rng.random() >= 0.35:
            continue
        ftype = field.get("type")
        value: JSON = {"id": field["id"], "name": field.get("name", "")}
        if ftype == "DROPDOWN":
            options = field.get("options") or []
            if not options:
                continue
            option = options[int(rng.random() * len(options))]
            value["value"], value["text"] = str(option["id"]), option["label"]
        elif ftype == "NUMBER":
            value["value"] = value["text"] = str(1 + int(rng.random() * 250))
        elif ftype == "DATE":
            value["value"] = value["text"] = iso(
                START + int(rng.random() * (END - START + 86400 * 365))
            )[:10]
        elif ftype == "SINGLE_LINE":
            value["value"] = value["text"] = f"ORD-{10000 + int(rng.random() * 90000)}"
        else:
            value["value"] = value["text"] = "Customer asked for a callback.\nFollow up Monday."
        if rng.random() < 0.2:
            del value["text"]
        out.append(value)
    return out


def _conversation_links(
    cid: int, number: int, mid: int, customer_id: int, cs: _ConvSeed, g: _Gen
) -> JSON:
    """The ``_links`` of a conversation."""
    links = {
        "self": _link(f"/conversations/{cid}"),
        "mailbox": _link(f"/mailboxes/{mid}"),
        "primaryCustomer": _link(f"/customers/{customer_id}"),
    }
    if cs.creator >= 0:
        links["createdByUser"] = _link(f"/users/{g.users[cs.creator].id}")
    else:
        links["createdByCustomer"] = _link(f"/customers/{customer_id}")
    if cs.closer >= 0:
        links["closedBy"] = _link(f"/users/{g.users[cs.closer].id}")
    links["threads"] = _link(f"/conversations/{cid}/threads")
    if cs.assignee >= 0:
        links["assignee"] = _link(f"/users/{g.users[cs.assignee].id}")
    links["web"] = {"href": f"{WEB_ROOT}/conversation/{cid}/{number}/"}
    return links


def _merge_some(g: _Gen, threads: SeededThreads) -> None:
    """Merge about one conversation in 200 (at least one when there are four or more)."""
    ids = list(g.store.conversations)
    if len(ids) < 4:
        return
    pairs = max(1, len(ids) // 200)
    chosen = g.rng.sample(ids, 2 * pairs)
    for gone, survivor in zip(chosen[:pairs], chosen[pairs:], strict=True):
        del g.store.conversations[gone]
        del threads.conversations[gone]
        g.store.merged[gone] = survivor


def _count_tags_and_folders(store: Store) -> None:
    """Fill tags' ``ticketCount`` and folders' counts from the conversations."""
    folders = {f["id"]: f for fs in store.folders.values() for f in fs}
    for empty in folders.values():
        empty["totalCount"] = empty["activeCount"] = 0
    tag_counts: dict[int, int] = {}
    for conv in store.conversations.values():
        folder = folders.get(conv["folderId"])
        if folder is not None:
            folder["totalCount"] += 1
            folder["activeCount"] += conv["status"] == "active"
            folder["updatedAt"] = max(folder["updatedAt"], conv["modifiedAt"])
        for tag in conv["tags"]:
            tag_counts[tag["id"]] = tag_counts.get(tag["id"], 0) + 1
    for tid, tag in store.tags.items():
        tag["ticketCount"] = tag_counts.get(tid, 0)


# --------------------------------------------------------------------------- churn


_HEX_OF_COLOR = dict(TAG_COLORS)


def _gen_from_store(store: Store, rng: random.Random, now: int) -> _Gen:
    """A generator context over an existing store (users, mailboxes, folders, tags)."""
    if not store.mailboxes or not store.users:
        raise ValueError("the store has no mailbox or no user: call generate() first")
    g = _Gen(store, rng, now=now)
    for uid in sorted(store.users):
        u = store.users[uid]
        email = u.get("email", f"user{uid}@example.com")
        person = _Person(uid, u.get("firstName", ""), u.get("lastName", ""), email, "")
        g.users.append(person._replace(photo=u.get("photoUrl", "")))
    for mid in sorted(store.mailboxes):
        g.mailbox_ids.append(mid)
        by_type = {f["type"]: f["id"] for f in store.folders.get(mid, [])}
        g.folder_ids.append({t: by_type.get(t, 0) for _, t in _FOLDERS})
    for rank, tid in enumerate(sorted(store.tags), start=1):
        tag = store.tags[tid]
        color = _HEX_OF_COLOR.get(tag.get("color", ""), "#929499")
        g.tag_refs.append({"id": tid, "color": color, "tag": tag.get("name", "")})
        g.tag_cum.append((g.tag_cum[-1] if g.tag_cum else 0.0) + 1.0 / rank)
    return g


def _customer_person(store: Store, rng: random.Random) -> _Person:
    """A random existing customer, as threads and conversations refer to it."""
    if not store.customers:
        raise ValueError("the store has no customer: call generate() first")
    ids = list(store.customers)
    cid = ids[rng.randrange(len(ids))]
    c = store.customers[cid]
    emails = c.get("_embedded", {}).get("emails") or [{"value": f"customer{cid}@mail.example"}]
    first, last = c.get("firstName", ""), c.get("lastName", "")
    return _Person(cid, first, last, emails[0]["value"], c.get("photoUrl", ""))


def _next_number(store: Store) -> int:
    """The next conversation number of the account."""
    source = store.thread_source
    if isinstance(source, SeededThreads):
        number = source.next_number
        source.next_number += 1
        return number
    return max((c.get("number", 0) for c in store.conversations.values()), default=0) + 1


def new_conversation(store: Store, rng: random.Random, *, now: datetime) -> int:
    """Add one realistic active conversation created and modified at ``now``.

    It has 1-3 threads, materialized in ``store.threads``; tag and folder counts are
    updated and ``store.touch()`` is called.

    Returns:
        The id of the new conversation.
    """
    ts = int(now.timestamp())
    g = _gen_from_store(store, rng, ts)
    g.customers.append(_customer_person(store, rng))
    cid = store.new_id()
    cs, body = _conversation(
        g, 0, cid, _next_number(store), _Times("active", ts, 0, ts), max_threads=3
    )
    store.threads[cid] = _FreshThreads(store, g.users, g.customers).build(rng, cs)
    store.conversations[cid] = body
    _count_new(store, body)
    store.touch()
    return cid


def _count_new(store: Store, body: JSON) -> None:
    """Add one conversation to its folder's and its tags' counts."""
    for folder in store.folders.get(body["mailboxId"], []):
        if folder["id"] == body["folderId"]:
            folder["totalCount"] += 1
            folder["activeCount"] += body["status"] == "active"
            folder["updatedAt"] = body["modifiedAt"]
    for ref in body["tags"]:
        tag = store.tags.get(ref["id"])
        if tag is not None:
            tag["ticketCount"] = tag.get("ticketCount", 0) + 1
