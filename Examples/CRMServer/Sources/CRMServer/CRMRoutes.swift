import CRMAuth
import CRMAuthHummingbird
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// The CRM's routes: sign-in, the dashboard, sign-out, and the static files.
struct CRMRoutes: Sendable {
    let system: AuthSystem
    let branding: Branding
    let pages: Pages
    let cookies = CRMAuthCookies.standard

    init(system: AuthSystem, branding: Branding) throws {
        self.system = system
        self.branding = branding
        pages = try Pages()
    }

    func router() throws -> Router<CRMRequestContext> {
        let router = Router(context: CRMRequestContext.self)
        router.add(middleware: SecurityHeadersMiddleware())
        router.add(middleware: ClientContextMiddleware())
        router.add(middleware: CSRFMiddleware())
        router.add(middleware: SessionAuthenticator(flow: system.flow))

        let styleSheet = Pages.styleSheet(branding)
        router.get("/static/app.css") { _, _ in Self.text(styleSheet, type: "text/css; charset=utf-8") }
        router.get("/static/app.js") { _, _ in Self.text(Pages.script, type: "text/javascript; charset=utf-8") }

        router.get("/login") { _, context in
            if context.identity != nil { return Response.redirect(to: "/", type: .normal) }
            return html(pages.render("login", title: "Sign in", branding: branding, ["csrf": context.csrfToken ?? ""]))
        }
        router.post("/login") { request, context in try await signIn(request, context) }
        router.post("/logout") { _, context in
            if let token = context.sessionToken { _ = try await system.flow.logout(sessionToken: token.revealedText) }
            var response = Response.redirect(to: "/login", type: .normal)
            response.addSetCookie(cookies.signOut())
            return response
        }
        router.get("/") { _, context in try await dashboard(context) }
        return router
    }

    /// Signs in with the posted email and password; every outcome answers the person plainly.
    private func signIn(_ request: Request, _ context: CRMRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: 16_384)
        let form = try URLEncodedFormDecoder().decode([String: String].self, from: String(buffer: body))
        let email = form["email"] ?? ""
        guard let client = context.client else { throw HTTPError(.internalServerError) }
        let outcome = try await system.flow.login(identifier: email, password: form["password"] ?? "", client: client)
        switch outcome {
        case .authenticated(let login):
            var response = Response.redirect(to: "/", type: .normal)
            response.addSetCookie(cookies.signIn(login.session.token))
            return response
        default:
            let message = outcome.message?.text ?? "That didn't work. Please try again."
            let status: HTTPResponse.Status =
                if case .throttled = outcome { .tooManyRequests } else { .unauthorized }
            var response = html(
                pages.render(
                    "login", title: "Sign in", branding: branding,
                    ["csrf": context.csrfToken ?? "", "email": email, "message": message]))
            response.status = status
            return response
        }
    }

    /// The signed-in person's dashboard: what their roles let them see in their tenant.
    private func dashboard(_ context: CRMRequestContext) async throws -> Response {
        guard let principal = context.identity else { return Response.redirect(to: "/login", type: .normal) }
        let user = try await system.flow.stores.users.user(id: principal.userID)
        var sections: [[String: Any]] = []
        let views: [(permission: String, id: String, heading: String, items: [String])] = [
            ("leads:read", "leads", "Your leads", ["Globex: renewal call on Monday", "Initech: send the proposal"]),
            ("employees:read", "employees", "Employees", ["Hal Harper, HR", "Ana Sales, Sales"]),
            ("invoices:read", "invoices", "Invoices", ["INV-1042: 1,200 EUR, due Friday", "INV-1043: 380 EUR, paid"]),
            ("users:read", "users", "People and access", ["4 people, 4 roles", "Audit trail: verified"]),
        ]
        // Which parts to show is a question, not a request for them: the checker answers it without
        // auditing a denial (requests for the data itself go through `authorize`, which does).
        if let tenant = principal.tenantID {
            for view in views
            where system.flow.access.isAllowed(
                user: principal.userID, tenant: tenant, permission: try Permission(view.permission))
            {
                sections.append(["id": view.id, "heading": view.heading, "items": view.items])
            }
        }
        return html(
            pages.render(
                "dashboard", title: "Dashboard", branding: branding,
                ["name": user?.displayName ?? "", "sections": sections, "csrf": context.csrfToken ?? ""]))
    }

    private func html(_ text: String) -> Response { Self.text(text, type: "text/html; charset=utf-8") }

    private static func text(_ text: String, type: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
