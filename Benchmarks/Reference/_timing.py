"""Shared timing helpers for the reference scripts: run, summarise, print JSON."""

import json
import os
import platform
import statistics
import sys
import time
from importlib import metadata


# The machine may be shared: the load average before and after tells whether a run was disturbed.
_LOAD_AT_START = os.getloadavg()


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def percentile(sorted_values, fraction):
    """Nearest-rank percentile of an already sorted list."""
    rank = max(1, -(-len(sorted_values) * fraction // 1))  # ceil(n * fraction), at least 1
    return sorted_values[int(rank) - 1]


def summarise(samples_ns, unit):
    """median, p90, min, max and mean of per-call samples (nanoseconds), in `unit` ("ns", "us", "ms")."""
    scale = {"ns": 1, "us": 1e3, "ms": 1e6}[unit]
    values = sorted(s / scale for s in samples_ns)
    return {
        "unit": unit,
        "runs": len(values),
        "median": round(statistics.median(values), 3),
        "p90": round(percentile(values, 0.90), 3),
        "min": round(values[0], 3),
        "max": round(values[-1], 3),
        "mean": round(statistics.fmean(values), 3),
    }


def time_each(fn, runs, warmup):
    """Per-call wall-clock samples in ns, one call per sample (for calls of a millisecond or more)."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        fn()
        samples.append(time.perf_counter_ns() - start)
    return samples


def time_batched(fn, batches, batch_size, warmup_batches=3):
    """Per-call wall-clock samples in ns, each the mean of a batch (for sub-microsecond calls)."""
    for _ in range(warmup_batches * batch_size):
        fn()
    samples = []
    for _ in range(batches):
        start = time.perf_counter_ns()
        for _ in range(batch_size):
            fn()
        samples.append((time.perf_counter_ns() - start) / batch_size)
    return samples


def emit(benchmark, results, packages=()):
    """Prints one JSON document: what was measured, where, with which library versions."""
    document = {
        "benchmark": benchmark,
        "machine": {
            "cpu": cpu_model(),
            "cores": os.cpu_count(),
            "python": platform.python_version(),
            "implementation": sys.implementation.name,
            "loadavg_1_5_15_at_start": [round(x, 2) for x in _LOAD_AT_START],
            "loadavg_1_5_15_at_end": [round(x, 2) for x in os.getloadavg()],
        },
        "packages": {name: metadata.version(name) for name in packages},
        "results": results,
    }
    print(json.dumps(document, indent=2))
