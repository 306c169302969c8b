#!/usr/bin/env python3
"""Load on the explorer: 1000 API requests from 50 concurrent clients on loopback.

Starts `goodhart explore --port 0`, sends compare, frontier and regime requests (each with its own
model: C's mean varies, so no two bodies are alike), and fails on any error status, dropped
connection or crash. Prints the latency percentiles (p50, p99, max) and the throughput.

Usage: load_test.py [path/to/goodhart] [requests] [clients]
"""
import concurrent.futures
import http.client
import json
import pathlib
import re
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[2]
GOODHART = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / ".build" / "release" / "goodhart").resolve()
REQUESTS = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
CLIENTS = int(sys.argv[3]) if len(sys.argv) > 3 else 50

COMMANDS = [
    ("compare", ["--beta", "0.3", "--format", "json"]),
    ("frontier", ["--format", "svg", "--points", "40"]),
    ("regime", ["--format", "json", "--points", "40"]),
]


def body(index):
    command, args = COMMANDS[index % len(COMMANDS)]
    model = {
        "submodules": [
            {"name": "A", "mean": 1, "sd": 1, "truth": 1, "persuasion": 1},
            {"name": "B", "mean": 1, "sd": 1, "truth": 1, "persuasion": 0},
            {"name": "C", "mean": 1 + (index % 97) / 48, "sd": 1, "truth": 0, "persuasion": 1},
        ],
        "weights": [0.3, 0.3, 0.4],
    }
    return command, json.dumps({"model": model, "args": args})


def request(port, index):
    command, payload = body(index)
    started = time.monotonic()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("POST", f"/api/{command}", payload, {"Content-Type": "application/json"})
        response = connection.getresponse()
        data = response.read()
        return response.status, time.monotonic() - started, data[:200]
    finally:
        connection.close()


def main():
    server = subprocess.Popen([str(GOODHART), "explore", "--port", "0"], stdout=subprocess.PIPE, text=True)
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", server.stdout.readline())
    assert match, "goodhart explore printed no address"
    port = int(match.group(1))
    try:
        started = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(CLIENTS) as pool:
            results = list(pool.map(lambda i: request(port, i), range(REQUESTS)))
        wall = time.monotonic() - started
        failures = [(status, data) for status, _, data in results if status != 200]
        latencies = sorted(seconds for _, seconds, _ in results)
        percentile = lambda p: latencies[min(len(latencies) - 1, int(p * len(latencies)))] * 1000
        alive = server.poll() is None
        print(f"{REQUESTS} requests from {CLIENTS} clients in {wall:.1f} s ({REQUESTS / wall:.0f}/s): "
              f"p50 {percentile(0.50):.0f} ms, p99 {percentile(0.99):.0f} ms, max {latencies[-1] * 1000:.0f} ms; "
              f"{len(failures)} errors; server {'alive' if alive else 'DEAD'}")
        assert not failures, f"failed requests, e.g. {failures[:3]}"
        assert alive, "the server died under load"
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
