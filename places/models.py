"""Place-based partnerships: the index of places and one page per place."""
