"""The benchmark: a synthetic corpus at any size, and timed refreshes over it (see bench/README.md)."""
