import Foundation
import Testing

@testable import AuthCore

@Suite("PrivateFile")
struct PrivateFileTests {
    /// A fresh directory of its own for each test, removed afterwards.
    final class Directory {
        let path: String
        init() throws {
            path = NSTemporaryDirectory() + "/crmauth-privatefile-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func file(_ name: String) -> String { path + "/" + name }
        var entries: [String] { (try? FileManager.default.contentsOfDirectory(atPath: path).sorted()) ?? [] }
    }

    static func mode(_ path: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
    }

    @Test("a new file is created with mode 0600 and the exact bytes")
    func newFile() throws {
        let directory = try Directory()
        let target = directory.file("enroll.svg")
        try PrivateFile.write(Array("secret QR".utf8), to: target)
        #expect(try Self.mode(target) == 0o600)
        #expect(FileManager.default.contents(atPath: target) == Data("secret QR".utf8))
        #expect(directory.entries == ["enroll.svg"], "no temporary file is left")
    }

    /// Regression (finding 9): the file was opened with `O_CREAT | O_TRUNC`, which keeps the mode of
    /// an existing file, so a world-readable file stayed world-readable with the secret in it.
    @Test("regression: an existing world-readable file kept its mode 0644 with the secret written into it")
    func existingFileBecomesPrivate() throws {
        let directory = try Directory()
        let target = directory.file("enroll.svg")
        #expect(FileManager.default.createFile(atPath: target, contents: Data("old, much longer content".utf8)))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: target)
        try PrivateFile.write(Array("secret QR".utf8), to: target)
        #expect(try Self.mode(target) == 0o600)
        #expect(FileManager.default.contents(atPath: target) == Data("secret QR".utf8))
        #expect(directory.entries == ["enroll.svg"])
    }

    /// Regression (finding 9): without `O_NOFOLLOW`, a symbolic link planted at the path was
    /// followed and the secret written wherever it pointed.
    @Test("regression: a symbolic link at the target was followed and the secret written where it points")
    func symbolicLinkRefused() throws {
        let directory = try Directory()
        let destination = directory.file("elsewhere.txt")
        #expect(FileManager.default.createFile(atPath: destination, contents: Data("untouched".utf8)))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: destination)
        let target = directory.file("enroll.svg")
        try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: destination)
        #expect(throws: PrivateFile.Failure(.symbolicLink, target)) {
            try PrivateFile.write(Array("secret QR".utf8), to: target)
        }
        #expect(
            FileManager.default.contents(atPath: destination) == Data("untouched".utf8), "the destination is untouched")
        #expect(try Self.mode(destination) == 0o644)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: target) == destination, "the link stays")
        #expect(directory.entries == ["elsewhere.txt", "enroll.svg"], "no temporary file is left")
    }

    @Test("a dangling symbolic link is refused too, and nothing is created where it points")
    func danglingLinkRefused() throws {
        let directory = try Directory()
        let target = directory.file("enroll.svg")
        try FileManager.default.createSymbolicLink(atPath: target, withDestinationPath: directory.file("new.txt"))
        #expect(throws: PrivateFile.Failure(.symbolicLink, target)) { try PrivateFile.write([1], to: target) }
        #expect(!FileManager.default.fileExists(atPath: directory.file("new.txt")))
    }

    @Test("a directory, an empty path or a missing directory is a typed failure")
    func otherFailures() throws {
        let directory = try Directory()
        #expect(throws: PrivateFile.Failure(.notRegularFile, directory.path)) {
            try PrivateFile.write([1], to: directory.path)
        }
        #expect(throws: PrivateFile.Failure(.invalidPath, "")) { try PrivateFile.write([1], to: "") }
        #expect(throws: PrivateFile.Failure(.invalidPath, directory.path + "/")) {
            try PrivateFile.write([1], to: directory.path + "/")
        }
        let missing = directory.file("no/such/dir.svg")
        let failure = try #require(throws: PrivateFile.Failure.self) { try PrivateFile.write([1], to: missing) }
        #expect(failure.reason == .cannotCreate)
        #expect(failure.description.contains("No such file or directory"))
        #expect(directory.entries.isEmpty)
    }

    @Test(
        "the directory of a path",
        arguments: [("a.svg", "."), ("/a.svg", "/"), ("d/a.svg", "d"), ("/d/e/a.svg", "/d/e")])
    func directoryOfPath(path: String, directory: String) {
        #expect(PrivateFile.directory(of: path) == directory)
    }
}
