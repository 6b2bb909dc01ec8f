import ArgumentParser
import AuthCore
import RBAC

/// `crm-auth roles explain`
struct ExplainAccessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Explain one decision: which role, grant or deny decided, through which inheritance path.",
        discussion: "Exit status: 0 when allowed, 1 when denied, 2 for a malformed policy or argument."
    )

    @Option(help: "The policy document (JSON).")
    var policy: String

    @Option(help: "The user.")
    var user: String

    @Option(help: "The tenant the user acts in.")
    var tenant: String

    @Option(help: "The permission, resource:action.")
    var permission: String

    @Option(help: "The resource's owner, for rules scoped to own resources.")
    var owner: String?

    func run() async throws {
        let compiled = try PolicyFile.compiled(policy)
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
