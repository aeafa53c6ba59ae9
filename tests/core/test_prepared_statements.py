"""PostgreSQL keeps the queries a connection repeats prepared (ADR 0091): the
test settings use the same options as production, so the whole suite runs
with server-side parameters, and a page's queries are planned once per
connection instead of on every request."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def test_a_page_served_again_runs_prepared_statements(client, initial_content):
    assert connection.settings_dict["OPTIONS"]["server_side_binding"] is True
    for _ in range(6):
        assert client.get("/places/blackpool/").status_code == 200
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert any('"places_placepartnershippage"' in sql for sql in prepared), prepared
