"""The site as `make run` serves it: SQLite, dev settings, the initial content,
in a subprocess (tests that must see SQLite's behaviour, not PostgreSQL's)."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def make_run_site(tmp_path, **extra_env):
    """Migrate and load the initial content into a new SQLite database under
    `tmp_path`; return `manage(*args)`, which runs manage.py on it and returns
    its standard output."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'run.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "lscpartnerships.settings.dev",
        "MEDIA_ROOT": str(tmp_path / "media"),
        **extra_env,
    }
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)

    def manage(*args):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        ).stdout

    manage("migrate", "--noinput")
    manage("load_initial_content")
    return manage
