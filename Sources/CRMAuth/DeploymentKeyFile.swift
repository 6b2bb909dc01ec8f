import AuthCore
import Foundation
import LockoutPolicy
public import LoginFlow

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The deployment's keys (`AuthFlowSecrets`) in a file beside the database, never in it.
///
/// `crm-auth db migrate` creates it with mode 0600 when it creates the database; every other command
/// reads it and refuses one that others can read. The format is text, one key a line:
///
/// ```text
/// crmauth-keys 1
/// totp-key totp-1 <64 hex digits>          (one or more: the first seals, every one opens)
/// lockout-key <64 or more hex digits>
/// audit-signing-key audit-1 <64 hex digits: the Ed25519 seed>
/// ```
///
/// Empty lines and lines starting with `#` are skipped. Any other line is refused, naming it.
public enum DeploymentKeyFile {
    /// The file's first line (after comments): the format and its version.
    public static let header = "crmauth-keys 1"

    /// Creates the file at `path` (which must not exist) with mode 0600 and fresh random keys.
    /// - Parameter path: where to create it; the folder must exist. An existing file (or a symbolic link)
    ///   is never overwritten or followed (`O_EXCL`).
    /// - Returns: the keys written.
    /// - Throws: ``CRMAuthError/keyFileUnusable`` if it cannot be created or written.
    public static func create(at path: String) throws(CRMAuthError) -> AuthFlowSecrets {
        let totp = SecureRandom.bytes(count: 32)
        let lockout = SecureRandom.bytes(count: 32)
        let seed = SecureRandom.bytes(count: 32)
        let text = """
            # CRMAuth deployment keys, made by crm-auth db migrate. Keep this file mode 0600 and back it up
            # apart from the database: without it, sealed TOTP secrets cannot be opened.
            \(header)
            totp-key totp-1 \(hex(totp))
            lockout-key \(hex(lockout))
            audit-signing-key audit-1 \(hex(seed))

            """
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw CRMAuthError(
                .keyFileUnusable, "cannot create the key file \(path): \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        _ = close(descriptor)
        guard written == bytes.count, synced == 0 else {
            unlink(path)
            throw CRMAuthError(.keyFileUnusable, "cannot write the key file \(path)")
        }
        return try load(path)
    }

    /// The keys in the file at `path`.
    /// - Parameter path: the key file.
    /// - Returns: the keys.
    /// - Throws: ``CRMAuthError/keyFileUnusable`` for a missing file, one that others can read (mode
    ///   bits beyond 0600), or one that is not text; ``CRMAuthError/keyFileMalformed`` naming the line.
    public static func load(_ path: String) throws(CRMAuthError) -> AuthFlowSecrets {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw CRMAuthError(
                .keyFileUnusable,
                "no key file at \(path): give --keys PATH (or set CRM_AUTH_KEYS); crm-auth db migrate creates "
                    + "one with a new database")
        }
        guard status.st_mode & 0o077 == 0 else {
            throw CRMAuthError(.keyFileUnusable, "the key file \(path) can be read by others: chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 65_536,
            let text = String(validating: data, as: UTF8.self)
        else {
            throw CRMAuthError(.keyFileUnusable, "cannot read the key file \(path) as text")
        }
        do {
            return try parse(text)
        } catch {
            throw CRMAuthError(.keyFileMalformed, "the key file \(path): \(error.reason)")
        }
    }

    /// The keys in a key file's text.
    /// - Parameter text: the file's contents.
    /// - Returns: the keys.
    /// - Throws: ``CRMAuthError/keyFileMalformed`` naming the first line at fault.
    public static func parse(_ text: String) throws(CRMAuthError) -> AuthFlowSecrets {
        var sawHeader = false
        var totp: [SealingKey] = []
        var lockout: LockoutSecret?
        var signing: Ed25519SigningKey?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let fields = line.split(separator: " ").map(String.init)
            if fields.isEmpty || fields[0].hasPrefix("#") { continue }
            guard sawHeader else {
                guard line == header else {
                    throw CRMAuthError(.keyFileMalformed, "line \(number): expected \(header)")
                }
                sawHeader = true
                continue
            }
            do {
                switch (fields[0], fields.count) {
                case ("totp-key", 3):
                    totp.append(try SealingKey(id: fields[1], material: try bytes(fields[2], line: number)))
                case ("lockout-key", 2) where lockout == nil:
                    lockout = try LockoutSecret(key: try bytes(fields[1], line: number))
                case ("audit-signing-key", 3) where signing == nil:
                    signing = try Ed25519SigningKey(id: fields[1], seed: try bytes(fields[2], line: number))
                default:
                    throw CRMAuthError(.keyFileMalformed, "line \(number): unknown or repeated entry \(fields[0])")
                }
            } catch let problem as CRMAuthError {
                throw problem
            } catch let error as AuthCoreError {
                throw CRMAuthError(.keyFileMalformed, "line \(number): \(error.reason)")
            } catch let error as LockoutError {
                throw CRMAuthError(.keyFileMalformed, "line \(number): \(error.reason)")
            } catch {
                throw CRMAuthError(.keyFileMalformed, "line \(number): \(error)")
            }
        }
        guard let current = totp.first, let lockout, let signing else {
            throw CRMAuthError(
                .keyFileMalformed, "a totp-key, the lockout-key and the audit-signing-key are all needed")
        }
        do {
            return AuthFlowSecrets(
                totpKeys: try KeyRing(current: current, older: Array(totp.dropFirst())), lockout: lockout,
                auditSigningKey: signing)
        } catch {
            throw CRMAuthError(.keyFileMalformed, "the TOTP keys: \(error.reason)")
        }
    }

    /// `bytes` as lowercase hexadecimal, as the file writes keys.
    /// - Parameter bytes: the bytes.
    /// - Returns: two digits per byte.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func bytes(_ text: String, line: Int) throws(CRMAuthError) -> [UInt8] {
        let digits = Array(text.utf8)
        guard digits.count.isMultiple(of: 2), !digits.isEmpty else {
            throw CRMAuthError(.keyFileMalformed, "line \(line): an even number of hex digits is expected")
        }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else {
                throw CRMAuthError(.keyFileMalformed, "line \(line): not hex")
            }
            bytes.append(high << 4 | low)
        }
        return bytes
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): digit - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
