"""Initial content of the directors app, built only from facts in ../shared/seeds/."""


def load(loader):
    """Create this app's seed pages once (see lscpartnerships/core/loading.py)."""
