import Foundation
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Parses an SVG or HTML document as XML and keeps what the safety tests ask about: the
/// elements by name, every attribute name, the elements of a class, and the text.
final class MarkupChecker: NSObject, XMLParserDelegate {
    private(set) var elements: [String: Int] = [:]
    private(set) var attributeNames: Set<String> = []
    private(set) var classes: [String: Int] = [:]
    private(set) var text = ""
    private(set) var attributeValues: [String] = []
    private(set) var error: String?

    /// Nil when `document` is not well-formed XML (the reason is in `error`).
    static func parse(_ document: String) -> MarkupChecker {
        let checker = MarkupChecker()
        let parser = XMLParser(data: Data(document.utf8))
        parser.delegate = checker
        if !parser.parse() {
            checker.error = "\(parser.parserError.map { "\($0)" } ?? "unknown") at line \(parser.lineNumber), column \(parser.columnNumber)"
        }
        return checker
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]
    ) {
        elements[name, default: 0] += 1
        for (key, value) in attributes {
            attributeNames.insert(key.lowercased())
            attributeValues.append(value)
        }
        for c in (attributes["class"] ?? "").split(separator: " ") { classes[String(c), default: 0] += 1 }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text += string
    }

    /// What makes a page run something: a script element, an event handler attribute, a link
    /// or a reference to anything outside the document.
    var activeContent: [String] {
        var found: [String] = []
        for name in ["script", "iframe", "object", "embed", "a", "img", "image", "use", "foreignObject", "link", "onload"]
        where elements[name] != nil {
            found.append("<\(name)>")
        }
        for name in attributeNames where name.hasPrefix("on") || name == "href" || name == "xlink:href" || name == "src" {
            found.append(name + "=")
        }
        for value in attributeValues where value.contains("javascript:") || value.contains("url(") { found.append(value) }
        return found
    }
}
