/// Which addresses a client may open connections to.
///
/// The check runs on the address libcurl is about to connect to (its `CURLOPT_OPENSOCKETFUNCTION`), after the name
/// was resolved and before any byte is sent, for the first request and for every redirect and every address it
/// tries. So a host name that resolves to a private address, or resolves to a public one first and a private one
/// on the next lookup (DNS rebinding), is refused just like a literal `http://127.0.0.1/`: there is no earlier
/// check whose answer could differ from the connection's.
///
/// Through a proxy (`http_proxy` and the like) the address connected to is the proxy's, and the proxy chooses where
/// the request goes: a proxy on a private address is refused like any other private address.
public struct AddressPolicy: Sendable {
    /// Why an address is refused (`"a loopback address"`), or nil to allow it.
    public let refusal: @Sendable (ConnectAddress) -> String?

    /// A policy that refuses what `refusal` names.
    public init(refusing refusal: @escaping @Sendable (ConnectAddress) -> String?) {
        self.refusal = refusal
    }

    /// Public unicast addresses only: no loopback, private (RFC 1918, fc00::/7), link-local (169.254/16 with the
    /// cloud metadata address 169.254.169.254, fe80::/10), unspecified, shared (100.64/10), multicast or reserved
    /// address, written plainly or embedded in IPv6 (IPv4-mapped, IPv4-compatible, NAT64, 6to4).
    public static let publicOnly = AddressPolicy(refusing: { ConnectAddress.nonPublicReason($0.bytes) })
}

/// An address a connection is about to be opened to.
public struct ConnectAddress: Sendable, Equatable, CustomStringConvertible {
    /// 4 bytes for IPv4, 16 for IPv6.
    public var bytes: [UInt8]
    /// The TCP port.
    public var port: Int

    /// An address from its bytes and port.
    public init(bytes: [UInt8], port: Int) {
        self.bytes = bytes
        self.port = port
    }

    /// The address in its usual text form: `127.0.0.1`, `::ffff:10.0.0.1`, `fe80::1`.
    public var description: String { Self.text(bytes) }

    /// Why `bytes` (an IPv4 or IPv6 address) is not a public unicast address, or nil when it is one.
    public static func nonPublicReason(_ bytes: [UInt8]) -> String? {
        switch bytes.count {
        case 4: return ipv4Reason(bytes[0], bytes[1], bytes[2], bytes[3])
        case 16: return ipv6Reason(bytes)
        default: return "not an IP address"
        }
    }

    private static func ipv4Reason(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> String? {
        switch (a, b) {
        case (0, _): return (b, c, d) == (0, 0, 0) ? "the unspecified address" : "a 'this network' address (0/8)"
        case (10, _), (172, 16...31), (192, 168): return "a private address (RFC 1918)"
        case (127, _): return "a loopback address"
        case (169, 254):
            return (c, d) == (169, 254) ? "the cloud metadata address (link-local)" : "a link-local address"
        case (100, 64...127): return "a shared address (carrier-grade NAT, 100.64/10)"
        case (192, 0) where c == 0: return "a reserved address (192.0.0/24)"
        case (198, 18...19): return "a reserved address (benchmarking, 198.18/15)"
        case (224...239, _): return "a multicast address"
        case (240...255, _):
            return (a, b, c, d) == (255, 255, 255, 255) ? "the broadcast address" : "a reserved address"
        default: return nil
        }
    }

    private static func ipv6Reason(_ bytes: [UInt8]) -> String? {
        let firstTen = bytes[0..<10].allSatisfy { $0 == 0 }
        let embedded = { (start: Int) in (bytes[start], bytes[start + 1], bytes[start + 2], bytes[start + 3]) }
        if firstTen && bytes[10] == 0xFF && bytes[11] == 0xFF {
            let (a, b, c, d) = embedded(12)
            return ipv4Reason(a, b, c, d).map { "\($0), IPv4-mapped" }
        }
        if firstTen && bytes[10] == 0 && bytes[11] == 0 {
            if bytes[12..<15].allSatisfy({ $0 == 0 }) {
                if bytes[15] == 0 { return "the unspecified address" }
                if bytes[15] == 1 { return "a loopback address" }
            }
            let (a, b, c, d) = embedded(12)
            return ipv4Reason(a, b, c, d).map { "\($0), IPv4-compatible" } ?? "a reserved address (::/96)"
        }
        // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach the IPv4 address inside them.
        if bytes[0..<12].elementsEqual([0x00, 0x64, 0xFF, 0x9B, 0, 0, 0, 0, 0, 0, 0, 0]) {
            let (a, b, c, d) = embedded(12)
            return ipv4Reason(a, b, c, d).map { "\($0), through NAT64" }
        }
        if bytes[0] == 0x20 && bytes[1] == 0x02 {
            let (a, b, c, d) = embedded(2)
            return ipv4Reason(a, b, c, d).map { "\($0), through 6to4" }
        }
        switch bytes[0] {
        case 0xFC, 0xFD: return "a unique local address (fc00::/7)"
        case 0xFE where bytes[1] & 0xC0 == 0x80: return "a link-local address (fe80::/10)"
        case 0xFE where bytes[1] & 0xC0 == 0xC0: return "a site-local address (fec0::/10)"
        case 0xFF: return "a multicast address"
        default: return nil
        }
    }

    /// The usual text form of an IPv4 or IPv6 address (RFC 5952: lower case, the longest run of zero groups as
    /// `::`, IPv4-mapped addresses with their dotted quad).
    static func text(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        guard bytes.count == 16 else { return "?" }
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xFF && bytes[11] == 0xFF {
            return "::ffff:" + bytes[12...].map(String.init).joined(separator: ".")
        }
        let groups = stride(from: 0, to: 16, by: 2).map { Int(bytes[$0]) << 8 | Int(bytes[$0 + 1]) }
        // The longest run of two or more zero groups (the first such, on a tie).
        var best: Range<Int>? = nil
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            var end = index
            while end < 8 && groups[end] == 0 { end += 1 }
            if end - index >= 2 && end - index > (best?.count ?? 0) { best = index..<end }
            index = end
        }
        let hex = { (slice: ArraySlice<Int>) in slice.map { String($0, radix: 16) }.joined(separator: ":") }
        guard let best else { return hex(groups[...]) }
        return hex(groups[..<best.lowerBound]) + "::" + hex(groups[best.upperBound...])
    }
}
