"""Directors of health and care integration: index and profile pages."""
