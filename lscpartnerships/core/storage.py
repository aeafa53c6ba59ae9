"""Where uploaded files live: a public store and a private one.

- ``STORAGES["default"]`` (public): image renditions, the only files a page
  links to directly. On the filesystem it is ``MEDIA_ROOT``; on object storage
  a prefix the bucket policy lets anyone read.
- ``STORAGES["private"]``: documents and original images. On the filesystem it
  is ``PRIVATE_MEDIA_ROOT``, outside ``MEDIA_ROOT`` and outside every folder a
  web server is told to serve; on object storage a prefix nobody can read
  without credentials (links to it are short-lived signed URLs). Documents
  reach the public only through the document view, after its privacy check.

See docs/decisions/0025-private-and-public-file-storage.md.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, cached_property, empty

#: Top-level folders of each store, as Wagtail's upload_to names them.
PUBLIC_FOLDERS = ("images",)
PRIVATE_FOLDERS = ("documents", "original_images")


class PrivateFileSystemStorage(FileSystemStorage):
    """The filesystem store for private files: ``PRIVATE_MEDIA_ROOT``.

    Its URLs are under MEDIA_URL like every other upload, but the /media/ view
    (core.media) only answers for images, so a document's file name never
    becomes an address anyone can fetch."""

    @cached_property
    def base_location(self):
        return self._value_or_setting(self._location, settings.PRIVATE_MEDIA_ROOT)

    def _clear_cached_properties(self, setting, **kwargs):
        super()._clear_cached_properties(setting, **kwargs)
        if setting == "PRIVATE_MEDIA_ROOT":
            self.__dict__.pop("base_location", None)
            self.__dict__.pop("location", None)


class _PrivateStorage(LazyObject):
    """``storages["private"]``, looked up on first use and again whenever
    STORAGES changes (tests switch between the filesystem and S3)."""

    def _setup(self):
        self._wrapped = storages["private"]


_private_storage = _PrivateStorage()


def private_storage():
    """Storage callable for FileFields holding private files (migrations
    record this function, not whichever backend the settings chose)."""
    return _private_storage


@receiver(setting_changed)
def _reset_private_storage(setting, **kwargs):
    if setting == "STORAGES":
        _private_storage._wrapped = empty


def object_storages(
    bucket_name,
    *,
    endpoint_url=None,
    region_name=None,
    custom_domain=None,
    addressing_style=None,
    public_location="public",
    private_location="private",
    signed_url_seconds=300,
):
    """STORAGES entries for django-storages' S3 backend: one bucket, a public
    prefix (renditions: plain URLs, cacheable by a CDN) and a private prefix
    (documents and original images: signed URLs that expire).

    Credentials are not passed here: boto3 finds them itself (the
    AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY environment variables, or the
    machine's role). Nothing sets an ACL: public reading is granted by the
    bucket policy on the public prefix only (docs/deployment.md), which also
    works on buckets where ACLs are disabled (the AWS default since 2023).
    """
    common = {
        "bucket_name": bucket_name,
        "endpoint_url": endpoint_url or None,
        "region_name": region_name or None,
        "addressing_style": addressing_style or None,
        "default_acl": None,
        "file_overwrite": False,
    }
    return {
        "default": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "location": public_location,
                "custom_domain": custom_domain or None,
                "querystring_auth": False,
                # Rendition names never change content: let browsers and CDNs keep them.
                "object_parameters": {"CacheControl": "public, max-age=31536000, immutable"},
            },
        },
        "private": {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                **common,
                "location": private_location,
                "querystring_auth": True,
                "querystring_expire": signed_url_seconds,
                "object_parameters": {"CacheControl": "private, no-store"},
            },
        },
    }


def filesystem_storages():
    """The default: public MEDIA_ROOT and private PRIVATE_MEDIA_ROOT."""
    return {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {"BACKEND": "lscpartnerships.core.storage.PrivateFileSystemStorage"},
    }


def media_origins(bucket_name, *, endpoint_url=None, region_name=None, custom_domain=None):
    """Origins the public renditions are served from, for the CSP's img-src:
    the CDN domain if there is one, else the bucket's address in both the
    path style (https://endpoint/bucket/…) and the virtual-host style
    (https://bucket.endpoint/…)."""
    from urllib.parse import urlsplit

    if custom_domain:
        return [f"https://{custom_domain}"]
    if endpoint_url:
        parts = urlsplit(endpoint_url)
        return [
            f"{parts.scheme}://{parts.netloc}",
            f"{parts.scheme}://{bucket_name}.{parts.netloc}",
        ]
    hosts = ["s3.amazonaws.com"] + ([f"s3.{region_name}.amazonaws.com"] if region_name else [])
    return [f"https://{host}" for host in hosts] + [
        f"https://{bucket_name}.{host}" for host in hosts
    ]


def move_files(names, source="default", target="private"):
    """Move the named files from one store to another, keeping their names.

    Before issue 10, documents and original images were kept in MEDIA_ROOT;
    the data migrations (briefings 0003, core 0004) call this to move them to
    the private store. A file already in the target, or missing from the
    source, is left alone, so running it twice is harmless. Returns how many
    files moved.
    """
    source, target = storages[source], storages[target]
    moved = 0
    for name in filter(None, names):
        if target.exists(name) or not source.exists(name):
            continue
        with source.open(name, "rb") as handle:
            saved = target.save(name, handle)
        if saved != name:  # pragma: no cover - target.exists() said it was free
            raise RuntimeError(f"{name} was stored as {saved}; nothing was deleted.")
        source.delete(name)
        moved += 1
    return moved
