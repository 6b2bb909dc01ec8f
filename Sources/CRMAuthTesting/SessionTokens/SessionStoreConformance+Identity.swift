import AuthCore
import Foundation
import SessionTokens
import Testing

/// Ids compared byte for byte. "café" spelled with U+00E9 and with "e" + U+0301 is one `String` to
/// Swift's `==`, but two users to a database: a store that merges them lets one user's sign-out
/// everywhere end the other's sessions and makes them share a session limit.
extension SessionStoreConformance {
    func usersIndependent(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let (composed, decomposed): (UserID, UserID) = ("caf\u{E9}", "cafe\u{301}")
        let limit = ConcurrentSessionLimit(maximum: 1, overflow: .refuseNew)
        // An array, not a [String: Session]: a String-keyed dictionary would merge the two spellings here too.
        let sessions = [composed, decomposed, "ада@пример.рф"].map { Self.session($0, at: clock) }
        for session in sessions {
            do {
                _ = try await store.insert(session, digest: Self.digest(), limit: limit)
            } catch let error as SessionTokenError where error == .limitReached {
                Issue.record("\(Self.codeUnits(session.userID)): another id's session counted against its limit")
            }
        }
        for session in sessions {
            let user = session.userID
            let listed = try await store.sessions(userID: user)
            #expect(listed.map(\.id) == [session.id], "\(Self.codeUnits(user)) lists its own session only")
            #expect(
                listed.allSatisfy { $0.userID.rawValue.utf8.elementsEqual(user.rawValue.utf8) },
                "\(Self.codeUnits(user)) is read back byte for byte, never normalized")
        }
        #expect(
            try await store.deleteAll(userID: decomposed, except: nil) == 1,
            "sign-out everywhere removes one spelling's session")
        #expect(
            try await store.sessions(userID: composed).count == 1, "the canonically equivalent spelling stays signed in"
        )
        #expect(try await store.sessions(userID: "CAF\u{C9}").isEmpty, "user ids are case-sensitive")
    }

    func sessionIDsExact(_ store: any SessionStore, _ clock: ManualClock) async throws {
        var (composed, decomposed) = (Self.session(at: clock), Self.session(at: clock))
        composed.id = SessionID(rawValue: "session-caf\u{E9}")
        decomposed.id = SessionID(rawValue: "session-cafe\u{301}")
        let (composedDigest, decomposedDigest) = (Self.digest(), Self.digest())
        try await store.insert(composed, digest: composedDigest)
        try await store.insert(decomposed, digest: decomposedDigest)
        #expect(
            try await store.session(digest: decomposedDigest)?.id.rawValue.utf8.elementsEqual(
                decomposed.id.rawValue.utf8) == true,
            "a canonically equivalent session id is another id, stored and read back byte for byte")
        #expect(try await store.delete(id: decomposed.id, userID: decomposed.userID), "deleting one spelling's session")
        #expect(try await store.session(digest: composedDigest) == composed, "leaves the other's")
        #expect(try await !store.delete(id: decomposed.id, userID: decomposed.userID))
    }

    /// The id as Unicode scalars, so issue messages tell the two spellings apart.
    static func codeUnits(_ id: UserID) -> String {
        "\""
            + id.rawValue.unicodeScalars.map {
                $0.isASCII ? String($0) : "U+" + String($0.value, radix: 16, uppercase: true)
            }.joined() + "\""
    }
}
