import CRMAuth
import Foundation

/// The demo's CRM: one tenant (Acme), an administrator (Olivia), and a sales rep to be invited (Ana).
final class DemoCRM {
    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_764_547_200))  // 2025-12-01 00:00 UTC
    let secrets: AuthFlowSecrets
    let flow: AuthFlow
    let acme: TenantID = "acme"
    let anaEmail = "Ana.Lima@acme.example"
    var anaPassword = "plum ferry orbits quietly 42"
    var anaTOTPSecret: OTPSecret?
    var anaSession: String?
    let phone: ClientContext
    let laptop: ClientContext
    let stranger: ClientContext
    var administrator: Principal!
    /// Names for the narration: user ids are random (`u_...`), people have names.
    var names: [UserID: String] = ["olivia": "olivia"]

    init() async throws {
        // Roles: a sales rep reads every lead and edits their own; an administrator manages users and leads.
        let policy = RolePolicy(
            roles: ["sales-rep", "admin"],
            rules: [
                PolicyRule(role: "sales-rep", effect: .allow, permissions: try PermissionPattern("leads:read")),
                PolicyRule(
                    role: "sales-rep", effect: .allow, permissions: try PermissionPattern("leads:update"), scope: .own),
                PolicyRule(role: "admin", effect: .allow, permissions: try PermissionPattern("users:administer")),
                PolicyRule(role: "admin", effect: .allow, permissions: try PermissionPattern("leads:*")),
            ],
            assignments: [RoleAssignment(user: "olivia", role: "admin", tenant: "acme")])
        var configuration = AuthFlowConfiguration(issuer: "Acme CRM")
        configuration.defaultRole = (role: "sales-rep", tenant: "acme")
        secrets = try AuthFlowSecrets.random()
        flow = try await AuthFlow(
            configuration: configuration, stores: try AuthFlowStores.inMemory(roles: policy), secrets: secrets,
            clock: clock)
        phone = ClientContext(
            address: try SourceAddress(parsing: "198.51.100.23"),
            userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Version/18.1 Mobile Safari/604.1")
        laptop = ClientContext(
            address: try SourceAddress(parsing: "2001:db8:4a::17"),
            userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36")
        stranger = ClientContext(address: try SourceAddress(parsing: "203.0.113.7"), userAgent: "python-requests/2.32")

        // Olivia, the administrator, already has an account and a session.
        let olivia = User(
            id: "olivia", email: try LoginIdentifier(email: "olivia@acme.example"), displayName: "Olivia Ortiz",
            status: .active, homeTenant: acme, passwordHash: try await flow.hasher.hash(NormalizedPassword("x")),
            createdAt: clock.now())
        let stored = try await flow.stores.users.insert(olivia)
        let session = try await flow.sessions.issue(
            userID: stored.id, tenantID: acme, securityStamp: stored.securityStamp)
        administrator = try await flow.validate(sessionToken: session.token.revealedText, client: laptop)
    }

    func inviteAna() async throws {
        chapter("1. Olivia invites Ana; Ana sets her first password")
        let invitation = try await flow.invite(
            email: anaEmail, displayName: "Ana Lima", tenant: acme, by: administrator)
        outbox(to: anaEmail, "You're invited to Acme CRM", link: invitation.token.revealedText)
        let weak = "acme2025"
        var link = invitation.token
        do {
            _ = try await flow.acceptInvitation(token: link.revealedText, password: weak, client: phone)
        } catch {
            say("Ana first tries \"\(weak)\": refused.")
            if let rejection = error.underlying as? PasswordRejection {
                for violation in rejection.violations { say("  \(violation.message)") }
                // The link was used up by the attempt; the rejection carries a fresh one for the retry.
                if let retry = rejection.retryToken { link = retry }
            }
        }
        let accepted = try await flow.acceptInvitation(token: link.revealedText, password: anaPassword, client: phone)
        // A sales rep needs no second factor at Acme, so the acceptance signs her in at once.
        guard case .signedIn(let session) = accepted.next else { throw DemoError("Ana was not signed in") }
        anaSession = session.token.revealedText
        names[accepted.user.id] = "ana"
        say("Ana chooses a passphrase: \(accepted.message.text)")
        say("She is signed in (session \(short(session.token.revealedText))) as a sales rep at Acme.")
    }

    func strangerGuesses() async throws {
        chapter("2. A stranger guesses Ana's password from 203.0.113.7")
        say("First, a wrong password for Ana and one for an address nobody uses get the very same answer:")
        let unknown = try await flow.login(identifier: "nobody@acme.example", password: "password1", client: stranger)
        say("  nobody@acme.example: \(outcome: unknown)")
        let known = try await flow.login(identifier: anaEmail, password: "password1", client: stranger)
        say("  \(anaEmail): \(outcome: known)")
        say("(the same hashing work too: an unknown address is checked against a dummy hash). Then more guesses:")
        var guesses = ["password1", "Acme2025!", "ana123456", "letmein!!", "qwerty123", "iloveyou1", "summer2025"][...]
        while let guess = guesses.first {
            let outcome = try await flow.login(identifier: anaEmail, password: guess, client: stranger)
            guard case .throttled(let retryAfter, let message) = outcome else {
                say("guess \"\(guess)\": \(outcome: outcome)")
                guesses.removeFirst()
                continue
            }
            say("guess \"\(guess)\": throttled, nothing checked. \"\(message.text)\"")
            guard let retryAfter, retryAfter < 60 else {
                say("The stranger's address is locked out of this account for \(Int(retryAfter ?? 0) / 60) minutes.")
                break
            }
            clock.advance(by: retryAfter)  // the stranger waits, then tries the same guess again
        }
        say("Ana signs in from her phone: the stranger's lock is on the stranger's address, not on her.")
        while true {
            let own = try await flow.login(identifier: anaEmail, password: anaPassword, client: phone)
            if case .throttled(let retryAfter?, let message) = own, retryAfter < 60 {
                say("  \"\(message.text)\" (the account's short delay after many failures)")
                clock.advance(by: retryAfter)
                continue
            }
            say("  \(outcome: own)")
            if case .authenticated(let login) = own { anaSession = login.session.token.revealedText }
            break
        }
    }

    func enrollAuthenticator() async throws {
        chapter("3. Ana turns on two-step verification")
        let principal = try await flow.validate(sessionToken: anaSession!, client: phone)
        let start = try await flow.beginTOTPEnrollment(principal: principal)
        say(start.message.text)
        emit(start.qrCode.terminalText())
        let secret = try OTPSecret(base32: start.challenge.revealedSecretBase32)
        anaTOTPSecret = secret
        let code = TOTPGenerator(secret: secret).code(at: clock.now())
        let sheet = try await flow.confirmTOTPEnrollment(principal: principal, code: code, client: phone)
        say("Her app shows \(code); confirmed. \(sheet.message.text)")
        say("Recovery codes (shown once, stored only as digests): \(sheet.codes.prefix(3).map(\.revealedText)) ...")
    }

    func loginWithSecondFactor() async throws {
        chapter("4. The next morning Ana logs in on her laptop: password, then a code")
        clock.advance(by: 12 * 3600)
        let outcome = try await flow.login(identifier: anaEmail, password: anaPassword, client: laptop)
        guard case .mfaRequired(let ticket) = outcome else { throw DemoError("expected MFA, got \(outcome.name)") }
        say("Password right: \(outcome.name), methods \(ticket.methods.map(\.rawValue)).")
        let wrong = try await flow.completeMFA(
            challenge: ticket.token.revealedText, code: "000000", method: .totp, client: laptop)
        say("A mistyped code: \(outcome: wrong)")
        let code = TOTPGenerator(secret: anaTOTPSecret!).code(at: clock.now())
        let done = try await flow.completeMFA(
            challenge: ticket.token.revealedText, code: code, method: .totp, rememberDevice: true, client: laptop)
        guard case .authenticated(let login) = done else { throw DemoError("expected a session, got \(done.name)") }
        anaSession = login.session.token.revealedText
        say("Code \(code): \(done.name) at level \(login.session.session.authenticationLevel.rawValue).")
        say(
            "\"Remember this device\": a device token for the laptop's cookie, \(short(login.deviceToken?.revealedText))"
        )
        let replay = try await flow.completeMFA(
            challenge: ticket.token.revealedText, code: code, method: .totp, client: laptop)
        say("The same challenge and code again (a replay): \(outcome: replay)")
    }

    func checkPermissions() async throws {
        chapter("5. Every request: validate the session, then check a permission")
        let ana = try await flow.validate(sessionToken: anaSession!, client: laptop)
        say(
            "Session valid: user \(names[ana.userID] ?? "?"), tenant \(ana.tenantID.map(\.rawValue) ?? "-"), roles \(ana.roles.map(\.rawValue).sorted())"
        )
        for (permission, owner) in [
            ("leads:read", "olivia"), ("leads:update", "ana-lead-owner"), ("leads:update", "olivia"),
            ("invoices:approve", "olivia"),
        ] {
            let ownerID = owner == "ana-lead-owner" ? ana.userID : try UserID(owner)
            let allowed = await flow.authorize(ana, try Permission(permission), owner: ownerID)
            say(
                "  \(permission) on a record of \(names[ownerID] ?? ownerID.rawValue): \(allowed ? "allowed" : "denied (audited)")"
            )
        }
    }

    func resetForgottenPassword() async throws {
        chapter("6. Ana forgets her password")
        let request = try await flow.requestPasswordReset(email: anaEmail, client: phone)
        let unknown = try await flow.requestPasswordReset(email: "nobody@acme.example", client: phone)
        say("The page says, for her address and for an unknown one alike:")
        say("  \"\(request.message.text)\"")
        say("  \"\(unknown.message.text)\"")
        guard case .resetLink(_, let token, _) = request.mail else { throw DemoError("expected a reset link") }
        outbox(to: anaEmail, "Reset your Acme CRM password", link: token.revealedText)
        anaPassword = "seven copper kites drift at noon"
        let message = try await flow.resetPassword(token: token.revealedText, newPassword: anaPassword, client: phone)
        say("New password set: \"\(message.text)\"")
        do {
            _ = try await flow.validate(sessionToken: anaSession!, client: laptop)
        } catch {
            say("Her laptop's session ended with the reset: \(explain(error))")
        }
        do {
            _ = try await flow.resetPassword(
                token: token.revealedText, newPassword: "another passphrase 77", client: phone)
        } catch {
            say("The link again: \(explain(error))")
        }
    }

    func signOutEverywhere() async throws {
        chapter("7. Signed in on two devices, then \"sign out everywhere\"")
        var tokens: [String] = []
        for client in [phone, laptop] {
            clock.advance(by: 30)
            let outcome = try await flow.login(identifier: anaEmail, password: anaPassword, client: client)
            var final = outcome
            if case .mfaRequired(let ticket) = outcome {
                let code = TOTPGenerator(secret: anaTOTPSecret!).code(at: clock.now())
                final = try await flow.completeMFA(
                    challenge: ticket.token.revealedText, code: code, method: .totp, client: client)
            }
            guard case .authenticated(let login) = final else {
                throw DemoError("expected a session, got \(final.name)")
            }
            tokens.append(login.session.token.revealedText)
        }
        let principal = try await flow.validate(sessionToken: tokens[1], client: laptop)
        say("Where you're signed in:")
        for session in try await flow.signedInSessions(principal: principal) {
            say(
                "  \(session.deviceLabel ?? "?") from \(session.address ?? "?")\(session.isCurrent ? " (this device)" : "")"
            )
        }
        let ended = try await flow.logoutEverywhere(principal: principal)
        say("Sign out everywhere: \(ended) sessions ended.")
        for token in tokens {
            do {
                _ = try await flow.validate(sessionToken: token)
                say("  still valid?!")
            } catch {
                say("  \(short(token)): \(explain(error))")
            }
        }
    }

    func printAuditTrail() async throws {
        chapter("8. The audit trail, hash-chained and signed")
        try await flow.flushAudit()
        _ = try await flow.auditTrail.checkpoint()
        let records = try await flow.stores.audit.records(from: 1, limit: 10_000)
        for record in records {
            let event = record.event
            let who = event.subject.map { " \(names[$0] ?? $0.rawValue)" } ?? ""
            let by = event.actor.map { $0 != event.subject ? " by \(names[$0] ?? $0.rawValue)" : "" } ?? ""
            let why = event.reason.map { " (\($0))" } ?? ""
            emit("  #\(record.sequence) \(event.kind)\(who)\(by): \(event.outcome)\(why)")
        }
        let report = try await flow.auditTrail.verify(publicKeys: [secrets.auditSigningKey.publicKey])
        say(
            "Verified \(report.recordCount) records and \(report.checkpointCount) signed checkpoint(s): "
                + (report.isIntact ? "intact." : "PROBLEMS: \(report.problems)"))
        guard report.isIntact else { throw DemoError("the audit chain does not verify") }
    }
}
