import Crypto
import Foundation

/// The secret that signs unsubscribe tokens, kept by the operator.
public struct UnsubscribeSecret: Sendable {
    private let secret: Data
    private var key: SymmetricKey { SymmetricKey(data: secret) }

    /// The fewest bytes an operator's secret may have: shorter ones can be guessed.
    public static let minimumBytes = 32

    /// The environment variable that may hold the secret.
    public static let environmentVariable = "DIGEST_UNSUBSCRIBE_SECRET"

    /// A secret given as text (its UTF-8 bytes are the HMAC key).
    public init(_ secret: String) {
        self.secret = Data(secret.utf8)
    }

    /// The secret from `DIGEST_UNSUBSCRIBE_SECRET`, else from `file` (created with 32 random bytes
    /// and mode 0600 when missing). A file that others can read is refused: whoever reads the
    /// secret can unsubscribe anyone.
    public static func load(environment: [String: String], file: URL) throws(SubscribersError) -> UnsubscribeSecret {
        if let value = environment[environmentVariable], !value.isEmpty {
            guard value.utf8.count >= minimumBytes else {
                throw SubscribersError(
                    .unreadable,
                    "\(environmentVariable) holds \(value.utf8.count) bytes; a secret that short makes tokens guessable: "
                        + "use at least \(minimumBytes) random bytes, e.g. `openssl rand -base64 32`")
            }
            return UnsubscribeSecret(value)
        }
        let path = file.path
        if !FileManager.default.fileExists(atPath: path) {
            var bytes = [UInt8](repeating: 0, count: 32)
            var generator = SystemRandomNumberGenerator()
            for index in bytes.indices { bytes[index] = generator.next() }
            let text = Data(bytes).base64EncodedString() + "\n"
            do {
                try FileManager.default.createDirectory(
                    at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                guard
                    FileManager.default.createFile(
                        atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
                else { throw CocoaError(.fileWriteUnknown) }
            } catch {
                throw SubscribersError(
                    .writeFailed, "cannot create the unsubscribe secret: \(error.localizedDescription)", file: path)
            }
        }
        do {
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
                throw SubscribersError(
                    .unreadable,
                    "the unsubscribe secret is readable by others (mode \(String(mode, radix: 8))); run chmod 600",
                    file: path)
            }
            let secret = try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
            guard secret.utf8.count >= minimumBytes else {
                throw SubscribersError(
                    .unreadable,
                    "the unsubscribe secret has \(secret.utf8.count) bytes; a secret that short makes tokens guessable: "
                        + "put at least \(minimumBytes) random bytes in it (`openssl rand -base64 32 > FILE`), or delete it "
                        + "and a new one is made", file: path)
            }
            return UnsubscribeSecret(secret)
        } catch let error as SubscribersError {
            throw error
        } catch {
            throw SubscribersError(
                .unreadable, "cannot read the unsubscribe secret: \(error.localizedDescription)", file: path)
        }
    }

    /// A token for one address on one list: the address and an HMAC-SHA256 over list and address,
    /// so the token names whom it unsubscribes and cannot be made without the secret.
    public func token(list: String, email: EmailAddress) -> String {
        let address = email.description
        return Self.base64URL(bytes: address.utf8) + "."
            + Self.base64URL(bytes: signature(list: list, address: address))
    }

    /// The address a token unsubscribes, when the token is genuine for `list`; nil otherwise.
    public func verify(_ token: String, list: String) -> String? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let addressData = Self.data(base64URL: String(parts[0])),
            let signature = Self.data(base64URL: String(parts[1])),
            let address = String(data: addressData, encoding: .utf8)
        else { return nil }
        let message = Data((list + "\u{0}" + address).utf8)
        return HMAC<SHA256>.isValidAuthenticationCode(signature, authenticating: message, using: key) ? address : nil
    }

    /// A signature of `message` for one `purpose` (like `form`), made with a key derived from the secret for that
    /// purpose alone, so it can never pass as an unsubscribe token's signature or one of another purpose.
    ///
    /// For short-lived proofs the web server hands out and checks without keeping state, such as the token on its
    /// forms that shows a POST comes from a page it rendered.
    public func signature(of message: String, purpose: String) -> String {
        Self.base64URL(bytes: HMAC<SHA256>.authenticationCode(for: Data(message.utf8), using: key(purpose: purpose)))
    }

    /// Whether `signature` is `signature(of: message, purpose: purpose)`, compared in constant time.
    public func isValidSignature(_ signature: String, of message: String, purpose: String) -> Bool {
        guard let bytes = Self.data(base64URL: signature) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(
            bytes, authenticating: Data(message.utf8), using: key(purpose: purpose))
    }

    private func key(purpose: String) -> SymmetricKey {
        SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data("digest purpose:\(purpose)".utf8), using: key))
    }

    private func signature(list: String, address: String) -> HMAC<SHA256>.MAC {
        HMAC<SHA256>.authenticationCode(for: Data((list + "\u{0}" + address).utf8), using: key)
    }

    static func base64URL(_ data: Data) -> String {
        base64URL(bytes: data)
    }

    /// Base64url without padding, written byte by byte: it runs for every message sent, and
    /// Foundation's search-and-replace on the standard alphabet costs more than the HMAC.
    static func base64URL(bytes data: some Sequence<UInt8>) -> String {
        let input = Array(data)
        let length = (input.count * 4 + 2) / 3
        return String(unsafeUninitializedCapacity: length) { output in
            var written = 0
            var index = 0
            while index < input.count {
                let remaining = input.count - index
                let first = UInt32(input[index])
                let second = remaining > 1 ? UInt32(input[index + 1]) : 0
                let third = remaining > 2 ? UInt32(input[index + 2]) : 0
                let group = first << 16 | second << 8 | third
                let digits = min(remaining, 3) + 1
                for position in 0..<digits {
                    output[written] = base64URLAlphabet[Int((group >> (18 - 6 * UInt32(position))) & 0x3F)]
                    written += 1
                }
                index += 3
            }
            return written
        }
    }

    private static let base64URLAlphabet = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    static func data(base64URL text: String) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Data(base64Encoded: base64)
    }
}
