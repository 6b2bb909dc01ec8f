import ArgumentParser
import AuthCore
import CRMAuth
import Foundation
import LoginFlow
import RBAC

/// `crm-auth roles import`
struct ImportPolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Replace the database's whole role policy with a policy document (JSON).",
        discussion: """
            Every role, rule, inheritance, assignment and constraint is replaced in one change: what \
            the document lacks is removed. Audited as administrator.action (role-policy-replaced). A \
            Casbin policy is translated first with crm-auth roles import-casbin. Exit status 2 for a \
            malformed or inconsistent document; 1 when another edit got in between (run it again).
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: OperatorOption

    @Argument(help: "The policy document (JSON).")
    var policy: String

    func run() async throws {
        let console = try OperatorConsole.consoleOperator(acting)
        let document = try PolicyFile.read(policy)
        let decoded: RolePolicy
        do {
            decoded = try PolicyDocument.decode(document)
        } catch {
            throw StandardInput.fail("\(policy): \(error.reason)")
        }
        let version = try await OperatorConsole.withSystem(database) { system in
            do {
                return try await system.flow.replaceRolePolicy(with: decoded, by: console)
            } catch let error as LoginFlowError where error.code == .invalidState {
                // An inconsistent document is bad input, not a negative answer.
                throw StandardInput.fail("\(policy): \(OperatorConsole.describe(error))")
            }
        }
        print("policy version \(version)")
    }
}

/// `crm-auth roles export`
struct ExportPolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the database's role policy as a policy document (JSON).",
        discussion: "The document crm-auth roles import and roles check --policy read. Exit status 0, or 2."
    )

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let policy = try await OperatorConsole.withSystem(database) { system in
            try await system.stores.roles.policy().policy
        }
        print(String(decoding: PolicyDocument.encode(policy), as: UTF8.self))
    }
}
