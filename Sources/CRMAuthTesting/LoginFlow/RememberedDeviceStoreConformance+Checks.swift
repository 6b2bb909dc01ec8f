import AuthCore
import Foundation
import LoginFlow
import SessionTokens
import Testing

extension RememberedDeviceStoreConformance {
    func insertAndLookUp(_ store: any RememberedDeviceStore, _ clock: ManualClock) async throws {
        var device = Self.device("caf\u{E9}", at: clock)
        device.label = "Safari on Jose\u{301}\u{2019}s iPhone \u{1F4F1}"
        device.securityStamp = "stamp-e\u{301}"
        device.createdAt = clock.now().addingTimeInterval(0.25)
        device.lastUsedAt = clock.now().addingTimeInterval(0.5)
        device.expiresAt = clock.now().addingTimeInterval(Self.lifetime + 0.75)
        let digest = Self.digest()
        #expect(try await store.insert(device, digest: digest, limit: 5).isEmpty, "a first device evicts nothing")
        #expect(Self.exactlyEqual(try await store.device(digest: digest), device), "every field exactly as written")
        #expect(try await store.device(digest: Self.digest()) == nil, "an unknown digest is nil")
        let listed = try await store.devices(userID: "caf\u{E9}")
        #expect(listed.count == 1 && Self.exactlyEqual(listed.first, device), "listed exactly as written")
        #expect(try await store.devices(userID: "cafe\u{301}").isEmpty, "a canonically equivalent id is another user")
    }

    func valuesCopied(_ store: any RememberedDeviceStore, _ clock: ManualClock) async throws {
        var device = Self.device(at: clock)
        let expected = device
        let digest = Self.digest()
        _ = try await store.insert(device, digest: digest, limit: 5)
        device.label = "changed"
        device.userID = "mallory"
        var read = try #require(try await store.device(digest: digest))
        read.expiresAt = .distantFuture
        read.securityStamp = "changed"
        #expect(Self.exactlyEqual(try await store.device(digest: digest), expected), "the stored record is unchanged")
        #expect(try await store.devices(userID: "mallory").isEmpty)
    }

    func duplicateRefused(_ store: any RememberedDeviceStore, _ clock: ManualClock) async throws {
        let device = Self.device(at: clock)
        let digest = Self.digest()
        _ = try await store.insert(device, digest: digest, limit: 1)
        clock.advance(by: 60)
        await #expect(throws: LoginFlowError.duplicate, "a stored digest is refused") {
            try await store.insert(Self.device(at: clock), digest: digest, limit: 1)
        }
        var sameID = Self.device(at: clock)
        sameID.id = device.id
        let otherDigest = Self.digest()
        await #expect(throws: LoginFlowError.duplicate, "a stored device id is refused") {
            try await store.insert(sameID, digest: otherDigest, limit: 1)
        }
        #expect(try await store.device(digest: otherDigest) == nil, "a refused device is not stored")
        #expect(
            Self.exactlyEqual(try await store.device(digest: digest), device),
            "and a refused insert evicts nothing, even at the limit")
        #expect(try await store.devices(userID: "ada").count == 1)
    }

    func limitEvictsLeastRecentlyUsed(_ store: any RememberedDeviceStore, _ clock: ManualClock) async throws {
        var devices: [(RememberedDevice, TokenDigest)] = []
        for _ in 0..<3 {
            let pair = (Self.device(at: clock), Self.digest())
            #expect(try await store.insert(pair.0, digest: pair.1, limit: 3).isEmpty, "within the limit")
            devices.append(pair)
            clock.advance(by: 60)
        }
        // The oldest device was used most recently: the second-oldest is now the least recently used.
        #expect(try await store.touch(digest: devices[0].1, lastUsedAt: clock.now()))
        clock.advance(by: 60)
        let fourth = (Self.device(at: clock), Self.digest())
        let evicted = try await store.insert(fourth.0, digest: fourth.1, limit: 3)
        #expect(Self.ids(evicted) == Self.ids([devices[1].0.id]), "the least recently used device is evicted")
        #expect(try await store.device(digest: devices[1].1) == nil, "and gone")
        #expect(
            Self.ids(try await store.devices(userID: "ada"))
                == Self.ids([devices[0].0, devices[2].0, fourth.0].map(\.id)),
            "the others stay")
        clock.advance(by: 60)
        let fifth = (Self.device(at: clock), Self.digest())
        let two = try await store.insert(fifth.0, digest: fifth.1, limit: 2)
        #expect(
            Self.ids(two) == Self.ids([devices[2].0.id, devices[0].0.id]),
            "a lower limit evicts as many as needed, least recently used first")
        #expect(try await store.devices(userID: "ada").count == 2, "leaving exactly the limit")
    }

    func limitIgnoresExpired(_ store: any RememberedDeviceStore, _ clock: ManualClock) async throws {
        var expiring = Self.device(at: clock)
        expiring.expiresAt = clock.now().addingTimeInterval(60)
        let expiringDigest = Self.digest()
        _ = try await store.insert(expiring, digest: expiringDigest, limit: 2)
        clock.advance(by: 30)
        let live = (Self.device(at: clock), Self.digest())
        _ = try await store.insert(live.0, digest: live.1, limit: 2)
        clock.advance(by: 30)
        let newest = (Self.device(at: clock), Self.digest())
        let evicted = try await store.insert(newest.0, digest: newest.1, limit: 2)
        #expect(
            !Self.ids(evicted).contains(Array(live.0.id.rawValue.utf8)),
            "a device expired at the instant does not count")
        #expect(try await store.device(digest: live.1) != nil, "so the live device stays")
        #expect(try await store.device(digest: newest.1) != nil)
    }

    func limitIsPerUser(_ store: any RememberedDeviceStore, _ clock: ManualClock) async throws {
        let users: [UserID] = ["caf\u{E9}", "cafe\u{301}", "bob"]
        for user in users {
            let evicted = try await store.insert(Self.device(user, at: clock), digest: Self.digest(), limit: 1)
            #expect(
                evicted.isEmpty, "\(user.rawValue.unicodeScalars.count) scalars: another user's device never counts")
            clock.advance(by: 1)
        }
        for user in users {
            let listed = try await store.devices(userID: user)
            #expect(listed.count == 1, "each user keeps its one device")
            #expect(
                listed.allSatisfy { $0.userID.rawValue.utf8.elementsEqual(user.rawValue.utf8) },
                "user ids are read back byte for byte")
        }
    }

    func touchMovesForward(_ store: any RememberedDeviceStore, _ clock: ManualClock) async throws {
        let device = Self.device(at: clock)
        let digest = Self.digest()
        _ = try await store.insert(device, digest: digest, limit: 5)
        let later = clock.now().addingTimeInterval(3_600.5)
        #expect(try await store.touch(digest: digest, lastUsedAt: later), "a stored device is touched")
        #expect(try await store.device(digest: digest)?.lastUsedAt == later, "to the instant given")
        #expect(try await store.touch(digest: digest, lastUsedAt: later.addingTimeInterval(-600)))
        let read = try await store.device(digest: digest)
        #expect(read?.lastUsedAt == later, "never backwards")
        var expected = device
        expected.lastUsedAt = later
        #expect(Self.exactlyEqual(read, expected), "and nothing else changes")
        #expect(try await !store.touch(digest: Self.digest(), lastUsedAt: later), "an absent digest is false")
    }

    func listsPerUser(_ store: any RememberedDeviceStore, _ clock: ManualClock) async throws {
        var short = Self.device(at: clock)
        short.expiresAt = clock.now().addingTimeInterval(1)
        let long = Self.device(at: clock)
        let bobs = Self.device("bob", at: clock)
        for device in [short, long, bobs] { _ = try await store.insert(device, digest: Self.digest(), limit: 5) }
        clock.advance(by: 10)
        #expect(
            Self.ids(try await store.devices(userID: "ada")) == Self.ids([short.id, long.id]),
            "every device of the user, expired ones included")
        #expect(Self.ids(try await store.devices(userID: "bob")) == Self.ids([bobs.id]), "and no other user's")
        #expect(try await store.devices(userID: "ADA").isEmpty, "user ids are case-sensitive")
    }

    func deleteChecksOwner(_ store: any RememberedDeviceStore, _ clock: ManualClock) async throws {
        let device = Self.device("caf\u{E9}", at: clock)
        let digest = Self.digest()
        _ = try await store.insert(device, digest: digest, limit: 5)
        #expect(try await !store.delete(id: device.id, userID: "mallory"), "another user cannot delete it")
        #expect(try await !store.delete(id: device.id, userID: "cafe\u{301}"), "nor a canonically equivalent id")
        #expect(try await store.device(digest: digest) != nil, "and it stays")
        #expect(try await !store.delete(id: .generate(), userID: "caf\u{E9}"), "an unknown id is false")
        #expect(try await store.delete(id: device.id, userID: "caf\u{E9}"), "the owner deletes it")
        #expect(try await store.device(digest: digest) == nil, "and it is gone")
        #expect(try await !store.delete(id: device.id, userID: "caf\u{E9}"), "once")
    }

    func deleteAll(_ store: any RememberedDeviceStore, _ clock: ManualClock) async throws {
        for user: UserID in ["ada", "ada", "ada", "bob"] {
            _ = try await store.insert(Self.device(user, at: clock), digest: Self.digest(), limit: 5)
        }
        #expect(try await store.deleteAll(userID: "ada") == 3, "every device of the user, counted")
        #expect(try await store.devices(userID: "ada").isEmpty)
        #expect(try await store.devices(userID: "bob").count == 1, "no other user's")
        #expect(try await store.deleteAll(userID: "ada") == 0, "again: none")
    }

    func purgeExpired(_ store: any RememberedDeviceStore, _ clock: ManualClock) async throws {
        var soon = Self.device(at: clock)
        soon.expiresAt = clock.now().addingTimeInterval(100)
        let (soonDigest, lateDigest) = (Self.digest(), Self.digest())
        let late = Self.device("bob", at: clock)
        _ = try await store.insert(soon, digest: soonDigest, limit: 5)
        _ = try await store.insert(late, digest: lateDigest, limit: 5)
        clock.advance(by: 99)
        #expect(try await store.device(digest: soonDigest) != nil, "reads ignore expiry")
        #expect(try await store.purgeExpired(at: clock.now()) == 0, "nothing is expired a second early")
        clock.advance(by: 1)
        #expect(try await store.device(digest: soonDigest) != nil, "reads return an expired record until purged")
        #expect(try await store.purgeExpired(at: clock.now()) == 1, "the expiry instant counts as expired")
        #expect(try await store.purgeExpired(at: clock.now()) == 0, "purging again removes nothing")
        #expect(try await store.device(digest: soonDigest) == nil, "a purged device is gone")
        #expect(Self.exactlyEqual(try await store.device(digest: lateDigest), late), "live devices survive")
    }
}
