import Foundation

/// Trace exports generated for tests that need big inputs (parallel decoding starts at 4 MiB):
/// the same traces in each of the four formats loupe reads.
public enum TraceExports {
    /// At least `minimumBytes` of an export in `format` (`otlp`, `otlp-lines`, `jaeger` or
    /// `zipkin`): 8 spans per trace under seven services, one error span per trace; with
    /// `damaged`, trace 100's line of OTLP lines is cut short (one bad record).
    public static func generate(_ format: String, minimumBytes: Int, damaged: Bool = false) -> String {
        var parts: [String] = []
        var size = 0
        var trace = 0
        while size < minimumBytes {
            let id = String(format: "%032x", trace + 1)
            var spans: [String] = []
            for s in 0..<8 {
                let spanID = String(format: "%016x", trace * 8 + s + 1)
                let parent = s == 0 ? "" : String(format: "%016x", trace * 8 + 1)
                let start = 1_710_144_000_000_000 + trace * 1000 + s * 10
                switch format {
                case "otlp", "otlp-lines":
                    spans.append(
                        #"{"traceId":"\#(id)","spanId":"\#(spanID)","parentSpanId":"\#(parent)","name":"op \#(s)","kind":\#(s % 5 + 1),"#
                            + #""startTimeUnixNano":"\#(start)000","endTimeUnixNano":"\#(start + 5 + s)000","#
                            + #""attributes":[{"key":"n","value":{"intValue":"\#(s)"}}],"status":{"code":\#(s == 7 ? 2 : 0)}}"#)
                case "jaeger":
                    let references = s == 0 ? "[]" : #"[{"refType":"CHILD_OF","traceID":"\#(id)","spanID":"\#(parent)"}]"#
                    spans.append(
                        #"{"traceID":"\#(id)","spanID":"\#(spanID)","operationName":"op \#(s)","references":\#(references),"#
                            + #""startTime":\#(start),"duration":\#(5 + s),"processID":"p1","tags":[{"key":"n","type":"int64","value":\#(s)}]}"#
                    )
                default:
                    let parentMember = s == 0 ? "" : #""parentId":"\#(parent)","#
                    spans.append(
                        #"{"traceId":"\#(id)","id":"\#(spanID)",\#(parentMember)"name":"op \#(s)","timestamp":\#(start),"#
                            + #""duration":\#(5 + s),"localEndpoint":{"serviceName":"svc\#(trace % 7)"},"tags":{"n":"\#(s)"}}"#)
                }
            }
            var element: String
            switch format {
            case "otlp", "otlp-lines":
                element =
                    #"{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"svc\#(trace % 7)"}}]},"#
                    + #""scopeSpans":[{"scope":{"name":"gen"},"spans":[\#(spans.joined(separator: ","))]}]}"#
                if format == "otlp-lines" { element = #"{"resourceSpans":[\#(element)]}"# }
            case "jaeger":
                element =
                    #"{"traceID":"\#(id)","spans":[\#(spans.joined(separator: ","))],"processes":{"p1":{"serviceName":"svc\#(trace % 7)"}}}"#
            default:
                element = spans.joined(separator: ",\n")
            }
            if damaged && trace == 100 { element = format == "otlp-lines" ? #"{"resourceSpans":[{"# : element }
            parts.append(element)
            size += element.utf8.count + 2
            trace += 1
        }
        switch format {
        case "otlp": return #"{"resourceSpans":[\#(parts.joined(separator: ",\n"))]}"#
        case "otlp-lines": return parts.joined(separator: "\n") + "\n"
        case "jaeger": return #"{"data":[\#(parts.joined(separator: ",\n"))],"total":0,"limit":0}"#
        default: return "[" + parts.joined(separator: ",\n") + "]"
        }
    }
}
