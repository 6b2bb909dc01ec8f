import PasswordHashing
import Testing

/// Damaged copies of every fixture hash: truncations, byte flips, deleted and duplicated separators.
/// Each must give a result or a typed ``PasswordHashingError``: never a crash, a hang or a huge allocation.
@Suite("Mutated stored hashes")
struct MutatedHashTests {
    /// Tight ceilings so a mutation that raises a cost parameter stays cheap in a debug build.
    static func cheapHasher() -> PasswordHasher {
        var configuration = PasswordHasher.Configuration()
        configuration.limits.maxArgon2MemoryKiB = 4096
        configuration.limits.maxArgon2Iterations = 4
        configuration.limits.maxArgon2Parallelism = 8
        configuration.limits.maxBcryptCost = 6
        configuration.limits.maxScryptMemoryBytes = 4 << 20
        configuration.limits.maxPBKDF2Iterations = 5000
        return PasswordHasher(configuration: configuration, pool: testPool)
    }

    static func mutations(of hash: String, seed: UInt64) -> [String] {
        var generator = SplitMix64(seed: seed)
        let bytes = Array(hash.utf8)
        var results: [String] = []
        let replacements = Array("$=,.0123456789+/aAzZ-_9\u{0}é".utf8)
        for _ in 0..<40 {
            var copy = bytes
            switch generator.next() % 5 {
            case 0: copy = Array(copy.prefix(Int(generator.next() % UInt64(copy.count + 1))))
            case 1:
                let index = Int(generator.next() % UInt64(copy.count))
                copy[index] = replacements[Int(generator.next() % UInt64(replacements.count))]
            case 2: copy.remove(at: Int(generator.next() % UInt64(copy.count)))
            case 3:
                let index = Int(generator.next() % UInt64(copy.count))
                copy.insert(copy[index], at: index)
            default: copy.append(contentsOf: copy.suffix(Int(generator.next() % 8)))
            }
            results.append(String(decoding: copy, as: UTF8.self))
        }
        return results
    }

    @Test("every mutation of every fixture is a result or a typed error", arguments: loadInteropCases())
    func mutate(fixture: InteropCase) async {
        let hasher = Self.cheapHasher()
        for (index, mutated) in Self.mutations(of: fixture.hash, seed: UInt64(bitPattern: Int64(index(of: fixture))))
            .enumerated()
        {
            do {
                _ = try await hasher.verify("password", against: mutated)
            } catch {
                #expect(!error.reason.isEmpty, "mutation \(index) of \(fixture.id) failed without a reason")
            }
        }
    }

    private func index(of fixture: InteropCase) -> Int {
        fixture.id.utf8.reduce(17) { $0 &* 31 &+ Int($1) }
    }
}

/// A small deterministic generator so failures reproduce.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
