"""Benchmark: server time of the app's pages with 20 concurrent signed-in people on SQLite.

Budget (design.md): p95 at most 50 ms server time. Run with ``make bench``.

It starts a real ``nearer serve`` on a free loopback port with a fresh data folder,
signs up 20 people in 10 pairs, then has 20 threads (one per person) load their
home, pair, practice and account pages (see ``pages_of``), reading the server's own time from each response's
``Server-Timing`` header. Two phases:

- at a person's pace (the budget check): each person loads a page, reads it for
  0.5 to 1.5 s, and loads the next;
- flat out (a stress figure, reported, not budgeted): no pauses, so the two cores
  are shared by the server and the 20 client threads, and the time is mostly queueing.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

BUDGET_P95_MS = 50.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def call(base: str, path: str, body: dict[str, object] | None = None, token: str = "") -> dict[str, object]:
    request = urllib.request.Request(base + path, method="POST" if body is not None else "GET")
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(request, data=data, timeout=30) as answer:
        return dict(json.loads(answer.read() or b"{}"))


class Browser:
    """A signed-in browser: a cookie jar and the pages it visits."""

    def __init__(self, base: str, email: str, password: str) -> None:
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))
        page = self.opener.open(base + "/signin", timeout=30).read().decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', page)
        assert token is not None
        form = urllib.parse.urlencode({"email": email, "password": password, "csrf_token": token.group(1)})
        self.opener.open(base + "/signin", data=form.encode(), timeout=30).read()

    def server_ms(self, path: str) -> float:
        with self.opener.open(self.base + path, timeout=30) as answer:
            answer.read()
            assert answer.status == 200, path
            timing = answer.headers["Server-Timing"]
        return float(timing.split("dur=")[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=20.0, help="length of the paced phase")
    parser.add_argument("--think", type=float, default=1.0, help="a person's mean pause between pages, in seconds")
    args = parser.parse_args()

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as home:
        server = subprocess.Popen(
            [sys.executable, "-m", "nearer", "serve", "--port", str(port)],
            env={**os.environ, "NEARER_HOME": home},
            stdout=subprocess.DEVNULL,
        )
        try:
            if not wait_for(base, server):
                print("bench: the server did not start", file=sys.stderr)
                return 1
            browsers, pair_paths = sign_up_pairs(base, args.users)
            paced = run_phase(browsers, pair_paths, seconds=args.seconds, think=args.think)
            flat_out = run_phase(browsers, pair_paths, seconds=args.seconds / 2, think=0.0)
        finally:
            server.terminate()
            server.wait(timeout=10)

    print(f"web pages: {args.users} concurrent signed-in users on SQLite, server time from Server-Timing")
    report(f"at a person's pace (pause {args.think / 2:.1f}-{args.think * 1.5:.1f} s between pages)", paced)
    report("flat out (no pauses; stress, not budgeted)", flat_out)
    every = [t for values in paced.values() for t in values]
    p95 = statistics.quantiles(every, n=100)[94]
    verdict = "within" if p95 <= BUDGET_P95_MS else "OVER"
    print(f"\nbudget: p95 {p95:.1f} ms server time at a person's pace, {verdict} the {BUDGET_P95_MS:.0f} ms budget")
    return 0 if p95 <= BUDGET_P95_MS else 1


def wait_for(base: str, server: subprocess.Popen[bytes]) -> bool:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and server.poll() is None:
        try:
            urllib.request.urlopen(base + "/signin", timeout=1).read()
            return True
        except OSError:
            time.sleep(0.1)
    return False


def sign_up_pairs(base: str, users: int) -> tuple[list[Browser], list[str]]:
    browsers, pair_paths = [], []
    for n in range(0, users, 2):
        tokens = []
        for k in (n, n + 1):
            email = f"person{k}@bench.test"
            call(base, "/api/v1/auth/signup", {"name": f"Person {k}", "email": email, "password": "bench pass"})
            tokens.append(str(call(base, "/api/v1/auth/token", {"email": email, "password": "bench pass"})["token"]))
        pair = str(call(base, "/api/v1/pairs", {"kind": "partners"}, tokens[0])["id"])
        code = str(call(base, f"/api/v1/pairs/{pair}/invites", {}, tokens[0])["code"])
        call(base, f"/api/v1/invites/{code}/accept", {}, tokens[1])
        for k in (n, n + 1):
            browsers.append(Browser(base, f"person{k}@bench.test", "bench pass"))
            pair_paths.append(f"/pairs/{pair}")
    return browsers, pair_paths


def pages_of(pair_path: str) -> list[tuple[str, str]]:
    """The pages a person opens: home, their pair's page (which gathers every practice), the practices
    they use most, and their account."""
    return [
        ("home", "/"),
        ("pair", pair_path),
        ("today", pair_path + "/today"),
        ("closeness", pair_path + "/closeness"),
        ("week", pair_path + "/week"),
        ("check-ins", pair_path + "/check-ins"),
        ("journal", "/journal"),
        ("account", "/account"),
    ]


def run_phase(
    browsers: list[Browser], pair_paths: list[str], *, seconds: float, think: float
) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {name: [] for name, _ in pages_of("/pairs/x")}
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def visit(browser: Browser, pair_path: str, seed: int) -> None:
        rng = random.Random(seed)
        pages = pages_of(pair_path)
        mine: dict[str, list[float]] = {name: [] for name, _ in pages}
        if think:  # people arrive at their own moments, not all in the same millisecond
            time.sleep(rng.uniform(0, think))
        while time.monotonic() < deadline:
            page, path = pages[rng.randrange(len(pages))]
            mine[page].append(browser.server_ms(path))
            if think:
                time.sleep(rng.uniform(think / 2, think * 1.5))
        with lock:
            for page, values in mine.items():
                timings[page].extend(values)

    threads = [
        threading.Thread(target=visit, args=(browser, path, seed))
        for seed, (browser, path) in enumerate(zip(browsers, pair_paths, strict=True))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings


def report(title: str, timings: dict[str, list[float]]) -> None:
    every = [t for values in timings.values() for t in values]
    print(f"\n{title}: {len(every)} page loads")
    print(f"  {'page':<10}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for page, values in [*timings.items(), ("all", every)]:
        q = statistics.quantiles(values, n=100)
        print(f"  {page:<10}{q[49]:>9.1f}{q[94]:>9.1f}{q[98]:>9.1f}{max(values):>9.1f}")


if __name__ == "__main__":
    sys.exit(main())
