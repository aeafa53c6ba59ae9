"""gunicorn settings for production (docs/deployment.md, docs/decisions/0022).

`gunicorn` started in the repository root reads this file by itself; every value
can be changed through the environment variables named below, and anything
else through GUNICORN_CMD_ARGS.
"""

import os


def _cpu_count():
    """Cores this process may run on (a container's CPU set, not the host's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


wsgi_app = "lscpartnerships.wsgi:application"

# Where to listen: GUNICORN_BIND, else every interface on $PORT (8000).
bind = os.environ.get("GUNICORN_BIND") or f"0.0.0.0:{os.environ.get('PORT', '8000')}"

# Processes follow the machine's cores (gunicorn's 2 x cores + 1); each runs a
# few threads, so a slow upload or download never ties up a whole process and
# is not killed by the worker timeout. Database connections per instance are
# at most workers x threads.
workers = int(os.environ.get("WEB_CONCURRENCY") or 2 * _cpu_count() + 1)
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", "4"))

# A worker whose main loop stops answering for this long is restarted.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
# On a deploy or restart (SIGTERM/SIGHUP), requests in flight get this long to finish.
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "30"))
# Keep idle connections from the load balancer open for this long; set it above
# the load balancer's own idle timeout so it never reuses a closed connection.
keepalive = int(os.environ.get("GUNICORN_KEEPALIVE", "5"))
# Recycle each worker after this many requests (with jitter), so a slow leak
# can never grow without bound. Not fewer: when a story sends hundreds of readers
# a second, 1,000 recycled each worker every few seconds, and the recycling cost
# an uncached narrative page an eighth of its throughput (docs/decisions/0090).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "10000"))
max_requests_jitter = max_requests // 10
# Load the application once in the master and fork workers from it: a recycled
# worker then starts in milliseconds instead of importing Django and Wagtail
# again (about 1.5 s of CPU each, taken from the workers still serving), and
# workers share the loaded code's memory. Measured with `make bench`: recycling
# without it cost a third of the uncached throughput and put cached pages' p99
# at 0.7 s (docs/decisions/0066).
preload_app = True


def when_ready(server):
    """The master, after loading the application and before forking workers:
    build what the first requests would build lazily, then freeze it out of
    the garbage collector so workers keep sharing it (docs/decisions/0090)."""
    from lscpartnerships.warmup import freeze_for_fork, warm

    warm()
    freeze_for_fork()


def post_fork(server, worker):
    """Nothing opened while loading the application may be shared by workers:
    each worker opens its own database connections."""
    from django.db import connections

    connections.close_all()


# One access-log line per request, and errors, on stdout/stderr for the platform's
# log collector; %(M)s is the response time in milliseconds.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'

# Worker heartbeats in memory rather than on a (possibly slow) disk.
# (Only gunicorn's own heartbeat files go there; nothing is read back from them.)
if os.path.isdir("/dev/shm"):  # noqa: S108
    worker_tmp_dir = "/dev/shm"  # noqa: S108

# gunicorn 25+ opens a control socket at one fixed path per user; instances on
# the same machine would collide on it, and nothing here uses it.
control_socket_disable = True
