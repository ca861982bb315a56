"""Executing the notes: one shared cache, created before parallel workers start.

MyST-NB runs each note's code cells and caches the results in `.jupyter_cache/`
(outside `_build/`, so `make clean` keeps it and the HTML and PDF builds share it).
Under `-j auto` on a cold cache, parallel readers race to create the cache database
and some builds crash; creating it here, in the main process, avoids that.
"""

from __future__ import annotations

from pathlib import Path


def create_cache(app, config) -> None:
    if config.nb_execution_mode != "cache":
        return
    from jupyter_cache import get_cache

    path = Path(config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    get_cache(path).list_cache_records()  # creates the database if missing


def setup(app):
    app.connect("config-inited", create_cache, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
