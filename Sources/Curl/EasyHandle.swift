import CCurl
import Foundation

/// Runs once, the first time any handle is made: libcurl's global set-up is not thread-safe, and a
/// Swift global `let` is initialised exactly once, lazily and atomically.
private let curlGlobalSetUp: CURLcode = {
    // A peer that closes a socket must not kill the process with SIGPIPE; libcurl's NOSIGNAL
    // option covers its own signal use, this covers writes to closed sockets.
    signal(SIGPIPE, SIG_IGN)
    return curl_global_init(Int(CURL_GLOBAL_ALL))
}()

/// One libcurl easy handle and everything libcurl points into while it is alive.
///
/// The handle keeps raw pointers to the error buffer, header lists and the bytes being uploaded,
/// so this class owns them all and frees them only after `curl_easy_cleanup`. It is not
/// `Sendable`: use one handle on one thread at a time, and reuse it so libcurl can keep the
/// connection open between transfers.
final class EasyHandle {
    let handle: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// The lists libcurl points into, by option: setting an option's list again frees the old one,
    /// so a handle reused for many messages does not grow.
    private var lists: [UInt32: UnsafeMutablePointer<curl_slist>] = [:]
    private var currentURL = ""

    // Transfer state the C callbacks reach through `Unmanaged.passUnretained(self)`.
    fileprivate var body = Data()
    fileprivate var headerLines: [String] = []
    /// With `traceCommands()`: for each of `headerLines`, the command it answered (see `lastCommandsAnswered`).
    fileprivate var headerCommands: [String] = []
    /// With `traceCommands()`: the verb of the last command sent in this transfer, "" before any.
    fileprivate var lastCommand = ""
    fileprivate var tracesCommands = false
    fileprivate var bodyLimit = Int.max
    fileprivate var bodyLimitExceeded = false
    fileprivate var upload = Data()
    fileprivate var uploadOffset = 0
    fileprivate var uploadFinished = false
    fileprivate var onUploadFinished: (() -> Void)?
    /// The addresses connections may be opened to; nil for any (libcurl opens its sockets itself).
    fileprivate let addressPolicy: AddressPolicy?
    /// The first address the policy refused in the current transfer, and why.
    fileprivate var refused: (address: ConnectAddress, reason: String)?

    /// The response lines of the last transfer, as `headerLines` has them, also when it failed.
    ///
    /// For SMTP these are the server's reply lines (`250 OK`, `550 5.1.1 unknown user`), which
    /// libcurl hands to the header callback; its error codes do not say which reply it got.
    var lastResponseLines: [String] { headerLines }

    /// After `traceCommands()`: for each of `lastResponseLines`, the verb of the command it answered (`MAIL`,
    /// `RCPT`, `DATA`, `AUTH`, …; "" for a greeting, before any command went out); empty without tracing.
    var lastCommandsAnswered: [String] { headerCommands }

    /// Whether libcurl took the whole upload of the last transfer (the read callback reported its
    /// end). For SMTP this is the point after which a lost connection leaves the outcome unknown.
    var lastUploadFinished: Bool { uploadFinished }

    /// Makes a handle with the options every transfer of ours wants. With an `addressPolicy`, every connection it
    /// opens (redirects included) is checked against it first; see ``AddressPolicy``.
    init(addressPolicy: AddressPolicy? = nil) throws {
        self.addressPolicy = addressPolicy
        guard curlGlobalSetUp == CURLE_OK else {
            throw CurlError(code: .setup, url: "", message: "libcurl failed to initialise: \(curlGlobalSetUp.text)")
        }
        guard let handle = curl_easy_init() else {
            throw CurlError(code: .setup, url: "", message: "libcurl could not create a handle")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        try applyBaseOptions()
    }

    deinit {
        curl_easy_cleanup(handle)
        for list in lists.values { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    /// Clears every option (keeping open connections and caches) and restores our defaults.
    func reset() throws {
        curl_easy_reset(handle)
        for list in lists.values { curl_slist_free_all(list) }
        lists.removeAll()
        try applyBaseOptions()
    }

    private func applyBaseOptions() throws {
        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(dg_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer), "CURLOPT_ERRORBUFFER")
        try set(CURLOPT_NOSIGNAL, 1)
        try check(dg_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, writeBody), "CURLOPT_WRITEFUNCTION")
        try check(dg_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, me), "CURLOPT_WRITEDATA")
        try check(dg_easy_setopt_data_callback(handle, CURLOPT_HEADERFUNCTION, writeHeader), "CURLOPT_HEADERFUNCTION")
        try check(dg_easy_setopt_pointer(handle, CURLOPT_HEADERDATA, me), "CURLOPT_HEADERDATA")
        try check(dg_easy_setopt_data_callback(handle, CURLOPT_READFUNCTION, readUpload), "CURLOPT_READFUNCTION")
        try check(dg_easy_setopt_pointer(handle, CURLOPT_READDATA, me), "CURLOPT_READDATA")
        if addressPolicy != nil {
            try check(dg_easy_setopt_opensocket_callback(handle, openSocket), "CURLOPT_OPENSOCKETFUNCTION")
            try check(dg_easy_setopt_pointer(handle, CURLOPT_OPENSOCKETDATA, me), "CURLOPT_OPENSOCKETDATA")
        }
    }

    /// Has libcurl report each command it sends (through its debug callback, with `CURLOPT_VERBOSE`, which then
    /// prints nothing), so each response line is paired with the command it answered. Only the command's verb is
    /// kept, never its argument: `AUTH PLAIN` carries the credentials.
    func traceCommands() throws {
        tracesCommands = true
        let me = Unmanaged.passUnretained(self).toOpaque()
        try check(dg_easy_setopt_debug_callback(handle, traceCommand), "CURLOPT_DEBUGFUNCTION")
        try check(dg_easy_setopt_pointer(handle, CURLOPT_DEBUGDATA, me), "CURLOPT_DEBUGDATA")
        try set(CURLOPT_VERBOSE, 1)
    }

    // MARK: Options

    /// Sets an option that takes a `long`.
    func set(_ option: CURLoption, _ value: Int) throws {
        try check(dg_easy_setopt_long(handle, option, value), "option \(option.rawValue)")
    }

    /// Sets an option that takes a string; libcurl copies it.
    func set(_ option: CURLoption, _ value: String) throws {
        if option == CURLOPT_URL { currentURL = value }
        try check(dg_easy_setopt_string(handle, option, value), "option \(option.rawValue)")
    }

    /// Sets an option that takes a `curl_off_t`.
    func set(_ option: CURLoption, offset value: Int64) throws {
        try check(dg_easy_setopt_offset(handle, option, curl_off_t(value)), "option \(option.rawValue)")
    }

    /// Sets an option that takes a list of strings (headers, recipients). The list lives as long
    /// as this handle, or until `reset()`.
    func set(_ option: CURLoption, list values: [String]) throws {
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for value in values {
            guard let appended = curl_slist_append(list, value) else {
                if let list { curl_slist_free_all(list) }
                throw CurlError(code: .setup, url: currentURL, message: "out of memory building a list")
            }
            list = appended
        }
        let old = lists[option.rawValue]
        lists[option.rawValue] = list
        do {
            try check(dg_easy_setopt_slist(handle, option, list), "option \(option.rawValue)")
        } catch {
            lists[option.rawValue] = old
            if let list { curl_slist_free_all(list) }
            throw error
        }
        // libcurl now points at the new list (or none), so the old one can go.
        if let old { curl_slist_free_all(old) }
    }

    // MARK: Transfers

    /// What one transfer brought back.
    struct Result: Sendable {
        /// The response code: HTTP status, or the last SMTP/FTP reply code.
        var responseCode: Int
        /// Raw header lines of the last response (status line first), without CRLF.
        var headerLines: [String]
        /// The response body (decoded when libcurl was asked to accept encodings).
        var body: Data
        /// Where the transfer ended after redirects.
        var effectiveURL: String
    }

    /// Runs the transfer configured on this handle. `upload` is sent through the read callback
    /// when the options ask for an upload; the body stops at `bodyLimit` bytes.
    ///
    /// `uploadFinished` is called once, from inside the transfer, when libcurl has taken the last
    /// byte of `upload`: the sender records there that the message may have reached the server.
    func perform(
        upload: Data = Data(), bodyLimit: Int = .max, uploadFinished: (() -> Void)? = nil
    ) throws -> Result {
        body = Data()
        headerLines = []
        headerCommands = []
        lastCommand = ""
        self.bodyLimit = bodyLimit
        bodyLimitExceeded = false
        self.upload = upload
        uploadOffset = 0
        self.uploadFinished = false
        onUploadFinished = uploadFinished
        refused = nil
        errorBuffer[0] = 0
        defer {
            self.upload = Data()
            onUploadFinished = nil
        }

        let code = curl_easy_perform(handle)
        if bodyLimitExceeded {
            throw CurlError(
                code: .bodyTooLarge(limit: bodyLimit), url: currentURL,
                message: "response is larger than the \(bodyLimit)-byte limit")
        }
        if code != CURLE_OK, let refused {
            // Every address the name had was refused (or the one that was tried): say which, and where the
            // request was when it happened (after a redirect, not the URL asked for).
            let reached = (try? infoString(CURLINFO_EFFECTIVE_URL)) ?? nil
            let redirect = reached.flatMap { $0 == currentURL ? nil : CurlError.redacting($0) }
            throw CurlError(
                code: .refusedAddress, url: currentURL,
                message: (redirect.map { "redirected to \($0), whose address is " } ?? "the address is ")
                    + "\(refused.address), \(refused.reason): not fetched")
        }
        guard code == CURLE_OK else {
            let detail = String(cString: errorBuffer)
            throw CurlError(
                code: .transfer(Int(code.rawValue)), url: currentURL,
                message: detail.isEmpty ? code.text : detail)
        }
        return Result(
            responseCode: try info(CURLINFO_RESPONSE_CODE),
            headerLines: headerLines,
            body: body,
            effectiveURL: try infoString(CURLINFO_EFFECTIVE_URL) ?? currentURL)
    }

    /// A numeric fact about the last transfer.
    func info(_ info: CURLINFO) throws -> Int {
        var value = 0
        try check(dg_easy_getinfo_long(handle, info, &value), "info \(info.rawValue)")
        return value
    }

    /// A string fact about the last transfer, or nil when libcurl has none.
    func infoString(_ info: CURLINFO) throws -> String? {
        var value: UnsafeMutablePointer<CChar>? = nil
        try check(dg_easy_getinfo_string(handle, info, &value), "info \(info.rawValue)")
        return value.map { String(cString: $0) }
    }

    private func check(_ code: CURLcode, _ what: String) throws {
        guard code == CURLE_OK else {
            throw CurlError(code: .setup, url: currentURL, message: "libcurl refused \(what): \(code.text)")
        }
    }

    fileprivate static func from(_ pointer: UnsafeMutableRawPointer?) -> EasyHandle? {
        pointer.map { Unmanaged<EasyHandle>.fromOpaque($0).takeUnretainedValue() }
    }
}

// The C callbacks. They must not throw or unwind into libcurl; they report through the handle.

private func writeBody(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ userdata: UnsafeMutableRawPointer?
) -> Int {
    let length = size * count
    guard let me = EasyHandle.from(userdata), let data else { return 0 }
    if me.body.count + length > me.bodyLimit {
        me.bodyLimitExceeded = true
        return 0  // libcurl stops the transfer with CURLE_WRITE_ERROR
    }
    data.withMemoryRebound(to: UInt8.self, capacity: length) { me.body.append($0, count: length) }
    return length
}

private func writeHeader(
    _ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ userdata: UnsafeMutableRawPointer?
) -> Int {
    let length = size * count
    guard let me = EasyHandle.from(userdata), let data else { return 0 }
    var bytes = UnsafeRawBufferPointer(start: data, count: length)[...]
    // Trim the line ending as bytes: in a Swift String "\r\n" is one Character, which neither
    // `hasSuffix("\n")` nor `hasSuffix("\r")` matches, so it would stay in every header value.
    while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") {
        bytes = bytes.dropLast()
    }
    let line = String(decoding: bytes, as: UTF8.self)
    // A new status line starts a new response (after a redirect or a 100 Continue).
    if line.hasPrefix("HTTP/") { me.headerLines.removeAll() }
    if !line.isEmpty {
        me.headerLines.append(line)
        if me.tracesCommands { me.headerCommands.append(me.lastCommand) }
    }
    return length
}

/// libcurl's debug callback, set by `traceCommands()`: notes the verb of each command sent (`MAIL FROM:<…>` is
/// `MAIL`); everything else libcurl reports there (its own text, data, TLS) is ignored.
private func traceCommand(
    _ handle: UnsafeMutableRawPointer?, _ type: curl_infotype, _ data: UnsafeMutablePointer<CChar>?, _ size: Int,
    _ userdata: UnsafeMutableRawPointer?
) -> Int32 {
    guard type == CURLINFO_HEADER_OUT, let me = EasyHandle.from(userdata), let data else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let verb = bytes.prefix(16).prefix { $0 > 32 && $0 < 127 }
    me.lastCommand = String(decoding: verb, as: UTF8.self).uppercased()
    return 0
}

private func openSocket(
    _ userdata: UnsafeMutableRawPointer?, _ purpose: curlsocktype, _ address: UnsafeMutablePointer<curl_sockaddr>?
) -> curl_socket_t {
    guard let me = EasyHandle.from(userdata), let address else { return CURL_SOCKET_BAD }
    if let policy = me.addressPolicy {
        var bytes = [UInt8](repeating: 0, count: 16)
        var port: Int32 = 0
        let count = Int(dg_sockaddr_ip(address, &bytes, &port))
        let target = ConnectAddress(bytes: Array(bytes.prefix(count)), port: Int(port))
        if let reason = count == 0 ? "not an IP address" : policy.refusal(target) {
            if me.refused == nil { me.refused = (target, reason) }
            return CURL_SOCKET_BAD  // libcurl tries the name's next address, if it has one
        }
    }
    return socket(address.pointee.family, address.pointee.socktype, address.pointee.protocol)
}

private func readUpload(
    _ buffer: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ userdata: UnsafeMutableRawPointer?
) -> Int {
    guard let me = EasyHandle.from(userdata), let buffer else { return Int(CURL_READFUNC_ABORT) }
    let room = size * count
    let remaining = me.upload.count - me.uploadOffset
    let length = min(room, remaining)
    guard length > 0 else {
        if !me.uploadFinished {
            me.uploadFinished = true
            me.onUploadFinished?()
        }
        return 0
    }
    let offset = me.uploadOffset
    me.upload.withUnsafeBytes { bytes in
        let source = UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + length])
        UnsafeMutableRawBufferPointer(start: buffer, count: length).copyMemory(from: source)
    }
    me.uploadOffset += length
    return length
}
