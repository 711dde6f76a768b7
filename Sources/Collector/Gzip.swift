import CZlib
import Foundation

/// Decompresses gzip files read from disk (`.html.gz`, `.xml.gz`) with zlib, under a size cap.
enum Gzip {
    /// True when the bytes start with the gzip magic number.
    static func isCompressed(_ data: Data) -> Bool {
        data.count >= 2 && data[data.startIndex] == 0x1F && data[data.startIndex + 1] == 0x8B
    }

    /// The decompressed bytes. Throws a `.malformed` error for a truncated or corrupt stream and a
    /// `.tooLarge` one when the output would pass `limit` bytes.
    static func decompress(_ data: Data, limit: Int, source: String) throws -> Data {
        var stream = z_stream()
        // 15 + 32: the largest window, and detect a gzip or zlib header by itself.
        guard inflateInit2_(&stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            throw CollectorError(.malformed, source: source, message: "zlib could not start decompressing")
        }
        defer { inflateEnd(&stream) }
        var output = Data()
        // A gzip stream ends with its size (mod 4 GiB): reserving it saves copying as the output grows.
        if data.count >= 18 {
            let end = data.endIndex
            let size = (0..<4).reduce(0) { $0 | Int(data[end - 4 + $1]) << (8 * $1) }
            output.reserveCapacity(min(size, limit))
        }
        let chunkSize = 1 << 16
        var chunk = [UInt8](repeating: 0, count: chunkSize)
        var status: Int32 = Z_OK
        try data.withUnsafeBytes { (input: UnsafeRawBufferPointer) in
            guard let base = input.bindMemory(to: Bytef.self).baseAddress else { return }
            stream.next_in = UnsafeMutablePointer(mutating: base)
            stream.avail_in = uInt(input.count)
            repeat {
                let produced = chunk.withUnsafeMutableBufferPointer { buffer -> Int in
                    stream.next_out = buffer.baseAddress
                    stream.avail_out = uInt(chunkSize)
                    status = inflate(&stream, Z_NO_FLUSH)
                    return chunkSize - Int(stream.avail_out)
                }
                if status != Z_OK && status != Z_STREAM_END && !(status == Z_BUF_ERROR && produced > 0) {
                    let reason = stream.msg.map { String(cString: $0) } ?? "zlib error \(status)"
                    let detail = status == Z_BUF_ERROR ? "the compressed data ends early (truncated)" : reason
                    throw CollectorError(.malformed, source: source, message: "corrupt gzip data: \(detail)")
                }
                if output.count + produced > limit {
                    throw CollectorError(
                        .tooLarge, source: source, message: "decompresses to more than the \(limit)-byte limit")
                }
                output.append(contentsOf: chunk[0..<produced])
                if status == Z_STREAM_END { break }
                if stream.avail_in == 0 && produced == 0 { break }
            } while true
        }
        guard status == Z_STREAM_END else {
            throw CollectorError(
                .malformed, source: source, message: "corrupt gzip data: the compressed data ends early (truncated)")
        }
        return output
    }
}
