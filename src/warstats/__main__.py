import sys

from warstats.cli import main

sys.exit(main())
