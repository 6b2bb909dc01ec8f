import CRMAuth
import CRMAuthHummingbird
import Foundation
import HTTPTypes
import Hummingbird

/// The administrator pages: the people of the administrator's tenant, invitations, unlocking
/// sign-in, roles, recent security events, and checking the audit trail. Every page asks
/// `authorize` (which audits a denial), and every change goes through the login flow, which checks
/// the administrator's permission again and records it.
extension CRMRoutes {
    func addAdminRoutes(to router: Router<CRMRequestContext>) {
        router.get("/admin") { _, context in
            try await administrator(context, "users:read") { principal, tenant in
                try await adminPage(tenant, context)
            }
        }
        router.post("/admin/invite") { request, context in
            let form = try await form(request)
            return try await administrator(context, "users:create") { principal, tenant in
                let (name, email) = (form["name"] ?? "", form["email"] ?? "")
                do {
                    let invitation = try await flow.invite(
                        email: email, displayName: name, tenant: tenant, by: principal)
                    outbox.send(
                        to: invitation.user.email.text,
                        subject: "You're invited to \(branding.name)",
                        text:
                            "Hello \(name), you've been invited to \(branding.name). Choose your password to get started. The link works once, until \(Self.display(invitation.expiresAt)).",
                        link: "/invitation?token=\(invitation.token.revealedText)", linkText: "Accept the invitation")
                    return try await adminPage(
                        tenant, context,
                        ["notice": "Invitation sent to \(email). You'll find it in the development outbox."])
                } catch {
                    let message =
                        (error as? LoginFlowError)?.code == .identifierTaken
                        ? "Someone already uses that email address." : accountMessage(error).text
                    return try await adminPage(tenant, context, ["message": message], status: .unprocessableContent)
                }
            }
        }
        router.post("/admin/audit/verify") { _, context in
            try await administrator(context, "audit:read") { _, tenant in
                let report = try await flow.auditTrail.verify(publicKeys: [auditPublicKey])
                let text =
                    report.isIntact
                    ? "The audit trail is intact: \(report.recordCount) events and \(report.checkpointCount) signed checkpoints checked."
                    : "The audit trail has \(report.problems.count) problems: \(report.problems.prefix(3).map { "\($0)" }.joined(separator: "; "))"
                return try await adminPage(
                    tenant, context, ["audit": ["class": report.isIntact ? "notice" : "error", "text": text]])
            }
        }
        router.get("/admin/users/:id") { _, context in
            try await administrator(context, "users:read") { _, tenant in
                try await userPage(try userID(context), tenant, context)
            }
        }
        router.post("/admin/users/:id/unlock") { _, context in
            try await administrator(context, "users:update") { principal, tenant in
                let id = try userID(context)
                do {
                    try await flow.unlockUser(id, by: principal)
                    return try await userPage(id, tenant, context, ["notice": "Sign-in is unlocked."])
                } catch {
                    return try await userPage(id, tenant, context, ["message": accountMessage(error).text])
                }
            }
        }
        for (action, verb) in [("grant", "added"), ("revoke", "removed")] {
            router.post("/admin/users/:id/\(action)") { request, context in
                let form = try await form(request)
                return try await administrator(context, "users:update") { principal, tenant in
                    let id = try userID(context)
                    do {
                        let role = try RoleID(form["role"] ?? "")
                        if action == "grant" {
                            try await flow.grantRole(role, to: id, in: tenant, by: principal)
                        } else {
                            try await flow.revokeRole(role, from: id, in: tenant, by: principal)
                        }
                        return try await userPage(id, tenant, context, ["notice": "Role \(role.rawValue) \(verb)."])
                    } catch let error as LoginFlowError {
                        return try await userPage(id, tenant, context, ["message": accountMessage(error).text])
                    } catch {
                        return try await userPage(id, tenant, context, ["message": "That role doesn't exist."])
                    }
                }
            }
        }
    }

    /// Runs `body` for a signed-in administrator allowed `permission` in their tenant; a page that says
    /// so otherwise (the denial is audited by `authorize`).
    private func administrator(
        _ context: CRMRequestContext, _ permission: String,
        _ body: (Principal, TenantID) async throws -> Response
    ) async throws -> Response {
        guard let principal = context.identity else { return Self.redirect("/login") }
        guard let tenant = principal.tenantID, await flow.authorize(principal, try Permission(permission)) else {
            return page(
                "notice", title: "Not allowed", context,
                [
                    "heading": "Not allowed", "message": UserMessage.administrationDenied.text, "link": "/",
                    "linkText": "Back to the dashboard",
                ], status: .forbidden)
        }
        return try await body(principal, tenant)
    }

    private func userID(_ context: CRMRequestContext) throws -> UserID {
        guard let text = context.parameters.get("id"), let id = try? UserID(text) else { throw HTTPError(.notFound) }
        return id
    }

    private func adminPage(
        _ tenant: TenantID, _ context: CRMRequestContext, _ values: [String: Any] = [:],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let assignments = try await flow.stores.roles.policy().policy.assignments
        var users: [[String: Any]] = []
        var cursor: UserID?
        // A demo's tenant is small; a real one would page this list.
        for _ in 0..<10 {
            let batch = try await flow.stores.users.users(after: cursor, limit: 100)
            for user in batch where user.homeTenant == tenant {
                let roles = assignments.filter { $0.user == user.id && $0.tenant == tenant }.map(\.role.rawValue)
                users.append([
                    "id": user.id.rawValue, "name": user.displayName, "email": user.email.text,
                    "status": Self.statusText(user.status), "roles": roles.sorted().joined(separator: ", "),
                ])
            }
            guard batch.count == 100, let last = batch.last else { break }
            cursor = last.id
        }
        var values = values
        values["users"] = users
        values["tenant"] = tenant.rawValue
        return page("admin", title: "People", context, values, status: status, wide: true)
    }

    private func userPage(
        _ id: UserID, _ tenant: TenantID, _ context: CRMRequestContext, _ values: [String: Any] = [:]
    ) async throws -> Response {
        guard let principal = context.identity, let user = try await flow.stores.users.user(id: id),
            user.homeTenant == tenant
        else { throw HTTPError(.notFound) }
        let policy = try await flow.stores.roles.policy().policy
        let held = policy.assignments.filter { $0.user == id && $0.tenant == tenant }.map(\.role.rawValue).sorted()
        let lockout = try await flow.lockoutStatus(of: id, by: principal)
        var until: Date?
        var locked = false
        for entry in lockout {
            switch entry.decision {
            case .allowed: continue
            case .delayed(let date, _), .locked(let date, _):
                locked = true
                until = max(until ?? date, date)
            case .lockedUntilUnlocked:
                locked = true
            }
        }
        let events = try await flow.recentSecurityEvents(of: id, limit: 20, by: principal).map {
            record -> [String: Any] in
            let event = record.event
            var values: [String: Any] = [
                "kind": event.kind.name.replacingOccurrences(of: ".", with: " ").replacingOccurrences(
                    of: "_", with: " "),
                "outcome": event.outcome.description,
                "time": Self.display(Date(timeIntervalSince1970: Double(event.milliseconds) / 1000)),
            ]
            values["address"] = event.sourceAddress
            values["reason"] = event.reason
            return values
        }
        var values = values
        values["id"] = id.rawValue
        values["name"] = user.displayName
        values["email"] = user.email.text
        values["status"] = Self.statusText(user.status)
        values["locked"] = locked
        values["until"] = until.map(Self.display)
        values["roles"] = held.map { ["role": $0] }
        values["available"] = policy.roles.map(\.rawValue).filter { !held.contains($0) }.sorted()
        values["events"] = events
        return page("admin_user", title: user.displayName, context, values, wide: true)
    }

    private static func statusText(_ status: UserStatus) -> String {
        switch status {
        case .active: "active"
        case .invited: "invited, not yet accepted"
        case .pendingVerification: "waiting for email confirmation"
        case .disabled: "turned off"
        }
    }
}
