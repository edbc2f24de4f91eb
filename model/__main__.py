"""Entry point: ``python -m model report FILE...`` and ``python -m model plan FILE ...``."""

import sys

from model.report import main

sys.exit(main())
