import AuthCore
import Foundation
import PasswordHashing
import PasswordPolicy
import Synchronization
import Testing

/// One pool for every test's hasher, as PasswordHashingTests does, so tests do not each start threads.
let historyTestPool = HashingPool(workerCount: 2, queueLimit: 1000)

/// Argon2id at m=1024 KiB, t=1: real PHC hashes, cheap enough for tests.
func cheapHasher(maxPasswordBytes: Int = 4096) -> PasswordHasher {
    var configuration = PasswordHasher.Configuration(
        algorithm: .argon2(Argon2Parameters(variant: .argon2id, memoryKiB: 1024, iterations: 1, parallelism: 1)))
    configuration.limits.maxPasswordBytes = maxPasswordBytes
    return PasswordHasher(configuration: configuration, pool: historyTestPool)
}

/// A store that counts reads and can be told to fail.
final class CountingStore: PasswordHistoryStore {
    struct Failure: Error {}
    private let inner = InMemoryPasswordHistoryStore()
    private let state = Mutex((reads: 0, failing: false))

    var reads: Int { state.withLock { $0.reads } }
    func fail() { state.withLock { $0.failing = true } }

    func append(_ entry: PasswordHistoryEntry, userID: UserID, keepingNewest limit: Int) async throws {
        if state.withLock({ $0.failing }) { throw Failure() }
        try await inner.append(entry, userID: userID, keepingNewest: limit)
    }

    func entries(userID: UserID) async throws -> [PasswordHistoryEntry] {
        let failing = state.withLock { state in
            state.reads += 1
            return state.failing
        }
        if failing { throw Failure() }
        return try await inner.entries(userID: userID)
    }

    func removeEntries(userID: UserID) async throws { try await inner.removeEntries(userID: userID) }
}

@Suite("PasswordHistory")
struct PasswordHistoryTests {
    let hasher = cheapHasher()

    /// Hashes the NFKC form, as an app must, and records it.
    func set(_ password: String, userID: UserID = "ada", in history: PasswordHistory) async throws {
        try await history.record(storedHash: hasher.hash(NormalizedPassword(password)), userID: userID)
    }

    @Test("the last N passwords are refused, older ones are forgotten")
    func depth() async throws {
        let history = try PasswordHistory(store: InMemoryPasswordHistoryStore(), hasher: hasher, depth: 3)
        for password in ["first password!", "second password", "third password!", "fourth password"] {
            try await set(password, in: history)
        }
        #expect(try await !history.contains(NormalizedPassword("first password!"), userID: "ada"))
        for password in ["second password", "third password!", "fourth password"] {
            #expect(try await history.contains(NormalizedPassword(password), userID: "ada"), "\(password)")
        }
        #expect(try await !history.contains(NormalizedPassword("fourth password"), userID: "bob"))
        #expect(try await !history.contains(NormalizedPassword("Fourth password"), userID: "ada"))  // case counts
    }

    @Test("a password typed in another Unicode form is still a reuse")
    func normalizedForms() async throws {
        let history = try PasswordHistory(store: InMemoryPasswordHistoryStore(), hasher: hasher)
        try await set("caf\u{E9} \u{FB01}le \u{FF21}BC 2026", in: history)
        #expect(try await history.contains(NormalizedPassword("cafe\u{301} file ABC 2026"), userID: "ada"))
    }

    /// NFC, NFD, full-width and ligature spellings of one password.
    static let spellings = [
        "caf\u{E9} \u{FB01}sh and chips 2026",  // NFC accent, ligature
        "cafe\u{301} fish and chips 2026",  // NFD accent
        "caf\u{E9} fish and chips \u{FF12}\u{FF10}\u{FF12}\u{FF16}",  // full-width digits
        "\u{FF43}\u{FF41}\u{FF46}e\u{301} \u{FB01}sh \u{FF41}nd chips 2026",  // all at once
    ]

    @Test("regression: a reuse typed in another spelling got past the history", arguments: spellings)
    func everySpelling(registered: String) async throws {
        let history = try PasswordHistory(store: InMemoryPasswordHistoryStore(), hasher: hasher)
        try await set(registered, in: history)
        for typed in Self.spellings {
            #expect(try await history.contains(NormalizedPassword(typed), userID: "ada"))
        }
        let checker = try makeChecker { $0.history = history }
        for typed in Self.spellings {
            #expect(
                try await checker.check(NormalizedPassword(typed), context: PasswordContext(userID: "ada")).codes == [
                    .reused
                ])
        }
    }

    @Test("an entry imported as a hash of the typed text still catches that spelling")
    func importedTypedHash() async throws {
        let store = InMemoryPasswordHistoryStore()
        let history = try PasswordHistory(store: store, hasher: hasher)
        let typed = "cafe\u{301} \u{FB01}sh and chips 2026"
        let digest = try KeyDerivation.pbkdf2(
            password: Array(typed.utf8), salt: Array("seasalt".utf8), iterations: 10, hash: .sha256, keyLength: 32)
        try await history.record(
            storedHash: "pbkdf2_sha256$10$seasalt$\(Base64.standard.encode(digest))", userID: "ada")
        #expect(try await history.contains(NormalizedPassword(typed), userID: "ada"))
    }

    @Test("the checker reports reuse only with a user ID, and only for an otherwise acceptable password")
    func checker() async throws {
        let store = CountingStore()
        let history = try PasswordHistory(store: store, hasher: hasher)
        try await set("correct horse battery", in: history)
        let checker = try makeChecker { $0.history = history }
        let ada = PasswordContext(userID: "ada")
        let reused = try await checker.check("correct horse battery", context: ada)
        #expect(reused.codes == [.reused])
        #expect(
            reused.violations[0].message == "You've used this password recently. Choose one you haven't used before.")
        #expect(try await checker.check("correct horse battery").isAcceptable)  // registration: no user yet
        #expect(try await checker.check("a brand new passphrase", context: ada).isAcceptable)
        let readsBefore = store.reads
        #expect(try await checker.check("short", context: ada).codes == [.tooShort])
        #expect(store.reads == readsBefore)  // refused anyway: no hashing spent
    }

    @Test("a remembered hash that cannot be verified is skipped")
    func malformedEntrySkipped() async throws {
        let store = InMemoryPasswordHistoryStore()
        let history = try PasswordHistory(store: store, hasher: hasher)
        try await set("correct horse battery", in: history)
        for garbage in [
            "$argon2id$v=19$m=1024,t=1,p=1$bad", "not a hash", "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
        ] {
            try await store.append(
                PasswordHistoryEntry(storedHash: garbage, changedAt: Date()), userID: "ada", keepingNewest: 4)
        }
        #expect(try await history.contains(NormalizedPassword("correct horse battery"), userID: "ada"))
    }

    @Test("recording something that is not a verifiable hash is refused")
    func invalidHash() async throws {
        let history = try PasswordHistory(store: InMemoryPasswordHistoryStore(), hasher: hasher)
        await #expect(throws: PasswordPolicyError.invalidStoredHash) {
            try await history.record(storedHash: "correct horse battery", userID: "ada")
        }
    }

    @Test("a failing store is historyUnavailable, for reads and writes")
    func storeFailure() async throws {
        let store = CountingStore()
        let history = try PasswordHistory(store: store, hasher: hasher)
        let stored = try await hasher.hash("correct horse battery")
        store.fail()
        await #expect(throws: PasswordPolicyError.historyUnavailable) {
            try await history.record(storedHash: stored, userID: "ada")
        }
        await #expect(throws: PasswordPolicyError.historyUnavailable) {
            try await history.contains(NormalizedPassword("correct horse battery"), userID: "ada")
        }
        let checker = try makeChecker { $0.history = history }
        await #expect(throws: PasswordPolicyError.historyUnavailable) {
            try await checker.check("correct horse battery", context: PasswordContext(userID: "ada"))
        }
    }

    @Test("historyUnavailable keeps the store's own error as its underlying error")
    func storeFailureKeepsUnderlying() async throws {
        let store = CountingStore()
        let history = try PasswordHistory(store: store, hasher: hasher)
        let stored = try await hasher.hash("correct horse battery")
        store.fail()
        let error = await #expect(throws: PasswordPolicyError.historyUnavailable) {
            try await history.record(storedHash: stored, userID: "ada")
        }
        #expect(error?.underlying is CountingStore.Failure, "the backend's error is kept, not only its type name")
    }

    @Test("a password longer than the hasher accepts is passwordTooLong, not a silent pass")
    func hasherLimit() async throws {
        let small = cheapHasher(maxPasswordBytes: 1024)
        let history = try PasswordHistory(store: InMemoryPasswordHistoryStore(), hasher: small)
        try await history.record(storedHash: small.hash("correct horse battery"), userID: "ada")
        await #expect(throws: PasswordPolicyError.passwordTooLong) {
            try await history.contains(NormalizedPassword(String(repeating: "x", count: 2000)), userID: "ada")
        }
    }

    @Test("entries are stamped by the clock; lastChanged is the newest")
    func clock() async throws {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000))
        let history = try PasswordHistory(store: InMemoryPasswordHistoryStore(), hasher: hasher, clock: clock)
        #expect(try await history.lastChanged(userID: "ada") == nil)
        try await set("first password!", in: history)
        clock.advance(by: 86_400)
        try await set("second password", in: history)
        #expect(try await history.lastChanged(userID: "ada") == Date(timeIntervalSince1970: 1_700_086_400))
    }

    @Test("depth must be 1...24", arguments: [0, -1, 25])
    func invalidDepth(depth: Int) {
        #expect(throws: PasswordPolicyError.invalidConfiguration) {
            try PasswordHistory(store: InMemoryPasswordHistoryStore(), hasher: cheapHasher(), depth: depth)
        }
    }
}

@Suite("InMemoryPasswordHistoryStore")
struct InMemoryPasswordHistoryStoreTests {
    func entry(_ index: Int) -> PasswordHistoryEntry {
        // dates tie on purpose
        PasswordHistoryEntry(storedHash: "hash-\(index)", changedAt: Date(timeIntervalSince1970: 0))
    }

    @Test("lists newest first by insertion, trims to the limit, forgets on removal")
    func basics() async throws {
        let store = InMemoryPasswordHistoryStore()
        for index in 1...5 { try await store.append(entry(index), userID: "ada", keepingNewest: 3) }
        #expect(try await store.entries(userID: "ada").map(\.storedHash) == ["hash-5", "hash-4", "hash-3"])
        try await store.append(entry(6), userID: "ada", keepingNewest: 1)
        #expect(try await store.entries(userID: "ada").map(\.storedHash) == ["hash-6"])
        #expect(try await store.entries(userID: "bob").isEmpty)
        try await store.removeEntries(userID: "ada")
        try await store.removeEntries(userID: "ada")
        #expect(try await store.entries(userID: "ada").isEmpty)
    }

    @Test("a limit below 1 is refused and changes nothing")
    func badLimit() async throws {
        let store = InMemoryPasswordHistoryStore()
        try await store.append(entry(1), userID: "ada", keepingNewest: 2)
        await #expect(throws: PasswordPolicyError.invalidConfiguration) {
            try await store.append(entry(2), userID: "ada", keepingNewest: 0)
        }
        #expect(try await store.entries(userID: "ada").map(\.storedHash) == ["hash-1"])
    }

    /// Regression: the store was keyed by `String`, whose `==` is canonical equivalence, so "café"
    /// spelled with U+00E9 and with "e" + U+0301 shared one history (and one limit), where a database
    /// keeps two accounts. Keyed by `UserID` (UTF-8 bytes) now.
    @Test("canonically equivalent user ids merged into one history")
    func canonicallyEquivalentUserIDsMerged() async throws {
        let store = InMemoryPasswordHistoryStore()
        let (composedText, decomposedText) = ("caf\u{E9}", "cafe\u{301}")
        try #require(composedText == decomposedText)  // Swift's String equality, the cause of the flaw
        let (composed, decomposed) = (try UserID(composedText), try UserID(decomposedText))
        try await store.append(entry(1), userID: composed, keepingNewest: 1)
        try await store.append(entry(2), userID: decomposed, keepingNewest: 1)
        #expect(try await store.entries(userID: composed).map(\.storedHash) == ["hash-1"])
        #expect(try await store.entries(userID: decomposed).map(\.storedHash) == ["hash-2"])
        try await store.removeEntries(userID: decomposed)
        #expect(try await store.entries(userID: composed).map(\.storedHash) == ["hash-1"])
    }

    @Test("concurrent appends never keep more than the limit nor lose the newest")
    func concurrent() async throws {
        let store = InMemoryPasswordHistoryStore()
        await withThrowingTaskGroup { group in
            for index in 0..<200 {
                group.addTask { try await store.append(self.entry(index), userID: "ada", keepingNewest: 4) }
            }
        }
        let entries = try await store.entries(userID: "ada")
        #expect(entries.count == 4)
        #expect(Set(entries.map(\.storedHash)).count == 4)
    }
}
