"""Scripts behind the make targets; run as ``python -m tools.<name>`` from the project folder."""
