/// The latency regression gate (TRACE-SEMANTICS section 6) lives here.
enum LoupeGateModule {}
