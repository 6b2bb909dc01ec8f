/// A session together with the token that names it, as returned once by issue and rotate.
///
/// The token exists only here: hand ``token`` to the client and drop it; the store keeps its digest.
public struct IssuedSession: Sendable {
    /// The bearer token for the client (redacted when printed).
    public let token: SessionToken
    /// The stored session.
    public let session: Session

    /// Pairs a token with its session.
    public init(token: SessionToken, session: Session) {
        self.token = token
        self.session = session
    }
}
