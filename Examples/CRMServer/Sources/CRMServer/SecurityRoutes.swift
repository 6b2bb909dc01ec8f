import CRMAuth
import CRMAuthHummingbird
import Foundation
import HTTPTypes
import Hummingbird

/// "Your account": two-step sign-in (set up with a QR code, recovery codes, turn off), where you're
/// signed in, remembered devices, and changing the password.
extension CRMRoutes {
    /// What a finished step says on the next page (`?done=...`): fixed texts, never echoed input.
    private static let done: [String: String] = [
        "password": UserMessage.passwordChanged.text,
        "two-step-off": UserMessage.twoStepOff.text,
        "session": "That device is signed out.",
        "device": "That device is forgotten: it will ask for a code again.",
        "confirmed": UserMessage.passwordConfirmed.text,
    ]

    func addSecurityRoutes(to router: Router<CRMRequestContext>) {
        router.get("/account") { request, context in
            guard let principal = context.identity else { return Self.redirect("/login") }
            var values: [String: Any] = [:]
            values["notice"] = request.uri.queryParameters["done"].flatMap { Self.done[String($0)] }
            return try await accountPage(principal, context, values)
        }
        router.post("/account/password") { request, context in
            guard let principal = context.identity else { return Self.redirect("/login") }
            let form = try await form(request)
            let client = try self.client(context)
            do {
                let change = try await flow.changePassword(
                    principal: principal, current: form["current"] ?? "", new: form["new"] ?? "", client: client)
                var response = Self.redirect("/account?done=password")
                response.addSetCookie(cookies.signIn(change.session.token))
                return response
            } catch {
                return try await accountPage(principal, context, failure(error), status: .unprocessableContent)
            }
        }
        router.get("/account/two-step") { _, context in
            guard let principal = context.identity else { return Self.redirect("/login") }
            return try await twoStepPage(principal, context)
        }
        router.post("/account/confirm-password") { request, context in
            guard let principal = context.identity else { return Self.redirect("/login") }
            let form = try await form(request)
            let client = try self.client(context)
            do {
                let session = try await flow.reauthenticate(
                    principal: principal, password: form["password"] ?? "", client: client)
                var response = Self.redirect(
                    form["next"] == "/account" ? "/account?done=confirmed" : "/account/two-step")
                response.addSetCookie(cookies.signIn(session.token))
                return response
            } catch {
                return try await twoStepPage(
                    principal, context, message: accountMessage(error).text, status: .unauthorized)
            }
        }
        router.post("/account/two-step") { request, context in
            guard let principal = context.identity else { return Self.redirect("/login") }
            let form = try await form(request)
            let client = try self.client(context)
            do {
                let sheet = try await flow.confirmTOTPEnrollment(
                    principal: principal, code: form["code"] ?? "", client: client)
                return recoveryCodesPage(sheet, context)
            } catch {
                // The secret the person scanned stays pending: ask for the code again, without a new
                // QR code (a new one would replace what is in their app).
                return page(
                    "two_step", title: "Set up two-step sign-in", context,
                    Self.accountTwoStep(["message": accountMessage(error).text, "again": true]),
                    status: .unprocessableContent)
            }
        }
        router.post("/account/recovery-codes") { _, context in
            guard let principal = context.identity else { return Self.redirect("/login") }
            let sheet: RecoveryCodeSheet
            do {
                sheet = try await flow.regenerateRecoveryCodes(principal: principal)
            } catch {
                guard (error as? LoginFlowError)?.code == .reauthenticationRequired else {
                    return try await accountPage(principal, context, failure(error), status: .unprocessableContent)
                }
                return page(
                    "two_step", title: "Confirm your password", context,
                    Self.accountTwoStep([
                        "confirm": true, "next": "/account", "message": UserMessage.confirmPassword.text,
                    ]))
            }
            return recoveryCodesPage(sheet, context)
        }
        router.post("/account/two-step/off") { request, context in
            guard let principal = context.identity else { return Self.redirect("/login") }
            let form = try await form(request)
            let client = try self.client(context)
            do {
                _ = try await flow.disableTOTP(principal: principal, proof: form["proof"] ?? "", client: client)
                return Self.redirect("/account?done=two-step-off")
            } catch {
                return try await accountPage(principal, context, failure(error), status: .unprocessableContent)
            }
        }
        router.post("/account/sessions/revoke") { request, context in
            guard let principal = context.identity else { return Self.redirect("/login") }
            let form = try await form(request)
            _ = try await flow.revokeSession(id: SessionID(rawValue: form["session"] ?? ""), principal: principal)
            return Self.redirect("/account?done=session")
        }
        router.post("/account/sessions/revoke-all") { _, context in
            guard let principal = context.identity else { return Self.redirect("/login") }
            _ = try await flow.logoutEverywhere(principal: principal)
            var response = Self.redirect("/login?done=everywhere")
            response.addSetCookie(cookies.signOut())
            return response
        }
        router.post("/account/devices/forget") { request, context in
            guard let principal = context.identity else { return Self.redirect("/login") }
            let form = try await form(request)
            // Only the signed-in person's own device: the store deletes by id *and* user.
            _ = try await flow.stores.devices.delete(
                id: DeviceID(rawValue: form["device"] ?? ""), userID: principal.userID)
            return Self.redirect("/account?done=device")
        }
    }

    private func accountPage(
        _ principal: Principal, _ context: CRMRequestContext, _ values: [String: Any],
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        guard let user = try await flow.stores.users.user(id: principal.userID) else {
            return Self.redirect("/login")
        }
        let sessions = try await flow.signedInSessions(principal: principal).map { session -> [String: Any] in
            [
                "id": session.id.rawValue, "label": session.deviceLabel ?? "Unknown device",
                "address": session.address ?? "unknown address", "lastSeen": Self.display(session.lastSeenAt),
                "current": session.isCurrent,
            ]
        }
        let devices = try await flow.stores.devices.devices(userID: principal.userID).map { device -> [String: Any] in
            ["id": device.id.rawValue, "label": device.label, "expires": Self.display(device.expiresAt)]
        }
        var values = values
        values["name"] = user.displayName
        values["email"] = user.email.text
        values["totpOn"] = try await flow.totpEnrollment.isEnabled(userID: principal.userID)
        values["sessions"] = sessions
        values["devices"] = devices
        values["noDevices"] = devices.isEmpty
        values["minimumLength"] = minimumPasswordLength
        return page("account", title: "Your account", context, values, status: status)
    }

    private func twoStepPage(
        _ principal: Principal, _ context: CRMRequestContext, message: String? = nil,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        var values: [String: Any] = [:]
        values["message"] = message
        let start: TOTPEnrollmentStart
        do {
            start = try await flow.beginTOTPEnrollment(principal: principal)
        } catch {
            guard error.code == .reauthenticationRequired else { throw error }
            values["confirm"] = true
            values["next"] = "/account/two-step"
            return page(
                "two_step", title: "Confirm your password", context, Self.accountTwoStep(values), status: status)
        }
        values.merge(Self.twoStepValues(start), uniquingKeysWith: { _, new in new })
        return page(
            "two_step", title: "Set up two-step sign-in", context, Self.accountTwoStep(values), status: status)
    }

    /// The QR code, the key grouped by four for typing, and the instructions of a pending secret.
    static func twoStepValues(_ start: TOTPEnrollmentStart) -> [String: Any] {
        let key = start.challenge.revealedSecretBase32
        return [
            "qr": start.qrCode.svg(),
            "key": stride(from: 0, to: key.count, by: 4).map { offset in String(key.dropFirst(offset).prefix(4)) }
                .joined(separator: " "),
            "instructions": start.message.text,
        ]
    }

    /// The two-step page's values when it is reached from "Your account".
    private static func accountTwoStep(_ values: [String: Any]) -> [String: Any] {
        values.merging(
            ["action": "/account/two-step", "backHref": "/account", "backText": "Back to your account"],
            uniquingKeysWith: { first, _ in first })
    }

    private func recoveryCodesPage(_ sheet: RecoveryCodeSheet, _ context: CRMRequestContext) -> Response {
        page(
            "recovery_codes", title: "Your recovery codes", context,
            ["notice": sheet.message.text, "codes": sheet.codes.map(\.revealedText), "continue": "/account"])
    }
}
