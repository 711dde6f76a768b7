// swift-tools-version:6.1
// `digest`: collect a week of news, summarise it, compose a themed regional digest,
// preview it in the terminal and send it over SMTP.
//
// Values flow one way through the library targets:
//   Collector (articles) → Summarizer (key sentences) → Stories (events) → Composer (issue) → Renderer (HTML/text/ANSI)
//   → Sender (MIME messages, SMTP), with Subscribers feeding the sender.
// WebServer (the public pages `digest serve` answers) reads the same folder through Composer, Renderer and
// Subscribers; only the `digest-serve` executable links it (and Hummingbird), so the other commands never do.
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

        // Stages.
        .target(
            name: "Collector",
            dependencies: [
                "Curl", "CHTMLParser", "CZlib", "Storage", .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "Summarizer", dependencies: ["CStemmer"]),
        // The editorial brain: which reports are one event, each story's lead, clean copy, ranking.
        .target(name: "Stories", dependencies: ["Collector", "Summarizer"]),
        .target(
            name: "Composer",
            dependencies: [
                "Collector", "Summarizer", "Stories", "Storage",
                .product(name: "Yams", package: "Yams"),
            ]
        ),
        .target(
            name: "Renderer",
            dependencies: [
                "Composer",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Ink", package: "Ink"),
            ]
        ),
        .target(name: "Subscribers", dependencies: ["Storage", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "Sender", dependencies: ["Composer", "Renderer", "Subscribers", "Curl", "Storage"]),

        // The reader-facing web server: one-click unsubscribe, the archive of sent issues, its feed.
        .target(
            name: "WebServer",
            dependencies: [
                "Composer", "Renderer", "Subscribers", "Storage", "Curl",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),

        // The options of `digest serve`, shared by the command that forwards them and the program that runs them.
        .target(
            name: "ServeOptions", dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // The thin command-line front end.
        .executableTarget(
            name: "digest",
            dependencies: [
                "Collector", "Summarizer", "Stories", "Composer", "Renderer", "Subscribers", "Sender", "Curl",
                "Storage", "ServeOptions", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // `digest serve` runs this program (found beside `digest`), the only one that links the web server.
        .executableTarget(
            name: "digest-serve",
            dependencies: [
                "WebServer", "ServeOptions", "Sender", "Curl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Test helpers: temporary folders, loopback servers, running the built binary.
        .target(name: "DigestTestSupport", path: "Sources/DigestTestSupport", resources: [.copy("Servers")]),

        .testTarget(name: "CurlTests", dependencies: ["Curl", "DigestTestSupport"]),
        .testTarget(name: "CollectorTests", dependencies: ["Collector", "DigestTestSupport"]),
        .testTarget(name: "SummarizerTests", dependencies: ["Summarizer"]),
        .testTarget(name: "StoriesTests", dependencies: ["Stories", "Collector", "Summarizer"]),
        .testTarget(name: "ComposerTests", dependencies: ["Composer", "DigestTestSupport"]),
        .testTarget(name: "RendererTests", dependencies: ["Renderer", "Composer", "DigestTestSupport"]),
        .testTarget(name: "SubscribersTests", dependencies: ["Subscribers", "DigestTestSupport", "digest"]),
        .testTarget(name: "SenderTests", dependencies: ["Sender", "DigestTestSupport"], exclude: ["check_mime.py"]),
        .testTarget(name: "CLITests", dependencies: ["DigestTestSupport", "digest"]),
        .testTarget(
            name: "WebServerTests",
            dependencies: ["WebServer", "Composer", "Renderer", "Subscribers", "Curl", "DigestTestSupport"]
        ),
    ]
)
