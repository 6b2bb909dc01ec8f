import ArgumentParser
import PasswordHashing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reading the password from standard input, and reporting user mistakes without stack traces.
enum StandardInput {
    /// Standard input as UTF-8 with one trailing newline (`\n` or `\r\n`) removed, normalized (NFKC)
    /// as every command hashes, verifies and checks it; at most 4096 bytes.
    static func readPassword() throws -> NormalizedPassword {
        let text = try readText()
        do {
            return try NormalizedPassword(text)
        } catch {
            throw fail("the password on standard input is too long: \(error.reason)")
        }
    }

    /// Standard input as UTF-8 with one trailing newline (`\n` or `\r\n`) removed, as typed: for a
    /// password the library normalizes itself. At most 64 KiB.
    static func readText() throws -> String {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(0, &buffer, buffer.count)
            if count < 0 { throw fail("cannot read standard input") }
            if count == 0 { break }
            data += buffer[0..<count]
            if data.count > 65_536 { throw fail("the password on standard input is longer than 64 KiB") }
        }
        if data.last == 0x0a {
            data.removeLast()
            if data.last == 0x0d { data.removeLast() }
        }
        guard let text = String(validating: data, as: UTF8.self) else {
            throw fail("the password on standard input is not valid UTF-8")
        }
        return text
    }

    /// Prints `message` to standard error and returns the exit code for a bad input (2).
    static func fail(_ message: String) -> ExitCode {
        printError(message)
        return ExitCode(2)
    }

    /// Writes `crm-auth: <message>` to standard error.
    static func printError(_ message: String) {
        let line = Array("crm-auth: \(message)\n".utf8)
        _ = line.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
    }
}
