import AuditLog
public import AuthCore
import PasswordHashing
import RBAC
import SessionTokens
import TOTP

import struct Foundation.CharacterSet
import struct Foundation.Date

// Flow 1: invitations (an administrator creates the account, the person sets a password and is in)
// and self-registration with email verification; the default role on activation.
extension AuthFlow {
    /// Creates an invited account in `tenant` and the link token to email to the person.
    ///
    /// The administrator needs ``AuthFlow/administerUsers`` in `tenant`. The account has no password
    /// until ``acceptInvitation(token:password:client:)``; the link lives seven days.
    /// - Parameters:
    ///   - email: the person's email address.
    ///   - displayName: the name shown to people.
    ///   - tenant: the tenant the person joins (their home tenant).
    ///   - administrator: who invites.
    /// - Returns: the account and the token for the link (never log it).
    /// - Throws: ``LoginFlowError/invalidIdentifier``, ``LoginFlowError/invalidUser`` for an empty name,
    ///   ``LoginFlowError/accessDenied``, ``LoginFlowError/identifierTaken`` (shown to the administrator
    ///   only), ``LoginFlowError/unavailable``.
    public func invite(
        email: String, displayName: String, tenant: TenantID, by administrator: Principal
    ) async throws(LoginFlowError) -> Invitation {
        let address = try LoginIdentifier(email: email)
        let name = try Self.accountDisplayName(displayName)
        try await requireAdministrator(administrator, in: tenant, action: "invite")
        let user = try await accountStore {
            try await stores.users.insert(
                User(
                    id: Self.newUserID(), email: address, displayName: name, status: .invited, homeTenant: tenant,
                    createdAt: clock.now()))
        }
        let token = try await accountIssueLink(for: user, purpose: .invitation)
        await audit(.userCreated, actor: administrator.userID, subject: user.id, tenant: tenant, reason: "invited")
        return Invitation(
            user: user, token: token,
            expiresAt: clock.now().addingTimeInterval(OneTimeTokenPurpose.invitation.defaultLifetime))
    }

    /// Accepts an invitation: sets the first password (checked against the policy, with the person's
    /// name and email address as context words), activates the account, grants the default role and
    /// signs the person in, unless the account must use a second factor it does not have yet (its own
    /// setting, its tenant or its roles, the default role included): then no session is issued and the
    /// answer carries an enrollment ticket, as a login would.
    /// - Parameters:
    ///   - token: the token from the invitation link.
    ///   - password: the password the person chose.
    ///   - client: the client accepting it.
    /// - Returns: the active account, and its first session or the enrollment ticket.
    /// - Throws: ``LoginFlowError/invalidToken`` for a link that is malformed, used, expired or void;
    ///   ``LoginFlowError/passwordRejected`` with a ``PasswordRejection`` (carrying a fresh token for the
    ///   form); ``LoginFlowError/busy``; ``LoginFlowError/conflict``; ``LoginFlowError/unavailable``.
    public func acceptInvitation(
        token: String, password: String, client: ClientContext
    ) async throws(LoginFlowError) -> InvitationAcceptance {
        let typed = try accountNormalized(password)
        let record: OneTimeTokenRecord
        do {
            record = try await accountRedeem(token, purpose: .invitation, status: .invited)
        } catch {
            await audit(.userActivated, client: client, outcome: .failure, reason: "invalid-link")
            throw error
        }
        var user = try await accountUser(id: record.userID)
        let newHash = try await accountNewPassword(typed, for: user, link: record)
        let now = clock.now()
        user.status = .active
        user.passwordHash = newHash
        user.passwordChangedAt = now
        user.passwordChangeRequired = false
        user.securityStamp = User.generateSecurityStamp()
        user = try await accountUpdate(user)
        await accountRecordHistory(newHash, userID: user.id)
        try await accountGrantDefaultRole(to: user.id)
        await audit(
            .userActivated, actor: user.id, subject: user.id, tenant: user.homeTenant, client: client,
            reason: "invitation-accepted")
        if try await accountMustEnroll(user) {
            let ticket = try await accountStore {
                try await issueChallenge(for: user, tenantID: user.homeTenant, methods: [], stepUp: nil, at: now)
            }
            await audit(
                .mfaChallenged, subject: user.id, tenant: user.homeTenant, client: client,
                reason: "enrollment-required")
            return InvitationAcceptance(
                user: user,
                next: .mfaEnrollmentRequired(
                    MFAEnrollmentTicket(
                        token: ticket.token, expiresAt: ticket.expiresAt, message: .mfaEnrollmentRequired)),
                message: .invitationAccepted)
        }
        let session = try await accountStore {
            try await sessions.issue(
                userID: user.id, tenantID: user.homeTenant, authenticationLevel: .password,
                client: Self.accountMetadata(client), securityStamp: user.securityStamp)
        }
        await audit(.sessionCreated, actor: user.id, subject: user.id, tenant: user.homeTenant, client: client)
        return InvitationAcceptance(user: user, next: .signedIn(session), message: .invitationAccepted)
    }

    /// Registers a person by email address, or answers exactly as if it had when the address already
    /// has an account.
    ///
    /// The page answer is ``UserMessage/registrationReceived`` in every case and the work is the same (the
    /// password is checked and hashed either way); ``RegistrationReceipt/mail`` says which email to
    /// send. A new account is ``UserStatus/pendingVerification`` until ``verifyEmail(token:client:)``.
    /// Registering again an address still waiting for confirmation replaces its password and voids the
    /// earlier links: only whoever controls the mailbox can activate it, with the latest password.
    /// - Parameters:
    ///   - email: the email address typed.
    ///   - displayName: the name typed.
    ///   - password: the password typed.
    ///   - client: the client registering.
    /// - Returns: the email to send and the message for the page.
    /// - Throws: ``LoginFlowError/invalidIdentifier``, ``LoginFlowError/invalidUser``,
    ///   ``LoginFlowError/passwordRejected`` (the same for every address), ``LoginFlowError/busy``,
    ///   ``LoginFlowError/unavailable``.
    public func register(
        email: String, displayName: String, password: String, client: ClientContext
    ) async throws(LoginFlowError) -> RegistrationReceipt {
        let address = try LoginIdentifier(email: email)
        let name = try Self.accountDisplayName(displayName)
        let typed = try accountNormalized(password)
        // Context words come from what was typed, never from a stored account, so a rejection is the
        // same whether or not the address is registered.
        try await accountCheckNewPassword(
            typed, context: accountPasswordContext(email: address, displayName: name, userID: nil))
        let newHash = try await accountHash(typed)
        let existing = try await accountStore { try await stores.users.user(identifier: address) }
        let message: UserMessage =
            existing != nil && configuration.unsafelyRevealWhetherAccountsExist
            ? .alreadyRegistered : .registrationReceived
        if let existing, existing.status != .pendingVerification {
            await audit(
                .userCreated, subject: existing.id, client: client, outcome: .failure, reason: "identifier-taken")
            return RegistrationReceipt(mail: .alreadyRegistered(to: address), message: message)
        }
        var user: User
        if var pending = existing {
            pending.passwordHash = newHash
            pending.passwordChangedAt = clock.now()
            pending.displayName = name
            pending.securityStamp = User.generateSecurityStamp()
            user = try await accountUpdate(pending)
        } else {
            let fresh = User(
                id: Self.newUserID(), email: address, displayName: name, status: .pendingVerification,
                homeTenant: configuration.defaultRole?.tenant, passwordHash: newHash, passwordChangedAt: clock.now(),
                createdAt: clock.now())
            do {
                user = try await stores.users.insert(fresh)
            } catch let error as LoginFlowError where error.code == .identifierTaken {
                // A concurrent registration of the same address won: answer as for any taken address.
                return RegistrationReceipt(mail: .alreadyRegistered(to: address), message: message)
            } catch let error as LoginFlowError {
                throw error
            } catch {
                throw LoginFlowError(.unavailable, "the user store failed", underlying: error)
            }
        }
        await accountRecordHistory(newHash, userID: user.id)
        let token = try await accountIssueLink(for: user, purpose: .emailVerification)
        await audit(
            .userCreated, actor: user.id, subject: user.id, client: client,
            reason: existing == nil ? "registered" : "registered-again")
        return RegistrationReceipt(mail: .verificationLink(to: address, token: token), message: message)
    }

    /// Confirms an email address from the verification link: the account becomes active and gets the
    /// default role. The person signs in next (no automatic sign-in from a link in an email).
    /// - Parameters:
    ///   - token: the token from the link.
    ///   - client: the client that opened it.
    /// - Returns: the active account.
    /// - Throws: ``LoginFlowError/invalidToken``, ``LoginFlowError/conflict``, ``LoginFlowError/unavailable``.
    @discardableResult
    public func verifyEmail(token: String, client: ClientContext? = nil) async throws(LoginFlowError) -> User {
        let record: OneTimeTokenRecord
        do {
            record = try await accountRedeem(token, purpose: .emailVerification, status: .pendingVerification)
        } catch {
            await audit(.userActivated, client: client, outcome: .failure, reason: "invalid-link")
            throw error
        }
        var user = try await accountUser(id: record.userID)
        guard user.status == .pendingVerification else {
            throw LoginFlowError(.invalidToken, "the account is no longer waiting for confirmation")
        }
        user.status = .active
        user.securityStamp = User.generateSecurityStamp()
        user = try await accountUpdate(user)
        try await accountGrantDefaultRole(to: user.id)
        await audit(
            .userActivated, actor: user.id, subject: user.id, tenant: user.homeTenant, client: client,
            reason: "email-verified")
        return user
    }

    /// Checks a new password for `user` (policy with their name and address, history) and hashes it.
    /// `link` is the redeemed link the password came with: on a rejection a replacement is issued and
    /// carried in the ``PasswordRejection``.
    func accountNewPassword(
        _ password: NormalizedPassword, for user: User, link: OneTimeTokenRecord? = nil, hasMultiFactor: Bool = false
    ) async throws(LoginFlowError) -> String {
        let context = accountPasswordContext(
            email: user.email, username: user.username, displayName: user.displayName, userID: user.id,
            hasMultiFactor: hasMultiFactor)
        do {
            try await accountCheckNewPassword(password, context: context)
        } catch let error where error.code == .passwordRejected {
            guard let link, let rejection = error.underlying as? PasswordRejection else { throw error }
            let retry = await accountReissue(link, for: user)
            throw Self.accountRejection(rejection.retrying(with: retry))
        }
        return try await accountHash(password)
    }

    /// Assigns the configured default role, if any.
    func accountGrantDefaultRole(to userID: UserID) async throws(LoginFlowError) {
        guard let (role, tenant) = configuration.defaultRole else { return }
        guard try await accountAssign(.assign(RoleAssignment(user: userID, role: role, tenant: tenant))) else { return }
        await audit(
            .roleGranted, subject: userID, tenant: tenant, reason: "default-role", metadata: ["role": "\(role)"])
    }

    /// Whether the account must enroll a second factor before it gets a session.
    func accountMustEnroll(_ user: User) async throws(LoginFlowError) -> Bool {
        try await accountStore {
            let hasTOTP = try await totpEnrollment.isEnabled(userID: user.id)
            if hasTOTP { return false }
            return try await mustUseSecondFactor(user, tenantID: user.homeTenant)
        }
    }

    /// A new random user id: `u_` and 128 random bits, Base64URL.
    static func newUserID() -> UserID {
        // 24 characters of the Base64URL alphabet: within UserID's rules, so this cannot throw.
        try! UserID("u_" + Base64URL.encode(SecureRandom.bytes(count: 16)))
    }

    /// A display name with surrounding whitespace removed, non-empty and at most 200 characters.
    static func accountDisplayName(_ text: String) throws(LoginFlowError) -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200,
            !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else {
            throw LoginFlowError(.invalidUser, "a display name is 1 to 200 characters without control characters")
        }
        return name
    }
}
