#!/usr/bin/env python3
"""Writes hotrod.log: the log lines HotROD's services would write for the trace in
Samples/hotrod-trace.json, one zap-style JSON line per span (two for error spans), carrying the
span's trace and span ids as HotROD's otelzap bridge does (`trace_id`, `span_id`).

    python3 make_hotrod_logs.py     # reads ../../../Samples/hotrod-trace.json, writes hotrod.log

Deterministic: the records follow the spans' start times; nothing is random.
"""
import datetime
import json

with open("../../../Samples/hotrod-trace.json") as f:
    doc = json.load(f)

records = []
for rs in doc["resourceSpans"]:
    service = next(a["value"]["stringValue"] for a in rs["resource"]["attributes"] if a["key"] == "service.name")
    for ss in rs["scopeSpans"]:
        for span in ss["spans"]:
            start = int(span["startTimeUnixNano"])
            end = int(span["endTimeUnixNano"])
            status = span.get("status", {})
            error = status.get("code") in (2, "STATUS_CODE_ERROR")
            base = {"trace_id": span["traceId"], "span_id": span["spanId"], "service": service}
            records.append((start, dict(base, level="info", msg="%s started" % span["name"])))
            if error:
                records.append((end, dict(base, level="error", msg=status.get("message") or "%s failed" % span["name"])))

records.sort(key=lambda r: (r[0], r[1]["span_id"], r[1]["level"]))
with open("hotrod.log", "w") as f:
    for ns, record in records:
        ts = datetime.datetime.fromtimestamp(ns // 1_000_000_000, datetime.timezone.utc)
        record = dict({"ts": ts.strftime("%Y-%m-%dT%H:%M:%S") + ".%09dZ" % (ns % 1_000_000_000)}, **record)
        f.write(json.dumps(record, separators=(",", ":")) + "\n")
