"""``python -m tariffcalc`` runs the command line."""

import sys

from tariffcalc.cli import main

sys.exit(main())
