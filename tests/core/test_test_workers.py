"""How `make test` shares the suite between its two pytest-xdist workers
(tests/helpers/workers.py, ADR 0089): whole files, all the browser tests together,
in collection order.

The first version grouped with `xdist_group` marks, which pytest-xdist 3.8 applies
through an attribute pytest 9.2 no longer reads: nothing failed, the groups were
just ignored, and the accessibility summary printed only one worker's half."""

from types import SimpleNamespace

from tests.conftest import pytest_xdist_make_scheduler
from tests.helpers.workers import browser_tests_first, units_of_work


def make_scheduler(dist):
    options = SimpleNamespace(loadscopereorder=True)
    values = {"dist": dist, "tx": ["2*popen"], "numprocesses": 2, "maxschedchunk": None}
    config = SimpleNamespace(
        getvalue=values.get, getoption=lambda name, default=None: default, option=options
    )
    return pytest_xdist_make_scheduler(config=config, log=None), options


def test_a_files_tests_stay_together_and_files_are_shared_out():
    units = units_of_work(
        [
            "tests/core/test_a.py::test_one",
            "tests/core/test_a.py::test_two",
            "tests/core/test_b.py::test_one",
            "tests/places/test_a.py::Class::test",
        ]
    )
    assert units["tests/core/test_a.py::test_one"] == units["tests/core/test_a.py::test_two"]
    assert len(set(units.values())) == 3


def test_all_browser_tests_are_one_unit_even_when_apart():
    """They share one site server; the editor journeys are collected last."""
    units = units_of_work(
        [
            "tests/browser/test_accessibility.py::test_axe[home]",
            "tests/browser/test_a11y_keyboard.py::test_tab[320px]",
            "tests/core/test_a.py::test_one",
            "tests/browser/admin/test_file_journeys.py::test_briefing",
            "tests/browsers_elsewhere/test_a.py::test",
        ]
    )
    browser = {unit for nodeid, unit in units.items() if nodeid.startswith("tests/browser/")}
    assert browser == {"tests/browser/"}
    assert units["tests/browsers_elsewhere/test_a.py::test"] != "tests/browser/"


def test_transactional_tests_pytest_django_moved_to_the_end_stay_at_the_end():
    """pytest-django runs transactional tests (which empty the database) after the
    rest; a file with both is two units, so the second cannot run early."""
    collection = [
        "tests/core/test_media.py::test_served",
        "tests/core/test_zebra.py::test_one",
        "tests/core/test_media.py::test_survives_a_real_commit",
    ]
    units = units_of_work(collection)
    assert len({units[nodeid] for nodeid in collection}) == 3
    # The queue keeps that order: xdist's default sorts units by size.
    scheduler, options = make_scheduler("loadfile")
    assert options.loadscopereorder is False
    scheduler.units = units
    assert [scheduler._split_scope(nodeid) for nodeid in collection] == [
        "tests/core/test_media.py",
        "tests/core/test_zebra.py",
        "tests/core/test_media.py (part 2)",
    ]


def test_browser_tests_are_collected_first_in_their_own_order():
    items = [SimpleNamespace(path=f"/r/tests/{name}") for name in ("a.py", "browser/b.py")]
    items += [SimpleNamespace(path="/r/tests/browser/admin/j.py"), SimpleNamespace(path="/r/c")]
    browser_tests_first(items)
    assert [str(item.path) for item in items] == [
        "/r/tests/browser/b.py",
        "/r/tests/browser/admin/j.py",
        "/r/tests/a.py",
        "/r/c",
    ]


def test_other_ways_of_sharing_are_xdists_own():
    """`-n 2` alone (or `--dist load`) keeps pytest-xdist's own scheduler."""
    assert make_scheduler("load")[0] is None
