import CRMAuth
import CRMAuthHummingbird
import Foundation
import HTTPTypes
import Hummingbird

/// Sign-in (password, then the code when the account uses two-step sign-in), the dashboard and
/// sign-out.
extension CRMRoutes {
    func addSignInRoutes(to router: Router<CRMRequestContext>) {
        router.get("/login") { request, context in
            if context.identity != nil { return Self.redirect("/") }
            let signedOutEverywhere = request.uri.queryParameters["done"] == "everywhere"
            return loginPage(context, notice: signedOutEverywhere ? "You're signed out on every device." : nil)
        }
        router.post("/login") { request, context in
            let form = try await form(request)
            let email = form["email"] ?? ""
            let outcome = try await flow.login(
                identifier: email, password: form["password"] ?? "", client: try client(context))
            return finish(outcome, email: email, context)
        }
        router.get("/login/code") { request, context in
            guard request.cookies[Self.challengeCookie] != nil else { return Self.redirect("/login") }
            let recovery = request.uri.queryParameters["method"] == "recovery"
            let why = request.uri.queryParameters["why"].map(String.init)
            return codePage(context, recovery: recovery, stepUp: why.flatMap { Self.stepUpText[$0] })
        }
        router.post("/login/code") { request, context in
            let form = try await form(request)
            guard let challenge = request.cookies[Self.challengeCookie]?.value else {
                return loginPage(context, message: UserMessage.mfaChallengeExpired.text)
            }
            let method: MFAMethod = form["method"] == MFAMethod.recoveryCode.rawValue ? .recoveryCode : .totp
            let outcome: LoginOutcome
            do {
                outcome = try await flow.completeMFA(
                    challenge: challenge, code: form["code"] ?? "", method: method,
                    rememberDevice: form["remember"] == "on", client: try client(context))
            } catch is LoginFlowError {
                return loginPage(context, message: UserMessage.mfaChallengeExpired.text)
            }
            if case .failed(let message) = outcome, message != .mfaChallengeExpired {
                return codePage(
                    context, recovery: method == .recoveryCode, message: message.text, status: .unauthorized)
            }
            return finish(outcome, email: "", context)
        }
        // Two-step setup during a sign-in, for an account that must use it and has none yet: the
        // enrollment ticket in the sign-in cookie stands in for a session.
        router.get("/login/setup") { request, context in
            guard let ticket = request.cookies[Self.challengeCookie]?.value else { return Self.redirect("/login") }
            return try await setupPage(ticket: String(ticket), context)
        }
        router.post("/login/setup") { request, context in
            let form = try await form(request)
            guard let ticket = request.cookies[Self.challengeCookie]?.value else {
                return loginPage(context, message: UserMessage.mfaChallengeExpired.text)
            }
            let enrollment: TicketEnrollment
            do {
                enrollment = try await flow.completeTOTPEnrollment(
                    ticket: String(ticket), code: form["code"] ?? "", rememberDevice: form["remember"] == "on",
                    client: try client(context))
            } catch {
                // Nothing pending (the scanned key expired) or two-step already on: the setup page
                // starts over or sends the person to the code step.
                guard (error as? LoginFlowError)?.code == .invalidState else { throw error }
                return Self.redirect("/login/setup")
            }
            guard let sheet = enrollment.recoveryCodes else {
                if case .failed(let message) = enrollment.outcome, message != .mfaChallengeExpired {
                    // The key the person scanned stays pending: ask for the code again, no new QR code.
                    return page(
                        "two_step", title: "Set up two-step sign-in", context,
                        Self.setupValues(["message": message.text, "again": true], rememberDays: rememberDays),
                        status: .unauthorized)
                }
                return finish(enrollment.outcome, email: "", context)
            }
            // Two-step sign-in is on: the recovery codes are shown now or never, then the dashboard.
            var response = page(
                "recovery_codes", title: "Your recovery codes", context,
                ["notice": sheet.message.text, "codes": sheet.codes.map(\.revealedText), "continue": "/"])
            if case .authenticated(let login) = enrollment.outcome {
                signIn(login, &response)
            } else {
                response.addSetCookie(Self.challengeCookie + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0")
            }
            return response
        }
        router.post("/logout") { _, context in
            if let token = context.sessionToken { _ = try await flow.logout(sessionToken: token.revealedText) }
            var response = Self.redirect("/login")
            response.addSetCookie(cookies.signOut())
            return response
        }
        router.get("/") { request, context in
            try await dashboard(context, weakPassword: request.uri.queryParameters["weak"] != nil)
        }
    }

    func loginPage(
        _ context: CRMRequestContext, email: String = "", message: String? = nil, notice: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var values: [String: Any] = ["email": email]
        values["message"] = message
        values["notice"] = notice
        return page("login", title: "Sign in", context, values, status: status)
    }

    /// The number of days a remembered device is remembered, for the checkbox's label.
    private var rememberDays: Int { Int(flow.configuration.rememberedDeviceLifetime / 86_400) }

    /// The two-step setup page's values when it is a step of a sign-in.
    private static func setupValues(_ values: [String: Any], rememberDays: Int) -> [String: Any] {
        values.merging(
            [
                "action": "/login/setup", "signingIn": true, "rememberDays": rememberDays,
                "backHref": "/login", "backText": "Cancel and start again",
            ], uniquingKeysWith: { first, _ in first })
    }

    /// Two-step setup during a sign-in: the QR code and the key of a new pending secret.
    private func setupPage(ticket: String, _ context: CRMRequestContext) async throws -> Response {
        let start: TOTPEnrollmentStart
        do {
            start = try await flow.beginTOTPEnrollment(ticket: ticket)
        } catch {
            switch error.code {
            case .invalidState: return Self.redirect("/login/code")
            case .invalidToken: return loginPage(context, message: UserMessage.mfaChallengeExpired.text)
            default: throw error
            }
        }
        var values = Self.twoStepValues(start)
        values["intro"] = UserMessage.mfaEnrollmentRequired.text
        return page(
            "two_step", title: "Set up two-step sign-in", context,
            Self.setupValues(values, rememberDays: rememberDays))
    }

    private func codePage(
        _ context: CRMRequestContext, recovery: Bool, stepUp: String? = nil, message: String? = nil,
        status: HTTPResponse.Status = .ok
    ) -> Response {
        var values: [String: Any] = [
            "recovery": recovery, "recoveryAllowed": true,
            "method": recovery ? MFAMethod.recoveryCode.rawValue : MFAMethod.totp.rawValue,
            "rememberDays": rememberDays,
        ]
        values["message"] = message
        values["stepUp"] = stepUp
        return page(
            "code", title: recovery ? "Use a recovery code" : "Enter your code", context, values, status: status)
    }

    /// Why a remembered device is asked for a code, by the risk policy's reason.
    private static let stepUpText = [
        "new-network":
            "You're signing in from a network we haven't seen for your account, so we'd like to check it's you.",
        "recent-failures": "Someone recently typed wrong passwords for your account, so we'd like to check it's you.",
    ]

    /// The page for a sign-in's outcome, after the password or after the code.
    private func finish(_ outcome: LoginOutcome, email: String, _ context: CRMRequestContext) -> Response {
        switch outcome {
        case .authenticated(let login):
            var response = Self.redirect(login.passwordChangeRecommended ? "/?weak=1" : "/")
            signIn(login, &response)
            return response
        case .mfaRequired(let ticket):
            let why = ticket.stepUpReason.flatMap { Self.stepUpText[$0] == nil ? nil : "?why=\($0)" } ?? ""
            return challengeRedirect("/login/code" + why, token: ticket.token, expiresAt: ticket.expiresAt)
        case .passwordChangeRequired(let ticket):
            return page(
                "new_password", title: "Choose a new password", context,
                [
                    "heading": "Choose a new password", "intro": ticket.message.text, "action": "/reset",
                    "token": ticket.resetToken.revealedText, "email": email, "button": "Save my new password",
                    "minimumLength": minimumPasswordLength,
                ])
        case .mfaEnrollmentRequired(let ticket):
            return challengeRedirect("/login/setup", token: ticket.token, expiresAt: ticket.expiresAt)
        case .failed(let message):
            return loginPage(context, email: email, message: message.text, status: .unauthorized)
        case .throttled(_, let message):
            return loginPage(context, email: email, message: message.text, status: .tooManyRequests)
        case .busy(let message):
            return loginPage(context, email: email, message: message.text, status: .serviceUnavailable)
        }
    }

    /// The session cookie (and the remembered-device cookie) of a finished sign-in, and the sign-in
    /// cookie cleared.
    func signIn(_ login: AuthenticatedLogin, _ response: inout Response) {
        response.addSetCookie(cookies.signIn(login.session.token))
        if let device = login.deviceToken, let expiry = login.deviceTokenExpiresAt {
            response.addSetCookie(cookies.rememberDevice(device, maxAge: max(0, Int(expiry.timeIntervalSinceNow))))
        }
        response.addSetCookie(Self.challengeCookie + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0")
    }

    /// A redirect to the next step of a sign-in, carrying its challenge or enrollment ticket in the
    /// sign-in cookie for as long as the ticket lives.
    func challengeRedirect(_ path: String, token: OneTimeToken, expiresAt: Date) -> Response {
        var response = Self.redirect(path)
        let lifetime = max(1, Int(expiresAt.timeIntervalSinceNow))
        response.addSetCookie(
            "\(Self.challengeCookie)=\(token.revealedText); Path=/; Secure; HttpOnly; SameSite=Strict; "
                + "Max-Age=\(lifetime)")
        return response
    }

    /// The signed-in person's dashboard: what their roles let them see, of their own tenant only.
    private func dashboard(_ context: CRMRequestContext, weakPassword: Bool) async throws -> Response {
        guard let principal = context.identity else { return Self.redirect("/login") }
        let user = try await flow.stores.users.user(id: principal.userID)
        var sections: [[String: Any]] = []
        var company: String?
        if let tenant = principal.tenantID, let data = CRMData.companies[tenant] {
            company = data.name
            // Which parts to show is a question, not a request for them: the checker answers it without
            // auditing a denial (requests for the data itself go through `authorize`, which does).
            func allowed(_ permission: String) -> Bool {
                guard let permission = try? Permission(permission) else { return false }
                return flow.access.isAllowed(user: principal.userID, tenant: tenant, permission: permission)
            }
            if allowed("leads:read") { sections.append(["id": "leads", "heading": "Your leads", "items": data.leads]) }
            if allowed("employees:read") {
                sections.append(["id": "employees", "heading": "Employees", "items": try await employees(of: tenant)])
            }
            if allowed("invoices:read") {
                sections.append(["id": "invoices", "heading": "Invoices", "items": data.invoices])
            }
            if allowed("users:read") {
                sections.append([
                    "id": "users", "heading": "People and access",
                    "items": ["Invite people, unlock sign-in, manage roles", "Check the audit trail"],
                ])
            }
        }
        var values: [String: Any] = [
            "name": user?.displayName ?? "", "sections": sections, "recommendChange": weakPassword,
        ]
        values["company"] = company
        return page("dashboard", title: "Dashboard", context, values)
    }

    /// The tenant's people, by name: its active accounts, read page by page (the store lists every
    /// tenant's accounts in id order; a CRM with many would keep its own index of people per tenant).
    private func employees(of tenant: TenantID) async throws -> [String] {
        var names: [String] = []
        var cursor: UserID?
        while true {
            let page = try await flow.stores.users.users(after: cursor, limit: 500)
            names += page.filter { $0.homeTenant == tenant && $0.status == .active }.map(\.displayName)
            guard page.count == 500, let last = page.last else { break }
            cursor = last.id
        }
        return names.sorted()
    }
}
