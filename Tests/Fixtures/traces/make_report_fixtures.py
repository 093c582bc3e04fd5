#!/usr/bin/env python3
"""Writes the two traces the golden text reports are made from (OTLP JSON, deterministic).

    python3 make_report_fixtures.py      # writes deep30.otlp.json and cjk.otlp.json here

deep30.otlp.json: a request 30 levels deep. A chain of 29 spans (levels 0-28) over six
services, each level with a little time of its own before and after its child, then three
sequential SELECTs at level 29 (an N+1 run). Side calls at levels 1 and 26 make branches;
at level 5 a child starts after its parent ended (dropped, with 3 spans below it), and at
level 7 a child runs past its parent's end (clipped). The leaf's error surfaces up the chain.

cjk.otlp.json: a checkout with Japanese, Chinese and Korean service and operation names (wide
characters), a fullwidth name, a name with a combining accent, three sequential stock checks
(N+1), a payment timeout with a long Japanese message without spaces that the gateway handled
(the request succeeds), a PRODUCER -> CONSUMER hop to a notification consumer that fails (an
async failure, its root cause an SMTP call) and an orphan.
"""
import json

T0 = 1710144000000000  # 2024-03-11T08:00:00Z in microseconds
OTLP_KIND = {"INTERNAL": 1, "SERVER": 2, "CLIENT": 3, "PRODUCER": 4, "CONSUMER": 5}


def span_id(n):
    return "%016x" % n


def otlp(trace_id, spans):
    """spans: dicts with id, parent, service, name, kind, start, end (us), error, db."""
    services = []
    for s in spans:
        if s["service"] not in services:
            services.append(s["service"])

    def one(s):
        d = {"traceId": trace_id, "spanId": span_id(s["id"]), "name": s["name"], "kind": OTLP_KIND[s["kind"]],
             "startTimeUnixNano": str((T0 + s["start"]) * 1000), "endTimeUnixNano": str((T0 + s["end"]) * 1000)}
        if s.get("parent"):
            d["parentSpanId"] = span_id(s["parent"])
        if s.get("db"):
            d["attributes"] = [{"key": "db.system", "value": {"stringValue": "postgresql"}}]
        d["status"] = {"code": 2, "message": s["error"]} if s.get("error") else {}
        return d

    return {"resourceSpans": [
        {"resource": {"attributes": [{"key": "service.name", "value": {"stringValue": svc}}]},
         "scopeSpans": [{"scope": {"name": "fixture"}, "spans": [one(s) for s in spans if s["service"] == svc]}]}
        for svc in services]}


def deep30():
    services = ["edge", "gateway", "orders", "inventory", "pricing", "ledger"]
    verbs = ["GET /v1/orders/{id}", "authorize", "load order", "check stock", "price items", "write entry"]
    spans = []
    chain = 29
    before = [1000 + 250 * ((i * 7) % 5) for i in range(chain)]  # own time before the child
    after = [500 + 300 * ((i * 3) % 4) for i in range(chain)]    # own time after the child
    leaf_work = 3 * 10000 + 2 * 1000                              # three SELECTs and two gaps
    starts = [sum(before[:i]) for i in range(chain)]
    ends = [0] * chain
    end = starts[chain - 1] + before[chain - 1] + leaf_work + after[chain - 1]
    ends[chain - 1] = end
    for i in range(chain - 2, -1, -1):
        ends[i] = ends[i + 1] + after[i]
    for i in range(chain):
        spans.append({"id": i + 1, "parent": i if i > 0 else None, "service": services[i % 6],
                      "name": "level %02d %s" % (i, verbs[i % 6]), "kind": "SERVER" if i % 6 == 0 else "INTERNAL",
                      "start": starts[i], "end": ends[i],
                      "error": "stock check failed" if i >= 24 or i % 6 == 0 else None})
    # Level 29: three sequential SELECTs under the last chain span; the last one fails.
    t = starts[chain - 1] + before[chain - 1]
    for k in range(3):
        spans.append({"id": 100 + k, "parent": chain, "service": "inventory-db", "name": "SELECT stock",
                      "kind": "CLIENT", "start": t, "end": t + 10000, "db": True,
                      "error": "deadlock detected" if k == 2 else None})
        t += 11000
    # Branches: a cache lookup at level 2 (under level 1) and an audit call at level 27 (under 26),
    # each inside its parent's own time before the deep child starts.
    spans.append({"id": 200, "parent": 2, "service": "gateway", "name": "cache GET session", "kind": "CLIENT",
                  "start": starts[1] + 100, "end": starts[1] + 700})
    spans.append({"id": 201, "parent": 27, "service": "pricing", "name": "audit price", "kind": "CLIENT",
                  "start": starts[26] + 100, "end": starts[26] + 600})
    # Level 5: a child that starts after its parent ended (dropped), with 3 spans below it.
    late = ends[4] + 5000
    spans.append({"id": 300, "parent": 5, "service": "pricing", "name": "refresh price cache", "kind": "INTERNAL",
                  "start": late, "end": late + 4000})
    for k in range(3):
        spans.append({"id": 301 + k, "parent": 300 + (1 if k == 2 else 0), "service": "pricing",
                      "name": "load price %d" % k, "kind": "INTERNAL", "start": late + 100 + 1000 * k,
                      "end": late + 900 + 1000 * k})
    # Level 7: a child that runs past its parent's end (cut there).
    spans.append({"id": 400, "parent": 7, "service": "ledger", "name": "flush metrics", "kind": "INTERNAL",
                  "start": ends[6] - 200, "end": ends[6] + 3000})
    return otlp("5e1f0000000000000000000000000030", spans)


def cjk():
    spans = [
        {"id": 1, "service": "ＡＰＩゲートウェイ", "name": "POST /注文", "kind": "SERVER", "start": 0, "end": 120000},
        {"id": 2, "parent": 1, "service": "ＡＰＩゲートウェイ", "name": "ユーザー認証", "kind": "CLIENT",
         "start": 1000, "end": 9000},
        {"id": 3, "parent": 2, "service": "認証サービス", "name": "トークン検証", "kind": "SERVER",
         "start": 1500, "end": 8500},
        {"id": 4, "parent": 1, "service": "ＡＰＩゲートウェイ", "name": "注文を作成", "kind": "CLIENT",
         "start": 10000, "end": 110000, "error": "上流エラー"},
        {"id": 5, "parent": 4, "service": "注文サービス", "name": "注文を作成", "kind": "SERVER",
         "start": 11000, "end": 109000, "error": "決済エラー"},
        {"id": 6, "parent": 5, "service": "注文サービス", "name": "查询库存", "kind": "CLIENT",
         "start": 12000, "end": 22000, "db": True},
        {"id": 7, "parent": 5, "service": "注文サービス", "name": "查询库存", "kind": "CLIENT",
         "start": 22000, "end": 32000, "db": True},
        {"id": 8, "parent": 5, "service": "注文サービス", "name": "查询库存", "kind": "CLIENT",
         "start": 33000, "end": 43000, "db": True},
        {"id": 9, "parent": 5, "service": "注文サービス", "name": "결제 처리", "kind": "CLIENT",
         "start": 45000, "end": 105000,
         "error": "タイムアウト：決済ゲートウェイが五秒以内に応答しませんでした（三回再試行した後、注文は取り消されました）"},
        {"id": 10, "parent": 9, "service": "결제 서비스", "name": "카드 승인", "kind": "SERVER",
         "start": 46000, "end": 104000},
        {"id": 11, "parent": 1, "service": "ＡＰＩゲートウェイ", "name": "publish cafe\u0301 order", "kind": "PRODUCER",
         "start": 111000, "end": 112000},
        {"id": 12, "parent": 11, "service": "通知", "name": "发送通知邮件", "kind": "CONSUMER",
         "start": 115000, "end": 160000, "error": "通知失败"},
        {"id": 14, "parent": 12, "service": "通知", "name": "SMTP 送信", "kind": "CLIENT",
         "start": 120000, "end": 158000, "error": "SMTPサーバーが接続を拒否しました：421 サービスは一時的に利用できません"},
        {"id": 13, "parent": 0xff, "service": "通知", "name": "再送信", "kind": "INTERNAL",
         "start": 116000, "end": 117000},
    ]
    return otlp("c7c00000000000000000000000000001", spans)


if __name__ == "__main__":
    for name, doc in [("deep30.otlp.json", deep30()), ("cjk.otlp.json", cjk())]:
        with open(name, "w", encoding="utf-8") as f:
            json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
            f.write("\n")
