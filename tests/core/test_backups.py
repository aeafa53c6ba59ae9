"""Backups that restore: backup → wipe (drop the database, empty the storage)
→ restore, and every public page's HTML, every document's bytes and every
stored file come back identical. Run for the filesystem storage and for S3
(moto's server). The site runs in subprocesses on its own PostgreSQL
database, as an operator would run `make backup` and `make restore`."""

import difflib
import json
import os
import shutil
import subprocess
import sys
import uuid

import pytest

from tests.helpers.databases import drop_database, own_database, recreate_database

from .conftest import CREDENTIALS, POLICY, REGION, ROOT, s3_client

SETUP = (
    "from documents.factories import PublicDocumentFactory; "
    "PublicDocumentFactory(title='Draft paper no page uses')"
)
SNAPSHOT = "from tests.core.site_snapshot import main; main()"


class Site:
    """The site as an operator runs it: manage.py with environment variables."""

    def __init__(self, env):
        self.env = env

    def manage(self, *args, check=True):
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )
        if check:
            assert result.returncode == 0, result.stderr[-3000:]
        return result

    def snapshot(self, html_dir):
        self.env["SNAPSHOT_HTML_DIR"] = str(html_dir)
        return json.loads(self.manage("shell", "-c", SNAPSHOT).stdout.strip().splitlines()[-1])


def first_difference(before_dir, after_dir):
    """A unified diff of the first page whose HTML changed, for the failure message."""
    for before in sorted(before_dir.iterdir()):
        after = after_dir / before.name
        old, new = before.read_text(), after.read_text() if after.exists() else ""
        if old != new:
            diff = difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=1)
            return before.name + "\n" + "\n".join(list(diff)[:40])
    return ""


@pytest.fixture
def database():
    """A PostgreSQL database of its own, dropped afterwards."""
    url, parts, name = own_database("backup")

    def wipe():
        recreate_database(parts, name)

    yield url, wipe
    drop_database(parts, name)


@pytest.fixture(params=["filesystem", "s3"])
def storage(request, tmp_path):
    """(environment, wipe) for the filesystem storage or an S3 bucket."""
    if request.param == "filesystem":
        media, private = tmp_path / "media", tmp_path / "private_media"
        env = {"MEDIA_ROOT": str(media), "PRIVATE_MEDIA_ROOT": str(private)}

        def wipe():
            shutil.rmtree(media)
            shutil.rmtree(private)

        return env, wipe

    endpoint = request.getfixturevalue("s3_endpoint")
    bucket = f"lscp-backup-{uuid.uuid4().hex[:10]}"
    client = s3_client(endpoint)
    client.create_bucket(Bucket=bucket, CreateBucketConfiguration={"LocationConstraint": REGION})
    client.put_bucket_policy(
        Bucket=bucket, Policy=POLICY.read_text().replace("BUCKET_NAME", bucket)
    )
    env = {
        **CREDENTIALS,
        "AWS_STORAGE_BUCKET_NAME": bucket,
        "AWS_S3_ENDPOINT_URL": endpoint,
        "AWS_S3_REGION_NAME": REGION,
        # Nothing may land on disk: point the filesystem roots somewhere empty.
        "MEDIA_ROOT": str(tmp_path / "unused-media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "unused-private"),
    }

    def wipe():
        for item in client.list_objects_v2(Bucket=bucket).get("Contents", []):
            client.delete_object(Bucket=bucket, Key=item["Key"])
        assert client.list_objects_v2(Bucket=bucket).get("KeyCount") == 0

    return env, wipe


def test_backup_wipe_restore_brings_back_every_page_document_and_file(database, storage, tmp_path):
    url, wipe_database = database
    storage_env, wipe_storage = storage
    site = Site(
        {
            **{k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "lscpartnerships.settings.test",
            **storage_env,
        }
    )
    site.manage("migrate", "--noinput")
    site.manage("load_initial_content")
    site.manage("shell", "-c", SETUP)
    before = site.snapshot(tmp_path / "html-before")
    assert len(before["pages"]) > 10
    assert len(before["documents"]) >= 2
    assert before["files"]["private"] and before["files"]["default"]
    # One document is public (its briefing is live), one is not (404).
    assert sorted(status for _stored, status, _served in before["documents"].values()) == [200, 404]

    folder = tmp_path / "backup"
    result = site.manage("backup", "--output", str(folder))
    assert (folder / "database.dump").read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    assert "Backed up the database and" in result.stdout
    print(result.stdout)  # figures for the report: dump size, files per store

    wipe_database()
    wipe_storage()
    assert site.manage("shell", "-c", "print('ok')").returncode == 0

    result = site.manage("restore", str(folder))
    assert "Restored the database and" in result.stdout
    print(result.stdout)
    after = site.snapshot(tmp_path / "html-after")
    assert after["pages"] == before["pages"], first_difference(
        tmp_path / "html-before", tmp_path / "html-after"
    )
    assert after["documents"] == before["documents"]
    assert after["files"] == before["files"]

    # A second restore would overwrite the site: refused, and nothing changes.
    again = site.manage("restore", str(folder), check=False)
    assert again.returncode != 0
    assert "is not empty" in again.stderr
    assert site.snapshot(tmp_path / "html-again")["files"] == before["files"]


def test_restore_refuses_a_damaged_backup_and_changes_nothing(database, tmp_path):
    url, wipe_database = database
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "lscpartnerships.settings.test",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private_media"),
    }
    site = Site(env)
    site.manage("migrate", "--noinput")
    site.manage("shell", "-c", SETUP)
    folder = tmp_path / "backup"
    site.manage("backup", "--output", str(folder))
    stored = next((folder / "files" / "private").rglob("*.pdf"))
    stored.write_bytes(stored.read_bytes() + b"tampered")

    wipe_database()
    shutil.rmtree(tmp_path / "private_media")
    result = site.manage("restore", str(folder), check=False)
    assert result.returncode != 0
    assert "incomplete or damaged" in result.stderr
    tables = site.manage(
        "shell",
        "-c",
        "from django.db import connection; print(len(connection.introspection.table_names()))",
    )
    assert tables.stdout.split()[-1] == "0"
    assert not (tmp_path / "private_media").exists()

    missing = site.manage("restore", str(tmp_path / "nowhere"), check=False)
    assert "is not a backup" in missing.stderr
