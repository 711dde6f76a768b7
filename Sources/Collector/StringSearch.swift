import Foundation

#if canImport(Glibc)
    import Glibc
#endif

extension String {
    /// True when `needle` occurs in the string, compared as UTF-8 bytes.
    ///
    /// Foundation's `contains(_:)` bridges both strings to `NSString` on Linux, which made it the
    /// slowest part of extracting a page; this is `memchr` and `memcmp` over the bytes.
    func includes(_ needle: String) -> Bool {
        var haystack = self
        var needle = needle
        return haystack.withUTF8 { hay in
            needle.withUTF8 { wanted in
                guard let wantedBase = wanted.baseAddress, wanted.count > 0 else { return true }
                guard let hayBase = hay.baseAddress, hay.count >= wanted.count else { return false }
                let first = Int32(wanted[0])
                var offset = 0
                let last = hay.count - wanted.count
                while offset <= last {
                    guard let found = memchr(hayBase + offset, first, last - offset + 1) else { return false }
                    let position = UnsafeRawPointer(found) - UnsafeRawPointer(hayBase)
                    if memcmp(hayBase + position, wantedBase, wanted.count) == 0 { return true }
                    offset = position + 1
                }
                return false
            }
        }
    }
}
