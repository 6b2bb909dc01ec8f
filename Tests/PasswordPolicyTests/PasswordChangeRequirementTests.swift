import Foundation
import PasswordPolicy
import Testing

@Suite("PasswordChangeRequirement")
struct PasswordChangeRequirementTests {
    let changed = Date(timeIntervalSince1970: 1_700_000_000)
    let year: TimeInterval = 365 * 86_400

    @Test("no maximum age by default: an old password may be kept")
    func noRotationByDefault() throws {
        let checker = try makeChecker()
        #expect(checker.configuration.maximumAge == nil)
        let decision = checker.changeRequirement(
            lastChanged: changed, compromised: false, at: changed.addingTimeInterval(10 * year))
        #expect(decision == .notRequired)
        #expect(!decision.isRequired)
    }

    @Test("evidence of compromise always requires a change")
    func compromise() throws {
        let checker = try makeChecker { $0.maximumAge = self.year }
        #expect(
            checker.changeRequirement(lastChanged: changed, compromised: true, at: changed) == .required(.compromised))
        #expect(checker.changeRequirement(lastChanged: nil, compromised: true, at: changed) == .required(.compromised))
        #expect(try makeChecker().changeRequirement(lastChanged: nil, compromised: true, at: changed).isRequired)
        #expect(PasswordChangeRequirement.Reason.compromised.message.contains("Choose a new one"))
    }

    @Test("an opt-in maximum age expires the password exactly at the limit")
    func maximumAge() throws {
        let checker = try makeChecker { $0.maximumAge = self.year }
        let expiry = changed.addingTimeInterval(year)
        #expect(
            checker.changeRequirement(lastChanged: changed, compromised: false, at: expiry.addingTimeInterval(-1))
                == .notRequired)
        #expect(
            checker.changeRequirement(lastChanged: changed, compromised: false, at: expiry)
                == .required(.expired(at: expiry)))
        #expect(checker.changeRequirement(lastChanged: nil, compromised: false, at: expiry) == .notRequired)
        // A last-changed date in the future (a clock moved back) does not expire the password.
        #expect(checker.changeRequirement(lastChanged: expiry, compromised: false, at: changed) == .notRequired)
    }
}
