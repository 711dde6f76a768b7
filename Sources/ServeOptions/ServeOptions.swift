import ArgumentParser

/// The options of `digest serve`: declared once, for the `digest` command that shows them in its help and forwards
/// them, and for the `digest-serve` program that runs the server.
public struct ServeOptions: ParsableArguments {
    /// The default address: loopback only, for a reverse proxy on the same machine.
    public static let defaultListen = "127.0.0.1:8080"

    @Option(
        help: ArgumentHelp(
            "The address to listen on (a reverse proxy in front takes the public traffic).", valueName: "host:port"))
    public var listen: String = ServeOptions.defaultListen

    @Option(
        help: ArgumentHelp(
            "The public address the pages are reached at through the proxy, like https://example.com/decoding-asia "
                + "(for the feed's links and the forms' origin check); default: http://<listen>.",
            valueName: "url"))
    public var baseURL: String?

    @Option(help: "Serve only this theme (a folder in Templates/); default: every theme.")
    public var theme: String?

    public init() {}

    /// The options as command-line arguments, to hand to the program that runs the server.
    public var arguments: [String] {
        var arguments = ["--listen", listen]
        if let baseURL { arguments += ["--base-url", baseURL] }
        if let theme { arguments += ["--theme", theme] }
        return arguments
    }

    /// The host and port of `listen`: `127.0.0.1:8080`, `[::1]:8080`, `localhost:0` (0: any free port).
    public func listenAddress() throws -> (host: String, port: Int) {
        guard let colon = listen.lastIndex(of: ":") else {
            throw ValidationError("--listen '\(listen)': write it as host:port, like \(Self.defaultListen)")
        }
        var host = String(listen[..<colon])
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty, let port = Int(listen[listen.index(after: colon)...]), (0...65535).contains(port) else {
            throw ValidationError("--listen '\(listen)': write it as host:port with a port 0–65535")
        }
        return (host, port)
    }
}
