"""`ofsted-etl serve`: the refresh flow as a Prefect deployment with a cron schedule.

The process stays up: it registers the deployment `refresh/<name>` with the Prefect server at
PREFECT_API_URL and runs that deployment's flow runs, the scheduled ones and any started from
the UI, where every parameter of the flow (raw folder, warehouse, full refresh, ...) can be
edited for one run. Runs that share a warehouse never write it at once: each waits for the
warehouse's writer slot (`flows.refresh`).
"""

from __future__ import annotations

from pathlib import Path

DEFAULT_NAME = "daily"
DEFAULT_CRON = "0 6 * * *"
DEFAULT_TIMEZONE = "Europe/London"


class NoServer(RuntimeError):
    """Serving needs a Prefect server that outlives this process: the UI and the schedule live there."""


def serve(name: str, cron: str, timezone: str, raw_dir: Path, warehouse: Path) -> None:
    """Serve the deployment until interrupted; its default parameters are absolute paths, so runs
    read and write the same files whatever folder the UI user has in mind."""
    from prefect.deployments.runner import EntrypointType
    from prefect.schedules import Cron
    from prefect.settings import get_current_settings

    from .refresh import refresh

    if not get_current_settings().api.url:
        raise NoServer(
            "no Prefect server configured: start one with `prefect server start --host 127.0.0.1` and point "
            "this command at it with `prefect config set PREFECT_API_URL=http://127.0.0.1:4200/api` "
            "(or the PREFECT_API_URL environment variable)")
    refresh.serve(
        name=name,
        schedules=[Cron(cron, timezone=timezone)],
        parameters={"raw_dir": str(raw_dir.resolve()), "warehouse": str(warehouse.resolve())},
        description=f"Refresh the warehouse from the raw folder on the schedule `{cron}` ({timezone}).",
        entrypoint_type=EntrypointType.MODULE_PATH,
    )
