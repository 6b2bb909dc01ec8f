import ArgumentParser

/// `crm-auth roles`
struct RolesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roles",
        abstract: "Import Casbin policies, check and explain access against a policy document.",
        subcommands: [ImportCasbinCommand.self, CheckAccessCommand.self, ExplainAccessCommand.self]
    )
}
