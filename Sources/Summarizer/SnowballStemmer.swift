import CStemmer

/// One Snowball stemmer from libstemmer, the only code that touches the C library.
///
/// Not `Sendable`: a `sb_stemmer` keeps its working buffer inside and is not thread-safe, so each
/// thread (in practice each document being summarised) makes its own.
final class SnowballStemmer {
    private let handle: OpaquePointer

    /// A stemmer for a Snowball algorithm name (`"english"`, `"portuguese"`), or `nil` when
    /// libstemmer has no such algorithm.
    init?(algorithm: String) {
        guard let handle = sb_stemmer_new(algorithm, "UTF_8") else { return nil }
        self.handle = handle
    }

    deinit {
        sb_stemmer_delete(handle)
    }

    /// The stem of one lower-cased word; the word itself if the C library fails (out of memory).
    func stem(_ word: String) -> String {
        var word = word
        return word.withUTF8 { bytes -> String in
            guard let base = bytes.baseAddress,
                let stemmed = sb_stemmer_stem(handle, base, Int32(bytes.count))
            else { return String(decoding: bytes, as: UTF8.self) }
            let length = Int(sb_stemmer_length(handle))
            return String(decoding: UnsafeBufferPointer(start: stemmed, count: length), as: UTF8.self)
        }
    }
}

@available(*, unavailable)
extension SnowballStemmer: Sendable {}
