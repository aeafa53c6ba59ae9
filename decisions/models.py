"""Board decisions and FAQ pages."""
