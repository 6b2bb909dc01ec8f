import AuthCore
import Foundation
import PasswordPolicy
import Testing

extension PasswordHistoryStoreConformance {
    func appendAndReadBack(_ store: any PasswordHistoryStore, _ clock: ManualClock) async throws {
        #expect(try await store.entries(userID: "ada").isEmpty, "an unknown user has no entries")
        let entry = Self.entry("first", at: clock)
        try await store.append(entry, userID: "ada", keepingNewest: 4)
        #expect(try await store.entries(userID: "ada") == [entry], "the entry is read back field for field")
    }

    func newestFirst(_ store: any PasswordHistoryStore, _ clock: ManualClock) async throws {
        try await Self.append(["p1", "p2", "p3"], limit: 4, to: store, clock: clock)
        #expect(try await Self.labels(in: store) == ["p3", "p2", "p1"], "the most recently appended comes first")
        try await Self.append(["p4"], limit: 4, to: store, clock: clock)
        #expect(try await Self.labels(in: store) == ["p4", "p3", "p2", "p1"])
    }

    func orderIsByAppendNotInstant(_ store: any PasswordHistoryStore, _ clock: ManualClock) async throws {
        let tied = Self.entry("tied", at: clock)
        try await store.append(Self.entry("first", at: clock), userID: "ada", keepingNewest: 4)
        try await store.append(tied, userID: "ada", keepingNewest: 4)
        clock.advance(by: -3_600)  // the server's clock was stepped back an hour
        try await store.append(Self.entry("earlier", at: clock), userID: "ada", keepingNewest: 4)
        #expect(
            try await Self.labels(in: store) == ["earlier", "tied", "first"],
            "appended last comes first, whatever its changedAt")
        clock.advance(by: 1)
        try await store.append(Self.entry("fourth", at: clock), userID: "ada", keepingNewest: 2)
        #expect(
            try await Self.labels(in: store) == ["fourth", "earlier"],
            "trimming keeps the last appended, not the latest instants")
    }

    func trimsToLimit(_ store: any PasswordHistoryStore, _ clock: ManualClock) async throws {
        try await Self.append(["p1", "p2", "p3"], limit: 3, to: store, clock: clock)
        #expect(try await Self.labels(in: store) == ["p3", "p2", "p1"], "up to the limit nothing is removed")
        try await Self.append(["p4", "p5", "p6"], limit: 3, to: store, clock: clock)
        #expect(try await Self.labels(in: store) == ["p6", "p5", "p4"], "past the limit the oldest are removed")
        try await Self.append(["p7"], limit: 1, to: store, clock: clock)
        #expect(try await Self.labels(in: store) == ["p7"], "limit 1 keeps only the newest")
        try await Self.append(["p8"], limit: 1, to: store, clock: clock)
        #expect(try await Self.labels(in: store) == ["p8"])
    }

    func eachAppendTrimsToItsLimit(_ store: any PasswordHistoryStore, _ clock: ManualClock) async throws {
        try await Self.append(["p1", "p2", "p3", "p4", "p5"], limit: 10, to: store, clock: clock)
        try await Self.append(["p6"], limit: 2, to: store, clock: clock)
        #expect(try await Self.labels(in: store) == ["p6", "p5"], "a smaller limit drops the surplus at once")
        try await Self.append(["p7"], limit: 10, to: store, clock: clock)
        #expect(try await Self.labels(in: store) == ["p7", "p6", "p5"], "a larger limit restores nothing")
    }

    func equalEntriesKept(_ store: any PasswordHistoryStore, _ clock: ManualClock) async throws {
        let same = Self.entry("same", at: clock)
        try await store.append(Self.entry("other", at: clock), userID: "ada", keepingNewest: 3)
        try await store.append(same, userID: "ada", keepingNewest: 3)
        try await store.append(same, userID: "ada", keepingNewest: 3)
        #expect(try await Self.labels(in: store) == ["same", "same", "other"], "an equal entry is appended again")
        try await store.append(same, userID: "ada", keepingNewest: 3)
        #expect(try await store.entries(userID: "ada") == [same, same, same], "equal entries count against the limit")
    }

    func limitBounds(_ store: any PasswordHistoryStore, _ clock: ManualClock) async throws {
        for limit in [0, -1, Int.min] {
            await #expect(
                throws: PasswordPolicyError.invalidConfiguration, "limit \(limit) is refused for an unknown user"
            ) {
                try await store.append(Self.entry("refused", at: clock), userID: "bob", keepingNewest: limit)
            }
        }
        #expect(try await store.entries(userID: "bob").isEmpty, "a refused append stores nothing")
        try await Self.append(["p1", "p2"], limit: 2, to: store, clock: clock)
        for limit in [0, -1, Int.min] {
            await #expect(throws: PasswordPolicyError.invalidConfiguration, "limit \(limit) is refused") {
                try await store.append(Self.entry("refused", at: clock), userID: "ada", keepingNewest: limit)
            }
        }
        #expect(try await Self.labels(in: store) == ["p2", "p1"], "a refused append neither adds nor trims")
        try await Self.append((3...30).map { "p\($0)" }, limit: .max, to: store, clock: clock)
        #expect(try await store.entries(userID: "ada").count == 30, "Int.max keeps every entry")
        try await Self.append(["p31"], limit: .max - 1, to: store, clock: clock)
        #expect(try await Self.labels(in: store).prefix(2) == ["p31", "p30"])
        #expect(try await store.entries(userID: "ada").count == 31)
    }

    func hashesAndInstantsExact(_ store: any PasswordHistoryStore, _ clock: ManualClock) async throws {
        // Made-up strings shaped like bcrypt, PHC, the longest hash a hasher accepts by default, LDAP
        // SSHA and scrypt: the store keeps them as text and never parses them.
        let bcryptShaped = "$2b$12$" + String(repeating: "./AZaz09", count: 6) + "Xyz12"
        let entries = [
            PasswordHistoryEntry(storedHash: bcryptShaped, changedAt: clock.now()),
            PasswordHistoryEntry(
                storedHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaA",
                changedAt: Date(timeIntervalSince1970: 0)),
            PasswordHistoryEntry(
                storedHash: String(repeating: "a", count: 2_048), changedAt: Date(timeIntervalSince1970: 2_147_483_648)),
            PasswordHistoryEntry(
                storedHash: "{SSHA}bWFkZS11cCBkaWdlc3Q+c2FsdA==", changedAt: Date(timeIntervalSince1970: 4_102_444_800)),
            PasswordHistoryEntry(
                storedHash: "$scrypt$ln=17,r=8,p=1$c2FsdA$aGFzaA", changedAt: clock.now().addingTimeInterval(1)),
        ]
        for entry in entries { try await store.append(entry, userID: "ada", keepingNewest: 8) }
        let read = try await store.entries(userID: "ada")
        #expect(read.count == entries.count)
        for (stored, expected) in zip(read, entries.reversed()) {
            #expect(
                stored.storedHash == expected.storedHash,
                "a \(expected.storedHash.utf8.count)-byte hash is read back exactly")
            #expect(stored.changedAt == expected.changedAt, "\(expected.changedAt) is read back exactly")
        }
    }

    func usersIndependent(_ store: any PasswordHistoryStore, _ clock: ManualClock) async throws {
        let users: [UserID] = ["ada", "bob", "Ada", "ада@пример.рф", "caf\u{E9}", "cafe\u{301}"]
        for (index, user) in users.enumerated() {
            try await Self.append(["\(index)-a", "\(index)-b"], user: user, limit: 2, to: store, clock: clock)
        }
        try await Self.append(["0-c"], limit: 1, to: store, clock: clock)
        #expect(try await Self.labels("ada", in: store) == ["0-c"], "ada's own limit trims ada")
        #expect(try await Self.labels("bob", in: store) == ["1-b", "1-a"], "another user's entries are untouched")
        #expect(try await Self.labels("Ada", in: store) == ["2-b", "2-a"], "user ids are case-sensitive")
        #expect(try await Self.labels("ада@пример.рф", in: store) == ["3-b", "3-a"], "non-ASCII user ids work")
        #expect(
            try await Self.labels("caf\u{E9}", in: store) == ["4-b", "4-a"],
            "canonically equivalent ids are distinct users (é precomposed)")
        #expect(
            try await Self.labels("cafe\u{301}", in: store) == ["5-b", "5-a"],
            "canonically equivalent ids are distinct users (e + U+0301)")
        #expect(try await store.entries(userID: "ADA").isEmpty)
    }

    func removeForgetsUser(_ store: any PasswordHistoryStore, _ clock: ManualClock) async throws {
        try await Self.append(["p1", "p2"], limit: 4, to: store, clock: clock)
        try await Self.append(["b1"], user: "bob", limit: 4, to: store, clock: clock)
        try await store.removeEntries(userID: "ada")
        #expect(try await store.entries(userID: "ada").isEmpty, "removed entries are forgotten")
        #expect(try await Self.labels("bob", in: store) == ["b1"], "removal touches only that user")
        try await store.removeEntries(userID: "ada")
        try await store.removeEntries(userID: "nobody")
        try await Self.append(["p3"], limit: 4, to: store, clock: clock)
        #expect(try await Self.labels(in: store) == ["p3"], "after removal the history starts afresh")
    }

    func valuesCopied(_ store: any PasswordHistoryStore, _ clock: ManualClock) async throws {
        var entry = Self.entry("p1", at: clock)
        let original = entry
        try await store.append(entry, userID: "ada", keepingNewest: 4)
        entry = Self.entry("changed", at: clock)
        #expect(
            try await store.entries(userID: "ada") == [original], "reusing the appended variable changes nothing stored"
        )
        var read = try await store.entries(userID: "ada")
        read.append(entry)
        read[0] = entry
        #expect(try await store.entries(userID: "ada") == [original], "changing a read list changes nothing stored")
    }
}
