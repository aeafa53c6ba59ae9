"""The initial content says exactly what it said before it became data files
(issue 13, part 4): every page the loader makes is rendered and its visible
text compared with a snapshot taken from the code that built the pages by hand.

The snapshot (tests/core/data/initial_content_text.json) holds, per URL, the
page's <title>, meta description, the visible text of <main>, its headings
and its links, plus every
FAQ question and answer, a checksum of the generated briefing PDF and the
keys the loader records. Dates
that depend on the day the content was loaded are replaced by "<today>".

To record a deliberate change of wording:
    UPDATE_INITIAL_CONTENT_SNAPSHOT=1 pytest tests/core/test_initial_content_text.py
and review the diff of the JSON file.
"""

import datetime
import hashlib
import json
import os
import re
from pathlib import Path

from bs4 import BeautifulSoup
from wagtail.documents import get_document_model

from decisions.models import Question
from lscpartnerships.core.models import SeedRecord

SNAPSHOT = Path(__file__).parent / "data" / "initial_content_text.json"


def _today_patterns():
    today = datetime.date.today()
    return [
        today.strftime("%-d %B %Y"),
        today.strftime("%d %B %Y"),
        today.isoformat(),
    ]


def _text(markup_or_node):
    text = " ".join(markup_or_node.get_text(" ", strip=True).split())
    for pattern in _today_patterns():
        text = text.replace(pattern, "<today>")
    return text


def _page_text(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    html = BeautifulSoup(response.content, "html.parser")
    description = html.find("meta", attrs={"name": "description"})
    main = html.find("main")
    return {
        "title": _text(html.find("title")),
        "description": " ".join(description["content"].split()) if description else None,
        "main": _text(main),
        "headings": [f"{h.name} {_text(h)}" for h in main.find_all(re.compile(r"^h[1-6]$"))],
        "links": [
            f"{_text(a)} -> {re.sub(r'/[0-9]+/', '/<id>/', a['href'])}"
            for a in main.find_all("a", href=True)
        ],
    }


def current_text(client, home):
    pages = {
        page.get_url(): _page_text(client, page.get_url())
        for page in home.get_descendants(inclusive=True).live().public().order_by("path")
    }
    questions = {
        question.slug: [question.question, _text(BeautifulSoup(question.answer, "html.parser"))]
        for question in Question.objects.order_by("slug")
    }
    documents = {}
    for document in get_document_model().objects.order_by("title"):
        with document.open_file() as file:
            documents[document.title] = hashlib.sha256(file.read()).hexdigest()
    # What the loader records: the same keys, so a database loaded by an older
    # version of the loader gets nothing new when the new one runs.
    seed_keys = sorted(SeedRecord.objects.values_list("key", flat=True))
    return {"pages": pages, "questions": questions, "documents": documents, "seed_keys": seed_keys}


def test_every_seed_page_says_what_the_snapshot_says(client, initial_content):
    current = current_text(client, initial_content)
    if os.environ.get("UPDATE_INITIAL_CONTENT_SNAPSHOT"):
        SNAPSHOT.write_text(
            json.dumps(current, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        )
    expected = json.loads(SNAPSHOT.read_text())
    assert sorted(current["pages"]) == sorted(expected["pages"])
    for url, text in expected["pages"].items():
        assert current["pages"][url] == text, url
    assert current["questions"] == expected["questions"]
    assert current["documents"] == expected["documents"]
    assert current["seed_keys"] == expected["seed_keys"]
