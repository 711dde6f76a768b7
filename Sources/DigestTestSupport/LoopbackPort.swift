import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Ports on 127.0.0.1 for tests that need one nobody listens on.
public enum LoopbackPort {
    /// A port on 127.0.0.1 that was free a moment ago and has nothing listening on it.
    ///
    /// The kernel picks it (bind to port 0), then the socket is closed, so a connection to it is
    /// refused. Another process could take it in between; on a test machine that is rare.
    public static func unused() throws -> Int {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else {
            throw TestSupportError(code: .system, message: "socket() failed: \(errnoText())")
        }
        defer { close(descriptor) }

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7F00_0001).bigEndian)
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            throw TestSupportError(code: .system, message: "bind(127.0.0.1:0) failed: \(errnoText())")
        }
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else {
            throw TestSupportError(code: .system, message: "getsockname failed: \(errnoText())")
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
