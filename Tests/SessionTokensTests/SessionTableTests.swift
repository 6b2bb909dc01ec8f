import AuthCore
import Foundation
import Testing

@testable import SessionTokens

/// `SessionTable` against a `Dictionary` doing the same operations: the table must agree with it
/// after every step, whatever the probe runs look like.
@Suite("SessionTable")
struct SessionTableTests {
    /// A deterministic generator, so a failing sequence can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var value = state
            value = (value ^ value >> 30) &* 0xBF58_476D_1CE4_E5B9
            value = (value ^ value >> 27) &* 0x94D0_49BB_1331_11EB
            return value ^ value >> 31
        }
    }

    static func session(_ index: Int) -> Session {
        let start = Date(timeIntervalSince1970: 1_700_000_000)
        return Session(
            id: .generate(), userID: try! UserID("user-\(index)"), createdAt: start, lastSeenAt: start,
            idleTimeout: 3_600, absoluteTimeout: 86_400, authenticationLevel: .password, securityStamp: "s")
    }

    /// A digest whose first 8 bytes (all the table hashes) are `leading`, and whose rest is `rest`.
    static func digest(leading: UInt64, rest: UInt64) throws -> TokenDigest {
        let bytes = withUnsafeBytes(of: (leading, rest, rest ^ 0x5555, ~rest)) { Array($0) }
        return try TokenDigest(bytes: bytes)
    }

    static func agree(_ table: SessionTable, _ model: [TokenDigest: Session], absent: [TokenDigest]) {
        #expect(table.count == model.count)
        for (digest, session) in model { #expect(table[digest] == session) }
        for digest in absent where model[digest] == nil { #expect(table[digest] == nil) }
        #expect(Set(table.sessions.map(\.id)) == Set(model.values.map(\.id)))
    }

    @Test(
        "random inserts, removals, updates and lookups agree with a dictionary",
        arguments: [
            (leadingWords: 1 << 62, seed: 1 as UInt64),  // every digest hashes apart
            (leadingWords: 24, seed: 2),  // many digests share a hash: long probe runs, shifts across them
            (leadingWords: 3, seed: 3),  // a handful of runs holding everything
        ])
    func randomOperations(leadingWords: UInt64, seed: UInt64) throws {
        var random = SplitMix(state: seed)
        var table = SessionTable()
        var model: [TokenDigest: Session] = [:]
        var known: [TokenDigest] = []
        for step in 0..<3_000 {
            let digest = try Self.digest(leading: random.next() % leadingWords, rest: random.next())
            switch random.next() % 10 {
            case 0..<5 where model[digest] == nil:
                let session = Self.session(step)
                table.insert(session, digest: digest)
                model[digest] = session
                known.append(digest)
            case 5..<8 where !known.isEmpty:
                let victim = known[Int(random.next() % UInt64(known.count))]
                #expect(table.remove(victim) == model.removeValue(forKey: victim))
            case 8 where !known.isEmpty:
                let target = known[Int(random.next() % UInt64(known.count))]
                let updated = table.update(target) { $0.lastSeenAt += 60 }
                #expect(updated == (model[target] != nil))
                model[target]?.lastSeenAt += 60
            default:
                #expect(table.remove(digest) == nil || model.removeValue(forKey: digest) != nil)
            }
            if step % 250 == 0 { Self.agree(table, model, absent: [digest]) }
        }
        Self.agree(table, model, absent: known)
        // Empty it completely: every removal must find its entry, whatever shifted around it.
        for digest in model.keys { #expect(table.remove(digest) != nil) }
        #expect(table.count == 0)
        #expect(table.sessions.isEmpty)
        for digest in known { #expect(table[digest] == nil) }
    }

    @Test("an empty table finds nothing and removes nothing")
    func empty() throws {
        var table = SessionTable()
        let digest = try Self.digest(leading: 1, rest: 2)
        #expect(table[digest] == nil)
        #expect(!table.contains(digest))
        #expect(table.remove(digest) == nil)
        #expect(!table.update(digest) { $0.lastSeenAt = .distantFuture })
        #expect(table.count == 0)
    }

    @Test("digests differing only after the hashed word are told apart")
    func sameLeadingWord() throws {
        var table = SessionTable()
        let first = try Self.digest(leading: 7, rest: 1)
        let second = try Self.digest(leading: 7, rest: 2)
        let session = Self.session(1)
        table.insert(session, digest: first)
        #expect(table[first] == session)
        #expect(table[second] == nil)
        table.insert(Self.session(2), digest: second)
        #expect(table.remove(first) == session)
        #expect(table[second]?.userID == "user-2")
    }

    @Test("growing keeps every session reachable")
    func growth() throws {
        var table = SessionTable()
        var digests: [TokenDigest] = []
        for index in 0..<10_000 {
            let digest = SessionToken.generate().digest
            table.insert(Self.session(index), digest: digest)
            digests.append(digest)
        }
        #expect(table.count == 10_000)
        for (index, digest) in digests.enumerated() { #expect(table[digest]?.userID.rawValue == "user-\(index)") }
    }
}
