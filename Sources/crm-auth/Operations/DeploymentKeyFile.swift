import AuthCore
import Foundation
import LockoutPolicy
import LoginFlow

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
enum DeploymentKeyFile {
    static let header = "crmauth-keys 1"

    /// Creates the file at `path` (which must not exist) with mode 0600 and fresh random keys.
    static func create(at path: String) throws -> AuthFlowSecrets {
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
            throw StandardInput.fail("cannot create the key file \(path): \(String(cString: strerror(errno)))")
        }
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        let synced = fsync(descriptor)
        _ = close(descriptor)
        guard written == bytes.count, synced == 0 else {
            unlink(path)
            throw StandardInput.fail("cannot write the key file \(path)")
        }
        return try load(path)
    }

    /// The keys in the file at `path`; exit status 2 for a missing, shared or malformed file.
    static func load(_ path: String) throws -> AuthFlowSecrets {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw StandardInput.fail(
                "no key file at \(path): give --keys PATH (or set CRM_AUTH_KEYS); crm-auth db migrate creates "
                    + "one with a new database")
        }
        guard status.st_mode & 0o077 == 0 else {
            throw StandardInput.fail("the key file \(path) can be read by others: chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path), data.count <= 65_536,
            let text = String(validating: data, as: UTF8.self)
        else {
            throw StandardInput.fail("cannot read the key file \(path) as text")
        }
        do {
            return try parse(text)
        } catch {
            throw StandardInput.fail("the key file \(path): \(error.text)")
        }
    }

    struct KeyFileProblem: Error {
        let text: String
    }

    /// The keys in `text`, or a ``KeyFileProblem`` naming the line.
    static func parse(_ text: String) throws(KeyFileProblem) -> AuthFlowSecrets {
        var sawHeader = false
        var totp: [SealingKey] = []
        var lockout: LockoutSecret?
        var signing: Ed25519SigningKey?
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let fields = line.split(separator: " ").map(String.init)
            if fields.isEmpty || fields[0].hasPrefix("#") { continue }
            guard sawHeader else {
                guard line == header else { throw KeyFileProblem(text: "line \(number): expected \(header)") }
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
                    throw KeyFileProblem(text: "line \(number): unknown or repeated entry \(fields[0])")
                }
            } catch let problem as KeyFileProblem {
                throw problem
            } catch let error as AuthCoreError {
                throw KeyFileProblem(text: "line \(number): \(error.reason)")
            } catch let error as LockoutError {
                throw KeyFileProblem(text: "line \(number): \(error.reason)")
            } catch {
                throw KeyFileProblem(text: "line \(number): \(error)")
            }
        }
        guard let current = totp.first, let lockout, let signing else {
            throw KeyFileProblem(text: "a totp-key, the lockout-key and the audit-signing-key are all needed")
        }
        do {
            return AuthFlowSecrets(
                totpKeys: try KeyRing(current: current, older: Array(totp.dropFirst())), lockout: lockout,
                auditSigningKey: signing)
        } catch {
            throw KeyFileProblem(text: "the TOTP keys: \(error.reason)")
        }
    }

    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func bytes(_ text: String, line: Int) throws(KeyFileProblem) -> [UInt8] {
        let digits = Array(text.utf8)
        guard digits.count.isMultiple(of: 2), !digits.isEmpty else {
            throw KeyFileProblem(text: "line \(line): an even number of hex digits is expected")
        }
        var bytes: [UInt8] = []
        for index in stride(from: 0, to: digits.count, by: 2) {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else {
                throw KeyFileProblem(text: "line \(line): not hex")
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
