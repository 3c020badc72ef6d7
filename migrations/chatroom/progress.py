# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Progress lines: done/total, rate and ETA."""
import time


class Progress:
    def __init__(self, label, total, unit="items", write=print, clock=time.monotonic):
        self.label = label
        self.total = total
        self.unit = unit
        self.done = 0
        self._write = write
        self._clock = clock
        self._start = clock()

    def advance(self, count, detail=""):
        self.done += count
        self._write(self.line(detail))

    def line(self, detail=""):
        elapsed = max(self._clock() - self._start, 1e-6)
        rate = self.done / elapsed
        percent = 100.0 * self.done / self.total if self.total else 100.0
        if self.done >= self.total:
            eta = "done in %s" % format_seconds(elapsed)
        elif rate > 0:
            eta = "ETA %s" % format_seconds((self.total - self.done) / rate)
        else:
            eta = "ETA ?"
        text = "%s: %d/%d %s (%.0f%%), %.0f %s/s, %s" % (
            self.label, self.done, self.total, self.unit, percent, rate, self.unit, eta)
        return text + (" - " + detail if detail else "")


def format_seconds(seconds):
    seconds = int(round(seconds))
    if seconds < 60:
        return "%ds" % seconds
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return "%dm%02ds" % (minutes, seconds)
    hours, minutes = divmod(minutes, 60)
    return "%dh%02dm" % (hours, minutes)
