"""``python -m helpscout_async.testing``: run the fake server (see ``server.main``)."""

from .server import main

raise SystemExit(main())
