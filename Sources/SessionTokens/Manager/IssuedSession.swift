/// A session together with the token that names it, as returned once by issue and rotate.
///
/// The token exists only here: hand ``token`` to the client and drop it; the store keeps its digest.
public struct IssuedSession: Sendable {
    /// The bearer token for the client (redacted when printed).
    public let token: SessionToken
    /// The stored session.
    public let session: Session
    /// The user's sessions ended to make room for this one under
    /// ``SessionPolicy/concurrentSessionLimit`` (oldest first evicted), for the app to log or notify;
    /// empty for rotations and when no limit applied.
    public let evicted: [SessionID]

    /// Pairs a token with its session and the ids of sessions evicted to make room.
    public init(token: SessionToken, session: Session, evicted: [SessionID] = []) {
        self.token = token
        self.session = session
        self.evicted = evicted
    }
}
