"""``python -m editions.cli``: the command line."""

import sys

from editions.cli import main

sys.exit(main())
