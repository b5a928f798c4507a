"""Real-data loaders, one module per public data set (see tools/load_demo.py)."""
