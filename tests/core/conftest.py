"""Fixtures for the core tests that need a real server process: the site under
gunicorn behind a cuttable TCP proxy (outage tests), and moto's standalone
S3-compatible server on a free loopback port (object-storage and backup tests)."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.helpers.gunicorn_site import start_site

ROOT = Path(__file__).resolve().parents[2]
POLICY = ROOT / "docs" / "object-storage" / "bucket-policy.json"
REGION = "eu-west-2"
CREDENTIALS = {"AWS_ACCESS_KEY_ID": "test-key", "AWS_SECRET_ACCESS_KEY": "test-secret"}


@pytest.fixture(scope="session")
def faults_site(tmp_path_factory):
    """gunicorn serving the initial content, its database behind a TcpProxy that
    tests cut and reopen (they must leave it open)."""
    site, stop = start_site(tmp_path_factory.mktemp("faults-site"))
    yield site
    stop()


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint(tmp_path_factory):
    """moto's S3-compatible server, started for this test run and stopped after."""
    port = _free_port()
    log = open(tmp_path_factory.mktemp("moto") / "moto.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    endpoint = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(endpoint + "/moto-api/", timeout=2)  # noqa: S310
            break
        except OSError:
            if server.poll() is not None:
                break
            time.sleep(0.2)
    else:
        server.terminate()
        pytest.fail(f"moto's S3 server did not start; see {log.name}")
    yield endpoint
    server.terminate()
    server.wait(timeout=10)
    log.close()


def s3_client(endpoint):
    import boto3

    return boto3.client(
        "s3",
        endpoint_url=endpoint,
        region_name=REGION,
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )
