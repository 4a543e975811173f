"""``python -m pipeline …`` is ``pledge …``."""

from .cli import main

main()
