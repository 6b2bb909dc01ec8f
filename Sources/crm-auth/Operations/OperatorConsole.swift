import ArgumentParser
import AuthCore
import CRMAuth
import CRMAuthPostgres
import CRMAuthSQLite
import Foundation
import LoginFlow

/// Opening the system on a database for one command, and turning the flow's errors into exit statuses.
///
/// Exit statuses of every command on a database: 0 when it did what was asked (or the answer is yes),
/// 1 for a negative answer (no such user or session, nothing to change, denied, locked, tampered), 2
/// for bad input or no usable database (no file, no key file, pending migrations, a store failure).
enum OperatorConsole {
    /// The issuer the flow is configured with: the product name in password checks.
    static let issuer = ProcessInfo.processInfo.environment["CRM_AUTH_ISSUER"] ?? "CRMAuth"

    /// Runs `body` on the system at `options`' database, then writes buffered audit events and closes
    /// the database, whatever `body` did.
    static func withSystem<T>(
        _ options: DatabaseOptions, _ body: (AuthSystem) async throws -> T
    ) async throws -> T {
        let location = try options.location()
        let keyFile = try options.keyFilePath(for: location)
        guard location.exists else {
            throw StandardInput.fail("no database at \(location.name): create it with crm-auth db migrate")
        }
        let inspection = try await location.inspect()
        if inspection.needsMigration {
            throw StandardInput.fail(
                "\(location.name) has schema version \(inspection.storedVersion), this release "
                    + "\(inspection.knownVersion): run crm-auth db migrate")
        }
        if inspection.isTooNew {
            throw StandardInput.fail(
                "\(location.name) has schema version \(inspection.storedVersion), newer than this release knows "
                    + "(\(inspection.knownVersion)): use a newer crm-auth")
        }
        let secrets = try KeyFile.load(keyFile)
        return try await withSystem(location, secrets: secrets, body)
    }

    /// Opens (and migrates) the database at `location` under `secrets`, runs `body`, shuts the system down.
    static func withSystem<T>(
        _ location: DatabaseLocation, secrets: AuthFlowSecrets, _ body: (AuthSystem) async throws -> T
    ) async throws -> T {
        let system: AuthSystem
        do {
            system = try await location.open(configuration: AuthFlowConfiguration(issuer: issuer), secrets: secrets)
        } catch {
            throw StandardInput.fail("cannot open \(location.name): \(describe(error))")
        }
        let result: T
        do {
            result = try await body(system)
        } catch {
            do { try await system.shutdown() } catch { StandardInput.printError("closing: \(describe(error))") }
            throw exit(for: error)
        }
        do {
            try await system.shutdown()
        } catch {
            throw StandardInput.fail("the audit trail could not be written: \(describe(error))")
        }
        return result
    }

    /// The console operator named by `--operator` or `$USER`; exit status 2 for none or a bad name.
    static func consoleOperator(_ option: OperatorOption) throws -> ConsoleOperator {
        guard let name = option.name ?? ProcessInfo.processInfo.environment["USER"], !name.isEmpty else {
            throw StandardInput.fail("who is acting? give --operator NAME (or set USER)")
        }
        do {
            return try ConsoleOperator(name: name)
        } catch {
            throw StandardInput.fail("--operator \(name): \(error.reason)")
        }
    }

    /// The account `text` names: a user id, else an email address or username; exit status 1 if none.
    static func user(_ text: String, in system: AuthSystem) async throws -> User {
        do {
            if let id = try? UserID(text), let found = try await system.stores.users.user(id: id) { return found }
            if let identifier = try? LoginIdentifier(parsing: text),
                let found = try await system.stores.users.user(identifier: identifier)
            {
                return found
            }
        } catch {
            throw StandardInput.fail("the user store failed: \(describe(error))")
        }
        StandardInput.printError("no user is \(text)")
        throw ExitCode(1)
    }

    /// The exit status for `error` from the flow, its message printed: 1 for a negative answer, 2 for
    /// bad input or an unusable store.
    static func exit(for error: any Error) -> ExitCode {
        if let exit = error as? ExitCode { return exit }
        if let error = error as? LoginFlowError {
            switch error.code {
            case .userNotFound, .invalidState, .identifierTaken, .duplicate, .accessDenied, .conflict:
                StandardInput.printError(describe(error))
                return ExitCode(1)
            case .passwordRejected:
                StandardInput.printError("the password is rejected:")
                for violation in (error.underlying as? PasswordRejection)?.violations ?? [] {
                    StandardInput.printError("  \(violation.message)")
                }
                return ExitCode(2)
            default:
                break
            }
        }
        StandardInput.printError(describe(error))
        return ExitCode(2)
    }

    /// A one-line description: the reason, and the underlying error's when there is one.
    static func describe(_ error: any Error) -> String {
        if let error = error as? LoginFlowError {
            let underlying = error.underlying.flatMap { $0 is PasswordRejection ? nil : ": " + describe($0) } ?? ""
            return (error.reason.isEmpty ? "\(error.code)" : error.reason) + underlying
        }
        if let error = error as? SQLiteStoreError { return error.reason }
        if let error = error as? PostgresStoreError { return error.reason }
        return String(describing: error)
    }

    /// `date` as ISO 8601 in UTC, to the second.
    static func format(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// An ISO 8601 instant (`2026-12-04T08:00:00Z`) from an option; exit status 2 if malformed.
    static func instant(_ text: String, option: String) throws -> Date {
        do {
            return try Date(text, strategy: .iso8601)
        } catch {
            throw StandardInput.fail("\(option) \(text): expected an ISO 8601 instant such as 2026-12-04T08:00:00Z")
        }
    }
}
