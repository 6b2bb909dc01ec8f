import Foundation
import LockoutPolicy
import Testing

@Suite("LockoutKey hashing")
struct KeyHashTests {
    /// Every kind of key over a few accounts and IPv4 and IPv6 sources.
    private static func keys() -> [LockoutKey] {
        let secret = LockoutSecret.random()
        let accounts = (0..<4).map { secret.digest(account: "user\($0)@example.com") }
        let sources =
            (0..<4).map { SourcePrefix(ipv4: 0xC000_0200 + UInt32($0)) }
            + (0..<4).map { SourcePrefix(ipv6Network: 0x2001_0DB8_0000_0000 + UInt64($0)) }
        return accounts.flatMap { account in
            [LockoutKey.account(account), .trustedPair(account)] + sources.map { .pair(account, $0) }
        } + sources.map { .source($0) }
    }

    @Test("the one-shot hash tables use is the hash hash(into:) feeds")
    func oneShotMatchesStreaming() {
        for key in Self.keys() {
            var hasher = Hasher()
            hasher.combine(key)
            #expect(key.hashValue == hasher.finalize())
        }
    }

    @Test("distinct keys stay distinct in a set and a dictionary")
    func distinctKeys() {
        let keys = Self.keys()
        #expect(Set(keys).count == keys.count)
        let table = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.element, $0.offset) })
        for (offset, key) in keys.enumerated() { #expect(table[key] == offset) }
    }
}
