"""``python -m fclesson``: see `fclesson.cli`."""

# --8<-- [start:run]
from .cli import main

raise SystemExit(main())
# --8<-- [end:run]
