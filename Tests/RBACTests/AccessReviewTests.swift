import AuthCore
import Foundation
import RBAC
import Testing

@Suite("Access review")
struct AccessReviewTests {
    @Test("holders of a role count inheritance and platform roles")
    func roleHolders() throws {
        let review = AccessReview(try CRMExample.compiled())
        let reps = review.holders(of: "sales-rep", in: "acme")
        #expect(reps.map(\.user) == ["max", "rita"], "the manager inherits sales-rep")
        #expect(reps.first?.assignedRole == "sales-manager")
        let employees = review.holders(of: "employee", in: "globex").map(\.user)
        #expect(employees == ["max", "rita"])
        #expect(review.holders(of: "support-admin", in: "anywhere").map(\.heldIn) == [nil])
    }

    @Test("holders of a permission, any or own")
    func permissionHolders() throws {
        let review = AccessReview(try CRMExample.compiled())
        let editors = review.holders(of: try Permission("leads:edit"), in: "acme")
        #expect(editors.map(\.user) == ["max", "rita", "sam"])
        #expect(editors.map(\.scope) == [.any, .own, .any], "rita edits only her own leads")
    }

    @Test("assignments per tenant include platform roles")
    func assignments() throws {
        let review = AccessReview(try CRMExample.compiled())
        let globex = review.assignments(in: "globex")
        #expect(Set(globex.keys) == ["max", "rita", "sam"])
    }

    @Test("holders inactive for 90 days, or never logged in")
    func inactive() throws {
        let review = AccessReview(try CRMExample.compiled())
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let day: TimeInterval = 86_400
        var logins: [UserID: Date] = [:]
        for user in ["rita", "max", "hana", "fin", "fay", "pat", "sam"] as [UserID] {
            logins[user] = now.addingTimeInterval(-day)
        }
        logins["pat"] = now.addingTimeInterval(-91 * day)
        logins["fay"] = now.addingTimeInterval(-89 * day)
        logins["sam"] = nil
        let inactive = review.inactiveHolders(lastLogins: logins, inactiveFor: 90, at: now)
        #expect(inactive.map(\.user) == ["pat", "sam"])
        #expect(inactive.last?.lastLogin == nil, "never logged in")
        #expect(inactive.first?.assignments == [RoleAssignment(user: "pat", role: "partner", tenant: "acme")])
    }
}
