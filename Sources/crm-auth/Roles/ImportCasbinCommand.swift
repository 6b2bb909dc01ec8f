import ArgumentParser
import Foundation
import RBAC

/// `crm-auth roles import-casbin`
struct ImportCasbinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-casbin",
        abstract: "Translate a Casbin policy (p and g lines, RBAC with domains) into a policy document.",
        discussion: """
            The policy must be written for the model r = sub, dom, obj, act; p = sub, dom, obj, act, eft; \
            g = _, _, _; m = g(r.sub, p.sub, r.dom) && r.dom == p.dom && r.obj == p.obj && r.act == p.act. \
            Prints the document on standard output. Exit status 2, with the line named, for a line that \
            is malformed or has no faithful translation (a literal '*').
            """
    )

    @Argument(help: "The Casbin policy file (CSV).")
    var policy: String

    func run() async throws {
        let data = try PolicyFile.read(policy)
        guard let text = String(validating: data, as: UTF8.self) else {
            throw StandardInput.fail("\(policy) is not valid UTF-8")
        }
        let imported: RolePolicy
        do {
            imported = try CasbinPolicyImporter.importPolicy(text)
        } catch {
            throw StandardInput.fail("\(policy): \(error.reason)")
        }
        print(String(decoding: PolicyDocument.encode(imported), as: UTF8.self))
    }
}
