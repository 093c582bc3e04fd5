/// A top-down flame graph (an icicle, as CRISP draws critical paths) of folded stacks: the
/// whole width is the total, each frame's width its share, children under their parent,
/// widest first. Frames narrower than half a pixel are left out (their time stays in the
/// parent's width).
///
/// Guarantees: well-formed XML, input escaped, a `<title>` per frame with its time and share.
package struct FlameGraphSVG: Sendable {
    package static let width = 1200
    static let rowHeight = 18
    static let maxDepth = 40

    final class Node {
        let name: String
        var value: Int64 = 0
        var children: [String: Node] = [:]
        init(_ name: String) { self.name = name }
    }

    package init() {}

    package func svg(_ stacks: FoldedStacks) -> String {
        let root = Node("all")
        for (stack, ns) in stacks.nanoseconds {
            root.value = root.value.addingSaturated(ns)
            var node = root
            for frame in stack.split(separator: ";").prefix(Self.maxDepth) {
                let name = String(frame)
                let child = node.children[name] ?? Node(name)
                node.children[name] = child
                child.value = child.value.addingSaturated(ns)
                node = child
            }
        }
        let palette = ServicePalette(collectServices(root))
        var body = ""
        var depth = 0
        draw(root, x: 0, depth: 0, total: max(1, root.value), palette: palette, body: &body, maxDepth: &depth)
        let height = (depth + 1) * Self.rowHeight + 4
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Self.width)\" height=\"\(height)\" viewBox=\"0 0 \(Self.width) \(height)\""
            + " font-family=\"ui-monospace, Menlo, Consolas, monospace\" font-size=\"11\" role=\"img\">\n"
            + "<style>.frame:hover rect{stroke:#111;stroke-width:1}.f{fill:#111}</style>\n" + body + "</svg>\n"
    }

    private func collectServices(_ root: Node) -> [String] {
        var out: [String] = []
        var stack = [root]
        while let n = stack.popLast() {
            if let space = n.name.firstIndex(of: " ") { out.append(String(n.name[..<space])) }
            stack += n.children.values
        }
        return out
    }

    private func draw(
        _ node: Node, x: Double, depth: Int, total: Int64, palette: ServicePalette, body: inout String, maxDepth: inout Int
    ) {
        let w = Double(node.value) / Double(total) * Double(Self.width)
        guard w >= 0.5 else { return }
        maxDepth = max(maxDepth, depth)
        let y = depth * Self.rowHeight
        let service = node.name.firstIndex(of: " ").map { String(node.name[..<$0]) } ?? node.name
        let fill = depth == 0 ? "#c9c9c9" : palette.color(service)
        let share = HumanDuration.percent(node.value, of: total)
        body +=
            "<g class=\"frame\"><title>\(Markup.escape(node.name))\n\(HumanDuration.text(node.value)) (\(share) of critical-path time)</title>"
        body +=
            "<rect x=\"\(Markup.number(x))\" y=\"\(y)\" width=\"\(Markup.number(max(0.5, w - 0.5)))\" height=\"\(Self.rowHeight - 1)\" fill=\"\(fill)\"/>"
        let characters = Int((w - 6) / 6.7)
        if characters >= 3 {
            body +=
                "<text class=\"f\" x=\"\(Markup.number(x + 3))\" y=\"\(y + 13)\">\(Markup.escape(Markup.elided(node.name, to: characters)))</text>"
        }
        body += "</g>\n"
        var cx = x
        for child in node.children.values.sorted(by: { $0.value != $1.value ? $0.value > $1.value : $0.name < $1.name }) {
            draw(child, x: cx, depth: depth + 1, total: total, palette: palette, body: &body, maxDepth: &maxDepth)
            cx += Double(child.value) / Double(total) * Double(Self.width)
        }
    }
}
