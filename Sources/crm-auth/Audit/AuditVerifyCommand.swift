import ArgumentParser
import AuditLog
import AuthCore
import CRMAuth
import Foundation
import LoginFlow

/// `crm-auth audit verify`
struct AuditVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify an audit export (JSON lines, Documentation/AuditLog.md) offline, or the database's trail.",
        discussion: """
            With --file, verifies an export; without it, the chain in the database (--database PATH or \
            $CRM_AUTH_DATABASE). Prints each problem as "sequence N: problem". Exit status: 0 when the \
            chain is intact, 1 when it was tampered with, 2 when the file cannot be read or is not an \
            audit export, or there is no usable database. For an export without --public-key, \
            checkpoints are compared with the records but their signatures are not checked, so a rewrite \
            by someone with write access to the store goes unnoticed. For the database, the key file's \
            signing key is trusted unless --public-key names the keys to trust (better: whoever can \
            rewrite the database may be able to rewrite the key file too).
            """
    )

    @Option(help: "The export to verify (at most 2 GiB); without it, the database's trail.")
    var file: String?

    @OptionGroup var database: DatabaseOptions

    @Option(
        name: .customLong("public-key"),
        help: "A trusted Ed25519 public key as ID:HEX (64 hex digits); repeat for several keys.")
    var publicKeys: [String] = []

    func validate() throws {
        guard file == nil || database.database == nil else {
            throw ValidationError("give --file EXPORT or --database PATH, not both")
        }
    }

    func run() async throws {
        let keys = try publicKeys.map(Self.publicKey)
        guard let file else {
            let report = try await OperatorConsole.withSystem(database) { system in
                let keyFile = try database.keyFilePath(for: try database.location())
                let trusted = try keys.isEmpty ? [KeyFile.load(keyFile).auditSigningKey.publicKey] : keys
                return try await system.flow.auditTrail.verify(publicKeys: trusted)
            }
            try Self.print(report)
            return
        }
        let bytes: [UInt8]
        do {
            let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
            defer { try? handle.close() }
            let size = try handle.seekToEnd()
            guard size <= 1 << 31 else { throw StandardInput.fail("\(file) is larger than 2 GiB") }
            try handle.seek(toOffset: 0)
            bytes = Array(try handle.readToEnd() ?? Data())
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw StandardInput.fail("cannot read \(file): \(error.localizedDescription)")
        }
        let export: AuditExport
        do {
            export = try AuditExport(parsing: bytes)
        } catch {
            throw StandardInput.fail("\(file) is not a readable audit export: \(error.reason)")
        }
        let verifier = keys.isEmpty ? AuditVerifier.withoutSignatures : AuditVerifier(publicKeys: keys)
        try Self.print(verifier.verify(records: export.records, checkpoints: export.checkpoints))
    }

    /// Prints the report; exit status 1 when the chain is not intact.
    static func print(_ report: AuditVerificationReport) throws {
        for problem in report.problems { Swift.print(problem) }
        guard report.isIntact else {
            StandardInput.printError("tampered: \(report.problems.count) problems")
            throw ExitCode(1)
        }
        var summary = "intact: \(report.recordCount) records, \(report.checkpointCount) checkpoints"
        if !report.signaturesChecked { summary += " (signatures not checked: no public key)" }
        if report.unpinnedTail > 0 {
            summary += "; the last \(report.unpinnedTail) records follow the last checkpoint and are not pinned"
        }
        Swift.print(summary)
    }

    static func publicKey(_ text: String) throws -> Ed25519PublicKey {
        guard let colon = text.lastIndex(of: ":") else {
            throw StandardInput.fail("--public-key is ID:HEX, e.g. audit-2026:d75a98…")
        }
        let hex = Array(text[text.index(after: colon)...].utf8)
        var bytes: [UInt8] = []
        var index = 0
        while hex.count == 64, index < 64,
            let byte = UInt8(String(decoding: hex[index..<index + 2], as: UTF8.self), radix: 16)
        {
            bytes.append(byte)
            index += 2
        }
        do {
            return try Ed25519PublicKey(id: String(text[..<colon]), bytes: bytes)
        } catch {
            throw StandardInput.fail("--public-key \(text): \(error.reason); it is ID:HEX with 64 hex digits")
        }
    }
}
