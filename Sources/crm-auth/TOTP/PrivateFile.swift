#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import ArgumentParser

/// Writing output that carries a secret (an enrollment QR code) to a file only its owner can read.
enum PrivateFile {
    /// Writes `text` as UTF-8 to `path`, creating it with mode 0600 or truncating an existing file
    /// (whose mode is then left as it was). Exits with status 1 and a message on failure.
    static func save(_ text: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw failure("cannot open \(path) for writing") }
        defer { close(descriptor) }
        let bytes = Array(text.utf8)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw failure("cannot write \(path)") }
            written += count
        }
    }

    private static func failure(_ message: String) -> ExitCode {
        StandardInput.printError(message)
        return ExitCode(1)
    }
}
