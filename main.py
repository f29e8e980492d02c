"""Kinerja: start the desktop application or run a subcommand (``python main.py --help``)."""

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
