import Foundation
import PasswordHashing
import Testing

/// One case of `Fixtures/interop.json`, made by a Python library (see its generator script).
struct InteropCase: Decodable, Sendable, CustomTestStringConvertible {
    let id: String
    let library: String
    let format: String
    let password: String
    let hash: String
    let matches: Bool
    let tags: [String]?
    var testDescription: String { "\(id) [\(format)]" }
}

struct InteropFile: Decodable {
    let cases: [InteropCase]
}

func loadInteropCases() -> [InteropCase] {
    guard let url = Bundle.module.url(forResource: "interop", withExtension: "json", subdirectory: "Fixtures"),
        let data = try? Data(contentsOf: url),
        let file = try? JSONDecoder().decode(InteropFile.self, from: data)
    else { return [] }
    return file.cases
}

@Suite("Interoperability with argon2-cffi, bcrypt, passlib, Django and ASP.NET Identity")
struct InteropFixtureTests {
    static let cases = loadInteropCases()

    @Test("the fixture file loads and covers every format")
    func fixtureLoads() {
        #expect(Self.cases.count >= 100)
        #expect(Set(Self.cases.map(\.format)).count >= 20)
    }

    @Test("every fixture verifies as its library decided", arguments: cases)
    func verify(fixture: InteropCase) async throws {
        var configuration = PasswordHasher.Configuration()
        configuration.limits.maxArgon2MemoryKiB = 1 << 20
        let hasher = PasswordHasher(configuration: configuration, pool: testPool)
        guard !fixture.password.isEmpty else {
            // CRMAuth refuses empty passwords outright, even where another library hashed one.
            await #expect(throws: PasswordHashingError.emptyPassword) {
                try await hasher.verify(fixture.password, against: fixture.hash)
            }
            return
        }
        let result = try await hasher.verify(fixture.password, against: fixture.hash)
        #expect(result.matches == fixture.matches, "\(fixture.library) \(fixture.format)")
    }

    /// The positive cases whose password is not in NFKC: hashes of the typed bytes.
    static let unnormalized = cases.filter { fixture in
        fixture.matches && (try? NormalizedPassword(fixture.password))?.typedForm != nil
    }

    @Test(
        "hashes of non-normalized text made by other libraries verify through the typed form and ask for a rehash",
        arguments: unnormalized)
    func unnormalizedNeedsRehash(fixture: InteropCase) async throws {
        var configuration = PasswordHasher.Configuration()
        configuration.limits.maxArgon2MemoryKiB = 1 << 20
        var hasher = PasswordHasher(configuration: configuration, pool: testPool)
        let counter = HashAttemptCounter()
        hasher.attemptCounter = counter
        let result = try await hasher.verify(NormalizedPassword(fixture.password), against: fixture.hash)
        #expect(result.matches && result.needsRehash, "\(fixture.library) \(fixture.format)")
        #expect(counter.count == 2, "the NFKC form fails first, then the typed form matches")
    }

    @Test("the 'unnormalized' fixtures cover argon2-cffi, bcrypt and passlib, positive and negative")
    func unnormalizedCoverage() {
        let tagged = Self.cases.filter { $0.tags?.contains("unnormalized") == true }
        #expect(Set(tagged.filter(\.matches).map(\.library)) == ["argon2-cffi", "bcrypt", "passlib"])
        #expect(tagged.filter { !$0.matches }.count == tagged.filter(\.matches).count)
        #expect(Set(Self.unnormalized.map(\.id)).isSuperset(of: tagged.filter(\.matches).map(\.id)))
    }

    /// A hasher whose policy is the fixture's own algorithm, so a rehash is asked for only because
    /// the typed form matched.
    static func hasher(matching fixture: InteropCase) throws -> (PasswordHasher, HashAttemptCounter) {
        var algorithm = try PasswordHasher(pool: testPool).algorithm(of: fixture.hash)
        if case .bcrypt(let cost, .legacyTruncating) = algorithm {
            algorithm = .bcrypt(cost: cost, mode: .rejectLongPasswords)
        }
        var hasher = PasswordHasher(configuration: .init(algorithm: algorithm), pool: testPool)
        let counter = HashAttemptCounter()
        hasher.attemptCounter = counter
        return (hasher, counter)
    }

    @Test(
        "regression: an imported hash of non-normalized text, once rehashed, takes every spelling without the fallback",
        arguments: cases.filter { $0.tags?.contains("unnormalized") == true })
    func unnormalizedRehash(fixture: InteropCase) async throws {
        let (hasher, counter) = try Self.hasher(matching: fixture)
        let password = try NormalizedPassword(fixture.password)
        let result = try await hasher.verify(password, against: fixture.hash)
        guard fixture.matches else {
            // The negative is the NFKC spelling: not the bytes the other library hashed.
            #expect(!result.matches)
            return
        }
        #expect(result.matches && result.needsRehash, "only the typed form can ask: the algorithm is the policy's")
        let upgraded = try await hasher.hash(password)
        let spellings = [fixture.password, password.revealed, fixture.password.decomposedStringWithCanonicalMapping]
        for spelling in spellings {
            let before = counter.count
            let again = try await hasher.verify(NormalizedPassword(spelling), against: upgraded)
            #expect(again.matches && !again.needsRehash)
            #expect(counter.count - before == 1)
        }
    }
}
