import AuthCore
import Foundation
import SessionTokens
import Synchronization
import Testing

/// A shared store whose reads can be held at a gate, to put a write between a read and its caching.
final class GatedStore: ForwardingSessionStore, @unchecked Sendable {
    private let gate = Mutex<
        (armed: Bool, reached: CheckedContinuation<Void, Never>?, release: CheckedContinuation<Void, Never>?)
    >(
        (false, nil, nil))

    /// The next read stops after reading, until ``release()``.
    func arm() { gate.withLock { $0.armed = true } }

    /// Waits until an armed read has read and stopped.
    func waitForHeldRead() async {
        await withCheckedContinuation { continuation in
            let reached = gate.withLock { gate -> Bool in
                if gate.release != nil { return true }
                gate.reached = continuation
                return false
            }
            if reached { continuation.resume() }
        }
    }

    func release() {
        let release = gate.withLock { gate -> CheckedContinuation<Void, Never>? in
            defer { gate.release = nil }
            return gate.release
        }
        release?.resume()
    }

    override func session(digest: TokenDigest) async throws -> Session? {
        let session = try await super.session(digest: digest)
        let armed = gate.withLock { gate -> Bool in
            defer { gate.armed = false }
            return gate.armed
        }
        if armed {
            await withCheckedContinuation { continuation in
                let reached = gate.withLock { gate -> CheckedContinuation<Void, Never>? in
                    gate.release = continuation
                    defer { gate.reached = nil }
                    return gate.reached
                }
                reached?.resume()
            }
        }
        return session
    }
}

@Suite("CachingSessionStore: validation from memory, revocation delayed by at most maximumAge")
struct CachingSessionStoreTests {
    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000))
    let stamps = TestStamps()

    @Test("a cached session is validated without asking the shared store, until maximumAge has passed")
    func servesFromMemory() async throws {
        let shared = CountingStore()
        let cache = CachingSessionStore(base: shared, maximumAge: 2, clock: clock)
        let manager = SessionManager(store: cache, clock: clock, stamps: stamps)
        let issued = try await manager.issue(userID: "u1", securityStamp: "s1")
        let text = issued.token.revealedText
        for _ in 0..<5 { _ = try await manager.validate(text) }
        #expect(shared.lookups.withLock { $0 } == 1, "one read, four answers from memory")
        clock.advance(by: 2)
        _ = try await manager.validate(text)
        #expect(shared.lookups.withLock { $0 } == 2, "a copy 2 s old is read again")
        #expect(cache.cachedCount == 1)
    }

    @Test("a session revoked on another server is refused here within maximumAge, and at once on this one")
    func revocationBound() async throws {
        let shared = InMemorySessionStore()
        let serverA = CachingSessionStore(base: shared, maximumAge: 1, clock: clock)
        let serverB = CachingSessionStore(base: shared, maximumAge: 1, clock: clock)
        let managerA = SessionManager(store: serverA, clock: clock, stamps: stamps)
        let managerB = SessionManager(store: serverB, clock: clock, stamps: stamps)
        let first = try await managerA.issue(userID: "u1", securityStamp: "s1").token.revealedText
        let second = try await managerA.issue(userID: "u1", securityStamp: "s1").token.revealedText
        _ = try await managerA.validate(first)
        _ = try await managerA.validate(second)
        _ = try await managerB.validate(first)

        #expect(try await managerB.revoke(first))
        await #expect(throws: SessionTokenError.notFound) { try await managerB.validate(first) }
        clock.advance(by: 0.5)
        _ = try await managerA.validate(first)  // the documented delay: A read it 0.5 s ago
        clock.advance(by: 0.5)
        await #expect(throws: SessionTokenError.notFound) { try await managerA.validate(first) }

        // On the server that revokes, at once.
        _ = try await managerA.validate(second)
        #expect(try await managerA.revoke(second))
        await #expect(throws: SessionTokenError.notFound) { try await managerA.validate(second) }
    }

    @Test("a new security stamp ends a cached session at once on every server (the stamp is not cached)")
    func stampIsExact() async throws {
        let cache = CachingSessionStore(base: InMemorySessionStore(), maximumAge: 60, clock: clock)
        let manager = SessionManager(store: cache, clock: clock, stamps: stamps)
        let text = try await manager.issue(userID: "u1", securityStamp: "s1").token.revealedText
        _ = try await manager.validate(text)
        stamps.set("u1", "s1-changed")
        await #expect(throws: SessionTokenError.stampMismatch) { try await manager.validate(text) }
    }

    @Test(
        "regression: a read overtaken by a logout on this server is not kept (it would have answered a revoked session)"
    )
    func readOvertakenByWrite() async throws {
        let shared = GatedStore()
        let cache = CachingSessionStore(base: shared, maximumAge: 60, clock: clock)
        let manager = SessionManager(store: cache, clock: clock, stamps: stamps)
        let issued = try await manager.issue(userID: "u1", securityStamp: "s1")
        let text = issued.token.revealedText
        shared.arm()
        let read = Task { try await cache.session(digest: issued.token.digest) }
        await shared.waitForHeldRead()
        #expect(try await manager.revoke(id: issued.session.id, userID: "u1"))
        shared.release()
        #expect(try await read.value?.id == issued.session.id, "the read itself began before the logout")
        #expect(cache.cachedCount == 0)
        await #expect(throws: SessionTokenError.notFound) { try await manager.validate(text) }
    }

    @Test("rotation, sign-out-everywhere, limits and purges correct the cache on this server")
    func writesCorrectTheCache() async throws {
        let policy = SessionPolicy(
            absoluteTimeout: 3600, idleTimeout: 600, lastSeenWriteInterval: 60,
            concurrentSessionLimit: ConcurrentSessionLimit(maximum: 2, overflow: .evictOldest))
        let cache = CachingSessionStore(base: InMemorySessionStore(), maximumAge: 60, clock: clock)
        let manager = SessionManager(store: cache, policy: policy, clock: clock, stamps: stamps)
        let oldest = try await manager.issue(userID: "u1", securityStamp: "s1").token.revealedText
        _ = try await manager.validate(oldest)
        clock.advance(by: 1)
        let middle = try await manager.issue(userID: "u1", securityStamp: "s1").token.revealedText
        _ = try await manager.validate(middle)
        clock.advance(by: 1)
        let newest = try await manager.issue(userID: "u1", securityStamp: "s1").token.revealedText
        await #expect(throws: SessionTokenError.notFound, "evicted by the limit") { try await manager.validate(oldest) }

        let rotated = try await manager.rotate(middle)
        await #expect(throws: SessionTokenError.notFound, "the old token of a rotation") {
            try await manager.validate(middle)
        }
        _ = try await manager.validate(rotated.token.revealedText)

        #expect(try await manager.revokeAll(userID: "u1") == 2)
        await #expect(throws: SessionTokenError.notFound) { try await manager.validate(newest) }
        await #expect(throws: SessionTokenError.notFound) { try await manager.validate(rotated.token.revealedText) }
        #expect(cache.cachedCount == 0)
    }

    @Test("the cache holds at most its capacity, dropping the oldest copies")
    func bounded() async throws {
        let cache = CachingSessionStore(base: InMemorySessionStore(), maximumAge: 60, capacity: 32, clock: clock)
        let manager = SessionManager(store: cache, clock: clock, stamps: stamps)
        var texts: [String] = []
        for _ in 0..<100 {
            let text = try await manager.issue(userID: "u2", securityStamp: "s2").token.revealedText
            texts.append(text)
            _ = try await manager.validate(text)
            clock.advance(by: 0.01)
            #expect(cache.cachedCount <= 32)
        }
        for text in texts { _ = try await manager.validate(text) }
        #expect(cache.cachedCount <= 32)
    }

    @Test("maximumAge 0 never answers from memory")
    func zeroAge() async throws {
        let shared = CountingStore()
        let cache = CachingSessionStore(base: shared, maximumAge: 0, clock: clock)
        let manager = SessionManager(store: cache, clock: clock, stamps: stamps)
        let text = try await manager.issue(userID: "u1", securityStamp: "s1").token.revealedText
        for _ in 0..<3 { _ = try await manager.validate(text) }
        #expect(shared.lookups.withLock { $0 } == 3)
        #expect(cache.cachedCount == 0)
    }
}
