#!/usr/bin/env python3
"""Writes sdk-checkout.logs.json with the real OpenTelemetry Python SDK.

    python3 -m venv /tmp/otelvenv && /tmp/otelvenv/bin/pip install opentelemetry-sdk \
        opentelemetry-exporter-otlp-proto-common
    /tmp/otelvenv/bin/python make_logs.py

Log records emitted inside spans (so they carry trace and span ids), encoded by the SDK's OTLP
encoder and written with protobuf's JSON mapping: lowerCamelCase, 64-bit integers as strings,
enums by name and ids in base64 (how that mapping writes bytes; the collector writes hex). The
records cover a severity given by text and number, by number only, an event time left out
(only the observed time), a key-value body and an exception. Fixed times and seeded ids make
the output the same on every run.
"""

import random

from google.protobuf.json_format import MessageToJson
from opentelemetry._logs import SeverityNumber
from opentelemetry.exporter.otlp.proto.common._log_encoder import encode_logs
from opentelemetry.sdk._logs import LoggerProvider
from opentelemetry.sdk._logs.export import InMemoryLogRecordExporter, SimpleLogRecordProcessor
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.id_generator import IdGenerator
from opentelemetry.trace import set_span_in_context


class SeededIds(IdGenerator):
    def __init__(self, seed):
        self.random = random.Random(seed)

    def generate_span_id(self):
        return self.random.getrandbits(64)

    def generate_trace_id(self):
        return self.random.getrandbits(128)


MS = 1_000_000
T0 = 1_762_531_921_123_456_000  # 2025-11-07T16:12:01.123456Z


def main():
    resource = Resource.create({"service.name": "checkout", "service.instance.id": "checkout-1"})
    tracer = TracerProvider(resource=resource, id_generator=SeededIds(13)).get_tracer("checkout.app")
    exporter = InMemoryLogRecordExporter()
    provider = LoggerProvider(resource=resource)
    provider.add_log_record_processor(SimpleLogRecordProcessor(exporter))
    log = provider.get_logger("checkout.payments", "1.0.0")

    request = tracer.start_span("GET /checkout", start_time=T0)
    inside = set_span_in_context(request)
    log.emit(
        timestamp=T0 + 1 * MS, observed_timestamp=T0 + 2 * MS, context=inside,
        severity_number=SeverityNumber.INFO, severity_text="INFO", body="checkout started",
        attributes={"user.id": "u-42", "cart.items": 3},
    )
    log.emit(
        timestamp=T0 + 40 * MS, observed_timestamp=T0 + 41 * MS, context=inside,
        severity_number=SeverityNumber.WARN, body="inventory answered slowly",
        attributes={"elapsed_ms": 39.5},
    )
    log.emit(
        observed_timestamp=T0 + 90 * MS, context=inside, severity_number=SeverityNumber.DEBUG2,
        body={"event": "price.computed", "total": 42.5, "currency": "EUR"},
    )
    log.emit(
        timestamp=T0 + 140 * MS, observed_timestamp=T0 + 141 * MS, context=inside,
        severity_number=SeverityNumber.ERROR, severity_text="ERROR", body="card charge failed",
        attributes={"exception.type": "TimeoutError", "exception.message": "card processor did not answer in 50 ms"},
    )
    request.end(end_time=T0 + 145 * MS)
    provider.shutdown()
    with open("sdk-checkout.logs.json", "w") as out:
        out.write(MessageToJson(encode_logs(exporter.get_finished_logs())) + "\n")


if __name__ == "__main__":
    main()
