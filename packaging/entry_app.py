"""Entry point of the frozen app (PyInstaller runs this file as ``__main__``)."""

import multiprocessing
import sys

from outreach_desk.smoke import main_if_requested

if __name__ == "__main__":
    multiprocessing.freeze_support()
    # --smoke-test works even before app.py's parser knows it (see smoke.main_if_requested)
    status = main_if_requested(sys.argv[1:])
    if status is None:
        from outreach_desk.app import main

        status = main()
    sys.exit(status)
