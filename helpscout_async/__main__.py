"""``python -m helpscout_async``: the ``helpscout-async`` command (see ``cli.main``)."""

from .cli import main

raise SystemExit(main())
