import CRMAuth
import Foundation

/// A demo step failed in a way the walk does not expect.
struct DemoError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Writes a line at once, unbuffered, so the narration keeps pace even when piped.
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

func chapter(_ title: String) {
    emit("\n\(title)")
}

func say(_ text: String) {
    emit("  \(text)")
}

/// The development outbox: the demo has no mail server, so messages are printed (tokens shortened).
func outbox(to address: String, _ subject: String, link token: String) {
    emit("  [outbox] to \(address): \"\(subject)\" https://crm.acme.example/link?token=\(short(token))")
}

/// The first characters of a token, never the whole secret.
func short(_ token: String?) -> String {
    guard let token else { return "none" }
    return String(token.prefix(10)) + "..."
}

/// What a person would be told, or the error's code for the narration.
func explain(_ error: any Error) -> String {
    if let error = error as? LoginFlowError {
        if let cause = error.underlying as? SessionTokenError { return "\(error.code) (\(cause.code))" }
        if let rejection = error.underlying { return "\(error.code): \(rejection)" }
        return "\(error.code)"
    }
    if let error = error as? SessionTokenError { return "\(error.code)" }
    return "\(error)"
}

extension DefaultStringInterpolation {
    mutating func appendInterpolation(outcome: LoginOutcome) {
        appendLiteral(outcome.name)
        if let message = outcome.message { appendLiteral(". \"\(message.text)\"") }
    }
}
