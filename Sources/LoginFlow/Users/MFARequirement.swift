/// Whether a user must use a second factor, as set on the account.
///
/// The flow also requires MFA when the tenant or one of the user's roles does (see
/// ``AuthFlowConfiguration/mfaRequiredTenants`` and ``AuthFlowConfiguration/mfaRequiredRoles``): the
/// strictest of the three applies. Whether the user has enrolled a method is kept by the TOTP module's
/// stores, not here.
public enum MFARequirement: String, Sendable, Hashable, Codable, CaseIterable {
    /// The user may enroll; once enrolled, every login asks for a code.
    case optional
    /// The user must enroll before using the account: a login without an enrolled method answers
    /// "MFA enrollment required".
    case required
}
