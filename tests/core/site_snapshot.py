"""What a restore must bring back, as checksums: run inside the site with
`manage.py shell -c "from tests.core.site_snapshot import main; main()"`.

Prints one JSON object: the HTML of every live public page (and the sitemap),
every document's stored bytes and what the document view answers for it, and
every file in the public and private storage.
"""

import hashlib
import json
import os
from pathlib import Path


def sha(data):
    return hashlib.sha256(data).hexdigest()


def main():
    from django.core.files.storage import storages
    from django.test import Client
    from wagtail.documents import get_document_model
    from wagtail.models import Page, Site

    from lscpartnerships.core.backups import stored_names

    site = Site.objects.get(is_default_site=True)
    client = Client(HTTP_HOST=site.hostname)
    pages = {}
    for page in Page.objects.live().public().filter(depth__gte=2).order_by("path"):
        url = page.get_url()
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        pages[url] = sha(response.content)
        if os.environ.get("SNAPSHOT_HTML_DIR"):  # kept so a failing test can show the change
            folder = Path(os.environ["SNAPSHOT_HTML_DIR"])
            folder.mkdir(parents=True, exist_ok=True)
            (folder / (url.strip("/").replace("/", "__") or "home")).write_bytes(response.content)
    pages["/sitemap.xml"] = sha(client.get("/sitemap.xml").content)

    documents = {}
    for document in get_document_model().objects.order_by("pk"):
        try:
            with document.file.open("rb") as handle:
                stored = sha(handle.read())
        except FileNotFoundError:
            stored = None  # a restore that lost the file
        response = client.get(document.url)
        served = sha(b"".join(response.streaming_content)) if response.status_code == 200 else None
        documents[document.title] = [stored, response.status_code, served]

    files = {
        alias: {
            name: sha(storages[alias].open(name, "rb").read())
            for name in stored_names(storages[alias])
        }
        for alias in ("default", "private")
    }
    print(json.dumps({"pages": pages, "documents": documents, "files": files}, sort_keys=True))
