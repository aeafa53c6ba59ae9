"""Fixtures for the documents tests: uploads go to a temporary MEDIA_ROOT and
PRIVATE_MEDIA_ROOT; documents are attached to briefings, the pages that use
files most."""

import io
import zipfile
from pathlib import Path

import pytest
from wagtail.models import Collection

from briefings.factories import BriefingIndexPageFactory


@pytest.fixture(autouse=True)
def _own_media_folders(media_root):
    """Every test here writes files to its own folders (tests/conftest.py)."""
    return media_root


@pytest.fixture
def index(home):
    return BriefingIndexPageFactory(parent=home)


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()


def files_in(folder):
    """Every file under `folder` (which may not exist)."""
    folder = Path(folder)
    return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.exists() else []


def office_file(kind):
    """A small, structurally real Office Open XML or OpenDocument file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        if kind == "odt":
            archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
            archive.writestr("content.xml", "<office:document-content/>")
            archive.writestr("META-INF/manifest.xml", "<manifest:manifest/>")
        else:
            main = {
                "docx": "word/document.xml",
                "xlsx": "xl/workbook.xml",
                "pptx": "ppt/presentation.xml",
            }[kind]
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("_rels/.rels", "<Relationships/>")
            archive.writestr(main, "<document/>")
    return buffer.getvalue()
