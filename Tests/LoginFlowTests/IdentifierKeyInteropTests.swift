import Foundation
import LoginFlow
import Testing

/// `Fixtures/identifier-keys.json`, written by `Fixtures/generate-identifier-keys.py` with Python's
/// `unicodedata` (its Python and Unicode versions are in the header).
struct IdentifierKeyFixture: Decodable {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        let kind: String
        let input: String
        let key: String
        var testDescription: String {
            input.unicodeScalars.map { $0.isASCII ? String($0) : "U+" + String($0.value, radix: 16, uppercase: true) }
                .joined()
        }
    }

    let python: String
    let unicode: String
    let cases: [Case]

    static let bundled: IdentifierKeyFixture = {
        guard
            let url = Bundle.module.url(
                forResource: "identifier-keys", withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url),
            let fixture = try? JSONDecoder().decode(IdentifierKeyFixture.self, from: data)
        else { return IdentifierKeyFixture(python: "", unicode: "", cases: []) }
        return fixture
    }()
}

@Suite("LoginIdentifier keys agree with Python's unicodedata")
struct IdentifierKeyInteropTests {
    @Test("the fixture is read and holds a few hundred cases of both kinds")
    func fixtureRead() {
        let cases = IdentifierKeyFixture.bundled.cases
        #expect(cases.count >= 300)
        #expect(cases.contains { $0.kind == "email" } && cases.contains { $0.kind == "username" })
    }

    @Test("each input parses as its kind to the key Python computes", arguments: IdentifierKeyFixture.bundled.cases)
    func keyAgrees(_ fixture: IdentifierKeyFixture.Case) throws {
        let identifier = try LoginIdentifier(parsing: fixture.input)
        #expect(identifier.kind.rawValue == fixture.kind)
        #expect(
            Array(identifier.key.utf8) == Array(fixture.key.utf8),
            "Swift's key \(identifier.key.unicodeScalars.map { String($0.value, radix: 16) }) differs from Python's")
    }
}
