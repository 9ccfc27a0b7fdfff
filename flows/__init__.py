"""Everything that touches the outside world: the raw folder, the warehouse, Prefect and the CLI."""
