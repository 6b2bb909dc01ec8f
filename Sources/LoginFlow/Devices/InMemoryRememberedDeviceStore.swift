public import AuthCore
public import SessionTokens
import Synchronization

public import struct Foundation.Date

/// A ``RememberedDeviceStore`` in process memory; every method is one critical section.
public final class InMemoryRememberedDeviceStore: RememberedDeviceStore {
    private struct State {
        var devices: [TokenDigest: RememberedDevice] = [:]
        var digestsByID: [DeviceID: TokenDigest] = [:]
    }

    private let state = Mutex(State())

    /// Creates an empty store.
    public init() {}

    /// The number of stored devices.
    public var count: Int { state.withLock { $0.devices.count } }

    /// See ``RememberedDeviceStore/insert(_:digest:limit:)``.
    public func insert(_ device: RememberedDevice, digest: TokenDigest, limit: Int) async throws -> [DeviceID] {
        try state.withLock { (state: inout State) throws(LoginFlowError) -> [DeviceID] in
            guard state.devices[digest] == nil, state.digestsByID[device.id] == nil else {
                throw LoginFlowError(.duplicate, "a device with this digest or id is stored")
            }
            let live = state.devices.values
                .filter { $0.userID == device.userID && !$0.isExpired(at: device.createdAt) }
                .sorted { $0.lastUsedAt < $1.lastUsedAt }
            let excess = max(0, live.count + 1 - max(limit, 1))
            let evicted = live.prefix(excess).map(\.id)
            for id in evicted {
                if let old = state.digestsByID.removeValue(forKey: id) { state.devices[old] = nil }
            }
            state.devices[digest] = device
            state.digestsByID[device.id] = digest
            return evicted
        }
    }

    /// See ``RememberedDeviceStore/device(digest:)``.
    public func device(digest: TokenDigest) async throws -> RememberedDevice? {
        state.withLock { $0.devices[digest] }
    }

    /// See ``RememberedDeviceStore/touch(digest:lastUsedAt:)``.
    public func touch(digest: TokenDigest, lastUsedAt: Date) async throws -> Bool {
        state.withLock { state in
            guard var device = state.devices[digest] else { return false }
            device.lastUsedAt = max(device.lastUsedAt, lastUsedAt)
            state.devices[digest] = device
            return true
        }
    }

    /// See ``RememberedDeviceStore/devices(userID:)``.
    public func devices(userID: UserID) async throws -> [RememberedDevice] {
        state.withLock { state in state.devices.values.filter { $0.userID == userID } }
    }

    /// See ``RememberedDeviceStore/delete(id:userID:)``.
    public func delete(id: DeviceID, userID: UserID) async throws -> Bool {
        state.withLock { state in
            guard let digest = state.digestsByID[id], state.devices[digest]?.userID == userID else { return false }
            state.digestsByID[id] = nil
            state.devices[digest] = nil
            return true
        }
    }

    /// See ``RememberedDeviceStore/deleteAll(userID:)``.
    public func deleteAll(userID: UserID) async throws -> Int {
        state.withLock { state in Self.remove(from: &state) { $0.userID == userID } }
    }

    /// See ``RememberedDeviceStore/purgeExpired(at:)``.
    public func purgeExpired(at date: Date) async throws -> Int {
        state.withLock { state in Self.remove(from: &state) { $0.isExpired(at: date) } }
    }

    private static func remove(from state: inout State, where matches: (RememberedDevice) -> Bool) -> Int {
        let doomed = state.devices.filter { matches($0.value) }
        for (digest, device) in doomed {
            state.devices[digest] = nil
            state.digestsByID[device.id] = nil
        }
        return doomed.count
    }
}
