import AuthCore
import Foundation
import LoginFlow
import SessionTokens
import Testing

/// The races the contract promises to survive: a store that counts, then evicts, then inserts in
/// separate steps passes the single-caller checks and fails these.
extension RememberedDeviceStoreConformance {
    func concurrentLimit(_ store: any RememberedDeviceStore, _ clock: ManualClock) async throws {
        let limit = 5
        let devices = (0..<racers).map { _ in (Self.device(at: clock), Self.digest()) }
        let outcomes = await Conformance.race(racers) { index in
            try await store.insert(devices[index].0, digest: devices[index].1, limit: limit)
        }
        #expect(outcomes.allSatisfy { $0.error == nil }, "every device is remembered")
        let evicted = outcomes.compactMap(\.value).flatMap { $0 }
        let remaining = try await store.devices(userID: "ada")
        #expect(remaining.count == limit, "the user holds exactly the limit")
        #expect(evicted.count == racers - limit, "each eviction is reported")
        #expect(Self.ids(evicted).count == evicted.count, "exactly once")
        #expect(
            Self.ids(evicted).union(Self.ids(remaining)) == Self.ids(devices.map(\.0.id))
                && Self.ids(evicted).isDisjoint(with: Self.ids(remaining)),
            "every device is either remaining or reported evicted")
    }

    func concurrentDuplicateDigest(_ store: any RememberedDeviceStore, _ clock: ManualClock) async throws {
        let digest = Self.digest()
        let outcomes = await Conformance.race(racers) { index in
            try await store.insert(Self.device(UserID("user-\(index)"), at: clock), digest: digest, limit: 5)
        }
        #expect(outcomes.filter { $0.error == nil }.count == 1, "exactly one insert under a digest succeeds")
        #expect(
            outcomes.compactMap(\.error).allSatisfy { ($0 as? LoginFlowError) == .duplicate },
            "the others get .duplicate")
        let stored = try #require(try await store.device(digest: digest))
        #expect(try await store.devices(userID: stored.userID).count == 1, "one device is stored")
    }

    func concurrentTouch(_ store: any RememberedDeviceStore, _ clock: ManualClock) async throws {
        let digest = Self.digest()
        _ = try await store.insert(Self.device(at: clock), digest: digest, limit: 5)
        let base = clock.now()
        let outcomes = await Conformance.race(racers) { index in
            try await store.touch(digest: digest, lastUsedAt: base.addingTimeInterval(Double(index)))
        }
        #expect(outcomes.allSatisfy { $0.value == true }, "every touch finds the device")
        #expect(
            try await store.device(digest: digest)?.lastUsedAt == base.addingTimeInterval(Double(racers - 1)),
            "the latest instant is kept")
    }
}
