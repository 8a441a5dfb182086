"""``outreach-desk-policy``: the console tool installers call to write the machine policy."""

import sys

from outreach_desk.policy import main

if __name__ == "__main__":
    sys.exit(main())
