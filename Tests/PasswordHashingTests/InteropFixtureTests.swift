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
}
