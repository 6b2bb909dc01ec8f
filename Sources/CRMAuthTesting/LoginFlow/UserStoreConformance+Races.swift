import AuthCore
import Foundation
import LoginFlow
import Testing

/// The races the contract promises to survive: a check-then-insert or read-then-write store passes the
/// single-caller checks and fails these.
extension UserStoreConformance {
    func concurrentRegistration(_ store: any UserStore, _ clock: ManualClock) async throws {
        let forms = ["ana@example.com", "Ana@Example.com", "ANA@EXAMPLE.COM", "\u{FF41}na@example.com"]
        let outcomes = await Conformance.race(racers) { index in
            try await store.insert(try Self.user(UserID("ana-\(index)"), email: forms[index % forms.count], at: clock))
        }
        let winners = outcomes.compactMap(\.value)
        #expect(winners.count == 1, "exactly one registration of an address succeeds")
        #expect(
            outcomes.compactMap(\.error).allSatisfy { ($0 as? LoginFlowError) == .identifierTaken },
            "the others are told the identifier is taken")
        let everyone = try await store.users(after: nil, limit: racers * 2)
        #expect(everyone.count == 1, "one user is stored")
        #expect(
            try await store.user(identifier: try LoginIdentifier(email: "ana@example.com"))?.id == winners.first?.id,
            "and the address finds the winner")
    }

    func concurrentUpdates(_ store: any UserStore, _ clock: ManualClock) async throws {
        let stored = try await store.insert(try Self.user("ada", email: "ada@example.com", at: clock))
        let outcomes = await Conformance.race(racers) { index in
            var user = stored
            user.displayName = "writer \(index)"
            user.status = index.isMultiple(of: 2) ? .disabled : .active
            user.securityStamp = "stamp-\(index)"
            return try await store.update(user, expectedVersion: 1)
        }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing writers get answers, not errors")
        let winners = outcomes.compactMap { $0.value ?? nil }
        #expect(winners.count == 1, "exactly one update from one version wins")
        let read = try await store.user(id: "ada")
        #expect(read?.version == 2, "the version moved on once")
        #expect(Self.exactlyEqual(read, winners.first), "and the winner's value is the one stored")
    }

    func concurrentIdentifierClaims(_ store: any UserStore, _ clock: ManualClock) async throws {
        var users: [User] = []
        for index in 0..<racers {
            users.append(
                try await store.insert(try Self.user(UserID("u\(index)"), email: "u\(index)@example.com", at: clock)))
        }
        let claimants = users
        let outcomes = await Conformance.race(racers) { index in
            var user = claimants[index]
            user.email = try LoginIdentifier(email: index.isMultiple(of: 2) ? "prize@example.com" : "PRIZE@example.com")
            return try await store.update(user, expectedVersion: 1)
        }
        let winners = outcomes.compactMap { $0.value ?? nil }
        #expect(winners.count == 1, "exactly one user gets the address")
        #expect(
            outcomes.compactMap(\.error).allSatisfy { ($0 as? LoginFlowError) == .identifierTaken }
                && outcomes.filter { $0.error != nil }.count == racers - 1,
            "every other claimant is told it is taken")
        let holder = try await store.user(identifier: try LoginIdentifier(email: "prize@example.com"))
        #expect(holder?.id == winners.first?.id, "the address finds the winner")
        var holders = 0
        for user in try await store.users(after: nil, limit: racers * 2)
        where user.email == (try LoginIdentifier(email: "prize@example.com")) {
            holders += 1
        }
        #expect(holders == 1, "and only one stored user holds it")
    }

    func concurrentRecordLogin(_ store: any UserStore, _ clock: ManualClock) async throws {
        _ = try await store.insert(try Self.user("ada", email: "ada@example.com", at: clock))
        let base = clock.now()
        let outcomes = await Conformance.race(racers) { index in
            try await store.recordLogin(id: "ada", at: base.addingTimeInterval(Double(index)))
        }
        #expect(outcomes.allSatisfy { $0.value == true }, "every login is recorded")
        let read = try await store.user(id: "ada")
        #expect(read?.lastLoginAt == base.addingTimeInterval(Double(racers - 1)), "the latest instant is kept")
        #expect(read?.version == 1, "and the version is unchanged")
    }
}
