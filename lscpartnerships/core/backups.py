"""Backups that restore: the database and every uploaded file, in one folder.

A backup folder holds:

- ``database.dump``: ``pg_dump --format=custom`` of the site's database;
- ``files/default/…`` and ``files/private/…``: every file of the public store
  (image renditions) and the private one (documents, original images), read
  through Django's storage API, so the filesystem and S3 back up the same way;
- ``manifest.json``: what is in it, with the size and SHA-256 of every file.

Restoring checks the whole backup against its manifest first, refuses a
database or store that is not empty, then runs ``pg_restore`` and writes the
files back under their own names. Used by ``manage.py backup`` / ``restore``
(``make backup`` / ``make restore``); see docs/deployment.md "Backups and
restores" and docs/decisions/0026-backups.md.
"""

import datetime
import hashlib
import json
import os
import posixpath
import shutil
import subprocess
from pathlib import Path

from django.core.files import File
from django.core.files.storage import storages
from django.db import connections

FORMAT = 1
STORAGE_ALIASES = ("default", "private")
DUMP_NAME = "database.dump"
MANIFEST_NAME = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """Something about the backup, the database or the storage is not as
    needed; the message says what and what to do. Nothing was changed."""


# -- storage --------------------------------------------------------------------


def stored_names(storage, folder=""):
    """Every file name in a storage, walking its folders (or S3 prefixes)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield posixpath.join(folder, name) if folder else name
    for sub in sorted(folders):
        yield from stored_names(storage, posixpath.join(folder, sub) if folder else sub)


def _copy(source, target):
    """Copy one open file to another, returning (size, sha256)."""
    digest, size = hashlib.sha256(), 0
    while chunk := source.read(CHUNK):
        digest.update(chunk)
        target.write(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def file_digest(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


# -- database -------------------------------------------------------------------


def _postgres(alias="default"):
    """Command-line connection arguments and environment for pg_dump/pg_restore."""
    settings_dict = connections[alias].settings_dict
    if connections[alias].vendor != "postgresql":
        raise BackupError(
            "Backups need PostgreSQL (DATABASE_URL=postgres://…). `make run`'s SQLite "
            "database is the single file db.sqlite3: stop the server and copy it, with "
            "the media/ and private_media/ folders."
        )
    args = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if settings_dict.get(key):
            args += [option, str(settings_dict[key])]
    env = {**os.environ}
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = str(settings_dict["PASSWORD"])
    return args, env, settings_dict["NAME"]


def _run(command, env):
    try:
        result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError as error:
        raise BackupError(
            f"{command[0]} is not installed (Debian: apt-get install postgresql-client)."
        ) from error
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()}")
    return result


def database_is_empty(alias="default"):
    with connections[alias].cursor() as cursor:
        return not connections[alias].introspection.table_names(cursor)


# -- backup ---------------------------------------------------------------------


def default_backup_folder(base="backups"):
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    return Path(base) / f"lscpartnerships-{stamp}"


def backup(folder, log=print):
    """Write a backup of the database and every stored file into `folder`
    (which must not exist yet). Returns the manifest."""
    folder = Path(folder)
    if folder.exists():
        raise BackupError(f"{folder} already exists: give a new folder for the backup.")
    args, env, name = _postgres()
    folder.mkdir(parents=True)
    try:
        dump = folder / DUMP_NAME
        # The dump first: files are only ever added or deleted, never changed,
        # so every file the dump refers to is still there when copied below.
        _run(["pg_dump", "--format=custom", "--file", str(dump), *args, name], env)
        manifest = {
            "format": FORMAT,
            "created": datetime.datetime.now(datetime.UTC).isoformat(),
            "database": {"file": DUMP_NAME, "name": name, "sha256": file_digest(dump)},
            "files": {},
        }
        log(f"Database {name}: {dump.stat().st_size} bytes")
        for alias in STORAGE_ALIASES:
            storage = storages[alias]
            entries = manifest["files"][alias] = {}
            for stored in stored_names(storage):
                target = folder / "files" / alias / stored
                target.parent.mkdir(parents=True, exist_ok=True)
                with storage.open(stored, "rb") as source, open(target, "wb") as out:
                    size, digest = _copy(source, out)
                entries[stored] = {"size": size, "sha256": digest}
            log(f"Files in {alias!r} storage: {len(entries)}")
        (folder / MANIFEST_NAME).write_text(json.dumps(manifest, indent=2, sort_keys=True))
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    return manifest


# -- restore --------------------------------------------------------------------


def read_manifest(folder):
    """The manifest of a backup folder, after checking every file against it."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST_NAME).read_text())
    except FileNotFoundError as error:
        raise BackupError(f"{folder} is not a backup: it has no {MANIFEST_NAME}.") from error
    except ValueError as error:
        raise BackupError(f"{folder / MANIFEST_NAME} is damaged: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{folder} was written in a format this version cannot read.")
    problems = []
    dump = folder / manifest["database"]["file"]
    if not dump.is_file() or file_digest(dump) != manifest["database"]["sha256"]:
        problems.append(str(dump))
    for alias, entries in manifest["files"].items():
        for stored, facts in entries.items():
            path = folder / "files" / alias / stored
            if not path.is_file() or file_digest(path) != facts["sha256"]:
                problems.append(str(path))
    if problems:
        raise BackupError(
            f"The backup is incomplete or damaged ({len(problems)} files missing or "
            f"changed, e.g. {problems[0]}). Nothing was restored."
        )
    return manifest


def restore(folder, log=print):
    """Restore a backup into an empty database and empty storage."""
    folder = Path(folder)
    manifest = read_manifest(folder)
    args, env, name = _postgres()
    if not database_is_empty():
        raise BackupError(
            f"The database {name} is not empty. Restore into a new, empty database "
            f"(e.g. `createdb {name}_restored` and point DATABASE_URL at it). Nothing was changed."
        )
    for alias in STORAGE_ALIASES:
        first = next(iter(stored_names(storages[alias])), None)
        if first is not None:
            raise BackupError(
                f"The {alias!r} storage is not empty (it holds {first}). Restore into empty "
                "storage (a new folder or bucket). Nothing was changed."
            )
    connections["default"].close()
    _run(
        [
            "pg_restore",
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            name,
            *args,
            str(folder / manifest["database"]["file"]),
        ],
        env,
    )
    log(f"Database {name} restored")
    for alias, entries in manifest["files"].items():
        storage = storages[alias]
        for stored in entries:
            with open(folder / "files" / alias / stored, "rb") as handle:
                saved = storage.save(stored, File(handle, name=stored))
            if saved != stored:
                raise BackupError(f"{stored} was stored as {saved}: the storage was not empty.")
        log(f"Files in {alias!r} storage: {len(entries)}")
    return manifest
