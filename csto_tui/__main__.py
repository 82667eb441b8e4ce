import sys

from csto_tui.cli import main

sys.exit(main())
