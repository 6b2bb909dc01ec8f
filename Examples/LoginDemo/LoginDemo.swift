import CRMAuth
import CRMAuthSQLite
import Foundation

/// A narrated walk through the whole login flow of a small CRM, on a SQLite database and a manual clock
/// (so the waits a throttle imposes take no real time): an invitation and the first password, failed
/// logins into a throttle, TOTP enrollment with its QR code, an MFA login, a role check allowed and
/// denied, a password reset, every session signed out, the audit trail printed and verified, and the
/// database file scanned for every secret the run made.
///
/// `swift run LoginDemo` uses a new file in a temporary folder; `swift run LoginDemo --database PATH`
/// uses (or creates) `PATH`, with its deployment keys in `PATH.keys`, and can run again on it.
@main
struct LoginDemo {
    static func main() async throws {
        do {
            let path = try databasePath(Array(CommandLine.arguments.dropFirst()))
            let keys = path + ".keys"
            let secrets: AuthFlowSecrets
            if FileManager.default.fileExists(atPath: path) {
                guard FileManager.default.fileExists(atPath: keys) else {
                    throw DemoError("\(path) exists but its key file \(keys) does not: use another --database")
                }
                secrets = try DeploymentKeyFile.load(keys)
            } else {
                secrets = try DeploymentKeyFile.create(at: keys)
            }
            emit("Database: \(path) (keys in \(keys))")
            let demo = try await DemoCRM(database: path, secrets: secrets)
            if demo.run > 1 { emit("This file holds \(demo.run - 1) earlier run(s): this one continues it.") }
            try await demo.inviteAna()
            try await demo.strangerGuesses()
            try await demo.enrollAuthenticator()
            try await demo.loginWithSecondFactor()
            try await demo.checkPermissions()
            try await demo.resetForgottenPassword()
            try await demo.signOutEverywhere()
            try await demo.printAuditTrail()
            try await demo.scanTheFile(path)
        } catch {
            emit("\nThe demo stopped: \(error)")
            exit(1)
        }
    }

    /// The database file: `--database PATH`, or a new file in a new temporary folder.
    static func databasePath(_ arguments: [String]) throws -> String {
        switch arguments.count {
        case 0:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
                "crmauth-demo-\(UUID().uuidString.prefix(8))", isDirectory: true)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            return folder.appendingPathComponent("auth.sqlite").path
        case 2 where arguments[0] == "--database" && !arguments[1].isEmpty:
            return arguments[1]
        default:
            throw DemoError("usage: LoginDemo [--database PATH]")
        }
    }
}
