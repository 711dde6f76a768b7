import DigestTestSupport
import Foundation
import ServeOptions
import Testing

@Suite("Where digest serve finds the server program")
struct ServerProgramTests {
    @Test("the server program: named by the variable, else beside this one, else on PATH")
    func serverProgram() throws {
        let folder = try TemporaryDirectory()
        let program = try folder.write("#!/bin/sh\n", to: "bin/digest-serve")
        chmod(program.path, 0o755)
        let plain = try folder.write("", to: "plain")
        let bin = folder.url(for: "bin")
        #expect(try ServerProgram.locate(environment: [:], beside: [folder.url, bin]).path == program.path)
        #expect(
            try ServerProgram.locate(environment: ["PATH": "/nonexistent:\(bin.path)"], beside: []).path == program.path
        )
        #expect(
            try ServerProgram.locate(environment: [ServerProgram.variable: program.path], beside: []).path
                == program.path)
        let notExecutable = #expect(throws: ServerProgramError.self) {
            try ServerProgram.locate(environment: [ServerProgram.variable: plain.path], beside: [bin])
        }
        #expect(notExecutable?.code == .notExecutable && notExecutable?.path == plain.path)
        let notFound = #expect(throws: ServerProgramError.self) {
            try ServerProgram.locate(environment: ["PATH": folder.path], beside: [folder.url])
        }
        #expect(notFound?.code == .notFound)
    }
}
