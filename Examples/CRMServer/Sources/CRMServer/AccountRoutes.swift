import CRMAuth
import CRMAuthHummingbird
import Foundation
import HTTPTypes
import Hummingbird

/// The pages reached from an email: registration and its confirmation link, "Forgot password?" and
/// the reset link, and accepting an invitation. The links' pages only show a form; the token is used
/// when the person submits it, so a mail scanner that opens links uses nothing up.
extension CRMRoutes {
    func addAccountRoutes(to router: Router<CRMRequestContext>) {
        router.get("/register") { _, context in registerPage(context) }
        router.post("/register") { request, context in
            let form = try await form(request)
            let (name, email) = (form["name"] ?? "", form["email"] ?? "")
            let client = try self.client(context)
            do {
                let receipt = try await flow.register(
                    email: email, displayName: name, password: form["password"] ?? "", client: client)
                switch receipt.mail {
                case .verificationLink(let to, let token):
                    outbox.send(
                        to: to.text, subject: "Confirm your email address for \(branding.name)",
                        text:
                            "Hello \(name), please confirm this is your email address to finish creating your account.",
                        link: "/verify?token=\(token.revealedText)", linkText: "Confirm my email address")
                case .alreadyRegistered(let to):
                    outbox.send(
                        to: to.text, subject: "You already have a \(branding.name) account",
                        text:
                            "Someone (maybe you) tried to create an account with this address. You already have one: sign in, or reset your password if you forgot it.",
                        link: "/forgot", linkText: "Reset my password")
                }
                return registerPage(context, ["notice": receipt.message.text])
            } catch {
                var values = failure(error)
                if (error as? LoginFlowError)?.code == .invalidIdentifier {
                    values["message"] = "Please check the email address."
                }
                values["name"] = name
                values["email"] = email
                return registerPage(context, values, status: .unprocessableContent)
            }
        }
        router.get("/verify") { request, context in
            page(
                "verify", title: "Confirm your email", context,
                ["token": String(request.uri.queryParameters["token"] ?? "")])
        }
        router.post("/verify") { request, context in
            let form = try await form(request)
            let client = try self.client(context)
            do {
                _ = try await flow.verifyEmail(token: form["token"] ?? "", client: client)
                return loginPage(context, notice: UserMessage.emailVerified.text)
            } catch {
                return page(
                    "notice", title: "Confirm your email", context,
                    ["heading": "Confirm your email", "message": accountMessage(error).text],
                    status: .badRequest)
            }
        }
        router.get("/forgot") { _, context in page("forgot", title: "Reset your password", context) }
        router.post("/forgot") { request, context in
            let form = try await form(request)
            let email = form["email"] ?? ""
            let client = try self.client(context)
            do {
                let request = try await flow.requestPasswordReset(email: email, client: client)
                if case .resetLink(let to, let token, let expiresAt) = request.mail {
                    outbox.send(
                        to: to.text, subject: "Reset your \(branding.name) password",
                        text:
                            "Someone (we hope you) asked to reset your password. The link works once, until \(Self.display(expiresAt)). If it wasn't you, ignore this email: your password stays the same.",
                        link: "/reset?token=\(token.revealedText)", linkText: "Choose a new password")
                }
                return page("forgot", title: "Reset your password", context, ["notice": request.message.text])
            } catch {
                return page(
                    "forgot", title: "Reset your password", context,
                    ["email": email, "message": accountMessage(error).text], status: .badRequest)
            }
        }
        router.get("/reset") { request, context in
            newPasswordPage(context, token: String(request.uri.queryParameters["token"] ?? ""))
        }
        router.post("/reset") { request, context in
            let form = try await form(request)
            let client = try self.client(context)
            do {
                let message = try await flow.resetPassword(
                    token: form["token"] ?? "", newPassword: form["password"] ?? "", client: client)
                return loginPage(context, notice: message.text)
            } catch {
                let values = failure(error)
                let retry = ((error as? LoginFlowError)?.underlying as? PasswordRejection)?.retryToken?.revealedText
                return newPasswordPage(context, token: retry, values, status: .unprocessableContent)
            }
        }
        router.get("/invitation") { request, context in
            page(
                "invitation", title: "Welcome", context,
                ["token": String(request.uri.queryParameters["token"] ?? ""), "minimumLength": minimumPasswordLength])
        }
        router.post("/invitation") { request, context in
            let form = try await form(request)
            let client = try self.client(context)
            do {
                let acceptance = try await flow.acceptInvitation(
                    token: form["token"] ?? "", password: form["password"] ?? "", client: client)
                switch acceptance.next {
                case .signedIn(let session):
                    var response = Self.redirect("/")
                    response.addSetCookie(cookies.signIn(session.token))
                    return response
                case .mfaEnrollmentRequired(let ticket):
                    return challengeRedirect("/login/setup", token: ticket.token, expiresAt: ticket.expiresAt)
                }
            } catch {
                var values = failure(error)
                values["minimumLength"] = minimumPasswordLength
                values["token"] =
                    ((error as? LoginFlowError)?.underlying as? PasswordRejection)?.retryToken?.revealedText
                return page("invitation", title: "Welcome", context, values, status: .unprocessableContent)
            }
        }
        router.get("/outbox") { _, context in
            let messages = outbox.newestFirst.map { message -> [String: Any] in
                var values: [String: Any] = [
                    "to": message.to, "subject": message.subject, "text": message.text,
                    "sentAt": Self.display(message.sentAt),
                ]
                values["link"] = message.link
                values["linkText"] = message.linkText
                return values
            }
            return page("outbox", title: "Development outbox", context, ["messages": messages], wide: true)
        }
    }

    private func registerPage(
        _ context: CRMRequestContext, _ values: [String: Any] = [:], status: HTTPResponse.Status = .ok
    ) -> Response {
        var values = values
        values["minimumLength"] = minimumPasswordLength
        return page("register", title: "Create an account", context, values, status: status)
    }

    private func newPasswordPage(
        _ context: CRMRequestContext, token: String?, _ values: [String: Any] = [:], status: HTTPResponse.Status = .ok
    ) -> Response {
        var values = values
        values["heading"] = "Choose a new password"
        values["action"] = "/reset"
        values["button"] = "Save my new password"
        values["minimumLength"] = minimumPasswordLength
        values["token"] = token
        return page("new_password", title: "Choose a new password", context, values, status: status)
    }
}
