"""Formats and text pools of the seed generator (seed-independent, built at import).

Names, organizations, places, subjects and thread bodies that ``_seed`` and
``_seed_threads`` draw from, and the API's timestamp and link formats.
"""

from __future__ import annotations

import random
import time
from datetime import date, timedelta

from ._store import JSON

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


def friendly(seconds: int) -> str:
    """Help Scout's human wording of an age, e.g. ``"20 hours ago"``."""
    for unit, size in (("year", 31536000), ("month", 2592000), ("day", 86400), ("hour", 3600)):
        if seconds >= size:
            n = seconds // size
            return f"{n} {unit}{'s' if n > 1 else ''} ago"
    minutes = seconds // 60
    return f"{minutes} minute{'s' if minutes != 1 else ''} ago" if minutes else "just now"


def link(path: str) -> JSON:
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
LINE_ITEMS = (
    ("changed-ticket-status", "Marked as Pending"),
    ("changed-ticket-assignee", "Assigned to a teammate"),
    ("changed-ticket-tags", "Tags changed"),
    ("manual-workflow", "You ran the Escalate workflow"),
    ("automatic-workflow", "Workflow Auto-close ran"),
)  # fmt: skip
ATTACHMENTS = (
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
