#!/usr/bin/env python3
"""Drives two Cascade servers behind haproxy through a PostgreSQL outage (scripts/resilience.sh
starts them and calls this). Standard library only.

    resilience.py BASE DATABASE_URL SERVER_LOG...   (PG_STOP, PG_START: shell commands)
    resilience.py --slow-ask BASE SECONDS           (one request, its form sent slowly)

Phases, each checked, with what it found printed:
  1. both servers answer through the proxy; a session made on one holds on the other;
  2. steady load (directory reads and expressions of interest, over 50 requests/s), PostgreSQL
     stopped for 10 s ($PG_STOP) and started again ($PG_START): /healthz says 503 within 1 s;
     the directory answers 200 or a 503 with Retry-After; a form post is answered "try again in
     a minute" with everything typed kept; all recovers within 5 s; and every request a leader
     was told was sent is in the database.
Exit status 1 on the first failed check.
"""

import http.client
import os
import subprocess
import sys
import threading
import time
import urllib.parse
import uuid

BASE = None  # urllib.parse.SplitResult of the proxy's address, set below
DATABASE_URL = None
PG_STOP = os.environ.get("PG_STOP", "")
PG_START = os.environ.get("PG_START", "")
OUTAGE_SECONDS = 10

# Searches kept in memory once read (the same ones, again and again) and one that is new each
# time (never kept, so it needs the database).
KEPT_SEARCHES = ["/coaches", "/coaches?region=wales", "/coaches?q=governance", "/coaches?page=2"]
COACH = os.environ.get("RESILIENCE_COACH", "amara-okafor")


def fail(message):
    print(f"FAILED: {message}", flush=True)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)
    print(f"  ok: {message}", flush=True)


def request(method, path, body=None, headers=None, timeout=15):
    """(status, headers, body text), or (None, None, error) when no answer came."""
    connection = http.client.HTTPConnection(BASE.hostname, BASE.port, timeout=timeout)
    try:
        sent = {"Accept": "text/html"}
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            sent["Origin"] = f"{BASE.scheme}://{BASE.netloc}"
            sent["Sec-Fetch-Site"] = "same-origin"
        sent.update(headers or {})
        connection.request(method, path, body=body, headers=sent)
        response = connection.getresponse()
        headers = {name.lower(): value for name, value in response.getheaders()}
        return response.status, headers, response.read().decode("utf-8", "replace")
    except (OSError, http.client.HTTPException) as error:
        return None, None, str(error)
    finally:
        connection.close()


def psql(sql):
    return subprocess.run(
        ["psql", DATABASE_URL, "-tAc", sql], check=True, capture_output=True, text=True
    ).stdout.strip()


def ask_form(marker):
    """A valid expression of interest whose goals and email carry `marker`."""
    return [
        ("submission_id", str(uuid.uuid4())),
        ("leader_name", "Jo Resilience"),
        ("email", f"{marker}@example.org"),
        ("phone", ""),
        ("role", "Director"),
        ("organisation_name", f"Org {marker}"),
        ("organisation_type", "registered-charity"),
        ("registration_number", ""),
        ("health_and_wellbeing", "yes"),
        ("annual_income", "£90,000"),
        ("region", "wales"),
        ("postcode", "CF10 1EP"),
        ("under_represented_communities", "no"),
        ("goals", f"I want to plan our next three years ({marker})."),
        ("funding_route", "organisation"),
        ("leadership_support_before", "yes"),
        ("consent", "yes"),
        ("website", ""),
    ]


class Load:
    """Steady load from a few threads: directory reads, and an expression of interest every
    fifth request. Records every answer with its time."""

    def __init__(self, per_second):
        self.interval = 1.0 / per_second
        self.results = []  # (sent, kind, status, headers, body, extra, answered)
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.count = 0
        self.threads = []

    def start(self, threads=64):
        self.started = time.monotonic()
        for n in range(threads):
            thread = threading.Thread(target=self.run, args=(n, threads), daemon=True)
            thread.start()
            self.threads.append(thread)

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join()

    def run(self, n, threads):
        # Each thread keeps its own slots of a shared schedule, so the rate holds however long
        # an answer takes (within the threads' number).
        slot = n
        while not self.stopping.is_set():
            due = self.started + slot * self.interval
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            self.one(slot)
            slot += threads

    def one(self, slot):
        at = time.monotonic()
        if slot % 5 == 4:
            marker = f"load-{uuid.uuid4().hex[:12]}"
            form = ask_form(marker)
            status, headers, body = request(
                "POST", f"/coaches/{COACH}/ask", urllib.parse.urlencode(form)
            )
            record = (at, "ask", status, headers, body, form)
        elif slot % 5 == 3:
            path = f"/coaches?q={uuid.uuid4().hex[:6]}"
            status, headers, body = request("GET", path)
            record = (at, "new search", status, headers, body, path)
        else:
            path = KEPT_SEARCHES[slot % len(KEPT_SEARCHES)]
            status, headers, body = request("GET", path)
            record = (at, "kept search", status, headers, body, path)
        with self.lock:
            self.results.append(record + (time.monotonic(),))

    def between(self, start, end):
        """The requests sent after `start` and answered before `end`."""
        with self.lock:
            return [r for r in self.results if start <= r[0] and r[6] < end]


def answered_by(logs, path):
    """How many requests for `path` (its path alone) each server's log says it answered."""
    return [
        sum(1 for line in open(log) if f" path={path} " in line and "finished processing request" in line)
        for log in logs
    ]


def phase_two_servers(logs):
    print("Two servers behind the proxy:", flush=True)
    statuses = {request("GET", "/coaches")[0] for _ in range(20)}
    check(statuses == {200}, "the directory answers through the proxy (20 of 20)")
    counts = answered_by(logs, "/coaches")
    check(all(c > 0 for c in counts), f"both servers answered them (each: {counts})")

    # A session made on one server holds on the other: sessions are in PostgreSQL.
    status, headers, _ = request(
        "POST",
        "/sign-in",
        urllib.parse.urlencode(
            {"email": "staff@example.org", "password": "cascade-demo", "next": "/staff"}
        ),
    )
    cookie = (headers or {}).get("set-cookie", "").split(";")[0]
    check(status == 303 and cookie, "the demo staff member signs in")
    before = answered_by(logs, "/staff")
    statuses = {request("GET", "/staff", headers={"Cookie": cookie})[0] for _ in range(10)}
    after = answered_by(logs, "/staff")
    check(statuses == {200}, "their session is recognised on every request (10 of 10)")
    check(all(a > b for a, b in zip(after, before)), "and those requests reached both servers")

    # Wrong passwords are counted in PostgreSQL: however the proxy spreads them, the fifth in a
    # row (three are free, the fourth sets a wait) is told to wait.
    before = answered_by(logs, "/sign-in")
    answered = []
    for _ in range(5):
        status, _, body = request(
            "POST",
            "/sign-in",
            urllib.parse.urlencode(
                {"email": "coach@example.org", "password": "not the password", "next": "/me"}
            ),
        )
        answered.append((status, "Too many wrong passwords" in body))
    after = answered_by(logs, "/sign-in")
    check(all(a > b for a, b in zip(after, before)) and answered[-1] == (429, True)
          and all(not slowed for _, slowed in answered[:4]),
          "sign-in throttling holds across both: the fifth wrong password in a row is told to wait")


def phase_outage():
    print(f"Steady load, PostgreSQL stopped for {OUTAGE_SECONDS} s:", flush=True)
    # Warm: read the kept searches and the ask form on each server (new searches can never
    # be kept).
    for path in KEPT_SEARCHES + [f"/coaches/{COACH}/ask"]:
        for _ in range(2):
            request("GET", path)
    load = Load(per_second=60)
    load.start()
    time.sleep(5)

    stopped_at = time.monotonic()
    subprocess.run(PG_STOP, shell=True, check=True, capture_output=True)
    stopped = time.monotonic()
    first_503 = None
    while time.monotonic() - stopped < 3:
        status, _, _ = request("GET", "/healthz", timeout=3)
        if status == 503:
            first_503 = time.monotonic() - stopped
            break
        time.sleep(0.05)
    check(first_503 is not None and first_503 <= 1.0,
          f"/healthz said 503 {first_503:.2f} s after PostgreSQL stopped" if first_503 else "/healthz said 503")
    time.sleep(max(0.0, stopped_at + OUTAGE_SECONDS - time.monotonic()))

    subprocess.run(PG_START, shell=True, check=True, capture_output=True)
    started = time.monotonic()
    recovered = None
    while time.monotonic() - started < 15:
        health, _, _ = request("GET", "/healthz", timeout=3)
        search, _, _ = request("GET", f"/coaches?q={uuid.uuid4().hex[:6]}", timeout=3)
        marker = f"recovery-{uuid.uuid4().hex[:12]}"
        asked, _, _ = request("POST", f"/coaches/{COACH}/ask",
                              urllib.parse.urlencode(ask_form(marker)), timeout=3)
        if health == 200 and search == 200 and asked == 303:
            recovered = time.monotonic() - started
            break
        time.sleep(0.1)
    time.sleep(3)
    load.stop()
    check(recovered is not None and recovered <= 5.0,
          f"everything answered again {recovered:.2f} s after PostgreSQL started, without a restart"
          if recovered is not None else "everything answered again")

    total = len(load.results)
    seconds = max(r[0] for r in load.results) - min(r[0] for r in load.results)
    check(total / seconds >= 50, f"the load was {total / seconds:.0f} requests/s ({total} in {seconds:.0f} s)")

    # During the outage (sent from a second after the stop, so the database is surely gone,
    # and answered before it was started again): what each kind of request was answered.
    during = load.between(stopped + 1.0, started)
    kept = [r for r in during if r[1] == "kept search"]
    new = [r for r in during if r[1] == "new search"]
    asks = [r for r in during if r[1] == "ask"]
    check(kept and all(r[2] == 200 for r in kept),
          f"searches read before the outage were answered 200 from memory ({answers(kept)})")
    check(new and all(r[2] == 503 and r[3].get("retry-after") == "60" for r in new),
          f"new searches were answered 503 with Retry-After ({len(new)}; {answers(new)})")
    check(all("try again in a minute" in r[4] for r in new),
          "and their page says to try again in a minute")
    check(asks and all(r[2] == 503 for r in asks),
          f"expressions of interest were answered 503 ({answers(asks)})")
    for r in asks:
        form = dict(r[5])
        kept_typed = all(
            html_escaped(form[field]) in r[4] for field in ("goals", "email", "organisation_name")
        )
        if "try again in a minute" not in r[4] or not kept_typed:
            fail("an expression of interest during the outage was not answered with the form, "
                 "everything typed in it and 'try again in a minute'")
    print("  ok: each was answered with the form again, everything typed kept, and "
          "'try again in a minute'", flush=True)
    unanswered = [r for r in load.results if r[2] is None]
    check(not unanswered, f"no request went unanswered ({len(unanswered)})")

    # Not one acknowledged request lost.
    acknowledged = [dict(r[5])["submission_id"] for r in load.results if r[1] == "ask" and r[2] == 303]
    if not acknowledged:
        fail("no expression of interest was acknowledged")
    ids = ",".join(f"'{i}'" for i in acknowledged)
    found = int(psql(f"SELECT count(*) FROM expressions_of_interest WHERE submission_id IN ({ids})"))
    emailed = int(psql(
        "SELECT count(DISTINCT e.id) FROM expressions_of_interest e JOIN outbox o ON o.to_address = e.email "
        f"AND o.body LIKE '%' || e.reference || '%' WHERE e.submission_id IN ({ids})"
    ))
    check(acknowledged and found == len(acknowledged),
          f"every request a leader was told was sent is stored ({found} of {len(acknowledged)})")
    check(emailed == len(acknowledged),
          f"and each one's confirmation, with its reference, is in the outbox ({emailed})")


def answers(results):
    """How many of `results` got each status, as "503: 68" (no answer: None)."""
    counts = {}
    for r in results:
        key = (r[2], (r[3] or {}).get("retry-after"))
        counts[key] = counts.get(key, 0) + 1
    return ", ".join(
        f"{status}{' Retry-After ' + retry if retry else ''}: {n}" for (status, retry), n in sorted(counts.items(), key=str)
    )


def html_escaped(text):
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


def slow_ask(base, seconds):
    """Sends an expression of interest to `base` with its body spread over `seconds`, and
    prints the status it gets (or 'none')."""
    import socket
    url = urllib.parse.urlsplit(base)
    body = urllib.parse.urlencode(ask_form(f"slow-{uuid.uuid4().hex[:12]}")).encode()
    head = (
        f"POST /coaches/{COACH}/ask HTTP/1.1\r\nHost: {url.netloc}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\nSec-Fetch-Site: same-origin\r\n"
        f"Origin: {base}\r\nContent-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    try:
        with socket.create_connection((url.hostname, url.port), timeout=15) as connection:
            connection.sendall(head)
            pieces = 10
            step = len(body) // pieces + 1
            for n in range(0, len(body), step):
                connection.sendall(body[n:n + step])
                time.sleep(seconds / pieces)
            answer = connection.recv(64).decode("latin-1")
        print(answer.split(" ")[1] if answer.startswith("HTTP/1.1 ") else "none")
    except OSError:
        print("none")


if __name__ == "__main__":
    if sys.argv[1] == "--slow-ask":
        slow_ask(sys.argv[2], float(sys.argv[3]))
        sys.exit(0)
    BASE = urllib.parse.urlsplit(sys.argv[1])
    DATABASE_URL = sys.argv[2]
    logs = sys.argv[3:]
    phase_two_servers(logs)
    phase_outage()
    print("Resilience checks passed.", flush=True)
