"""Lean when not cached: queries per page type, uncached (the page shell's
settings and menu come from the cache), pinned on the initial content."""

# Upper bounds measured on the initial content with the shell cached, counting
# the two savepoint statements of ATOMIC_REQUESTS. Before issue 14: home 40,
# decision 34, place 31, briefing 29, briefings index 27, director 26, FAQ 21.
# The goal is 12 for every page type; what is left is in the listings
# and related-page lookups of each app.
PAGES = {
    "/": 31,
    "/places/": 15,
    "/places/blackpool/": 22,
    "/directors/": 20,
    "/directors/karen-smith/": 17,
    "/board-decisions/": 15,
    "/board-decisions/align-to-local-authority-boundaries/": 25,
    "/frequently-asked-questions/": 12,
    "/briefings/": 18,
    "/briefings/review-of-place-based-partnerships-stakeholder-briefing/": 21,
    "/briefings/feed/": 13,
    "/sitemap.xml": 17,
    "/api/v2/pages/?type=places.PlacePartnershipPage&fields=local_authority_name": 8,
    "/what-is-a-place-based-partnership/": 11,
}


def test_queries_per_page_type_uncached(initial_content, client, django_assert_max_num_queries):
    for url, most in PAGES.items():
        assert client.get(url).status_code == 200, url  # renditions made, shell cached
        with django_assert_max_num_queries(most):
            assert client.get(url).status_code == 200
