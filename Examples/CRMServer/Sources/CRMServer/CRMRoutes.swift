import CRMAuth
import CRMAuthHummingbird
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The CRM's routes and what they share: rendering a page in the layout, reading a form, the
/// signed-in person. The routes themselves are in `SignInRoutes`, `AccountRoutes`, `SecurityRoutes`
/// and `AdminRoutes`.
struct CRMRoutes: Sendable {
    let system: AuthSystem
    let auditPublicKey: Ed25519PublicKey
    let branding: Branding
    let pages: Pages
    let outbox = Outbox()
    let cookies = CRMAuthCookies.standard

    /// The cookie that carries a sign-in between the password and the code (an MFA challenge).
    static let challengeCookie = "__Host-signin"

    init(system: AuthSystem, auditPublicKey: Ed25519PublicKey, branding: Branding) async throws {
        self.system = system
        self.auditPublicKey = auditPublicKey
        self.branding = branding
        pages = try await Pages()
    }

    var flow: AuthFlow { system.flow }

    func router() throws -> Router<CRMRequestContext> {
        let router = Router(context: CRMRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ClientContextMiddleware())
        router.add(middleware: CSRFMiddleware())
        router.add(middleware: SessionAuthenticator(flow: system.flow))

        let styleSheet = Pages.styleSheet(branding)
        router.get("/static/app.css") { _, _ in Self.text(styleSheet, type: "text/css; charset=utf-8") }
        router.get("/static/app.js") { _, _ in Self.text(Pages.script, type: "text/javascript; charset=utf-8") }
        let logo = branding.logo ?? (Array(Pages.monogram(branding).utf8), "image/svg+xml")
        router.get("/static/logo") { _, _ in
            Response(
                status: .ok, headers: [.contentType: logo.type, .cacheControl: "max-age=3600"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: logo.bytes)))
        }
        addSignInRoutes(to: router)
        addAccountRoutes(to: router)
        addSecurityRoutes(to: router)
        addAdminRoutes(to: router)
        return router
    }

    // MARK: - Shared

    /// `page` in the layout, with the navigation of the signed-in person if any.
    func page(
        _ page: String, title: String, _ context: CRMRequestContext, _ values: [String: Any] = [:],
        status: HTTPResponse.Status = .ok, wide: Bool = false
    ) -> Response {
        var frame: [String: Any] = ["title": title, "brand": branding.name, "csrf": context.csrfToken ?? ""]
        if let principal = context.identity {
            frame["signedIn"] = true
            frame["admin"] = isAdministrator(principal)
        }
        frame["wide"] = wide
        var response = Self.text(pages.render(page, frame: frame, values), type: "text/html; charset=utf-8")
        response.status = status
        return response
    }

    /// Whether the navigation shows the administrator pages: a question, answered without auditing a
    /// denial (the pages themselves ask `authorize`, which does).
    func isAdministrator(_ principal: Principal) -> Bool {
        guard let tenant = principal.tenantID, let permission = try? Permission("users:read") else { return false }
        return flow.access.isAllowed(user: principal.userID, tenant: tenant, permission: permission)
    }

    /// The posted form's fields (at most 16 KiB; a repeated field keeps its last value).
    func form(_ request: Request) async throws -> [String: String] {
        let body = try await request.body.collect(upTo: 16_384)
        return try URLEncodedFormDecoder().decode([String: String].self, from: String(buffer: body))
    }

    /// The client (address, user agent, remembered device) that `ClientContextMiddleware` set.
    func client(_ context: CRMRequestContext) throws -> ClientContext {
        guard let client = context.client else { throw HTTPError(.internalServerError) }
        return client
    }

    /// The page's "At least N characters" figure: the policy's minimum for a password alone.
    var minimumPasswordLength: Int { flow.configuration.passwordPolicy.minimumLength }

    /// What to tell the person when an account step throws `error`.
    func accountMessage(_ error: any Error) -> UserMessage {
        (error as? LoginFlowError).map(UserMessage.forAccountStep) ?? .tryAgainShortly
    }

    /// The message and the list of broken rules for an account step's error.
    func failure(_ error: any Error) -> [String: Any] {
        let rejection = (error as? LoginFlowError)?.underlying as? PasswordRejection
        let problems = rejection?.violations.map(\.message) ?? []
        return ["message": accountMessage(error).text, "problems": problems, "hasProblems": !problems.isEmpty]
    }

    /// A redirect to `location` (a path on this site).
    static func redirect(_ location: String) -> Response { Response.redirect(to: location, type: .normal) }

    static func text(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// Dates as people read them, in UTC.
    static func display(_ date: Date) -> String {
        date.formatted(
            Date.FormatStyle(date: .abbreviated, time: .shortened, timeZone: TimeZone(identifier: "UTC")!))
            + " UTC"
    }
}
