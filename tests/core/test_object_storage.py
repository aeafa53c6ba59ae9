"""Media and documents on S3-compatible object storage, against a real S3 server.

moto's standalone server runs as a separate process on a free loopback port;
django-storages talks to it with real boto3 calls, and the "public" is plain
HTTP without credentials. The bucket gets the policy docs/deployment.md tells
operators to apply (docs/object-storage/bucket-policy.json): anyone may read
the public prefix (renditions), nobody may read the private one (documents,
original images) without a signature.
"""

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
import uuid
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from wagtail.models import Collection

from briefings.factories import BriefingIndexPageFactory, BriefingPageFactory
from briefings.models import BriefingAttachment
from directors.factories import DirectorProfilePageFactory, PortraitFactory
from documents.factories import PublicDocumentFactory, pdf_bytes
from documents.models import PublicDocument
from lscpartnerships.core.storage import object_storages, private_storage

from .conftest import CREDENTIALS, POLICY, REGION, ROOT, s3_client


@pytest.fixture
def bucket(s3_endpoint, settings, monkeypatch):
    """A new bucket with the documented policy, and the site's STORAGES
    pointed at it exactly as the settings do when AWS_STORAGE_BUCKET_NAME is set."""
    for name, value in CREDENTIALS.items():
        monkeypatch.setenv(name, value)
    name = f"lscp-{uuid.uuid4().hex[:12]}"
    client = s3_client(s3_endpoint)
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    client.put_bucket_policy(Bucket=name, Policy=POLICY.read_text().replace("BUCKET_NAME", name))
    settings.STORAGES = {
        **settings.STORAGES,
        **object_storages(name, endpoint_url=s3_endpoint, region_name=REGION),
    }
    return name


def keys(endpoint, bucket_name):
    listing = s3_client(endpoint).list_objects_v2(Bucket=bucket_name)
    return sorted(item["Key"] for item in listing.get("Contents", []))


def anonymous_get(url):
    """Fetch as the public does: no credentials, no signature."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:  # noqa: S310
            return response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers


def upload_document(client, title, name, content):
    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": title,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
            "tags": "",
            "description": "",
            "language": "en-GB",
        },
    )
    assert response.status_code == 302, response.content[:2000]
    return PublicDocument.objects.get(title=title)


@pytest.mark.django_db
def test_uploaded_document_is_private_in_the_bucket_and_served_only_after_the_check(
    admin_client, home, bucket, s3_endpoint
):
    content = pdf_bytes("Board paper, July 2022", paragraphs=3)
    document = upload_document(admin_client, "Board paper July 2022", "board-paper.pdf", content)

    # Stored under the private prefix, with the bytes the editor uploaded.
    key = f"private/{document.file.name}"
    assert key in keys(s3_endpoint, bucket)
    stored = s3_client(s3_endpoint).get_object(Bucket=bucket, Key=key)["Body"].read()
    assert stored == content

    # Nobody gets it from the bucket without credentials, by any guessable address.
    for address in [
        f"{s3_endpoint}/{bucket}/{key}",
        f"{s3_endpoint}/{bucket}/public/{document.file.name}",
        f"{s3_endpoint}/{bucket}/{document.file.name}",
    ]:
        status, body, _headers = anonymous_get(address)
        assert status in (403, 404), address
        assert content not in body
    # The storage's own link to it is signed and expires within minutes.
    query = parse_qs(urlsplit(document.file.url).query)
    assert "X-Amz-Signature" in query and int(query["X-Amz-Expires"][0]) <= 300

    # The document view refuses it while no live page uses it…
    visitor = Client()
    assert visitor.get(document.url).status_code == 404

    # …serves it, streamed from the bucket, once a live page does…
    index = BriefingIndexPageFactory(parent=home)
    briefing = BriefingPageFactory(parent=index, title="Review of place-based partnerships")
    briefing.attachments.add(BriefingAttachment(document=document))
    briefing.save_revision().publish()
    response = visitor.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == content
    assert response["Content-Type"] == "application/pdf"

    # …and refuses it again when that page is unpublished.
    briefing.unpublish()
    assert visitor.get(document.url).status_code == 404


@pytest.mark.django_db
def test_document_saved_through_the_model_lands_in_the_private_prefix(bucket, s3_endpoint):
    document = PublicDocumentFactory(title="Terms of reference")
    assert keys(s3_endpoint, bucket) == [f"private/{document.file.name}"]
    assert private_storage().exists(document.file.name)
    assert anonymous_get(f"{s3_endpoint}/{bucket}/private/{document.file.name}")[0] == 403


@pytest.mark.django_db
def test_renditions_are_public_and_original_images_private(home, bucket, s3_endpoint):
    image = PortraitFactory(person="Karen Smith")
    original_key = f"private/{image.file.name}"
    assert keys(s3_endpoint, bucket) == [original_key]
    assert anonymous_get(f"{s3_endpoint}/{bucket}/{original_key}")[0] == 403
    assert anonymous_get(f"{s3_endpoint}/{bucket}/public/{image.file.name}")[0] in (403, 404)

    director = DirectorProfilePageFactory(parent=home, title="Karen Smith", photo=image)
    html = BeautifulSoup(Client().get(director.url).content, "html.parser")
    sources = [img["src"] for img in html.select("main img")]
    assert sources, "the profile page shows the portrait"
    for src in sources:
        assert src.startswith(f"{s3_endpoint}/{bucket}/public/images/"), src
        assert "Signature" not in src  # a plain, cacheable address
        status, body, headers = anonymous_get(src)
        assert status == 200, src
        # The picture tag's fallback <img> is a JPEG rendition (issue 14).
        assert body[:3] == b"\xff\xd8\xff" or body[:8] == b"\x89PNG\r\n\x1a\n"
        assert "immutable" in headers.get("Cache-Control", "")
    assert any(key.startswith("public/images/") for key in keys(s3_endpoint, bucket))


def test_object_storage_is_switched_on_by_the_standard_environment_variables():
    """Production settings read django-storages' usual variables; pages may
    then load images from the bucket's origin (CSP img-src)."""
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
        "DJANGO_SETTINGS_MODULE": "lscpartnerships.settings.production",
        "SECRET_KEY": "x" * 60,
        "ALLOWED_HOSTS": "places.example.nhs.uk",
        "SITE_BASE_URL": "https://places.example.nhs.uk",
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
        "AWS_STORAGE_BUCKET_NAME": "lscp-media",
        "AWS_S3_ENDPOINT_URL": "https://objects.example.net",
        "AWS_S3_REGION_NAME": REGION,
        **CREDENTIALS,
    }
    code = (
        "import json; from django.conf import settings; "
        "from django.core.files.storage import storages; "
        "print(json.dumps({'storages': {a: [type(storages[a]).__name__, storages[a].location, "
        "storages[a].bucket_name, storages[a].endpoint_url, storages[a].querystring_auth] "
        "for a in ('default', 'private')}, "
        "'img': settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']}))"
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    endpoint = "https://objects.example.net"
    assert seen["storages"] == {
        "default": ["S3Storage", "public", "lscp-media", endpoint, False],
        "private": ["S3Storage", "private", "lscp-media", endpoint, True],
    }
    assert endpoint in seen["img"]
