public import struct Foundation.Date

extension PasswordPolicyChecker {
    /// Whether the person must change their password now, under this policy's maximum age
    /// (``Configuration/maximumAge``, off by default) and the evidence of compromise.
    public func changeRequirement(lastChanged: Date?, compromised: Bool, at now: Date) -> PasswordChangeRequirement {
        .decide(lastChanged: lastChanged, maximumAge: configuration.maximumAge, compromised: compromised, at: now)
    }
}
