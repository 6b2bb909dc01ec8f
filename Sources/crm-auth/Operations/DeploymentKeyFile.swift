import ArgumentParser
import CRMAuth
import LoginFlow

/// The deployment key file (CRMAuth's `DeploymentKeyFile`), its errors reported as exit status 2.
enum KeyFile {
    /// Creates the key file at `path` with fresh keys (mode 0600, never over an existing file).
    static func create(at path: String) throws -> AuthFlowSecrets {
        do {
            return try DeploymentKeyFile.create(at: path)
        } catch {
            throw StandardInput.fail(error.reason)
        }
    }

    /// The keys in the file at `path`; exit status 2 for a missing, shared or malformed file.
    static func load(_ path: String) throws -> AuthFlowSecrets {
        do {
            return try DeploymentKeyFile.load(path)
        } catch {
            throw StandardInput.fail(error.reason)
        }
    }

    /// `bytes` as lowercase hexadecimal.
    static func hex(_ bytes: [UInt8]) -> String { DeploymentKeyFile.hex(bytes) }
}
