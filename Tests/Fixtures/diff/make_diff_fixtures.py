#!/usr/bin/env python3
"""Writes two runs of one checkout request, before and after a change, for `loupe diff`.

    python3 make_diff_fixtures.py     # writes base.otlp.json, cur.otlp.json, base.jaeger.json,
                                      # cur.jaeger.json, cur.zipkin.json and many.*.otlp.json here

The current run differs from the base in three ways whose effect is worked out by hand in
the tests: payments POST /charge got 84 ms slower on the critical path, it now runs SELECT
orders four times in a row instead of once (an N+1 loop: +3 calls, +6 ms on the critical
path), and GET /user fails. The two runs have different trace and span ids: only their
operation paths line up. Times are whole microseconds, so the Jaeger and Zipkin copies carry
exactly the same traces as the OTLP ones.
"""
import json

T0 = 1710144000000000  # 2024-03-11T08:00:00Z in microseconds

# id, parent, service, name, kind, start us, end us, error message
BASE = [
    ("a1", None, "frontend", "GET /checkout", "SERVER", 0, 50000, None),
    ("a2", "a1", "frontend", "GET /cart", "CLIENT", 1000, 11000, None),
    ("a3", "a2", "cart", "GET /cart", "SERVER", 1500, 10500, None),
    ("a4", "a1", "frontend", "POST /charge", "CLIENT", 12000, 42000, None),
    ("a5", "a4", "payments", "POST /charge", "SERVER", 12500, 41500, None),
    ("a6", "a5", "payments", "SELECT orders", "CLIENT", 13000, 15000, None),
    ("a7", "a1", "frontend", "GET /user", "CLIENT", 43000, 48000, None),
]
CUR = [
    ("b1", None, "frontend", "GET /checkout", "SERVER", 0, 140000, None),
    ("b2", "b1", "frontend", "GET /cart", "CLIENT", 1000, 11000, None),
    ("b3", "b2", "cart", "GET /cart", "SERVER", 1500, 10500, None),
    ("b4", "b1", "frontend", "POST /charge", "CLIENT", 12000, 132000, None),
    ("b5", "b4", "payments", "POST /charge", "SERVER", 12500, 131500, None),
    ("b6", "b5", "payments", "SELECT orders", "CLIENT", 13000, 15000, None),
    ("b7", "b5", "payments", "SELECT orders", "CLIENT", 15000, 17000, None),
    ("b8", "b5", "payments", "SELECT orders", "CLIENT", 17000, 19000, None),
    ("b9", "b5", "payments", "SELECT orders", "CLIENT", 19000, 21000, None),
    ("ba", "b1", "frontend", "GET /user", "CLIENT", 133000, 138000, "user service unavailable"),
]
OTLP_KIND = {"INTERNAL": 1, "SERVER": 2, "CLIENT": 3}


def span_id(short):
    return short.rjust(16, "0")


def otlp(traces):
    """One OTLP request holding `traces`: a list of (trace id, spans, time offset us)."""
    by_service = {}
    for trace_id, spans, offset in traces:
        for sid, parent, svc, name, kind, start, end, err in spans:
            d = {"traceId": trace_id, "spanId": span_id(sid), "name": name, "kind": OTLP_KIND[kind],
                 "startTimeUnixNano": str((T0 + offset + start) * 1000), "endTimeUnixNano": str((T0 + offset + end) * 1000)}
            if parent:
                d["parentSpanId"] = span_id(parent)
            d["status"] = {"code": 2, "message": err} if err else {}
            by_service.setdefault(svc, []).append(d)
    return {"resourceSpans": [
        {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": svc}}]},
         "scopeSpans": [{"scope": {"name": "fixture"}, "spans": spans}]} for svc, spans in by_service.items()]}


def jaeger(trace_id, spans):
    procs = {}
    for s in spans:
        procs.setdefault(s[2], "p%d" % (len(procs) + 1))
    out = []
    for sid, parent, svc, name, kind, start, end, err in spans:
        tags = [{"key": "span.kind", "type": "string", "value": kind.lower()}]
        if err:
            tags += [{"key": "error", "type": "bool", "value": True},
                     {"key": "otel.status_description", "type": "string", "value": err}]
        refs = [{"refType": "CHILD_OF", "traceID": trace_id, "spanID": span_id(parent)}] if parent else []
        out.append({"traceID": trace_id, "spanID": span_id(sid), "operationName": name, "references": refs,
                    "startTime": T0 + start, "duration": end - start, "tags": tags, "processID": procs[svc]})
    return {"data": [{"traceID": trace_id, "spans": out, "processes": {p: {"serviceName": s} for s, p in procs.items()}}]}


def zipkin(trace_id, spans):
    out = []
    for sid, parent, svc, name, kind, start, end, err in spans:
        d = {"traceId": trace_id, "id": span_id(sid), "kind": kind, "name": name, "timestamp": T0 + start,
             "duration": end - start, "localEndpoint": {"serviceName": svc}}
        if parent:
            d["parentId"] = span_id(parent)
        if err:
            d["tags"] = {"error": err}
        out.append(d)
    return out


def write(name, doc):
    with open(name, "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


BASE_ID = "0af7651916cd43dd8448eb211c80319c"
CUR_ID = "5b8efff798038103d269b633813fc60c"
write("base.otlp.json", otlp([(BASE_ID, BASE, 0)]))
write("cur.otlp.json", otlp([(CUR_ID, CUR, 0)]))
write("base.jaeger.json", jaeger(BASE_ID, BASE))
write("cur.jaeger.json", jaeger(CUR_ID, CUR))
write("cur.zipkin.json", zipkin(CUR_ID, CUR))
# Three runs per side, one second apart (trace ids 1..3 and 4..6): the medians per trace are
# the single runs' figures, as two of the three runs on each side are that run.
write("many.base.otlp.json", otlp([("%032x" % 1, BASE, 0), ("%032x" % 2, BASE, 1000000), ("%032x" % 3, CUR, 2000000)]))
write("many.cur.otlp.json", otlp([("%032x" % 4, CUR, 0), ("%032x" % 5, BASE, 1000000), ("%032x" % 6, CUR, 2000000)]))
