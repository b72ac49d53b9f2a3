"""Long work started from a page, run beside the requests: reading a chat export into a report.

A job belongs to the person who started it; to anyone else it does not exist. Its progress
(messages read of all) is there to show while it runs; the finished report is in the store. Jobs
live in memory: finished ones are forgotten after ``KEEP``, and a restart forgets them all (the
reports they made are kept).
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from nearer.errors import NearerError, NotFound

KEEP = timedelta(hours=1)


@dataclass
class Job:
    id: str
    owner_id: str
    pair_id: str
    started_at: datetime
    done: int = 0
    total: int = 0  # 0 while the file is still being opened
    report_id: str | None = None
    problem: str | None = None
    finished_at: datetime | None = None

    def progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class Jobs:
    clock: Callable[[], datetime]
    _jobs: dict[str, Job] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self, owner_id: str, pair_id: str, work: Callable[[Job], str]) -> Job:
        """Run ``work`` in its own thread; it reports progress on the job and returns the report's id."""
        job = Job(secrets.token_hex(12), owner_id, pair_id, self.clock())
        with self._lock:
            self._forget_old()
            self._jobs[job.id] = job

        def run() -> None:
            try:
                job.report_id = work(job)
            except NearerError as exc:
                job.problem = exc.message
            except Exception:
                job.problem = "Something went wrong while reading this file. Nothing was saved; please try again."
            finally:
                job.finished_at = self.clock()

        threading.Thread(target=run, name=f"report-{job.id[:6]}", daemon=True).start()
        return job

    def get(self, job_id: str, owner_id: str) -> Job:
        with self._lock:
            job = self._jobs.get(job_id)
        if job is None or job.owner_id != owner_id:
            raise NotFound("We couldn't find that. It may have finished a while ago: look on the pair's page.")
        return job

    def _forget_old(self) -> None:
        now = self.clock()
        for key in [k for k, j in self._jobs.items() if j.finished_at is not None and now - j.finished_at > KEEP]:
            del self._jobs[key]
