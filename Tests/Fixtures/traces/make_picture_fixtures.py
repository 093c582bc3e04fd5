#!/usr/bin/env python3
"""Writes the fixtures of the pictures' tests (deterministic, stdlib only):

hostile.otlp.json  a small trace whose service names, span names, attribute values and status
                   message try to break out of SVG and HTML: the pictures must show them as text.
python3 make_picture_fixtures.py --big N > big.json
                   one trace of N spans (not committed; docs/TRACES.md measures drawing it):
                   a request fanning out to 40 services, each making runs of sequential calls
                   (redis, SQL, HTTP) with a child each, some failing.

wide.otlp.json     a request of 244 spans: 40 sequential redis GetDriver calls, 150 parallel
                   cache reads, 13 SQL queries, each with a child: the waterfall collapses the
                   repeated siblings into rows like "×40 redis GetDriver".
"""
import json
import os

T0 = 1710144000 * 10**9
HERE = os.path.dirname(os.path.abspath(__file__))


def attr(key, value):
    return {"key": key, "value": {"stringValue": value}}


def span(trace, sid, parent, name, start_ms, end_ms, kind=3, error=None, attrs=()):
    s = {"traceId": trace, "spanId": "%016x" % sid, "name": name, "kind": kind,
         "startTimeUnixNano": str(T0 + int(start_ms * 1e6)), "endTimeUnixNano": str(T0 + int(end_ms * 1e6)),
         "attributes": [attr(k, v) for k, v in attrs], "status": {}}
    if parent:
        s["parentSpanId"] = "%016x" % parent
    if error is not None:
        s["status"] = {"code": 2, "message": error}
    return s


def document(by_service):
    return {"resourceSpans": [
        {"resource": {"attributes": [attr("service.name", service)]},
         "scopeSpans": [{"scope": {"name": "fixture"}, "spans": spans}]}
        for service, spans in by_service]}


def hostile():
    t = "0af7651916cd43dd8448eb211c80319c"
    front = [span(t, 1, None, "<script>alert(1)</script>", 0, 100, kind=2, error="failed & </title><script>alert(3)</script>")]
    evil = [
        span(t, 2, 1, "\" onmouseover=\"alert(1)", 5, 40, attrs=[("note", "</title><script>alert(2)</script>"), ("q", "a'b\"c<d>&e")]),
        span(t, 3, 1, "]]><svg onload=alert(4)>", 42, 90, error="boom\u0001\u001b[31m"),
        span(t, 4, 1, "x' onclick='alert(5)", 42, 42),
    ]
    return document([("front<end>", front), ("'><img src=x onerror=alert(1)>", evil)])


def wide():
    t = "5b8aa5a2d2c872e8321cf37308d69df2"
    api, redis, cache, sql = [], [], [], []
    api.append(span(t, 1, None, "GET /dispatch", 0, 900, kind=2))
    sid = 2
    for i in range(40):  # sequential: an N+1 over RPC
        redis.append(span(t, sid, 1, "GetDriver", 10 + i * 10, 18 + i * 10, error="redis timeout" if i == 17 else None))
        sid += 1
    for i in range(150):  # parallel reads
        cache.append(span(t, sid, 1, "cache GET", 420 + (i % 10), 430 + (i % 10) + i % 7))
        sid += 1
    for i in range(13):
        q = sid
        sql.append(span(t, q, 1, "SELECT drivers", 460 + i * 30, 485 + i * 30, attrs=[("db.system", "mysql")]))
        sid += 1
        sql.append(span(t, sid, q, "fetch rows", 470 + i * 30, 484 + i * 30, kind=1))
        sid += 1
    for i in range(27):
        api.append(span(t, sid, 1, "render %d" % i, 850 + i, 851 + i, kind=1))
        sid += 1
    return document([("api", api), ("redis", redis), ("cache", cache), ("mysql", sql)])


def big(n):
    t = "6c7d8e9fa0b1c2d3e4f5061728394a5b"
    by_service = {}
    def add(service, s):
        by_service.setdefault(service, []).append(s)
    add("gateway", span(t, 1, None, "GET /big", 0, n * 0.01 + 10, kind=2))
    sid, services = 2, 40
    per_service = (n - 1) // services
    clock = 1.0
    for k in range(services):
        service = "svc-%02d" % k
        handler = sid
        sid += 1
        start = clock
        calls = (per_service - 1) // 2
        ops = ["redis GET", "SELECT orders", "HTTP GET /price", "cache MGET"]
        for i in range(calls):
            c0 = clock + 0.001
            c1 = c0 + 0.008
            add(service, span(t, sid, handler, ops[(i // 50) % len(ops)], c0, c1, error="timeout" if i % 997 == 13 else None))
            add(service, span(t, sid + 1, sid, "decode", c0 + 0.001, c1 - 0.001, kind=1))
            sid += 2
            clock = c1
        add(service, span(t, handler, 1, "handle %d" % k, start, clock + 0.001, kind=2))
        clock += 0.002
    while sid <= n:
        add("gateway", span(t, sid, 1, "audit", clock, clock + 0.001, kind=1))
        sid += 1
    by_service["gateway"][0]["endTimeUnixNano"] = str(T0 + int((clock + 1) * 1e6))
    return document(sorted(by_service.items()))


import sys
if len(sys.argv) == 3 and sys.argv[1] == "--big":
    json.dump(big(int(sys.argv[2])), sys.stdout)
    sys.stdout.write("\n")
    sys.exit(0)

for name, doc in [("hostile.otlp.json", hostile()), ("wide.otlp.json", wide())]:
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(doc, f, ensure_ascii=False)
        f.write("\n")
