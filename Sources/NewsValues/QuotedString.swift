/// A MIME quoted-string (RFC 2045 parameter values, RFC 5322 section 3.2.4): `"a \"b\" c"` is `a "b" c`. The one
/// reader of them, for the bounce reader's `Content-Type` and the web server's `multipart/form-data`.
public enum QuotedString {
    /// The value of the quoted-string that `text` opens with (after its opening `"`), a backslash keeping the next
    /// character as it is, and what follows its closing `"` (empty when it has none: the value runs to the end).
    public static func read(afterOpeningQuote text: Substring) -> (value: String, rest: Substring) {
        var value = ""
        var escaped = false
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            index = text.index(after: index)
            if escaped {
                value.append(character)
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else if character == "\"" {
                break
            } else {
                value.append(character)
            }
        }
        return (value, text[index...])
    }
}
