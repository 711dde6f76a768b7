import Foundation
import Hummingbird
import Logging
import NIOCore
import Sender
import Synchronization
import WebSite

/// How `digest serve` runs: which folder, which address, what the public sees.
public struct ServerConfiguration: Sendable {
    /// The newsletter folder (Templates/, Subscribers/, Digests/).
    public var root: URL
    /// The host to listen on (an address or a name), and the port (0: any free port).
    public var host: String
    public var port: Int
    /// The public address the proxy serves the pages at, like `https://example.com/decoding-asia`; nil means
    /// `http://host:port` (no proxy).
    public var baseURL: String?
    /// Serve only this theme; nil serves every theme in Templates/.
    public var theme: String?
    /// Where `DIGEST_UNSUBSCRIBE_SECRET` is looked up.
    public var environment: [String: String]
    /// The server's log level (`info` logs the start, unsubscribes by count and every failure).
    public var logLevel: Logger.Level
    /// The clock (form tokens expire, suppression notes are dated).
    public var now: @Sendable () -> Date
    /// The relay sign-up confirmations go through (as `digest send`'s); nil closes the sign-up form.
    public var smtp: RelaySettings?
    /// How many sign-ups one address and one client get.
    public var signupLimits: SignupLimits
    /// How long a list must go without one-click unsubscribes before the server folds the list's change journal into
    /// the CSV file (`ChangeJournal`), so the file a person opens is soon current.
    public var journalFoldDelay: Duration

    /// A configuration with the usual defaults: the process's environment, `info` logging, the system clock.
    public init(
        root: URL, host: String = "127.0.0.1", port: Int = 8080, baseURL: String? = nil, theme: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, logLevel: Logger.Level = .info,
        now: @escaping @Sendable () -> Date = { Date() }, smtp: RelaySettings? = nil,
        signupLimits: SignupLimits = SignupLimits(), journalFoldDelay: Duration = .seconds(10)
    ) {
        self.journalFoldDelay = journalFoldDelay
        self.smtp = smtp
        self.signupLimits = signupLimits
        self.root = root
        self.host = host
        self.port = port
        self.baseURL = baseURL
        self.theme = theme
        self.environment = environment
        self.logLevel = logLevel
        self.now = now
    }
}

/// The public face of a newsletter, on Hummingbird: RFC 8058 one-click unsubscribe, a confirmation page for
/// unsubscribe links opened in a browser, the archive of sent issues with its Atom feed, and `/healthz`.
///
/// It reads and writes the newsletter folder through the same libraries as the other commands: the lists under
/// their lock with atomic writes, tokens checked with the same secret, issues from `Digests/`.
///
/// ```swift
/// let server = try WebServer(ServerConfiguration(root: folder, port: 0))
/// let running = try await server.start()      // tests: a free port on 127.0.0.1
/// …
/// await running.stop()
/// ```
public struct WebServer: Sendable {
    public let configuration: ServerConfiguration
    private let site: Site
    private let logger: Logger

    /// Loads the themes, their templates and the secret; fails with one clear error when any is missing or wrong.
    public init(_ configuration: ServerConfiguration) throws {
        self.configuration = configuration
        let baseURL = configuration.baseURL ?? Self.localURL(host: configuration.host, port: configuration.port)
        guard let address = PublicAddress(baseURL) else {
            throw ServeError("--base-url '\(baseURL)' is not an http(s) address like https://example.com/newsletter")
        }
        site = try Site(
            root: configuration.root, theme: configuration.theme, address: address,
            environment: configuration.environment)
        var logger = Logger(label: "digest.serve")
        logger.logLevel = configuration.logLevel
        self.logger = logger
    }

    /// The themes served, by id.
    public var themes: [String] { site.themes.map(\.id) }

    /// Runs until SIGTERM or SIGINT, then finishes the requests under way and returns. `listening` is called
    /// once the socket is bound, with the address (`127.0.0.1:8080`).
    public func run(listening: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        let host = configuration.host
        let listened = Mutex(false)
        let application = makeApplication { port in
            listened.withLock { $0 = true }
            listening(Self.hostPort(host, port))
        }
        do {
            try await application.runService()
        } catch {
            // Before it listens, the one thing that fails is taking the address: say so in words.
            guard !listened.withLock({ $0 }) else { throw error }
            let address = Self.hostPort(host, configuration.port)
            if let error = error as? IOError {
                throw ServeError("cannot listen on \(address): \(String(cString: strerror(error.errnoCode)))")
            }
            throw ServeError("cannot listen on \(address): \(error)")
        }
    }

    /// Starts the server in the background and returns once it listens (for tests: give port 0 for a free port).
    public func start() async throws -> RunningWebServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let application = makeApplication { port in
            continuation.yield(port)
            continuation.finish()
        }
        let task = Task {
            defer { continuation.finish() }
            try await application.run()
        }
        for await port in ports {
            return RunningWebServer(port: port, task: task)
        }
        // The stream ended without a port: the server failed to start; its error says why.
        try await task.value
        throw ServeError("the server stopped before it listened")
    }

    private func makeApplication(
        onListening: @escaping @Sendable (Int) -> Void
    ) -> some ApplicationProtocol {
        let router = Router(context: ServeContext.self, options: .autoGenerateHeadEndpoints)
        let routes = Routes(
            site: site, now: configuration.now, logger: logger, checksOrigin: configuration.baseURL != nil,
            mailer: configuration.smtp.map { ConfirmationMailer(settings: $0, logger: logger) },
            limits: configuration.signupLimits, foldDelay: configuration.journalFoldDelay,
            localHost: configuration.baseURL == nil ? configuration.host : nil)
        routes.register(on: router)
        return Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                routes.boundPort.port = port
                onListening(port)
            },
            logger: logger)
    }

    static func localURL(host: String, port: Int) -> String {
        "http://" + hostPort(host, port)
    }

    static func hostPort(_ host: String, _ port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

/// A server started by `WebServer.start()`.
public struct RunningWebServer: Sendable {
    /// The port it listens on.
    public let port: Int
    private let task: Task<Void, any Error>

    init(port: Int, task: Task<Void, any Error>) {
        self.port = port
        self.task = task
    }

    /// Stops the server and waits until it has.
    public func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

/// The context of a request: Hummingbird's, and the address of the client (for the sign-up rate limit).
struct ServeContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The peer's IP address; nil when the channel has none.
    let peerAddress: String?

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        peerAddress = source.channel.remoteAddress?.ipAddress
    }
}
