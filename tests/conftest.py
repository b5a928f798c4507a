"""pytest configuration for the cross-addon scenarios (run by tests/run.py)."""
