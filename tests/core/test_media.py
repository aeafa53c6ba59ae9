"""The /media/ route on the filesystem storage (`make run`, small deployments):
it serves image renditions and original images by plain file name, and
nothing else. Documents live in PRIVATE_MEDIA_ROOT, outside MEDIA_ROOT, and
every traversal form (``..``, ``%2e%2e``, encoded slashes and backslashes, NUL,
absolute paths) answers 404 — tested through the test client and, byte for
byte as an attacker sends them, against a real HTTP server."""

import http.client
import threading
from pathlib import Path

import pytest
from django.core.files.storage import default_storage

from directors.factories import PortraitFactory
from documents.factories import PublicDocumentFactory
from lscpartnerships.core.factories import ContentPageFactory
from lscpartnerships.core.media import MEDIA_PATH
from lscpartnerships.core.storage import private_storage


@pytest.fixture(autouse=True)
def media_folders(settings, tmp_path):
    """Empty public and private folders, side by side like the defaults."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PRIVATE_MEDIA_ROOT = str(tmp_path / "private_media")
    return tmp_path


@pytest.fixture
def unused_document(db):
    """A document no page uses: the public must never get it."""
    return PublicDocumentFactory(title="Draft board paper")


@pytest.fixture
def portrait(home):
    """A portrait a live public page uses: /media/ serves only such images
    (see tests/security/test_no_leaks.py for the images no live page uses)."""
    image = PortraitFactory(person="Karen Smith")
    ContentPageFactory(parent=home, title="Our director", social_image=image)
    rendition = image.get_rendition("fill-120x120")
    return image, rendition


def traversal_paths(document):
    """Every way of asking /media/ for a document's file, decoded or not."""
    name = Path(document.file.name).name  # e.g. briefing_AbC123.pdf
    stored = document.file.name  # documents/briefing_AbC123.pdf
    absolute = Path(private_storage().path(stored))
    return [
        f"/media/original_images/../documents/{name}",
        f"/media/images/../documents/{name}",
        f"/media/images/../../private_media/{stored}",
        f"/media/original_images/%2e%2e/documents/{name}",
        f"/media/original_images/%2E%2E/documents/{name}",
        f"/media/original_images/.%2e/documents/{name}",
        f"/media/original_images%2f..%2fdocuments%2f{name}",
        f"/media/original_images/..%2fdocuments%2f{name}",
        f"/media/original_images/..%5cdocuments%5c{name}",
        f"/media/original_images\\..\\documents\\{name}",
        f"/media/images/%00/../documents/{name}",
        f"/media/images/{name}%00.png",
        f"/media/documents/{name}",
        f"/media/{stored}",
        f"/media/{absolute}",
        f"/media//{absolute}",
        f"/media/images/{absolute}",
        f"/media/images/%2f{str(absolute).lstrip('/')}",
        f"/media/images/%252e%252e/documents/{name}",
        "/media/images/..",
        "/media/images/.",
        "/media/images/",
        "/media/../manage.py",
        "/media/%2e%2e/manage.py",
    ]


def expected_status(path):
    """404 for every traversal; a NUL byte is refused earlier, for every view,
    as a malformed request (400: lscpartnerships.security.middleware)."""
    return 400 if "%00" in path else 404


def test_documents_are_stored_outside_media_root(unused_document, settings):
    """No folder a web server is told to serve holds a document."""
    stored = Path(private_storage().path(unused_document.file.name)).resolve()
    media_root = Path(settings.MEDIA_ROOT).resolve()
    assert stored.is_file()
    assert Path(settings.PRIVATE_MEDIA_ROOT).resolve() in stored.parents
    assert media_root not in stored.parents
    assert not default_storage.exists(unused_document.file.name)


def test_original_images_are_private_and_renditions_public(portrait, settings):
    image, rendition = portrait
    assert Path(settings.PRIVATE_MEDIA_ROOT, image.file.name).is_file()
    assert Path(settings.MEDIA_ROOT, rendition.file.name).is_file()
    assert not Path(settings.MEDIA_ROOT, image.file.name).exists()


def test_media_serves_renditions_and_original_images(client, portrait):
    image, rendition = portrait
    response = client.get(rendition.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content) == rendition.file.open("rb").read()
    assert response["Last-Modified"]

    original = client.get(f"/media/{image.file.name}")
    assert original.status_code == 200
    assert b"".join(original.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"


def test_media_refuses_methods_that_change_things(client, portrait):
    _image, rendition = portrait
    assert client.post(rendition.url).status_code == 405
    assert client.head(rendition.url).status_code == 200


def test_every_traversal_form_answers_404(client, unused_document, portrait):
    # The document is really there, and a correct request for it is refused
    # only because no live page uses it.
    assert private_storage().exists(unused_document.file.name)
    assert client.get(unused_document.url).status_code == 404
    for path in traversal_paths(unused_document):
        response = client.get(path)
        assert response.status_code == expected_status(path), path
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert b"%PDF" not in body, path


def test_media_path_pattern_accepts_only_plain_file_names():
    assert MEDIA_PATH.fullmatch("images/portrait.2e16d0ba.fill-120x120.png")
    assert MEDIA_PATH.fullmatch("original_images/Karen_Smith_é.png")
    for bad in [
        "images/../x.pdf",
        "images/..",
        "images/.hidden",
        "images/a/b.png",
        "images/a\\b.png",
        "images/a\x00.png",
        "images/a%2e.png",
        "images/a.png\n",
        "documents/a.pdf",
        "/etc/passwd",
    ]:
        assert not MEDIA_PATH.fullmatch(bad), bad


@pytest.fixture
def wsgi_server():
    """The site's WSGI application behind the HTTP server `runserver` uses
    (Django's WSGIServer), in a thread on a free loopback port. Not pytest's
    live_server: that one answers /media/ itself instead of the site's view."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.core.servers.basehttp import ThreadedWSGIServer, WSGIRequestHandler

    class QuietHandler(WSGIRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadedWSGIServer(("127.0.0.1", 0), QuietHandler, allow_reuse_address=False)
    server.set_app(WSGIHandler())
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address
    server.shutdown()
    server.server_close()
    thread.join(timeout=10)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_traversal_sent_raw_to_a_real_server_answers_404(wsgi_server, unused_document, portrait):
    """What curl --path-as-is sends, through a real HTTP server's decoding.
    (The server's thread has its own database connection: the rows are
    committed so it sees that a live page uses the portrait.)"""
    document, (_image, rendition) = unused_document, portrait

    def status(path):
        connection = http.client.HTTPConnection(*wsgi_server, timeout=10)
        try:
            connection.putrequest("GET", path, skip_accept_encoding=True)
            connection.endheaders()
            response = connection.getresponse()
            body = response.read()
            return response.status, body
        finally:
            connection.close()

    assert status(rendition.url)[0] == 200
    for path in traversal_paths(document):
        code, body = status(path)
        assert code == expected_status(path), (path, code)
        assert b"%PDF" not in body, path


@pytest.mark.parametrize("private", ["media/private", "media", "."])
def test_settings_refuse_private_files_inside_or_around_media_root(tmp_path, private):
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
        "DJANGO_SETTINGS_MODULE": "lscpartnerships.settings.test",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / private),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "PRIVATE_MEDIA_ROOT" in result.stderr.splitlines()[-1]
