import Foundation

/// The root of the `digest` repository, found from this file's own path at compile time.
///
/// Tests use it to reach `Templates/`, fixtures and the built binary without depending on the
/// working directory `swift test` was started from.
public enum PackageRoot {
    /// The folder that holds `Package.swift`.
    public static let url: URL = find(from: URL(fileURLWithPath: #filePath))

    /// The folder's file-system path.
    public static var path: String { url.path }

    /// Walks up from `file` to the nearest folder with a `Package.swift`; if there is none (the
    /// sources moved after the build), falls back to three levels up, where it is in this layout:
    /// `<root>/Sources/DigestTestSupport/PackageRoot.swift`.
    static func find(from file: URL) -> URL {
        var folder = file.deletingLastPathComponent()
        for _ in 0..<8 {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { break }
            folder = parent
        }
        return file.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }
}
