import Foundation
import RBAC

/// Reading policy files for the roles commands; every failure is exit status 2 with a message.
enum PolicyFile {
    static func read(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw StandardInput.fail("cannot read \(path): \(error.localizedDescription)")
        }
    }

    /// The policy document at `path`, compiled.
    static func compiled(_ path: String) throws -> CompiledPolicy {
        let data = try read(path)
        do {
            return try CompiledPolicy(PolicyDocument.decode(data))
        } catch {
            throw StandardInput.fail("\(path): \(error.reason)")
        }
    }
}
