import ArgumentParser
import AuthCore
import RBAC

/// `crm-auth roles check`
struct CheckAccessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check requests read from standard input against a policy document.",
        discussion: """
            Reads one request per line, user,tenant,resource,action (no spaces around the commas), and \
            prints allow or deny for each. A malformed line stops the run with a message naming it and \
            exit status 2; a malformed policy document is exit status 2 too.
            """
    )

    @Option(help: "The policy document (JSON).")
    var policy: String

    func run() async throws {
        let compiled = try PolicyFile.compiled(policy)
        var number = 0
        while let line = readLine(strippingNewline: true) {
            number += 1
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count == 4 else {
                throw StandardInput.fail(
                    "line \(number): expected user,tenant,resource,action, got \(fields.count) field(s)")
            }
            let user: UserID
            let tenant: TenantID
            let permission: Permission
            do {
                user = try UserID(fields[0])
                tenant = try TenantID(fields[1])
            } catch {
                throw StandardInput.fail("line \(number): \(error.reason)")
            }
            do {
                permission = try Permission(resource: fields[2], action: fields[3])
            } catch {
                throw StandardInput.fail("line \(number): \(error.reason)")
            }
            print(compiled.isAllowed(user: user, tenant: tenant, permission: permission) ? "allow" : "deny")
        }
    }
}
