import AuthCore
import Foundation
import TOTP
import Testing

/// `Fixtures/totp.json`, written by `Fixtures/generate_totp.py` (pyotp, cross-checked with oathtool).
struct TOTPFixture: Decodable {
    struct TOTPCase: Decodable, CustomTestStringConvertible {
        let secretHex: String
        let secretBase32: String
        let time: Int64
        let algorithm: String
        let digits: Int
        let period: Int64
        let code: String
        var testDescription: String { "\(algorithm)/\(digits)/\(period)s at \(time)" }
    }

    struct HOTPCase: Decodable, CustomTestStringConvertible {
        let secretHex: String
        let secretBase32: String
        let counter: UInt64
        let algorithm: String
        let digits: Int
        let code: String
        var testDescription: String { "\(algorithm)/\(digits) counter \(counter)" }
    }

    struct URICase: Decodable, CustomTestStringConvertible {
        let uri: String
        let type: String
        let period: Int64?
        let counter: UInt64?
        let secretHex: String
        let issuer: String?
        let account: String
        let algorithm: String
        let digits: Int
        var testDescription: String { uri.prefix(while: { $0 != "?" }).description }
    }

    let pyotp: String
    let oathtool: String?
    let totp: [TOTPCase]
    let hotp: [HOTPCase]
    let uris: [URICase]

    /// The fixture, or an empty one if it cannot be read (the `loads` test then fails loudly).
    static let shared: TOTPFixture = {
        guard let url = Bundle.module.url(forResource: "totp", withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url),
            let fixture = try? JSONDecoder().decode(TOTPFixture.self, from: data)
        else { return TOTPFixture(pyotp: "", oathtool: nil, totp: [], hotp: [], uris: []) }
        return fixture
    }()
}

@Suite("Interoperability with pyotp and oathtool")
struct InteropFixtureTests {
    @Test("the fixture loads and records its generators")
    func loads() {
        let fixture = TOTPFixture.shared
        #expect(fixture.totp.count >= 60)
        #expect(fixture.hotp.count >= 10)
        #expect(fixture.uris.count >= 4)
        #expect(!fixture.pyotp.isEmpty)
    }

    @Test("TOTP codes match pyotp", arguments: TOTPFixture.shared.totp)
    func totp(_ vector: TOTPFixture.TOTPCase) throws {
        let algorithm = try #require(HashFunction(rawValue: vector.algorithm))
        let secret = try OTPSecret(bytes: hex(vector.secretHex))
        #expect(try OTPSecret(base32: vector.secretBase32) == secret)
        let configuration = try TOTPConfiguration(algorithm: algorithm, digits: vector.digits, period: vector.period)
        let generator = TOTPGenerator(secret: secret, configuration: configuration)
        #expect(generator.code(at: Date(timeIntervalSince1970: TimeInterval(vector.time))) == vector.code)
        #expect(
            generator.step(at: Date(timeIntervalSince1970: TimeInterval(vector.time))) == vector.time / vector.period)
    }

    @Test("HOTP codes match pyotp", arguments: TOTPFixture.shared.hotp)
    func hotp(_ vector: TOTPFixture.HOTPCase) throws {
        let algorithm = try #require(HashFunction(rawValue: vector.algorithm))
        let secret = try OTPSecret(base32: vector.secretBase32)
        #expect(secret.revealedBytes == hex(vector.secretHex))
        let generator = try HOTPGenerator(secret: secret, algorithm: algorithm, digits: vector.digits)
        #expect(generator.code(counter: vector.counter) == vector.code)
    }

    @Test("pyotp provisioning URIs parse to the parameters they were made with", arguments: TOTPFixture.shared.uris)
    func provisioningURI(_ vector: TOTPFixture.URICase) throws {
        let uri = try OTPAuthURI(parsing: vector.uri)
        #expect(uri.secret.revealedBytes == hex(vector.secretHex))
        #expect(uri.issuer == vector.issuer)
        #expect(uri.account == vector.account)
        #expect(uri.algorithm == HashFunction(rawValue: vector.algorithm))
        #expect(uri.digits == vector.digits)
        switch uri.kind {
        case .totp(let period):
            #expect(vector.type == "totp")
            #expect(period == vector.period)
        case .hotp(let counter):
            #expect(vector.type == "hotp")
            #expect(counter == vector.counter)
        }
    }
}
