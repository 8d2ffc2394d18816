"""Which machine a result was computed on: for benchmarks and for metadata.json.

Timings are only comparable with their machine and library versions beside them
(docs/PERFORMANCE.md prints this line above each table; `ess-graph metrics` records it).
"""

from __future__ import annotations

import importlib
import os
import platform
from pathlib import Path


def _cpu() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _memory() -> str:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                return f"{int(line.split()[1]) / 1024**2:.0f} GiB RAM"
    except (OSError, ValueError):
        pass
    return "RAM unknown"


def machine(*packages: str) -> str:
    """``"Linux 6.x, <cpu>, 2 cores, 24 GiB RAM; Python 3.11.7, pandas 3.1.1, ..."``.

    `packages` are import names whose ``__version__`` is appended (missing ones skipped).
    """
    versions = []
    for name in packages:
        try:
            versions.append(f"{name} {importlib.import_module(name).__version__}")
        except (ImportError, AttributeError):
            continue
    extra = "".join(f", {v}" for v in versions)
    return (
        f"{platform.system()} {platform.release()}, {_cpu()}, {os.cpu_count()} cores, "
        f"{_memory()}; Python {platform.python_version()}{extra}"
    )
