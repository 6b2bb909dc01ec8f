import CRMAuth
import CRMAuthSQLite
import Foundation

/// The demo's CRM: one tenant (Acme), an administrator (Olivia), and a sales rep to be invited (Ana), on
/// a SQLite database. A database that already holds earlier runs is used as it is: the clock starts a
/// day after its last audit event, and this run's sales rep and stranger are new people.
final class DemoCRM {
    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_764_547_200))  // 2025-12-01 00:00 UTC
    let secrets: AuthFlowSecrets
    let system: AuthSystem
    let flow: AuthFlow
    let acme: TenantID = "acme"
    /// Which run on this database this is (1 on a new file).
    let run: Int
    let anaEmail: String
    var anaPassword = "plum ferry orbits quietly 42"
    var anaTOTPSecret: OTPSecret?
    var anaSession: String?
    let phone: ClientContext
    let laptop: ClientContext
    let stranger: ClientContext
    var administrator: Principal!
    /// Names for the narration: user ids are random (`u_...`), people have names.
    var names: [UserID: String] = ["olivia": "olivia"]
    /// The first audit record of this run.
    let firstSequence: UInt64
    /// Every secret this run made or typed, by what it is, for the last chapter's scan of the file.
    var secretsMade: [(what: String, bytes: [UInt8])] = []

    /// - Parameters:
    ///   - database: the SQLite file (created if absent).
    ///   - secrets: the deployment keys kept beside it.
    init(database: String, secrets: AuthFlowSecrets) async throws {
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
        self.secrets = secrets
        system = try await AuthSystem.sqlite(
            path: database, configuration: configuration, clock: clock, secrets: secrets)
        flow = system.flow
        // Time moves on between runs: a day after the last thing this database recorded.
        let head = try await flow.stores.audit.head()
        firstSequence = head.sequence + 1
        if let last = try await flow.stores.audit.records(from: head.sequence, limit: 1).first {
            clock.set(to: max(clock.now(), last.event.time.addingTimeInterval(24 * 3600)))
        }
        // This run's sales rep: Ana on a new file, a namesake with a numbered address on later runs.
        var run = 1
        while try await flow.stores.users.user(identifier: LoginIdentifier(email: Self.email(run: run))) != nil {
            run += 1
        }
        self.run = run
        anaEmail = Self.email(run: run)
        phone = ClientContext(
            address: try SourceAddress(parsing: "198.51.100.23"),
            userAgent: "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) Version/18.1 Mobile Safari/604.1")
        laptop = ClientContext(
            address: try SourceAddress(parsing: "2001:db8:4a::17"),
            userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) Chrome/131.0 Safari/537.36")
        stranger = ClientContext(
            address: try SourceAddress(parsing: "203.0.113.\(6 + run % 240)"), userAgent: "python-requests/2.32")

        // Olivia, the administrator, has an account (made on the first run) and a session.
        if try await flow.stores.roles.version() == 0 {
            _ = try await flow.replaceRolePolicy(with: policy, by: ConsoleOperator(name: "demo-setup"))
        }
        let stored: User
        if let existing = try await flow.stores.users.user(id: "olivia") {
            stored = existing
        } else {
            let olivia = User(
                id: "olivia", email: try LoginIdentifier(email: "olivia@acme.example"), displayName: "Olivia Ortiz",
                status: .active, homeTenant: acme,
                passwordHash: try await flow.hasher.hash(NormalizedPassword("x")), createdAt: clock.now())
            stored = try await flow.stores.users.insert(olivia)
        }
        let session = try await flow.sessions.issue(
            userID: stored.id, tenantID: acme, securityStamp: stored.securityStamp)
        remember("Olivia's session token", session.token.revealedText)
        administrator = try await flow.validate(sessionToken: session.token.revealedText, client: laptop)
    }

    /// The sales rep's address on run `run`.
    static func email(run: Int) -> String {
        run == 1 ? "Ana.Lima@acme.example" : "Ana.Lima\(run)@acme.example"
    }

    /// Notes a secret for the final scan of the database file.
    func remember(_ what: String, _ secret: String) {
        secretsMade.append((what, Array(secret.utf8)))
    }

    func inviteAna() async throws {
        chapter("1. Olivia invites Ana; Ana sets her first password")
        let invitation = try await flow.invite(
            email: anaEmail, displayName: "Ana Lima", tenant: acme, by: administrator)
        outbox(to: anaEmail, "You're invited to Acme CRM", link: invitation.token.revealedText)
        remember("the invitation token", invitation.token.revealedText)
        let weak = "acme2025"
        remember("a refused password", weak)
        remember("Ana's first password", anaPassword)
        var link = invitation.token
        do {
            _ = try await flow.acceptInvitation(token: link.revealedText, password: weak, client: phone)
        } catch {
            say("Ana first tries \"\(weak)\": refused.")
            if let rejection = error.underlying as? PasswordRejection {
                for violation in rejection.violations { say("  \(violation.message)") }
                // The link was used up by the attempt; the rejection carries a fresh one for the retry.
                if let retry = rejection.retryToken {
                    link = retry
                    remember("the invitation's retry token", retry.revealedText)
                }
            }
        }
        let accepted = try await flow.acceptInvitation(token: link.revealedText, password: anaPassword, client: phone)
        // A sales rep needs no second factor at Acme, so the acceptance signs her in at once.
        guard case .signedIn(let session) = accepted.next else { throw DemoError("Ana was not signed in") }
        anaSession = session.token.revealedText
        remember("Ana's first session token", session.token.revealedText)
        names[accepted.user.id] = "ana"
        say("Ana chooses a passphrase: \(accepted.message.text)")
        say("She is signed in (session \(short(session.token.revealedText))) as a sales rep at Acme.")
    }

    func strangerGuesses() async throws {
        chapter("2. A stranger guesses Ana's password from \(stranger.address)")
        say("First, a wrong password for Ana and one for an address nobody uses get the very same answer:")
        let unknown = try await flow.login(identifier: "nobody@acme.example", password: "Password1", client: stranger)
        say("  nobody@acme.example: \(outcome: unknown)")
        let known = try await flow.login(identifier: anaEmail, password: "Password1", client: stranger)
        say("  \(anaEmail): \(outcome: known)")
        say("(the same hashing work too: an unknown address is checked against a dummy hash). Then more guesses:")
        // "Password1", not "password1": a session row stores its level as the text "password", and a
        // one-byte integer 49 ("1") after it made the file scan below find "password1" now and then.
        var guesses = ["Password1", "Acme2025!", "ana123456", "letmein!!", "qwerty123", "iloveyou1", "summer2025"][...]
        for guess in guesses { remember("a guessed password", guess) }
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
            if case .authenticated(let login) = own {
                anaSession = login.session.token.revealedText
                remember("Ana's phone session token", login.session.token.revealedText)
            }
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
        remember("the TOTP secret (Base32)", start.challenge.revealedSecretBase32)
        secretsMade.append(("the TOTP secret (raw bytes)", secret.revealedBytes))
        let code = TOTPGenerator(secret: secret).code(at: clock.now())
        let sheet = try await flow.confirmTOTPEnrollment(principal: principal, code: code, client: phone)
        say("Her app shows \(code); confirmed. \(sheet.message.text)")
        for code in sheet.codes { remember("a recovery code", code.revealedText) }
        say("Recovery codes (shown once, stored only as digests): \(sheet.codes.prefix(3).map(\.revealedText)) ...")
    }

    func loginWithSecondFactor() async throws {
        chapter("4. The next morning Ana logs in on her laptop: password, then a code")
        clock.advance(by: 12 * 3600)
        let outcome = try await flow.login(identifier: anaEmail, password: anaPassword, client: laptop)
        guard case .mfaRequired(let ticket) = outcome else { throw DemoError("expected MFA, got \(outcome.name)") }
        say("Password right: \(outcome.name), methods \(ticket.methods.map(\.rawValue)).")
        remember("the MFA challenge token", ticket.token.revealedText)
        let wrong = try await flow.completeMFA(
            challenge: ticket.token.revealedText, code: "000000", method: .totp, client: laptop)
        say("A mistyped code: \(outcome: wrong)")
        let code = TOTPGenerator(secret: anaTOTPSecret!).code(at: clock.now())
        let done = try await flow.completeMFA(
            challenge: ticket.token.revealedText, code: code, method: .totp, rememberDevice: true, client: laptop)
        guard case .authenticated(let login) = done else { throw DemoError("expected a session, got \(done.name)") }
        anaSession = login.session.token.revealedText
        remember("Ana's laptop session token", login.session.token.revealedText)
        if let device = login.deviceToken { remember("the laptop's device token", device.revealedText) }
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
        remember("the reset token", token.revealedText)
        anaPassword = "seven copper kites drift at noon"
        remember("Ana's new password", anaPassword)
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
                remember("an MFA challenge token", ticket.token.revealedText)
                let code = TOTPGenerator(secret: anaTOTPSecret!).code(at: clock.now())
                final = try await flow.completeMFA(
                    challenge: ticket.token.revealedText, code: code, method: .totp, client: client)
            }
            guard case .authenticated(let login) = final else {
                throw DemoError("expected a session, got \(final.name)")
            }
            tokens.append(login.session.token.revealedText)
            remember("a session token", login.session.token.revealedText)
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
        let records = try await flow.stores.audit.records(from: firstSequence, limit: 10_000)
        if firstSequence > 1 { say("This run's records (the file holds \(firstSequence - 1) from earlier runs):") }
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

    func scanTheFile(_ path: String) async throws {
        chapter("9. What the database file holds")
        try await system.shutdown()
        var bytes: [UInt8] = []
        var files: [String] = []
        var contents: [(name: String, bytes: [UInt8])] = []
        for file in [path, path + "-wal", path + "-shm"] {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            bytes += data
            let name = (file as NSString).lastPathComponent
            contents.append((name, Array(data)))
            files.append("\(name) (\(data.count) bytes)")
        }
        say("Scanning \(files.joined(separator: ", ")) for the \(secretsMade.count) secrets this run made or typed:")
        var found: [String] = []
        for secret in secretsMade where Self.contains(bytes, secret.bytes) {
            // Where, for whoever investigates: the file, the offset, and for the WAL the frame's page
            // and that page's type byte (0x0d table leaf, 0x0a index leaf, 0x05/0x02 interior, 0x00 other).
            let places = contents.compactMap { file -> String? in
                guard let offset = Self.firstOffset(file.bytes, secret.bytes) else { return nil }
                guard file.name.hasSuffix("-wal"), offset >= 32 else { return "\(file.name) at \(offset)" }
                let frame = (offset - 32) / (24 + 4_096)
                let frameStart = 32 + frame * (24 + 4_096)
                let page =
                    frameStart + 4 < file.bytes.count
                    ? file.bytes[frameStart..<frameStart + 4].reduce(0) { $0 << 8 | Int($1) } : -1
                let type = frameStart + 24 < file.bytes.count ? file.bytes[frameStart + 24] : 0
                return "\(file.name) at \(offset) (frame \(frame), page \(page), type 0x"
                    + "\(String(type, radix: 16)), \(offset - frameStart - 24) bytes into the page)"
            }
            found.append("\(secret.what) [\(places.joined(separator: "; "))]")
        }
        // The scan reads what is stored: Olivia's display name, which is not a secret, is there.
        guard Self.contains(bytes, Array("Olivia Ortiz".utf8)) else {
            throw DemoError("the scan did not find Olivia's display name: it reads nothing")
        }
        guard found.isEmpty else {
            say("  FOUND in the file: \(found.joined(separator: ", "))")
            throw DemoError("a secret rests in the database file in plaintext")
        }
        say("  none found (while her display name, not a secret, is found): passwords rest as hashes,")
        say("  tokens and codes as digests, the TOTP secret sealed.")
    }

    /// Whether `needle` occurs in `haystack`.
    static func firstOffset(_ haystack: [UInt8], _ needle: [UInt8]) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        return (0...(haystack.count - needle.count)).first { haystack[$0..<$0 + needle.count].elementsEqual(needle) }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        let first = needle[0]
        var index = 0
        while index <= haystack.count - needle.count {
            if haystack[index] == first, haystack[index..<index + needle.count].elementsEqual(needle) { return true }
            index += 1
        }
        return false
    }
}
