"""``python -m outreach_desk``: same as the ``outreach-desk`` command."""

import sys

from .app import main

sys.exit(main())
