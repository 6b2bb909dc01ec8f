import Foundation
import PasswordPolicy
import Testing

/// `Fixtures/zxcvbn.json`, written by `Fixtures/generate_zxcvbn.py` (zxcvbn, Python port).
struct ZxcvbnFixture: Decodable {
    struct Entry: Decodable {
        let category: String
        let password: String
        let score: Int
        let guesses: Double
        let guessesLog10: Double
    }

    let zxcvbn: String
    let referenceYear: Int
    let sample: [Entry]

    /// The fixture, or an empty one if it cannot be read (the `loads` test then fails loudly).
    static let shared: ZxcvbnFixture = {
        guard let url = Bundle.module.url(forResource: "zxcvbn", withExtension: "json", subdirectory: "Fixtures"),
            let data = try? Data(contentsOf: url),
            let fixture = try? JSONDecoder().decode(ZxcvbnFixture.self, from: data)
        else { return ZxcvbnFixture(zxcvbn: "", referenceYear: 0, sample: []) }
        return fixture
    }()
}

@Suite("PasswordStrengthEstimator agrees with zxcvbn")
struct ZxcvbnAgreementTests {
    @Test("the fixture loads and holds a few hundred passwords")
    func loads() {
        #expect(ZxcvbnFixture.shared.zxcvbn == "4.5.0")
        #expect(ZxcvbnFixture.shared.sample.count >= 300)
    }

    @Test("scores agree within one step on at least 90% of the sample")
    func agreement() throws {
        let fixture = ZxcvbnFixture.shared
        let estimator = try PasswordStrengthEstimator(referenceYear: fixture.referenceYear)
        var withinOne = 0
        var exact = 0
        var report: [String] = []
        for entry in fixture.sample {
            let strength = estimator.estimate(entry.password, userInputs: [])
            if strength.score == entry.score { exact += 1 }
            if abs(strength.score - entry.score) <= 1 {
                withinOne += 1
            }
            if strength.score != entry.score {
                report.append(
                    "\(entry.category) \(entry.password): zxcvbn \(entry.score) (10^\(entry.guessesLog10)), "
                        + "ours \(strength.score) (10^\((log10(strength.guesses) * 1000).rounded() / 1000))")
            }
        }
        let total = fixture.sample.count
        print("zxcvbn agreement: within one step \(withinOne)/\(total), exact \(exact)/\(total)")
        if ProcessInfo.processInfo.environment["ZXCVBN_REPORT"] != nil { print(report.joined(separator: "\n")) }
        #expect(total > 0)
        #expect(Double(withinOne) >= 0.9 * Double(total))
    }
}
