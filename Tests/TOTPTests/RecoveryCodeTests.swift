import AuthCore
import Foundation
import TOTP
import Testing

@Suite("RecoveryCode")
struct RecoveryCodeTests {
    @Test("generates 10 distinct grouped codes by default")
    func format() throws {
        let codes = try RecoveryCode.generate()
        #expect(codes.count == 10)
        #expect(Set(codes.map(\.revealedText)).count == 10)
        let allowed = Set("0123456789abcdefghjkmnpqrstvwxyz-")
        for code in codes {
            #expect(code.revealedText.count == 19)
            #expect(code.revealedText.split(separator: "-").map(\.count) == [4, 4, 4, 4])
            #expect(code.revealedText.allSatisfy(allowed.contains))
            #expect(!"\(code)".contains(code.revealedText))
        }
    }

    @Test("counts outside 1...100 are refused", arguments: [0, -1, 101])
    func countOutOfRange(count: Int) {
        #expect(throws: TOTPError.parameterOutOfRange) { try RecoveryCode.generate(count: count) }
    }

    @Test("typed codes are normalized: case, spaces, hyphens, O/I/L")
    func normalization() throws {
        let code = try #require(try RecoveryCode.generate(count: 1).first)
        let text = code.revealedText
        let variants = [
            text, text.uppercased(), text.replacingOccurrences(of: "-", with: ""),
            text.replacingOccurrences(of: "-", with: " "), "  " + text + " ",
            text.replacingOccurrences(of: "0", with: "O").replacingOccurrences(of: "1", with: "l"),
        ]
        for variant in variants {
            #expect(RecoveryCodeDigest(typed: variant) == code.digest, "\(variant)")
        }
    }

    @Test(
        "text that cannot be a code has no digest",
        arguments: [
            "", "abcd", "abcd-efgh-jkmn-pqr", "abcd-efgh-jkmn-pqrst", "abcd-efgh-jkmn-pqru",
            "abcd_efgh_jkmn_pqrs", "abcd-efgh-jkmn-pqr\u{0}", "ábcd-efgh-jkmn-pqrs",
        ]
    )
    func malformed(text: String) {
        #expect(RecoveryCodeDigest(typed: text) == nil)
    }

    @Test("a megabyte of input has no digest")
    func huge() {
        #expect(RecoveryCodeDigest(typed: String(repeating: "a", count: 1 << 20)) == nil)
    }

    @Test("stored digests must be 32 bytes")
    func digestSize() {
        #expect(throws: TOTPError.invalidSecret) { try RecoveryCodeDigest(bytes: [1, 2, 3]) }
    }
}

@Suite("RecoveryCodeManager")
struct RecoveryCodeManagerTests {
    @Test("each code works once and the count goes down")
    func singleUse() async throws {
        let manager = RecoveryCodeManager(store: InMemoryRecoveryCodeStore())
        let codes = try await manager.regenerate(userID: "ada")
        #expect(try await manager.remaining(userID: "ada") == 10)
        #expect(try await manager.redeem(codes[3].revealedText, userID: "ada"))
        #expect(try await !manager.redeem(codes[3].revealedText, userID: "ada"))
        #expect(try await manager.remaining(userID: "ada") == 9)
        #expect(try await !manager.redeem(codes[4].revealedText, userID: "bob"))
        #expect(try await !manager.redeem("not a code", userID: "ada"))
        #expect(try await manager.remaining(userID: "ada") == 9)
    }

    @Test("regenerating invalidates the old set")
    func regenerate() async throws {
        let manager = RecoveryCodeManager(store: InMemoryRecoveryCodeStore())
        let old = try await manager.regenerate(userID: "ada")
        let new = try await manager.regenerate(userID: "ada", count: 5)
        #expect(try await manager.remaining(userID: "ada") == 5)
        #expect(try await !manager.redeem(old[0].revealedText, userID: "ada"))
        #expect(try await manager.redeem(new[0].revealedText, userID: "ada"))
    }

    @Test("50 concurrent redemptions of one code succeed exactly once")
    func concurrentDoubleConsume() async throws {
        let manager = RecoveryCodeManager(store: InMemoryRecoveryCodeStore())
        let text = try await manager.regenerate(userID: "ada")[0].revealedText
        let successes = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<50 {
                group.addTask { try await manager.redeem(text, userID: "ada") }
            }
            return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(successes == 1)
        #expect(try await manager.remaining(userID: "ada") == 9)
    }
}

@Suite("InMemoryRecoveryCodeStore")
struct InMemoryRecoveryCodeStoreTests {
    @Test("regression: a digest repeated in one set was counted and accepted twice")
    func repeatedDigestAcceptedTwice() async throws {
        let store = InMemoryRecoveryCodeStore()
        let code = try #require(try RecoveryCode.generate(count: 1).first).digest
        try await store.replaceCodes(userID: "ada", digests: [code, code])
        #expect(try await store.remainingCodes(userID: "ada") == 1)
        #expect(try await store.consumeCode(userID: "ada", digest: code))
        #expect(try await !store.consumeCode(userID: "ada", digest: code))
    }

    /// Regression: the store was keyed by `String`, whose `==` is canonical equivalence, so "café"
    /// spelled with U+00E9 and with "e" + U+0301 shared one set of recovery codes, where a database
    /// keeps two users. Keyed by `UserID` now.
    @Test("canonically equivalent user ids merged into one set of codes")
    func canonicallyEquivalentUserIDsMerged() async throws {
        let store = InMemoryRecoveryCodeStore()
        let (composed, decomposed): (UserID, UserID) = ("caf\u{E9}", "cafe\u{301}")
        try #require(composed.rawValue == decomposed.rawValue)  // Swift's String equality, the cause of the flaw
        let codes = try RecoveryCode.generate(count: 3).map(\.digest)
        try await store.replaceCodes(userID: composed, digests: codes)
        #expect(try await store.remainingCodes(userID: decomposed) == 0, "the other spelling has no codes")
        #expect(try await !store.consumeCode(userID: decomposed, digest: codes[0]), "nor can it use them")
        try await store.replaceCodes(userID: decomposed, digests: [])
        #expect(
            try await store.remainingCodes(userID: composed) == 3, "replacing the other spelling's set changes nothing")
        #expect(try await store.consumeCode(userID: composed, digest: codes[0]))
    }
}
