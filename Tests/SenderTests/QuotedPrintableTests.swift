import Sender
import Testing

@Suite("Quoted-printable encoding")
struct QuotedPrintableTests {
    @Test(
        "small cases encode as RFC 2045 says",
        arguments: [
            ("plain text", "plain text"),
            ("a = b", "a =3D b"),
            ("trailing space \nnext", "trailing space=20\r\nnext"),
            ("trailing tab\t", "trailing tab=09"),
            ("line\r\nbreaks\nkept\n", "line\r\nbreaks\r\nkept\r\n"),
            (".\n", "=2E\r\n"),
            ("..dots", "=2E.dots"),
            ("From here\nFromage", "=46rom here\r\nFromage"),
            ("Nguyễn", "Nguy=E1=BB=85n"),
            ("lone\rCR", "lone=0DCR"),
            ("", ""),
        ])
    func smallCases(input: String, expected: String) {
        #expect(QuotedPrintable.encode(input) == expected)
    }

    @Test(
        "long lines get soft breaks and no encoded line passes 76 characters",
        arguments: [
            String(repeating: "a", count: 300),
            String(repeating: "東京 ", count: 80),
            String(repeating: "x", count: 75) + "=",
            String(repeating: "x", count: 74) + " ",
            String(repeating: "y", count: 76),
            String(repeating: ". ", count: 100),
        ])
    func softBreaks(input: String) {
        let encoded = QuotedPrintable.encode(input)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 })
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
        #expect(lines.allSatisfy { !$0.hasPrefix(".") })
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") && !$0.hasSuffix("\t") })
        #expect(decode(encoded) == Array(input.utf8))
    }

    /// A small decoder, enough to check the encoder's own output.
    private func decode(_ encoded: String) -> [UInt8] {
        let bytes = Array(encoded.utf8)
        var output: [UInt8] = []
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "="), index + 2 < bytes.count {
                if bytes[index + 1] == UInt8(ascii: "\r") {
                    index += 3
                    continue
                }
                let hex = String(decoding: bytes[index + 1...index + 2], as: UTF8.self)
                output.append(UInt8(hex, radix: 16) ?? 0)
                index += 3
            } else if bytes[index] == UInt8(ascii: "="), index + 2 == bytes.count {
                let hex = String(decoding: bytes[index + 1...index + 1], as: UTF8.self)
                output.append(UInt8(hex, radix: 16) ?? 0)
                index += 2
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return output
    }
}
