public import Foundation

/// Where SwiftPM put an executable of this package that a test target depends on: beside the test
/// bundle (on Linux the bundle is itself an executable in the build folder; on macOS it is a
/// `.xctest` bundle in that folder).
public enum BuiltExecutable {
    /// The built executable `name`, or an error naming the folders searched.
    public static func url(_ name: String) throws -> URL {
        var folders: [URL] = []
        if let main = Bundle.main.executableURL { folders.append(main.deletingLastPathComponent()) }
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            folders.append(bundle.bundleURL.deletingLastPathComponent())
        }
        for folder in folders {
            let candidate = folder.appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        throw NotBuilt(name: name, searched: folders.map(\.path))
    }

    /// The executable is not where SwiftPM builds it.
    public struct NotBuilt: Error, CustomStringConvertible {
        let name: String
        let searched: [String]
        public var description: String { "\(name) is not built beside the tests (looked in \(searched))" }
    }
}
