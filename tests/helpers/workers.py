"""How `make test` shares the suite between its pytest-xdist workers (ADR 0089).

Units of work, each run whole on one worker, in the order pytest collected them:

* **a file's tests**, so its module fixtures (a search site, a file's servers) are
  built once;
* **all of tests/browser/**, which share one site server whose content the editor
  journeys change last (tests/browser/conftest.py);
* except that a file whose tests pytest-django split apart stays split. It puts
  the transactional tests after all the others, because each of them ends by
  emptying the database (Django restores the migrations' rows only when the next
  transactional test starts). A file whose transactional tests ran in the middle of
  a worker's queue would leave every later test there without content types,
  locales or groups, so those tests are a later unit of their own.

Written as a scheduler rather than `xdist_group` marks: pytest-xdist 3.8 applies
those marks through `item._nodeid`, which pytest 9.2 no longer reads, so the
groups were silently ignored.
"""

from xdist.scheduler import LoadFileScheduling

BROWSER = "tests/browser/"


def units_of_work(collection):
    """{nodeid: unit} for node ids in collection order."""
    units, parts, previous = {}, {}, None
    for nodeid in collection:
        path = nodeid.split("::", 1)[0]
        if path.startswith(BROWSER):
            units[nodeid] = BROWSER
        else:
            if path != previous:
                parts[path] = parts.get(path, 0) + 1
            units[nodeid] = path if parts[path] == 1 else f"{path} (part {parts[path]})"
        previous = path
    return units


class FileScheduling(LoadFileScheduling):
    """pytest-xdist's `--dist loadfile`, with the units above, never reordered:
    the collection's order carries meaning (pytest-django's, and the browser
    tests first so the longest unit starts first)."""

    def __init__(self, config, log=None):
        super().__init__(config, log)
        config.option.loadscopereorder = False
        self.units = {}

    def schedule(self):
        if self.collection is None and self.registered_collections:
            self.units = units_of_work(next(iter(self.registered_collections.values())))
        super().schedule()

    def _split_scope(self, nodeid):
        return self.units.get(nodeid) or super()._split_scope(nodeid)


def browser_tests_first(items):
    """Move tests/browser/ to the front, keeping every other order: the longest
    unit starts first, and before any transactional test empties a database
    (the browser tests use databases of their own, tests/helpers/databases.py)."""
    browser = [item for item in items if f"/{BROWSER}" in str(item.path)]
    if browser:
        others = [item for item in items if f"/{BROWSER}" not in str(item.path)]
        items[:] = browser + others
