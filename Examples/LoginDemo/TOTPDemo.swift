import AuthCore
import Foundation
import TOTP

/// Enrollment in an authenticator app: the otpauth:// URI and its QR code, then a code that is
/// accepted once and refused when replayed.
enum TOTPDemo {
    static func run() async throws {
        print("\nCarol enrolls an authenticator app (TOTP, RFC 6238)")
        let secret = OTPSecret.generate()
        let uri = try OTPAuthURI(issuer: "Acme CRM", account: "carol@acme.example", secret: secret)
        let qr = try uri.qrCode()
        print("  QR code: version \(qr.version), \(qr.size)x\(qr.size) modules; as terminal text:")
        print(qr.terminalText())

        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_764_547_200))
        let verifier = try TOTPVerifier(store: InMemoryTOTPStore(), clock: clock)
        let code = TOTPGenerator(secret: secret).code(at: clock.now())
        print("  the app shows \(code): \(try await verifier.verify(code, secret: secret, userID: "carol"))")
        print("  the same code again: \(try await verifier.verify(code, secret: secret, userID: "carol"))")
    }
}
