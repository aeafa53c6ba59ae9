"""The board decision listing: newest meeting first, year filter through a
plain GET form, pagination, and bad input that never causes an error."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from decisions.factories import BoardDecisionPageFactory
from decisions.models import BoardDecisionPage

pytestmark = pytest.mark.django_db

NOINDEX = '<meta name="robots" content="noindex">'


def make_decisions(index, dates):
    return [
        BoardDecisionPageFactory(parent=index, title=f"Decision of {date}", meeting_date=date)
        for date in dates
    ]


def test_lists_decisions_newest_meeting_first_with_status(client, decision_index):
    make_decisions(
        decision_index,
        [datetime.date(2021, 3, 1), datetime.date(2022, 7, 27), datetime.date(2020, 1, 9)],
    )
    html = client.get(decision_index.url).content.decode()
    positions = [
        html.index(f"Decision of {year}") for year in ("2022-07-27", "2021-03-01", "2020-01-09")
    ]
    assert positions == sorted(positions)
    assert "27 July 2022" in html
    assert '<strong class="nhsuk-tag nhsuk-tag--blue">Agreed</strong>' in html
    assert NOINDEX not in html


def test_year_filter_is_a_plain_form_of_the_years_with_decisions(client, decision_index):
    make_decisions(decision_index, [datetime.date(2021, 3, 1), datetime.date(2022, 7, 27)])
    html = client.get(decision_index.url).content.decode()
    assert '<form method="get"' in html
    assert '<option value="2022">2022</option>' in html
    assert '<option value="2021">2021</option>' in html
    assert "2020" not in html

    html = client.get(decision_index.url, {"year": "2021"}).content.decode()
    assert "Decision of 2021-03-01" in html
    assert "Decision of 2022-07-27" not in html
    assert '<option value="2021" selected>' in html
    assert NOINDEX in html


@pytest.mark.parametrize("year", ["abc", "1900", "", "2022x", "9" * 40, "<script>"])
def test_unknown_years_get_a_message_never_an_error(client, decision_index, year):
    make_decisions(decision_index, [datetime.date(2022, 7, 27)])
    response = client.get(decision_index.url, {"year": year})
    assert response.status_code == 200
    html = response.content.decode()
    assert NOINDEX in html
    if year:
        assert "There are no board decisions for" in html
        assert "show decisions from all years" in html
        assert "Decision of 2022-07-27" not in html
        assert "<script>" not in html.split("</head>")[1].replace(
            '<script src="/static/js/js-enabled.js"></script>', ""
        )
    else:
        assert "Decision of 2022-07-27" in html


def test_pagination_and_bad_page_numbers(client, decision_index):
    decision_index.per_page = 10
    make_decisions(decision_index, [datetime.date(2010 + n, 1, 1) for n in range(12)])
    first = client.get(decision_index.url)
    assert first.status_code == 200
    assert "Page 2 of 2" in first.content.decode()
    second = client.get(decision_index.url, {"page": "2"}).content.decode()
    assert "Decision of 2010-01-01" in second and "Decision of 2021-01-01" not in second
    assert client.get(decision_index.url, {"page": "abc"}).status_code == 200
    assert client.get(decision_index.url, {"page": "99999"}).status_code == 404
    assert client.get(decision_index.url, {"page": "99999", "year": "abc"}).status_code == 404
    assert client.get(decision_index.url, {"page": "abc", "year": "1900"}).status_code == 200
    # Pagination keeps the year filter.
    make_decisions(decision_index, [datetime.date(2030, 1, n) for n in range(1, 12)])
    html = client.get(decision_index.url, {"year": "2030"}).content.decode()
    assert "?year=2030&amp;page=2" in html


def test_empty_index_says_so(client, decision_index):
    html = client.get(decision_index.url).content.decode()
    assert "No board decisions have been published yet." in html
    assert "<select" not in html


def test_drafts_and_private_decisions_are_not_listed(client, decision_index):
    (live,) = make_decisions(decision_index, [datetime.date(2022, 7, 27)])
    draft = BoardDecisionPageFactory(parent=decision_index, title="A draft decision", live=False)
    html = client.get(decision_index.url).content.decode()
    assert live.title in html and draft.title not in html


def test_home_page_lists_the_latest_decisions_by_meeting_date(client, home, decision_index):
    decision_index.show_in_menus = True
    decision_index.save_revision().publish()
    make_decisions(decision_index, [datetime.date(2019, 1, 1), datetime.date(2022, 7, 27)])
    assert [d.title for d in decision_index.latest_children()] == [
        "Decision of 2022-07-27",
        "Decision of 2019-01-01",
    ]
    html = client.get(home.url).content.decode()
    assert "Latest: board decisions" in html
    assert html.index("Decision of 2022-07-27") < html.index("Decision of 2019-01-01")


def _queries(client, url):
    client.get(url)  # warm caches (site, content types) as a running site has them
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context)


def test_listing_query_count_does_not_grow_with_decisions(client, decision_index):
    make_decisions(decision_index, [datetime.date(2022, 1, 1), datetime.date(2021, 1, 1)])
    few = _queries(client, decision_index.url)
    make_decisions(decision_index, [datetime.date(2000 + n, 1, 1) for n in range(8)])
    assert BoardDecisionPage.objects.count() == 10
    assert _queries(client, decision_index.url) == few
    assert _queries(client, decision_index.url + "?year=2022") == few


def test_listing_context_takes_three_queries(rf, decision_index, django_assert_num_queries):
    make_decisions(decision_index, [datetime.date(2000 + n, 1, 1) for n in range(8)])
    request = rf.get(decision_index.url, {"year": "2004"})
    # The years, the count, the page (.public() is a subquery: issue 14).
    with django_assert_num_queries(3):
        context = decision_index.get_context(request)
        titles = [decision.title for decision in context["page_obj"]]
    assert titles == ["Decision of 2004-01-01"]
