import CRMAuth
import Foundation

/// A narrated walk through the whole login flow of a small CRM, on in-memory stores and a manual clock
/// (so the waits a throttle imposes take no real time): an invitation and the first password, failed
/// logins into a throttle, TOTP enrollment with its QR code, an MFA login, a role check allowed and
/// denied, a password reset, every session signed out, and the audit trail printed and verified.
@main
struct LoginDemo {
    static func main() async throws {
        do {
            let demo = try await DemoCRM()
            try await demo.inviteAna()
            try await demo.strangerGuesses()
            try await demo.enrollAuthenticator()
            try await demo.loginWithSecondFactor()
            try await demo.checkPermissions()
            try await demo.resetForgottenPassword()
            try await demo.signOutEverywhere()
            try await demo.printAuditTrail()
        } catch {
            emit("\nThe demo stopped: \(error)")
            exit(1)
        }
    }
}
