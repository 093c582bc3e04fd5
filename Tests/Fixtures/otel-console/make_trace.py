#!/usr/bin/env python3
"""Writes the OpenTelemetry console-exporter fixtures with the real Python SDK.

    python3 -m venv /tmp/otelvenv && /tmp/otelvenv/bin/pip install opentelemetry-sdk \
        opentelemetry-exporter-otlp-proto-common
    /tmp/otelvenv/bin/python make_trace.py

checkout.console.txt is what ConsoleSpanExporter prints (pretty span objects one after
another); checkout.otlp.json is the same spans encoded by the SDK's OTLP encoder and written
with protobuf's JSON mapping (ids in base64, as that mapping writes bytes), for the test that
reads both formats and compares the analyses. Ids come from a seeded generator and times from a
fixed clock, so the output is the same on every run.
"""

import random
import sys

from google.protobuf.json_format import MessageToJson
from opentelemetry.exporter.otlp.proto.common.trace_encoder import encode_spans
from opentelemetry.sdk import version as sdk_version
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import ConsoleSpanExporter, SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.sdk.trace.id_generator import IdGenerator
from opentelemetry.trace import SpanKind, Status, StatusCode, set_span_in_context


class SeededIds(IdGenerator):
    """Random ids from a fixed seed: the fixture does not change between runs."""

    def __init__(self, seed):
        self.random = random.Random(seed)

    def generate_span_id(self):
        return self.random.getrandbits(64)

    def generate_trace_id(self):
        return self.random.getrandbits(128)


MS = 1_000_000
T0 = 1_762_531_921_123_456_000  # 2025-11-07T16:12:01.123456Z, whole microseconds


def at(ms):
    return T0 + ms * MS


def main():
    console = open("checkout.console.txt", "w")
    memory = InMemorySpanExporter()
    provider = TracerProvider(
        resource=Resource.create({"service.name": "checkout", "service.instance.id": "checkout-1", "deployment.environment": "test"}),
        id_generator=SeededIds(13),
    )
    provider.add_span_processor(SimpleSpanProcessor(ConsoleSpanExporter(out=console)))
    provider.add_span_processor(SimpleSpanProcessor(memory))
    tracer = provider.get_tracer("checkout.app", "1.0.0")

    def child(name, parent, start, kind=SpanKind.INTERNAL, attributes=None):
        return tracer.start_span(
            name, context=set_span_in_context(parent), kind=kind, attributes=attributes, start_time=at(start)
        )

    root = tracer.start_span(
        "GET /checkout",
        kind=SpanKind.SERVER,
        attributes={"http.request.method": "GET", "http.route": "/checkout", "http.response.status_code": 500},
        start_time=at(0),
    )
    # Nested work: the cart and its query.
    cart = child("load cart", root, 2)
    query = child("SELECT cart_items", cart, 3, SpanKind.CLIENT, {"db.system": "postgresql", "db.rows": 3})
    query.end(end_time=at(15))
    cart.end(end_time=at(16))
    # Two calls one after the other that do not depend on each other.
    inventory = child("GET /inventory", root, 17, SpanKind.CLIENT, {"server.address": "inventory", "retry.count": 0})
    inventory.end(end_time=at(57))
    pricing = child("GET /pricing", root, 58, SpanKind.CLIENT, {"server.address": "pricing", "tags": ("eu", "b2b")})
    pricing.end(end_time=at(88))
    # The error starts here and surfaces in the request.
    charge = child("charge card", root, 90, SpanKind.CLIENT, {"payment.provider": "acme", "amount": 42.5})
    # Raised in code compiled under a short file name, so that the recorded stack trace does not
    # hold the path of the checkout this script ran in.
    payments = compile(
        "try:\n"
        "    raise TimeoutError('card processor did not answer in 50 ms')\n"
        "except TimeoutError as error:\n"
        "    charge.record_exception(error, timestamp=at(140), escaped=True)\n"
        "    charge.set_status(Status(StatusCode.ERROR, 'TimeoutError: card processor did not answer in 50 ms'))\n",
        "payments.py",
        "exec",
    )
    exec(payments, {"charge": charge, "at": at, "Status": Status, "StatusCode": StatusCode})
    charge.end(end_time=at(141))
    root.set_status(Status(StatusCode.ERROR))
    root.end(end_time=at(145))

    provider.shutdown()
    console.close()
    with open("checkout.otlp.json", "w") as out:
        out.write(MessageToJson(encode_spans(memory.get_finished_spans())) + "\n")
    print(f"written with opentelemetry-sdk {sdk_version.__version__}", file=sys.stderr)


if __name__ == "__main__":
    main()
