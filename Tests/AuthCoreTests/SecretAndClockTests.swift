import AuthCore
import Foundation
import Testing

@Suite("Secret, SecureRandom and clocks")
struct SecretAndClockTests {
    @Test("a secret never prints its value")
    func redaction() {
        let secret = Secret("hunter2")
        #expect("\(secret)" == "<redacted>")
        #expect(!String(reflecting: secret).contains("hunter2"))
        var dumped = ""
        dump(secret, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        #expect(secret.revealed == "hunter2")
    }

    @Test("secure random bytes have the requested length and differ")
    func random() {
        for count in [0, 1, 7, 8, 9, 32, 100] {
            #expect(SecureRandom.bytes(count: count).count == count)
        }
        #expect(SecureRandom.bytes(count: 32) != SecureRandom.bytes(count: 32))
    }

    @Test("a manual clock moves only when told")
    func manualClock() {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1000))
        #expect(clock.now() == Date(timeIntervalSince1970: 1000))
        clock.advance(by: 30)
        #expect(clock.now() == Date(timeIntervalSince1970: 1030))
        clock.set(to: Date(timeIntervalSince1970: 5))
        #expect(clock.now() == Date(timeIntervalSince1970: 5))
    }
}
