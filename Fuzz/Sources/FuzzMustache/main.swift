// A theme's Mustache templates: the input is written as the theme's `html.mustache`, `text.mustache` and
// `terminal.mustache`, read as `preview` and `send` read them (swift-mustache's parser, the check of every name
// against the view model), and a template that parses is rendered from an invented issue in every format: the
// HTML email, the web page, the plain-text layout and the terminal formatter.
import Composer
import Foundation
import FuzzSupport
import Renderer

let theme: URL = {
    let folder = Fuzz.scratch.appendingPathComponent("theme", isDirectory: true)
    let made = (try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)) != nil
    Fuzz.check(made, "cannot make \(folder.path)")
    return folder
}()
let links = ArchiveLinks(index: "https://fuzz.example/archive/", feed: "https://fuzz.example/archive/feed.xml")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzMustache(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = Fuzz.bytes(data, count)
    for file in IssueRenderer.TemplateFile.allCases {
        Fuzz.store(bytes, to: theme.appendingPathComponent(file.rawValue))
    }
    guard let renderer = try? IssueRenderer(themeDirectory: theme) else { return 0 }
    let issue = SampleIssue.issue
    _ = try? renderer.html(issue, for: SampleIssue.reader)
    _ = try? renderer.webPage(issue, links: links)
    _ = try? renderer.text(issue, for: nil)
    _ = try? renderer.terminal(issue, for: SampleIssue.reader, options: TerminalOptions(width: 60))
    _ = try? renderer.terminal(issue, for: nil, options: .plain(width: 30))
    return 0
}

@_cdecl("FuzzMustache_main")
public func fuzzMustacheMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.main(argc, argv, fuzzMustache)
}
