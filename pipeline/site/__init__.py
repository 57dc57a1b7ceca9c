"""The public website: an mkdocs plugin (`dip`) on mkdocs-material."""
