// Runs one OTP operation N times, for valgrind's callgrind, which counts instructions: unlike wall
// clock, the count does not depend on what else the machine is doing. Per-call cost is the difference
// between two runs (N and 2N) divided by N, so start-up work cancels out.
//
//     swift build -c release --product OTPInstructionCount
//     valgrind --tool=callgrind --callgrind-out-file=/dev/null .build/release/OTPInstructionCount MODE N
//
// Synchronous calls only: valgrind 3.19 stopped with an internal error on Swift concurrency's threads.
// Modes: hummingbird-compute, crmauth-code-with-setup, crmauth-code-prepared,
// hummingbird-window-wrong (three computes), crmauth-window-wrong (three prepared codes).

import Foundation
import HummingbirdOTP
import TOTP

@inline(never) func consume<T>(_ value: T) { withExtendedLifetime(value) {} }

let arguments = CommandLine.arguments
guard arguments.count == 3, let count = Int(arguments[2]) else {
    fatalError("usage: OTPInstructionCount MODE N")
}
let secretText = "12345678901234567890"
let secret = try OTPSecret(bytes: Array(secretText.utf8))
let now = Date(timeIntervalSince1970: 1_111_111_109)
let hummingbird = HummingbirdOTP.TOTP(secret: secretText)
let generator = TOTPGenerator(secret: secret)
let step = generator.step(at: now)

switch arguments[1] {
case "hummingbird-compute":
    for _ in 0..<count { consume(hummingbird.compute(date: now)) }
case "crmauth-code-with-setup":
    for _ in 0..<count { consume(TOTPGenerator(secret: secret).code(at: now)) }
case "crmauth-code-prepared":
    for _ in 0..<count { consume(generator.code(at: now)) }
case "hummingbird-window-wrong":
    for _ in 0..<count {
        for offset in [0.0, -30, 30] { consume(hummingbird.compute(date: now + offset)) }
    }
case "crmauth-window-wrong":
    for _ in 0..<count {
        for drift in [Int64(0), -1, 1] { consume(generator.code(forStep: step + drift)) }
    }
default:
    fatalError("unknown mode \(arguments[1])")
}
