/// JSON text written by tests, independently of the code under test.
public enum JSONText {
    /// `text` as a JSON string: quote, backslash and tab escaped (the random texts of the
    /// tests hold no other character that JSON requires escaped).
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
