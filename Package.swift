// swift-tools-version:6.1
// `digest`: collect a week of news, summarise it, compose a themed regional digest,
// preview it in the terminal and send it over SMTP.
//
// Values flow one way through the library targets:
//   NewsValues (the article model, below every stage)
//   Collector (articles) → Summarizer (key sentences) → Stories (events) → Composer (issue) → Renderer (HTML/text/ANSI)
//   → Sender (MIME messages, SMTP), with Subscribers feeding the sender
//   → Bounces (the reports that come back: delivery-status notifications and complaints, matched to
//     the ledger's copies, applied to the subscriber list).
// WebSite renders the public pages without any server (their templates, the archive of sent issues, its feed):
// `digest archive` writes them as files. WebServer (what `digest serve` answers) serves them and reads the same
// folder through Composer, Renderer and Subscribers; only the `digest-serve` executable links it (and Hummingbird),
// so the other commands never do.
// Only the `Curl` module imports libcurl, and only `CHTMLParser` includes libxml2.

import PackageDescription

let package = Package(
    name: "digest",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "digest", targets: ["digest"]),
        .executable(name: "digest-serve", targets: ["digest-serve"]),
        // The parsing stages as one library, for the fuzz targets in Fuzz/ (a package of its own that depends on
        // this one by path); no other program links it.
        .library(name: "DigestParsing", targets: ["Collector", "Subscribers", "Composer", "Renderer", "Sender"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
        // The web server of `digest serve`; its swift-configuration support is not needed.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // C at the edge.
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "CHTMLParser", dependencies: ["CLibXML2"]),
        .systemLibrary(name: "CStemmer", providers: [.apt(["libstemmer-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // The one Swift module that talks to libcurl (HTTP for the collector, SMTP for the sender).
        .target(name: "Curl", dependencies: ["CCurl"]),

        // Files written so that a crash never leaves half of one: every stage stores through it.
        .target(name: "Storage"),
        // The values the stages pass along, below all of them and free of C: the article and its
        // provenance, its near-duplicate signature, its canonical link, the one date codec (ISO 8601, mail
        // dates, the dates of pages), the one language guess, and MIME's quoted strings.
        .target(name: "NewsValues"),

        // Stages.
        .target(
            name: "Collector",
            dependencies: [
                "NewsValues", "Curl", "CHTMLParser", "CZlib", "Storage",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "Summarizer", dependencies: ["NewsValues", "CStemmer"]),
        // The editorial brain: which reports are one event, each story's lead, clean copy, ranking.
        .target(name: "Stories", dependencies: ["NewsValues", "Summarizer"]),
        .target(
            name: "Composer",
            dependencies: [
                "NewsValues", "Summarizer", "Stories", "Storage",
                // Only for `EmailAddress`, to check a theme's addresses when it is loaded.
                "Subscribers",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "Renderer",
            dependencies: [
                "NewsValues", "Composer",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Ink", package: "Ink"),
            ]
        ),
        .target(
            name: "Subscribers",
            dependencies: ["NewsValues", "Storage", .product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "Sender", dependencies: ["NewsValues", "Composer", "Renderer", "Subscribers", "Curl", "Storage"]),
        // What comes back after a send: a small MIME reader, RFC 3464 and RFC 5965 reports, the
        // ledger's Message-IDs, and the changes they make to a list (`digest bounces import`).
        .target(name: "Bounces", dependencies: ["NewsValues", "Composer", "Sender", "Subscribers", "Storage"]),

        // The public pages as text, without a server: page templates, the archive of sent issues, its Atom feed.
        .target(
            name: "WebSite",
            dependencies: [
                "NewsValues", "Composer", "Renderer", "Storage", .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),

        // The reader-facing web server: one-click unsubscribe, sign-up, preferences, the archive and its feed; its
        // sign-up confirmations go out through the sender's transport.
        .target(
            name: "WebServer",
            dependencies: [
                "NewsValues", "Composer", "Renderer", "Subscribers", "Sender", "Storage", "WebSite",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),

        // Options declared once for both programs: `digest serve`'s (the command forwards them, digest-serve runs
        // them) and the relay's, which `digest send`, `digest run` and `digest serve` take, with the one check of
        // a relay URL and the one way they become the sender's settings.
        .target(
            name: "CommandOptions",
            dependencies: ["Sender", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // The thin command-line front end.
        .executableTarget(
            name: "digest",
            dependencies: [
                "NewsValues", "Collector", "Summarizer", "Stories", "Composer", "Renderer", "Subscribers", "Sender",
                "Bounces", "Storage", "CommandOptions", "WebSite",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `digest serve` runs this program (found beside `digest`), the only one that links the web server.
        .executableTarget(
            name: "digest-serve",
            dependencies: [
                "WebServer", "CommandOptions", "Sender",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // The stories benchmark's instrument: the week's events by either grouping, with the evidence behind each
        // pair and each article's section (Benchmarks/stories/run.sh); the benchmarks' knobs stay out of `digest`.
        .executableTarget(
            name: "stories-probe",
            dependencies: [
                "Collector", "Composer", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/stories/Probe"
        ),

        // Test helpers: temporary folders, loopback servers, running the built binary.
        .target(name: "DigestTestSupport", path: "Sources/DigestTestSupport", resources: [.copy("Servers")]),

        .testTarget(name: "NewsValuesTests", dependencies: ["NewsValues"]),
        .testTarget(name: "CurlTests", dependencies: ["Curl", "DigestTestSupport"]),
        .testTarget(name: "CollectorTests", dependencies: ["Collector", "DigestTestSupport"]),
        .testTarget(name: "SummarizerTests", dependencies: ["Summarizer", "NewsValues"]),
        .testTarget(name: "StoriesTests", dependencies: ["Stories", "Collector", "Summarizer"]),
        .testTarget(name: "ComposerTests", dependencies: ["Composer", "Collector", "DigestTestSupport"]),
        .testTarget(name: "RendererTests", dependencies: ["Renderer", "Composer", "DigestTestSupport"]),
        .testTarget(name: "SubscribersTests", dependencies: ["Subscribers", "DigestTestSupport", "digest"]),
        .testTarget(name: "SenderTests", dependencies: ["Sender", "DigestTestSupport"], exclude: ["check_mime.py"]),
        .testTarget(name: "CLITests", dependencies: ["DigestTestSupport", "digest"]),
        .testTarget(
            name: "BouncesTests", dependencies: ["Bounces", "Sender", "Subscribers", "DigestTestSupport", "digest"]),
        .testTarget(
            name: "WebServerTests",
            dependencies: [
                "WebServer", "WebSite", "CommandOptions", "Composer", "Renderer", "Subscribers", "Curl",
                "DigestTestSupport",
            ]
        ),
    ]
)
