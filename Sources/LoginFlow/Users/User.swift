public import AuthCore

public import struct Foundation.Date

/// An account: who can log in, with what, and in what state.
///
/// Values are copied in and out of a ``UserStore``. A change that matters for security (password,
/// status, identifiers, MFA requirement) is written with ``UserStore/update(_:expectedVersion:)``,
/// which applies it only if nobody changed the user since it was read, and the flow gives the user a new
/// ``securityStamp`` whenever existing sessions and links must stop working.
public struct User: Sendable, Hashable, Redacting {
    /// The account's id.
    public var id: UserID
    /// The email address, as given; looked up by its normalized ``LoginIdentifier/key``.
    public var email: LoginIdentifier
    /// An optional username, as given; looked up by its normalized key.
    public var username: LoginIdentifier?
    /// The name shown to people ("Ana Lima").
    public var displayName: String
    /// Where the account is in its life.
    public var status: UserStatus
    /// The tenant the user acts in when a login names none (a user may hold roles in others).
    public var homeTenant: TenantID?
    /// The password as a PHC string (or a legacy format the hasher reads), `nil` until the first one
    /// is set. Never a password in plaintext.
    public var passwordHash: String?
    /// When the password was last set, `nil` if never.
    public var passwordChangedAt: Date?
    /// The next login must set a new password first (an administrator forced it, or the password
    /// turned up in a breach list).
    public var passwordChangeRequired: Bool
    /// A random value changed whenever every session, device and link of the account must stop working
    /// (password change or reset, disable, "sign out everywhere").
    public var securityStamp: String
    /// Whether the account must use a second factor.
    public var mfa: MFARequirement
    /// Links to identities at external providers (single sign-on, to come).
    public var externalIdentities: [ExternalIdentity]
    /// When the account was created.
    public var createdAt: Date
    /// When the user last completed a login, `nil` if never.
    public var lastLoginAt: Date?
    /// The store's row version, for ``UserStore/update(_:expectedVersion:)``: 1 when inserted, one more
    /// on every update. Set by the store; a value given to ``UserStore/insert(_:)`` is ignored.
    public var version: UInt64

    /// Creates a user value.
    /// - Parameters:
    ///   - id: the account's id.
    ///   - email: the email address.
    ///   - username: an optional username.
    ///   - displayName: the name shown to people.
    ///   - status: where the account is in its life.
    ///   - homeTenant: the tenant used when a login names none.
    ///   - passwordHash: the PHC string of the password, if one is set.
    ///   - passwordChangedAt: when the password was set.
    ///   - passwordChangeRequired: whether the next login must change the password.
    ///   - securityStamp: the current security stamp (a random value; see ``generateSecurityStamp()``).
    ///   - mfa: whether the account must use a second factor.
    ///   - externalIdentities: links to external identity providers.
    ///   - createdAt: when the account was created.
    ///   - lastLoginAt: when the user last logged in.
    ///   - version: the store's row version (set by the store).
    public init(
        id: UserID, email: LoginIdentifier, username: LoginIdentifier? = nil, displayName: String,
        status: UserStatus, homeTenant: TenantID? = nil, passwordHash: String? = nil, passwordChangedAt: Date? = nil,
        passwordChangeRequired: Bool = false, securityStamp: String = User.generateSecurityStamp(),
        mfa: MFARequirement = .optional, externalIdentities: [ExternalIdentity] = [], createdAt: Date,
        lastLoginAt: Date? = nil, version: UInt64 = 0
    ) {
        self.id = id
        self.email = email
        self.username = username
        self.displayName = displayName
        self.status = status
        self.homeTenant = homeTenant
        self.passwordHash = passwordHash
        self.passwordChangedAt = passwordChangedAt
        self.passwordChangeRequired = passwordChangeRequired
        self.securityStamp = securityStamp
        self.mfa = mfa
        self.externalIdentities = externalIdentities
        self.createdAt = createdAt
        self.lastLoginAt = lastLoginAt
        self.version = version
    }

    /// A new random security stamp: 128 bits, Base64URL.
    public static func generateSecurityStamp() -> String {
        Base64URL.encode(SecureRandom.bytes(count: 16))
    }

    /// The identifiers the account can be found by: the email address and the username, if any.
    public var identifiers: [LoginIdentifier] { [email] + (username.map { [$0] } ?? []) }

    /// Everything but the password hash and the security stamp.
    public var redactedDescription: String {
        "User(id: \(id), email: \(email.text), status: \(status.rawValue), passwordHash: "
            + (passwordHash == nil ? "nil" : "<redacted>") + ", securityStamp: <redacted>, version: \(version))"
    }
}
