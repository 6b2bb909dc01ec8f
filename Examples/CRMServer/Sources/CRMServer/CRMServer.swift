import ArgumentParser
import CRMAuth
import CRMAuthHummingbird
import CRMAuthSQLite
import Foundation
import Hummingbird
import Logging

/// The example CRM's command: `CRMServer --port 8080 --database PATH`.
@main
struct CRMServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A small CRM whose sign-in is CRMAuth, served by Hummingbird.")

    @Option(help: "The TCP port to listen on.")
    var port = 8080

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The SQLite database file (created with its key file PATH.keys on first start).")
    var database = "crmserver.sqlite"

    @Option(help: "The company name shown on every page.")
    var brandName = "Acme CRM"

    @Option(help: "The brand color, as #RRGGBB (text on it is white or near-black, whichever reads better).")
    var brandColor = "#1d4ed8"

    @Option(help: "The company logo shown beside its name: an .svg, .png or .jpg file of at most 256 KiB.")
    var brandLogo: String?

    func run() async throws {
        let branding = try Branding(name: brandName, color: brandColor, logoPath: brandLogo)
        let opened = try await CRMSystem.open(database: database, issuer: brandName)
        let system = opened.system
        let routes = try await CRMRoutes(system: system, auditPublicKey: opened.auditPublicKey, branding: branding)
        let app = Application(
            router: try routes.router(),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port)),
            logger: Logger(label: "crmserver"))
        say(
            "CRMServer: \(brandName) on http://\(host):\(port) (database \(database)); brand text "
                + "\(branding.textColor) on \(branding.color), contrast \(String(format: "%.1f", branding.contrast)):1")
        try await app.runService()
        try await system.shutdown()
    }
}

/// Prints `line` at once (standard output unbuffered), also when it goes to a file or a pipe.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
