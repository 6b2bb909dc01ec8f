import ArgumentParser

/// `crm-auth roles`
struct RolesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roles",
        abstract: "Grant and revoke roles in the database, import and export its policy, explain decisions.",
        discussion: """
            On a database (--database PATH or $CRM_AUTH_DATABASE): grant, revoke, import, export and \
            explain. On policy files: import-casbin translates a Casbin policy into a policy document, \
            check and explain --policy FILE decide against a document without any database.
            """,
        subcommands: [
            GrantRoleCommand.self, RevokeRoleCommand.self, ExplainAccessCommand.self, ImportPolicyCommand.self,
            ExportPolicyCommand.self, ImportCasbinCommand.self, CheckAccessCommand.self,
        ]
    )
}
