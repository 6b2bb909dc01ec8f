import ArgumentParser
import AuditLog
import AuthCore
import CRMAuth
import Foundation
import LoginFlow

/// `crm-auth audit export`
struct AuditExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the database's audit trail as an export (JSON lines) on standard output.",
        discussion: """
            Buffered events are written and a checkpoint is signed at the head first. --since keeps \
            events at or after the instant, --until those before it (ISO 8601, e.g. \
            2026-12-04T08:00:00Z); the records kept are contiguous in sequence order. The export itself \
            is audited (administrator.action, audit-exported) with the operator as actor. Verify it \
            with crm-auth audit verify --file. Exit status 0, or 2 for bad input or no usable database.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: OperatorOption

    @Option(help: "Keep events at or after this instant (ISO 8601).")
    var since: String?

    @Option(help: "Keep events before this instant (ISO 8601).")
    var until: String?

    func run() async throws {
        let console = try OperatorConsole.consoleOperator(acting)
        let from = try since.map { try OperatorConsole.instant($0, option: "--since") }
        let to = try until.map { try OperatorConsole.instant($0, option: "--until") }
        let export = try await OperatorConsole.withSystem(database) { system in
            try await system.flow.exportAuditTrail(since: from, until: to, by: console)
        }
        FileHandle.standardOutput.write(Data(export.encoded()))
    }
}

/// `crm-auth audit tail`
struct AuditTailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Print the database's latest audit records, oldest first (tab-separated).",
        discussion: """
            Each line: sequence, time (ISO 8601, UTC), kind, outcome, actor (a user id, operator:NAME \
            for a console operator, or -), subject, tenant, reason. Exit status 0, or 2.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(name: .shortAndLong, help: "How many records (1 to 10000).")
    var count: Int = 20

    func run() async throws {
        guard (1...10_000).contains(count) else { throw StandardInput.fail("--count is 1 to 10000") }
        let records = try await OperatorConsole.withSystem(database) { system in
            let head = try await system.stores.audit.head().sequence
            guard head > 0 else { return [AuditRecord]() }
            let first = head >= UInt64(count) ? head - UInt64(count) + 1 : 1
            return try await system.stores.audit.records(from: first, limit: count)
        }
        for record in records {
            let event = record.event
            let actor = event.actor?.rawValue ?? event.metadata["operator"].map { "operator:" + $0 } ?? "-"
            let fields = [
                String(record.sequence), OperatorConsole.format(event.time), "\(event.kind)", "\(event.outcome)", actor,
                event.subject?.rawValue ?? "-", event.tenant?.rawValue ?? "-", event.reason ?? "-",
            ]
            print(fields.joined(separator: "\t"))
        }
    }
}

/// `crm-auth audit public-key`
struct AuditPublicKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "public-key",
        abstract: "Print the audit signing key's public half as ID:HEX, for audit verify --public-key.",
        discussion: """
            Read from the key file of the database (--keys, $CRM_AUTH_KEYS, or the database path \
            followed by .keys). Give it to auditors with the exports: they verify with it alone. Exit \
            status 0, or 2 when there is no readable key file.
            """
    )

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let key = try KeyFile.load(try database.keyFilePath(for: try database.location()))
            .auditSigningKey.publicKey
        print(key.id + ":" + KeyFile.hex(key.bytes))
    }
}
