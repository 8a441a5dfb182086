"""``python -m sync.server`` is ``outreach-sync``."""

import sys

from sync.server.cli import main

sys.exit(main())
