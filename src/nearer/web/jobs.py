"""Long work started from a page, run beside the requests: reading a chat export into a report.

A job belongs to the person who started it; to anyone else it does not exist. Its progress
(messages read of all) is there to show while it runs; the finished report is in the store. Jobs
live in memory: finished ones are forgotten after ``KEEP``, and a restart forgets them all (the
reports they made are kept).

A job's place is taken (``reserve``) before its file is received, so that a person who already has
``at_once`` reports being read is told to wait before they send another large file, and two uploads
sent together cannot both slip past the count.
"""

from __future__ import annotations

import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from nearer.errors import Conflict, NearerError, NotFound

KEEP = timedelta(hours=1)
AT_ONCE = 2


def busy_message(at_once: int) -> str:
    most = "one report" if at_once == 1 else f"{at_once} reports"
    return (
        f"A report is already being read for you; wait for it to finish, then try again "
        f"(nearer reads at most {most} at a time for each person)."
    )


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
    at_once: int = AT_ONCE  # unfinished jobs per person, counting those whose file is still arriving
    _jobs: dict[str, Job] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def reserve(self, owner_id: str, pair_id: str) -> Job:
        """A place for one more job of this person's, before any of its work; Conflict while they have
        ``at_once`` unfinished. Every reserved job is then run (``begin`` or ``run_here``) or ``release`` d."""
        job = Job(secrets.token_hex(12), owner_id, pair_id, self.clock())
        with self._lock:
            self._forget_old()
            running = sum(j.owner_id == owner_id and j.finished_at is None for j in self._jobs.values())
            if running >= self.at_once:
                raise Conflict(busy_message(self.at_once))
            self._jobs[job.id] = job
        return job

    def release(self, job: Job) -> None:
        """Give back the place of a job that will not run (its file never arrived whole)."""
        with self._lock:
            self._jobs.pop(job.id, None)

    def begin(self, job: Job, work: Callable[[Job], str]) -> Job:
        """Run ``work`` in its own thread; it reports progress on the job and returns the report's id."""

        def run() -> None:
            try:
                job.report_id = work(job)
            except NearerError as exc:
                job.problem = exc.message
            except Exception:
                job.problem = "Something went wrong while reading this file. Nothing was saved; please try again."
            finally:
                job.finished_at = self.clock()

        try:
            threading.Thread(target=run, name=f"report-{job.id[:6]}", daemon=True).start()
        except RuntimeError:
            self.release(job)
            raise
        return job

    def run_here(self, job: Job, work: Callable[[Job], str]) -> str:
        """Run ``work`` in the calling thread, holding the job's place until it ends; its errors are raised."""
        try:
            job.report_id = work(job)
            return job.report_id
        finally:
            job.finished_at = self.clock()
            self.release(job)

    def start(self, owner_id: str, pair_id: str, work: Callable[[Job], str]) -> Job:
        """``reserve`` and ``begin`` in one."""
        return self.begin(self.reserve(owner_id, pair_id), work)

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
