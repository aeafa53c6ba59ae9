"""Editorial set-up run by load_initial_content: groups and the sign-off workflow."""


def load(loader):
    """Create the editorial groups and workflow once (see core/loading.py)."""
