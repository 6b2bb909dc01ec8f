import AuthCore
import SessionTokens
import Testing

/// Ids compared byte for byte. "café" spelled with U+00E9 and with "e" + U+0301 is one `String` to
/// Swift's `==`, but two values to a database: a store that merges family ids revokes a stranger's
/// family along with the one whose token was reused.
extension RefreshTokenStoreConformance {
    func familiesIndependent(_ store: any RefreshTokenStore, _ clock: ManualClock) async throws {
        var (composed, decomposed) = (Self.record("caf\u{E9}", at: clock), Self.record("cafe\u{301}", at: clock))
        composed.familyID = RefreshFamilyID(rawValue: "family-caf\u{E9}")
        decomposed.familyID = RefreshFamilyID(rawValue: "family-cafe\u{301}")
        let (composedDigest, decomposedDigest) = (Self.digest(), Self.digest())
        try await store.insert(composed, digest: composedDigest)
        try await store.insert(decomposed, digest: decomposedDigest)
        for (record, digest) in [(composed, composedDigest), (decomposed, decomposedDigest)] {
            let read = try await store.record(digest: digest)
            #expect(
                read?.familyID.rawValue.utf8.elementsEqual(record.familyID.rawValue.utf8) == true,
                "the family id is read back byte for byte, never normalized")
            #expect(
                read?.userID.rawValue.utf8.elementsEqual(record.userID.rawValue.utf8) == true,
                "the user id is read back byte for byte")
        }
        #expect(try await store.revokeFamily(decomposed.familyID) == 1, "revoking counts one family's record only")
        #expect(try await store.record(digest: composedDigest) == composed, "the canonically equivalent family stays")
        let successor = Self.digest()
        #expect(try await store.rotate(digest: composedDigest, to: successor) == .rotated(composed))
        try await store.insert(decomposed, digest: decomposedDigest)
        _ = try await store.rotate(digest: decomposedDigest, to: Self.digest())
        #expect(
            try await store.rotate(digest: decomposedDigest, to: Self.digest())
                == .reuseDetected(familyID: decomposed.familyID),
            "reuse is detected in its own family")
        #expect(try await store.record(digest: successor) == composed, "and revokes that family only")
    }
}
