extension String {
    /// This text with every character that `replacement` maps replaced by what it maps to: the
    /// one loop behind each output format's escaping rule (TSV, Markdown cells, annotations).
    func escaped(_ replacement: (Character) -> String?) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for ch in self {
            if let text = replacement(ch) { out += text } else { out.append(ch) }
        }
        return out
    }
}
