import AuthCore
import Foundation
import LoginFlow
import SessionTokens
import Synchronization

/// Holds the first `parties - 1` callers until the last of them arrives, so all of them have read
/// before any writes; later callers pass straight through. A read-then-write store then loses an update
/// every time, not only when the scheduler happens to interleave the racers.
final class Rendezvous: Sendable {
    private let parties: Int
    private let state = Mutex<(arrived: Int, waiting: [CheckedContinuation<Void, Never>])>((0, []))

    init(parties: Int = 2) { self.parties = parties }

    func meet() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let release: [CheckedContinuation<Void, Never>] = state.withLock { state in
                state.arrived += 1
                if state.arrived < parties {
                    state.waiting.append(continuation)
                    return []
                }
                defer { state.waiting = [] }
                return [continuation] + state.waiting
            }
            for waiter in release { waiter.resume() }
        }
    }
}

/// Answers an update whatever version it was read at, by retrying from the current version until it
/// lands: a password change racing an administrator's disable silently undoes it.
final class VersionIgnoringUserStore: UserStore {
    private let base = InMemoryUserStore()

    func insert(_ user: User) async throws -> User { try await base.insert(user) }
    func user(id: UserID) async throws -> User? { try await base.user(id: id) }
    func user(identifier: LoginIdentifier) async throws -> User? { try await base.user(identifier: identifier) }
    func recordLogin(id: UserID, at date: Date) async throws -> Bool { try await base.recordLogin(id: id, at: date) }
    func users(after cursor: UserID?, limit: Int) async throws -> [User] {
        try await base.users(after: cursor, limit: limit)
    }

    func update(_ user: User, expectedVersion: UInt64) async throws -> User? {
        // The flaw: `expectedVersion` is never looked at.
        while let current = try await base.user(id: user.id) {
            if let written = try await base.update(user, expectedVersion: current.version) { return written }
        }
        return nil
    }
}

/// Looks the identifiers up first and inserts in a second step (a `SELECT` before the `INSERT`, with
/// no unique index): two registrations of one address both succeed.
final class CheckThenInsertUserStore: UserStore {
    private let users = Mutex<[UserID: User]>([:])
    private let rendezvous = Rendezvous()

    func insert(_ user: User) async throws -> User {
        for identifier in user.identifiers {
            if try await self.user(identifier: identifier) != nil {
                throw LoginFlowError(.identifierTaken, "held by another user")
            }
        }
        await rendezvous.meet()
        return try users.withLock { (users: inout [UserID: User]) throws(LoginFlowError) -> User in
            guard users[user.id] == nil else { throw LoginFlowError(.duplicate, "id taken") }
            var stored = user
            stored.version = 1
            users[user.id] = stored
            return stored
        }
    }

    func user(id: UserID) async throws -> User? { users.withLock { $0[id] } }

    func user(identifier: LoginIdentifier) async throws -> User? {
        users.withLock { users in users.values.first { $0.identifiers.contains(identifier) } }
    }

    func update(_ user: User, expectedVersion: UInt64) async throws -> User? {
        users.withLock { users in
            guard users[user.id]?.version == expectedVersion else { return nil }
            var stored = user
            stored.version = expectedVersion + 1
            users[user.id] = stored
            return stored
        }
    }

    func recordLogin(id: UserID, at date: Date) async throws -> Bool {
        users.withLock { users in
            guard let last = users[id].map({ $0.lastLoginAt ?? date }) else { return false }
            users[id]?.lastLoginAt = max(last, date)
            return true
        }
    }

    func users(after cursor: UserID?, limit: Int) async throws -> [User] {
        users.withLock { users in
            Array(
                users.values.filter { user in cursor.map { user.id > $0 } ?? true }.sorted { $0.id < $1.id }.prefix(
                    limit))
        }
    }
}

/// A remembered-device store with one chosen flaw; otherwise each method is one critical section.
final class FlawedRememberedDeviceStore: RememberedDeviceStore {
    enum Flaw {
        /// Over the limit, evicts the oldest created device instead of the least recently used: a
        /// device used every day is forgotten before one unused for weeks.
        case evictsOldestCreated
        /// Deletes a device by id whoever asks: any user can forget another's device.
        case deletesForAnyOwner
        /// Keys the per-user limit and lists by `String`, merging canonically equivalent user ids.
        case mergesEquivalentUserIDs
    }

    private let flaw: Flaw
    private let devices = Mutex<[TokenDigest: RememberedDevice]>([:])

    init(_ flaw: Flaw) { self.flaw = flaw }

    private func sameUser(_ left: UserID, _ right: UserID) -> Bool {
        flaw == .mergesEquivalentUserIDs ? left.rawValue == right.rawValue : left == right
    }

    func insert(_ device: RememberedDevice, digest: TokenDigest, limit: Int) async throws -> [DeviceID] {
        try devices.withLock { (devices: inout [TokenDigest: RememberedDevice]) throws(LoginFlowError) -> [DeviceID] in
            guard devices[digest] == nil, !devices.values.contains(where: { $0.id == device.id }) else {
                throw LoginFlowError(.duplicate, "digest or id stored")
            }
            let live = devices.filter {
                sameUser($0.value.userID, device.userID) && !$0.value.isExpired(at: device.createdAt)
            }
            .sorted {
                flaw == .evictsOldestCreated
                    ? $0.value.createdAt < $1.value.createdAt : $0.value.lastUsedAt < $1.value.lastUsedAt
            }
            let doomed = live.prefix(max(0, live.count + 1 - max(limit, 1)))
            for (key, _) in doomed { devices[key] = nil }
            devices[digest] = device
            return doomed.map(\.value.id)
        }
    }

    func device(digest: TokenDigest) async throws -> RememberedDevice? { devices.withLock { $0[digest] } }

    func touch(digest: TokenDigest, lastUsedAt: Date) async throws -> Bool {
        devices.withLock { devices in
            guard let device = devices[digest] else { return false }
            devices[digest]?.lastUsedAt = max(device.lastUsedAt, lastUsedAt)
            return true
        }
    }

    func devices(userID: UserID) async throws -> [RememberedDevice] {
        devices.withLock { $0.values.filter { sameUser($0.userID, userID) } }
    }

    func delete(id: DeviceID, userID: UserID) async throws -> Bool {
        devices.withLock { devices in
            guard
                let key = devices.first(where: {
                    $0.value.id == id && (flaw == .deletesForAnyOwner || sameUser($0.value.userID, userID))
                })?.key
            else { return false }
            devices[key] = nil
            return true
        }
    }

    func deleteAll(userID: UserID) async throws -> Int {
        devices.withLock { devices in
            let before = devices.count
            devices = devices.filter { !sameUser($0.value.userID, userID) }
            return before - devices.count
        }
    }

    func purgeExpired(at date: Date) async throws -> Int {
        devices.withLock { devices in
            let before = devices.count
            devices = devices.filter { !$0.value.isExpired(at: date) }
            return before - devices.count
        }
    }
}

/// Reads the failure count, then writes it back plus one in a second step (a `SELECT` then an
/// `UPDATE ... SET failures = $2`): racing wrong answers overwrite each other and an attacker gets
/// more guesses than allowed.
///
/// Its rendezvous waits for 64 callers (the suite's racers): with only two, the first caller's stale
/// write can land after the others have counted the challenge to its end, and the flaw hides.
final class ReadThenWriteMFAChallengeStore: MFAChallengeStore {
    private let challenges = Mutex<[TokenDigest: MFAChallenge]>([:])
    private let rendezvous = Rendezvous(parties: 64)

    func insert(_ challenge: MFAChallenge, digest: TokenDigest) async throws {
        try challenges.withLock { (challenges: inout [TokenDigest: MFAChallenge]) throws(LoginFlowError) in
            guard challenges[digest] == nil else { throw LoginFlowError(.duplicate, "digest stored") }
            challenges[digest] = challenge
        }
    }

    func challenge(digest: TokenDigest) async throws -> MFAChallenge? { challenges.withLock { $0[digest] } }

    func recordFailure(digest: TokenDigest, maximumFailures: Int) async throws -> MFAChallenge? {
        guard var challenge = challenges.withLock({ $0[digest] }) else { return nil }
        await rendezvous.meet()
        challenge.failures += 1
        let updated = challenge
        return challenges.withLock { challenges in
            guard challenges[digest] != nil else { return nil }
            challenges[digest] = updated.failures >= maximumFailures ? nil : updated
            return updated
        }
    }

    func consume(digest: TokenDigest) async throws -> MFAChallenge? {
        challenges.withLock { $0.removeValue(forKey: digest) }
    }

    func purgeExpired(at date: Date) async throws -> Int {
        challenges.withLock { challenges in
            let before = challenges.count
            challenges = challenges.filter { $0.value.expiresAt > date }
            return before - challenges.count
        }
    }
}

/// Hands the challenge to every consumer and removes it afterwards: two requests racing with one
/// correct code both complete the login.
final class CopyingMFAChallengeStore: MFAChallengeStore {
    private let base = InMemoryMFAChallengeStore()
    private let rendezvous = Rendezvous()

    func insert(_ challenge: MFAChallenge, digest: TokenDigest) async throws {
        try await base.insert(challenge, digest: digest)
    }
    func challenge(digest: TokenDigest) async throws -> MFAChallenge? { try await base.challenge(digest: digest) }
    func recordFailure(digest: TokenDigest, maximumFailures: Int) async throws -> MFAChallenge? {
        try await base.recordFailure(digest: digest, maximumFailures: maximumFailures)
    }
    func purgeExpired(at date: Date) async throws -> Int { try await base.purgeExpired(at: date) }

    func consume(digest: TokenDigest) async throws -> MFAChallenge? {
        let challenge = try await base.challenge(digest: digest)
        await rendezvous.meet()
        _ = try await base.consume(digest: digest)
        return challenge
    }
}
