import ArgumentParser
import AuthCore
import CRMAuth
import LoginFlow
import RBAC

/// `crm-auth roles grant` and `crm-auth roles revoke`: one shape.
protocol RoleAssignmentCommand: AsyncParsableCommand {
    var database: DatabaseOptions { get }
    var acting: OperatorOption { get }
    var user: String { get }
    var role: String { get }
    var tenant: String { get }
    /// Whether the command grants (or revokes).
    static var grants: Bool { get }
}

extension RoleAssignmentCommand {
    func run() async throws {
        let console = try OperatorConsole.consoleOperator(acting)
        let roleID: RoleID
        let tenantID: TenantID
        do {
            roleID = try RoleID(role)
            tenantID = try TenantID(tenant)
        } catch {
            throw StandardInput.fail(error.reason)
        }
        let (id, changed) = try await OperatorConsole.withSystem(database) { system in
            let found = try await OperatorConsole.user(user, in: system)
            let before = try await system.stores.roles.policy().policy.assignments
            let assignment = RoleAssignment(user: found.id, role: roleID, tenant: tenantID)
            do {
                if Self.grants {
                    try await system.flow.grantRole(roleID, to: found.id, in: tenantID, by: console)
                } else {
                    try await system.flow.revokeRole(roleID, from: found.id, in: tenantID, by: console)
                }
            } catch let error as LoginFlowError where error.code == .invalidState {
                // The policy refused the change (an undefined role, separation of duty): bad input.
                throw StandardInput.fail(OperatorConsole.describe(error))
            }
            return (found.id, before.contains(assignment) != Self.grants)
        }
        let verb = Self.grants ? "granted" : "revoked"
        print(changed ? "\(id): \(role) \(verb) in \(tenant)" : "\(id): \(role) was already \(verb) in \(tenant)")
        if !changed { throw ExitCode(1) }
    }
}

/// `crm-auth roles grant`
struct GrantRoleCommand: RoleAssignmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "grant",
        abstract: "Grant a role to an account in a tenant (the role must be defined in the policy).",
        discussion: """
            Exit status: 0 granted, 1 when the account held it already or has no such user, 2 when the \
            policy refuses (an undefined role, separation of duty) or for bad input.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: OperatorOption
    @Argument(help: "The user: id, email address or username.")
    var user: String
    @Argument(help: "The role.")
    var role: String
    @Option(help: "The tenant the role is held in.")
    var tenant: String

    static let grants = true
}

/// `crm-auth roles revoke`
struct RevokeRoleCommand: RoleAssignmentCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a role from an account in a tenant.",
        discussion: "Exit status: 0 revoked, 1 when the account did not hold it or has no such user, 2 for bad input."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: OperatorOption
    @Argument(help: "The user: id, email address or username.")
    var user: String
    @Argument(help: "The role.")
    var role: String
    @Option(help: "The tenant the role was held in.")
    var tenant: String

    static let grants = false
}
