#!/usr/bin/env python3
"""Shrinks a Zipkin v2 export from ../shared/bench/gen_traces.py to what the gate reads.

    python3 ../shared/bench/gen_traces.py --format zipkin --traces 200 --seed 11 \
        | python3 Tests/Fixtures/gate/compact_zipkin.py > Tests/Fixtures/gate/base.zipkin.json

Keeps ids, parent, kind, name, timestamp, duration, the local service and the error tag
(status); drops the other tags, annotations and endpoints. One span per line, so a diff of a
re-generated fixture stays readable.
"""
import json
import sys

spans = json.load(sys.stdin)
out = []
for s in spans:
    d = {"traceId": s["traceId"]}
    if "parentId" in s:
        d["parentId"] = s["parentId"]
    d["id"] = s["id"]
    if "kind" in s:
        d["kind"] = s["kind"]
    d["name"] = s["name"]
    d["timestamp"] = s["timestamp"]
    d["duration"] = s["duration"]
    d["localEndpoint"] = {"serviceName": s["localEndpoint"]["serviceName"]}
    if "error" in s.get("tags", {}):
        d["tags"] = {"error": s["tags"]["error"]}
    out.append(json.dumps(d, separators=(",", ":")))
sys.stdout.write("[\n" + ",\n".join(out) + "\n]\n")
