"""gunicorn.conf.py: workers follow the machine's cores, bind and tuning come
from the environment, logs go to stdout. The file is read by gunicorn's own
config loader, as `gunicorn` does at start-up."""

import os
import re

from gunicorn.config import Config

from tests.production.conftest import ROOT

CONFIG = ROOT / "gunicorn.conf.py"
TUNING = (
    "GUNICORN_BIND",
    "PORT",
    "WEB_CONCURRENCY",
    "GUNICORN_THREADS",
    "GUNICORN_TIMEOUT",
    "GUNICORN_GRACEFUL_TIMEOUT",
    "GUNICORN_KEEPALIVE",
)


def namespace_of_config():
    namespace = {"__file__": str(CONFIG)}
    exec(compile(CONFIG.read_text(), str(CONFIG), "exec"), namespace)  # noqa: S102
    return namespace


def load(monkeypatch, **variables):
    for name in TUNING:
        monkeypatch.delenv(name, raising=False)
    for name, value in variables.items():
        monkeypatch.setenv(name, value)
    namespace = namespace_of_config()
    config = Config()
    for name, value in namespace.items():
        if name in config.settings:
            config.set(name, value)
    return config


def test_defaults_follow_the_cores_and_log_to_stdout(monkeypatch):
    config = load(monkeypatch)
    cores = len(os.sched_getaffinity(0))
    assert config.workers == 2 * cores + 1
    assert config.worker_class_str == "gthread"
    assert config.threads == 4
    assert config.bind == ["0.0.0.0:8000"]
    assert (config.timeout, config.graceful_timeout) == (30, 30)
    assert config.accesslog == "-" and config.errorlog == "-"
    assert config.wsgi_app == "lscpartnerships.wsgi:application"
    assert config.control_socket_disable is True
    assert config.max_requests == 10000
    # Recycled workers are forked from the loaded application (ADR 0066).
    assert config.preload_app is True


def test_environment_overrides(monkeypatch):
    config = load(
        monkeypatch,
        GUNICORN_BIND="127.0.0.1:9123",
        WEB_CONCURRENCY="3",
        GUNICORN_THREADS="8",
        GUNICORN_TIMEOUT="60",
        GUNICORN_KEEPALIVE="75",
    )
    assert config.bind == ["127.0.0.1:9123"]
    assert (config.workers, config.threads, config.timeout, config.keepalive) == (3, 8, 60, 75)


def test_platform_port(monkeypatch):
    assert load(monkeypatch, PORT="5000").bind == ["0.0.0.0:5000"]


def test_the_master_warms_the_application_before_forking_workers(caplog):
    """`when_ready` runs in the master after the application is loaded: every
    public template is compiled there (so each forked or recycled worker
    inherits it), without touching the database, and what is loaded is frozen
    out of the garbage collector (docs/decisions/0090)."""
    import gc

    from django.template import engines

    cached = engines["django"].engine.template_loaders[0]
    cached.reset()
    try:
        # No database mark: a query would raise, and the warm-up would log it.
        with caplog.at_level("INFO", logger="lscpartnerships.warmup"):
            namespace_of_config()["when_ready"](None)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
    (message,) = [r.getMessage() for r in caplog.records if r.name == "lscpartnerships.warmup"]
    assert re.fullmatch(r"warm-up: [1-9]\d+ templates compiled, 0 skipped", message), message
    compiled = set(cached.get_template_cache)
    for name in ["base.html", "places/place_partnership_page.html", "blocks/rich_text_block.html",
                 "wagtailnhsukfrontend/header.html"]:  # fmt: skip
        assert name in compiled, name
    assert not any(name.startswith("wagtailadmin/") for name in compiled)
