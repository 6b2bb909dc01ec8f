import CRMAuth
import CRMAuthSQLite
import Foundation

/// Opening the CRM's authentication system on its SQLite file, and the demo people and roles of a
/// new database.
enum CRMSystem {
    /// The roles of the demo CRM, each with what it may do in its tenant.
    static func rolePolicy() throws -> RolePolicy {
        RolePolicy(
            roles: ["sales", "hr", "finance", "admin"],
            rules: [
                PolicyRule(role: "sales", effect: .allow, permissions: try PermissionPattern("leads:read")),
                PolicyRule(
                    role: "sales", effect: .allow, permissions: try PermissionPattern("leads:update"), scope: .own),
                PolicyRule(role: "hr", effect: .allow, permissions: try PermissionPattern("employees:read")),
                PolicyRule(role: "finance", effect: .allow, permissions: try PermissionPattern("invoices:read")),
                PolicyRule(role: "admin", effect: .allow, permissions: try PermissionPattern("users:*")),
                PolicyRule(role: "admin", effect: .allow, permissions: try PermissionPattern("audit:read")),
            ])
    }

    /// The people of a new database: email, name, role, tenant. Two companies use the CRM: Acme (four
    /// people, one per role) and Globex (a sales rep), and each sees only its own records.
    static let people: [(email: String, name: String, role: RoleID, tenant: TenantID)] = [
        ("ana@acme.example", "Ana Sales", "sales", "acme"), ("hal@acme.example", "Hal Harper", "hr", "acme"),
        ("fay@acme.example", "Fay Finch", "finance", "acme"), ("ada@acme.example", "Ada Admin", "admin", "acme"),
        ("gus@globex.example", "Gus Grant", "sales", "globex"),
    ]

    /// Roles whose people must use two-step sign-in: finance (Fay) sets it up at her first sign-in.
    static let mfaRequiredRoles: Set<RoleID> = ["finance"]

    /// The opened system and the audit signing key's public half (the administrator page verifies
    /// the trail with it).
    struct Opened: Sendable {
        let system: AuthSystem
        let auditPublicKey: Ed25519PublicKey
    }

    /// Opens (or creates) the database at `path` with its key file `path.keys`; a new database gets
    /// the demo roles and people, whose passwords are written to `path.accounts` (mode 0600), never
    /// printed.
    static func open(database path: String, issuer: String) async throws -> Opened {
        let keyPath = path + ".keys"
        let isNew = !FileManager.default.fileExists(atPath: path)
        let secrets =
            FileManager.default.fileExists(atPath: keyPath)
            ? try DeploymentKeyFile.load(keyPath) : try DeploymentKeyFile.create(at: keyPath)
        var configuration = AuthFlowConfiguration(issuer: issuer)
        configuration.mfaRequiredRoles = mfaRequiredRoles
        let system = try await AuthSystem.sqlite(path: path, configuration: configuration, secrets: secrets)
        if isNew { try await seed(system, accountsFile: path + ".accounts") }
        return Opened(system: system, auditPublicKey: secrets.auditSigningKey.publicKey)
    }

    private static func seed(_ system: AuthSystem, accountsFile: String) async throws {
        let console = try ConsoleOperator(name: "crmserver-setup")
        _ = try await system.flow.replaceRolePolicy(with: try rolePolicy(), by: console)
        var lines = ["# CRMServer demo accounts (this file is readable by you only)"]
        for person in people {
            let password = demoPassword()
            let user = try await system.flow.createUser(
                email: person.email, displayName: person.name, password: password, tenant: person.tenant,
                by: console)
            try await system.flow.grantRole(person.role, to: user.id, in: person.tenant, by: console)
            lines.append("\(person.email)\t\(password)\t\(person.role)")
        }
        let text = lines.joined(separator: "\n") + "\n"
        guard
            FileManager.default.createFile(
                atPath: accountsFile, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        else { throw CocoaError(.fileWriteUnknown) }
        say("CRMServer: a new database; the demo accounts' passwords are in \(accountsFile)")
    }

    /// Four random words from a small list and two digits: easy to type on a phone, and accepted by
    /// the password policy.
    private static func demoPassword() -> String {
        let words = [
            "amber", "birch", "cobalt", "delta", "ember", "fjord", "granite", "harbor", "indigo", "juniper",
            "kestrel", "lantern", "meadow", "nectar", "orchid", "pebble", "quartz", "raven", "saffron", "tundra",
        ]
        let chosen = (0..<4).map { _ in words[Int(SecureRandom.integer(in: 0..<words.count))] }
        return chosen.joined(separator: " ") + " \(SecureRandom.integer(in: 10..<100))"
    }
}
