#!/usr/bin/env python3
"""Writes one hand-made checkout trace in the four export formats loupe reads.

    python3 make_checkout_fixtures.py     # writes checkout.otlp.json, checkout.otlp.jsonl,
                                          # checkout.jaeger.json, checkout.zipkin.json here

Times are whole microseconds, so Jaeger and Zipkin (microsecond formats) carry exactly the
same trace as OTLP: loupe must print identical JSON for all four. The trace has a back-to-back
pair, an N+1 run of three SELECTs, a clock-skewed server span, a PRODUCER -> CONSUMER hop, an
orphan, a duplicate span and an error that starts at a leaf and surfaces three times.
"""
import json

T0 = 1710144000000000  # 2024-03-11T08:00:00Z in microseconds
TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"

# id, parent, service, name, kind, start us, end us, error message, db
SPANS = [
    ("0000000000000001", None, "frontend", "GET /checkout", "SERVER", 0, 100000, "checkout failed", False),
    ("0000000000000002", "0000000000000001", "frontend", "GET /cart", "CLIENT", 1000, 11000, None, False),
    ("000000000000000e", "0000000000000002", "cart", "GET /cart", "SERVER", 500, 10500, None, False),
    ("0000000000000003", "0000000000000001", "frontend", "GET /user", "CLIENT", 11000, 21000, None, False),
    ("0000000000000004", "0000000000000001", "frontend", "POST /charge", "CLIENT", 22000, 90000, "upstream error", False),
    ("0000000000000005", "0000000000000004", "payments", "POST /charge", "SERVER", 23000, 89000, "psp failed", False),
    ("0000000000000006", "0000000000000005", "payments", "SELECT charges", "CLIENT", 30000, 40000, None, True),
    ("0000000000000007", "0000000000000005", "payments", "SELECT charges", "CLIENT", 40000, 50000, None, True),
    ("0000000000000008", "0000000000000005", "payments", "SELECT charges", "CLIENT", 51000, 60000, None, True),
    ("0000000000000009", "0000000000000005", "payments", "POST psp", "CLIENT", 60000, 88000, "deadline exceeded", False),
    ("000000000000000a", "0000000000000001", "frontend", "publish order", "PRODUCER", 91000, 92000, None, False),
    ("000000000000000b", "000000000000000a", "notifications", "process order", "CONSUMER", 95000, 150000, None, False),
    ("000000000000000c", "00000000000000ff", "notifications", "late retry", "INTERNAL", 96000, 97000, None, False),
    # A second copy of 0000000000000002 (another exporter sent it too): dropped, first wins.
    ("0000000000000002", "0000000000000001", "frontend", "GET /cart (copy)", "CLIENT", 1000, 12000, None, False),
]

OTLP_KIND = {"INTERNAL": 1, "SERVER": 2, "CLIENT": 3, "PRODUCER": 4, "CONSUMER": 5}


def otlp_span(s):
    sid, parent, svc, name, kind, start, end, err, db = s
    d = {"traceId": TRACE, "spanId": sid, "name": name, "kind": OTLP_KIND[kind],
         "startTimeUnixNano": str((T0 + start) * 1000), "endTimeUnixNano": str((T0 + end) * 1000)}
    if parent:
        d["parentSpanId"] = parent
    if db:
        d["attributes"] = [{"key": "db.system", "value": {"stringValue": "postgresql"}}]
    d["status"] = {"code": 2, "message": err} if err else {}
    return d


def otlp_request(spans):
    services = []
    for s in spans:
        if s[2] not in services:
            services.append(s[2])
    return {"resourceSpans": [
        {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": svc}}]},
         "scopeSpans": [{"scope": {"name": "fixture"}, "spans": [otlp_span(s) for s in spans if s[2] == svc]}]}
        for svc in services]}


def jaeger():
    procs = {}
    for s in SPANS:
        procs.setdefault(s[2], "p%d" % (len(procs) + 1))
    spans = []
    for sid, parent, svc, name, kind, start, end, err, db in SPANS:
        tags = [{"key": "span.kind", "type": "string", "value": kind.lower()}]
        if db:
            tags.append({"key": "db.system", "type": "string", "value": "postgresql"})
        if err:
            tags += [{"key": "error", "type": "bool", "value": True},
                     {"key": "otel.status_description", "type": "string", "value": err}]
        refs = [{"refType": "CHILD_OF", "traceID": TRACE, "spanID": parent}] if parent else []
        spans.append({"traceID": TRACE, "spanID": sid, "operationName": name, "references": refs,
                      "startTime": T0 + start, "duration": end - start, "tags": tags, "logs": [],
                      "processID": procs[svc], "warnings": None})
    return {"data": [{"traceID": TRACE, "spans": spans,
                      "processes": {p: {"serviceName": s, "tags": []} for s, p in procs.items()}, "warnings": None}],
            "total": 0, "limit": 0, "offset": 0, "errors": None}


def zipkin():
    out = []
    for sid, parent, svc, name, kind, start, end, err, db in SPANS:
        d = {"traceId": TRACE, "id": sid}
        if parent:
            d["parentId"] = parent
        if kind != "INTERNAL":
            d["kind"] = kind
        d.update({"name": name, "timestamp": T0 + start, "duration": end - start,
                  "localEndpoint": {"serviceName": svc}})
        tags = {}
        if db:
            tags["db.system"] = "postgresql"
        if err:
            tags["error"] = err
        if tags:
            d["tags"] = tags
        out.append(d)
    return out


with open("checkout.otlp.json", "w") as f:
    json.dump(otlp_request(SPANS), f, indent=2)
    f.write("\n")
with open("checkout.otlp.jsonl", "w") as f:
    # Two export batches; the async consumer and the orphan arrive in the second.
    late = {"000000000000000b", "000000000000000c"}
    f.write(json.dumps(otlp_request([s for s in SPANS if s[0] not in late]), separators=(",", ":")) + "\n")
    f.write(json.dumps(otlp_request([s for s in SPANS if s[0] in late]), separators=(",", ":")) + "\n")
with open("checkout.jaeger.json", "w") as f:
    json.dump(jaeger(), f, indent=2)
    f.write("\n")
with open("checkout.zipkin.json", "w") as f:
    json.dump(zipkin(), f, indent=2)
    f.write("\n")
