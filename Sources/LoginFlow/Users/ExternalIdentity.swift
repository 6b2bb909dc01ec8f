/// A link from this account to an identity at an external provider (single sign-on), kept for the
/// provider integrations to come: the provider's name and its stable subject identifier.
public struct ExternalIdentity: Sendable, Hashable, Codable {
    /// The provider, as the app names it (`google`, `azure-ad`, an OIDC issuer URL).
    public var provider: String
    /// The provider's stable identifier of the person (an OIDC `sub` claim), byte for byte.
    public var subject: String

    /// Links an account to `subject` at `provider`.
    /// - Parameters:
    ///   - provider: the provider's name.
    ///   - subject: the provider's stable identifier of the person.
    public init(provider: String, subject: String) {
        self.provider = provider
        self.subject = subject
    }
}
