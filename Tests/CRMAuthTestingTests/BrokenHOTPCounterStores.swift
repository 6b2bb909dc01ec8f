import AuthCore
import Synchronization
import TOTP

/// Keeps each counter as the signed bit pattern of its `UInt64`, as a SQL store writing counters
/// into a `BIGINT` without the contract's order-preserving mapping would: past 2^63 a counter turns
/// negative and compares below every smaller one, so a token there is refused or replayed.
final class BitPatternHOTPCounterStore: HOTPCounterStore {
    private let counters = Mutex<[UserID: Int64]>([:])

    func advanceCounter(userID: UserID, to counter: UInt64) async throws -> Bool {
        let stored = Int64(bitPattern: counter)
        return counters.withLock { counters in
            if let last = counters[userID], last >= stored { return false }
            counters[userID] = stored
            return true
        }
    }

    func lastAcceptedCounter(userID: UserID) async throws -> UInt64? {
        counters.withLock { $0[userID] }.map { UInt64(bitPattern: $0) }
    }

    func removeCounter(userID: UserID) async throws { _ = counters.withLock { $0.removeValue(forKey: userID) } }
}

/// Keyed by the id's `rawValue`, a `String`, whose `==` is canonical equivalence: "café" typed two
/// ways is one user, sharing one counter. Correct in every other respect.
final class StringKeyedHOTPCounterStore: HOTPCounterStore {
    private let counters = Mutex<[String: UInt64]>([:])

    func advanceCounter(userID: UserID, to counter: UInt64) async throws -> Bool {
        counters.withLock { counters in
            if let last = counters[userID.rawValue], last >= counter { return false }
            counters[userID.rawValue] = counter
            return true
        }
    }

    func lastAcceptedCounter(userID: UserID) async throws -> UInt64? { counters.withLock { $0[userID.rawValue] } }

    func removeCounter(userID: UserID) async throws {
        _ = counters.withLock { $0.removeValue(forKey: userID.rawValue) }
    }
}
