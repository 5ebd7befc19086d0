"""Resource groups of the Mailbox (Inbox) API v2."""
