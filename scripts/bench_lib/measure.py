"""Timing a command end to end (wall time, CPU, max RSS) and the table of results."""

import os
import statistics
import subprocess
import tempfile
import time


class Run:
    """One finished command: wall and CPU seconds, max RSS in MB, exit status, its output."""

    def __init__(self, seconds, cpu, rss_mb, status, output):
        self.seconds, self.cpu, self.rss_mb = seconds, cpu, rss_mb
        self.status, self.output = status, output


# GNU time reports a command's own peak memory: a child started from this (large) Python
# process would report Python's high-water mark, kept by the kernel across exec (getrusage(2)).
TIME = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None


def run(command, cwd=None):
    """Runs `command` from process start to the last byte of its output (read through a pipe)."""
    with tempfile.NamedTemporaryFile("r", prefix="bench-rss-") as report:
        wrapped = [TIME, "-f", "%M %U %S", "-o", report.name, *command] if TIME else command
        start = time.perf_counter()
        process = subprocess.Popen(wrapped, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.DEVNULL, cwd=cwd)
        output = process.stdout.read()
        process.stdout.close()
        status = process.wait()
        seconds = time.perf_counter() - start
        fields = report.read().split()
    if TIME and len(fields) >= 3:
        # GNU time's %M is in kilobytes; a killed command's report starts with a status line.
        rss, user, system = int(fields[-3]), float(fields[-2]), float(fields[-1])
        return Run(seconds, user + system, rss / 1024, status, output)
    return Run(seconds, 0.0, 0.0, status, output)


def best_of(count, command, cwd=None):
    """The fastest of `count` runs of `command`."""
    return min((run(command, cwd) for _ in range(count)), key=lambda r: r.seconds)


def percentile(values, share):
    """The value below which `share` of `values` lie (nearest rank)."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def median(values):
    """The median of `values`."""
    return statistics.median(values)


def file_mb(*paths):
    """Size on disk of the files that exist among `paths`, in MB."""
    return sum(os.path.getsize(p) for p in paths if os.path.exists(p)) / 1e6


class Table:
    """Rows of lbsearch's figure beside its baseline's, printed aligned and kept for JSON."""

    COLUMNS = [("workload", 13), ("variant", 9), ("measure", 13), ("lbsearch", 9),
               ("baseline", 28), ("base", 9), ("ratio", 7), ("lbs RSS MB", 10),
               ("base RSS MB", 11)]

    def __init__(self, title):
        self.title, self.rows, self.notes = title, [], []

    def add(self, workload, variant, measure, lbsearch, baseline, base, lbs_rss=None,
            base_rss=None):
        """Adds a row; the ratio is lbsearch / base."""
        ratio = lbsearch / base if base else None
        self.rows.append({
            "workload": workload, "variant": variant, "measure": measure,
            "lbsearch": round(lbsearch, 4), "baseline": baseline,
            "base": None if base is None else round(base, 4),
            "ratio": None if ratio is None else round(ratio, 3),
            "lbsearch_rss_mb": None if lbs_rss is None else round(lbs_rss, 1),
            "baseline_rss_mb": None if base_rss is None else round(base_rss, 1)})

    def note(self, text):
        """A line printed under the table (and kept in the JSON)."""
        self.notes.append(text)

    def print(self):
        print(self.title)
        print("  ".join(f"{name:<{width}}" for name, width in self.COLUMNS).rstrip())
        for row in self.rows:
            cells = [row["workload"], row["variant"], row["measure"], show(row["lbsearch"]),
                     row["baseline"], show(row["base"]),
                     "" if row["ratio"] is None else f"{row['ratio']:.2f}x",
                     show(row["lbsearch_rss_mb"]), show(row["baseline_rss_mb"])]
            print("  ".join(f"{c:<{w}}" for c, (_, w) in zip(cells, self.COLUMNS)).rstrip())
        for line in self.notes:
            print(f"- {line}")


def show(value):
    """A figure with three significant digits or so; empty for None."""
    if value is None:
        return ""
    if value >= 100:
        return f"{value:.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3f}" if value < 1 else f"{value:.2f}"
