import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A pseudo-terminal pair, so that a child process believes it writes to a terminal (`isatty` is
/// true) while the test reads what it wrote.
///
/// `childEnd` is handed to the child and then closed here; reading `ourEnd` gives what the child
/// wrote, and ends (EIO) once every holder of the child's end has closed it.
final class PseudoTerminal {
    /// The side the test reads (the master).
    let ourEnd: FileHandle
    /// The terminal the child writes to (the slave).
    let childEnd: FileHandle

    init() throws {
        var master: Int32 = -1
        var slave: Int32 = -1
        guard openpty(&master, &slave, nil, nil, nil) == 0 else {
            throw TestSupportError(code: .system, message: "openpty: \(errnoText())")
        }
        ourEnd = FileHandle(fileDescriptor: master, closeOnDealloc: true)
        childEnd = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
    }
}
