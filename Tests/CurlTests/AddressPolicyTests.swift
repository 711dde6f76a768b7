import Curl
import DigestTestSupport
import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The bytes of an address written as text, through the system's own parser.
func addressBytes(_ text: String) -> [UInt8] {
    var v4 = in_addr()
    if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
    var v6 = in6_addr()
    if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
    return []
}

@Suite("Which addresses a fetch may connect to")
struct AddressPolicyTests {
    @Test(
        "loopback, private, link-local, unspecified, shared and embedded forms of them are not public",
        arguments: [
            ("127.0.0.1", "loopback"), ("127.255.0.9", "loopback"), ("10.1.2.3", "RFC 1918"),
            ("172.16.0.1", "RFC 1918"), ("172.31.255.255", "RFC 1918"), ("192.168.1.1", "RFC 1918"),
            ("169.254.169.254", "metadata"), ("169.254.1.1", "link-local"), ("0.0.0.0", "unspecified"),
            ("0.1.2.3", "this network"), ("100.64.0.1", "carrier-grade NAT"), ("100.127.255.255", "carrier-grade NAT"),
            ("224.0.0.1", "multicast"), ("255.255.255.255", "broadcast"), ("::1", "loopback"),
            ("::", "unspecified"), ("fc00::1", "unique local"), ("fd12:3456::1", "unique local"),
            ("fe80::1", "link-local"), ("febf::1", "link-local"), ("ff02::1", "multicast"),
            ("::ffff:127.0.0.1", "loopback address, IPv4-mapped"), ("::ffff:10.0.0.1", "RFC 1918"),
            ("::ffff:169.254.169.254", "metadata"), ("::127.0.0.1", "IPv4-compatible"),
            ("64:ff9b::a00:1", "NAT64"), ("2002:a9fe:a9fe::1", "metadata"),
        ])
    func notPublic(address: String, words: String) throws {
        let bytes = addressBytes(address)
        try #require(!bytes.isEmpty, "\(address) parses")
        let reason = try #require(ConnectAddress.nonPublicReason(bytes), "\(address) is refused")
        #expect(reason.contains(words), "\(address): \(reason)")
    }

    @Test(
        "public addresses pass, also next to the private ranges",
        arguments: [
            "8.8.8.8", "93.184.216.34", "172.15.255.255", "172.32.0.1", "100.63.255.255", "100.128.0.1",
            "169.253.255.255", "192.169.0.1", "11.0.0.1", "2606:4700::1111", "2001:db8::1", "::ffff:8.8.8.8",
            "64:ff9b::808:808", "2002:808:808::1",
        ])
    func isPublic(address: String) throws {
        let bytes = addressBytes(address)
        try #require(!bytes.isEmpty)
        #expect(ConnectAddress.nonPublicReason(bytes) == nil, "\(address)")
    }

    @Test(
        "addresses are written as people write them",
        arguments: ["127.0.0.1", "::1", "fe80::1", "::ffff:10.0.0.1", "2001:db8:0:1::5", "::"])
    func text(address: String) {
        #expect(ConnectAddress(bytes: addressBytes(address), port: 80).description == address)
    }

    @Test("publicOnly refuses a loopback URL before anything is sent, by address and by name")
    func publicOnlyRefusesLoopback() throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let client = try HTTPClient(addresses: .publicOnly)
        for url in [server.url("/text"), "http://localhost:\(server.port)/text"] {
            let error = try #require(throws: CurlError.self) { try client.get(HTTPRequest(url: url)) }
            #expect(error.code == .refusedAddress)
            #expect(error.url == url)
            #expect(error.message.contains("a loopback address"), "\(error)")
        }
        // The same client with no policy: the server was there all along.
        #expect(try HTTPClient().get(HTTPRequest(url: server.url("/text"))).status == 200)
    }

    @Test("every redirect is checked on the address it leads to")
    func redirectsAreChecked() throws {
        let first = try LoopbackHTTPServer()
        let second = try LoopbackHTTPServer()
        defer {
            first.stop()
            second.stop()
        }
        let refusedPort = second.port
        let policy = AddressPolicy(refusing: { $0.port == refusedPort ? "the second test server" : nil })
        let client = try HTTPClient(addresses: policy)
        #expect(try client.get(HTTPRequest(url: first.url("/redirect/2"))).status == 200, "hops on one host pass")

        let url = first.url("/redirect-to-port?port=\(second.port)&to=/text")
        let error = try #require(throws: CurlError.self) { try client.get(HTTPRequest(url: url)) }
        #expect(error.code == .refusedAddress)
        #expect(error.url == url)
        #expect(
            error.message
                == "redirected to \(second.url("/text")), whose address is 127.0.0.1, the second test server: not fetched",
            "\(error)")
        // Without the policy the redirect is followed to the second server.
        #expect(try HTTPClient().get(HTTPRequest(url: url)).url == second.url("/text"))
    }
}
