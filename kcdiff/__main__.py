"""``python -m kcdiff``: the same as the ``kcdiff`` command."""

import sys

from .cli import main

sys.exit(main())
