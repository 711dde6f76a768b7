// A theme's `theme.yaml`: Yams, the settings' decoding (send time, sections, colours…) and their checks, as
// `compose`, `preview` and `send` load a theme.
import Composer
import Foundation
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzThemeYAML(_ data: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    // The file is read as UTF-8 (`String(contentsOf:encoding:)` refuses anything else).
    guard let text = String(validating: Fuzz.bytes(data, count), as: UTF8.self) else {
        return -1
    }
    _ = try? Theme.parse(
        text, id: "fuzz", directory: Fuzz.scratch, file: Fuzz.scratch.appendingPathComponent("theme.yaml").path)
    return 0
}

@_cdecl("FuzzThemeYAML_main")
public func fuzzThemeYAMLMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    Fuzz.main(argc, argv, fuzzThemeYAML)
}
