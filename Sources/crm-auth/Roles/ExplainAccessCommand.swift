import ArgumentParser
import AuthCore
import CRMAuth
import LoginFlow
import RBAC

/// `crm-auth roles explain`
struct ExplainAccessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one decision: which role, grant or deny decided, through which inheritance path.",
        discussion: """
            Against a policy document with --policy FILE, or against the database's policy with \
            --database PATH (or $CRM_AUTH_DATABASE when --policy is not given). Exit status: 0 when \
            allowed, 1 when denied, 2 for a malformed policy or argument, or no policy to read.
            """
    )

    @Option(help: "The policy document (JSON); without it, the database's policy.")
    var policy: String?

    @OptionGroup var database: DatabaseOptions

    @Option(help: "The user.")
    var user: String

    @Option(help: "The tenant the user acts in.")
    var tenant: String

    @Option(help: "The permission, resource:action.")
    var permission: String

    @Option(help: "The resource's owner, for rules scoped to own resources.")
    var owner: String?

    func validate() throws {
        guard policy == nil || database.database == nil else {
            throw ValidationError("give --policy FILE or --database PATH, not both")
        }
    }

    func run() async throws {
        let compiled: CompiledPolicy
        if let policy {
            compiled = try PolicyFile.compiled(policy)
        } else {
            compiled = try await OperatorConsole.withSystem(database) { system in system.flow.access.snapshot }
        }
        let explanation: AccessExplanation
        do {
            explanation = compiled.explain(
                user: try UserID(user), tenant: try TenantID(tenant), permission: try Permission(permission),
                resourceOwner: try owner.map { try UserID($0) })
        } catch let error as AuthCoreError {
            throw StandardInput.fail(error.reason)
        } catch let error as RBACError {
            throw StandardInput.fail(error.reason)
        }
        print(explanation)
        if !explanation.allowed { throw ExitCode(1) }
    }
}
