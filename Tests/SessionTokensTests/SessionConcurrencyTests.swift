import AuthCore
import SessionTokens
import Testing

@Suite("SessionManager under concurrency")
struct SessionConcurrencyTests {
    enum Outcome: Sendable {
        case rotated(IssuedSession)
        case notFound, other
    }

    @Test("many tasks rotating one token: exactly one wins, the rest get notFound")
    func concurrentRotation() async throws {
        let manager = SessionManager(store: InMemorySessionStore(), clock: ManualClock(), stamps: TestStamps())
        let issued = try await manager.issue(userID: "u1", securityStamp: "s1")
        let text = issued.token.revealedText
        let outcomes = await withTaskGroup(of: Outcome.self) { group in
            for _ in 0..<64 {
                group.addTask {
                    do { return .rotated(try await manager.rotate(text)) } catch let error as SessionTokenError
                        where error == .notFound
                    { return .notFound } catch { return .other }
                }
            }
            return await group.reduce(into: [Outcome]()) { $0.append($1) }
        }
        let winners = outcomes.compactMap { if case .rotated(let issued) = $0 { issued } else { nil } }
        #expect(winners.count == 1)
        #expect(outcomes.filter { if case .notFound = $0 { true } else { false } }.count == 63)
        let winner = try #require(winners.first)
        _ = try await manager.validate(winner.token.revealedText)
        await #expect(throws: SessionTokenError.notFound) { try await manager.validate(text) }
    }

    @Test("after revokeAll returns, no token of the user validates, despite concurrent validation")
    func revokeDuringValidation() async throws {
        let clock = ManualClock()
        let manager = SessionManager(store: InMemorySessionStore(), clock: clock, stamps: TestStamps())
        var tokens: [String] = []
        for _ in 0..<16 { tokens.append(try await manager.issue(userID: "u1", securityStamp: "s1").token.revealedText) }
        let snapshot = tokens
        clock.advance(by: 300)  // so concurrent validations also write "last seen"
        await withTaskGroup(of: Void.self) { group in
            for token in snapshot {
                group.addTask { for _ in 0..<20 { _ = try? await manager.validate(token) } }
            }
            group.addTask { _ = try? await manager.revokeAll(userID: "u1") }
        }
        for token in tokens {
            await #expect(throws: SessionTokenError.notFound) { try await manager.validate(token) }
        }
    }
}
