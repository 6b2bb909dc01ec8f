#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes output that carries a secret (an enrollment QR code, say) to a file only its owner can read.
///
/// The bytes go to a new temporary file in the target's directory, created with mode 0600 (never
/// wider, whatever the umask), which is then renamed over the target. So the file always ends up
/// 0600 even when it existed with a wider mode (opening an existing file with `O_TRUNC` keeps its
/// mode), a reader never sees it half-written, and a hard link at the target is replaced rather
/// than written through. A symbolic link at the target is refused: following it would write the
/// secret wherever it points. `rename(2)` replaces a link planted after that check instead of
/// following it, so the check cannot be raced into writing elsewhere.
///
/// ```swift
/// try PrivateFile.write(Array(code.svg().utf8), to: "enroll.svg")
/// ```
package enum PrivateFile {
    /// Why a private write failed; ``description`` is a message for an operator.
    package struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// What went wrong.
        package enum Reason: Sendable, Equatable {
            /// The path is empty or names a directory (ends with `/`).
            case invalidPath
            /// The target is a symbolic link; nothing was written.
            case symbolicLink
            /// The target exists and is not a regular file (a directory, a device, ...).
            case notRegularFile
            /// The temporary file could not be created in the target's directory.
            case cannotCreate
            /// Writing or flushing the temporary file failed.
            case cannotWrite
            /// The temporary file could not be renamed over the target.
            case cannotReplace
        }

        /// What went wrong.
        package let reason: Reason
        /// The target path.
        package let path: String
        /// `errno` when a system call failed, otherwise 0.
        package let errorNumber: Int32

        /// A message for an operator, with the system's explanation when there is one.
        package var description: String {
            let detail = errorNumber == 0 ? "" : ": " + String(cString: strerror(errorNumber))
            return switch reason {
            case .invalidPath: "'\(path)' is not a file path"
            case .symbolicLink: "'\(path)' is a symbolic link; refusing to follow it (remove it or choose another path)"
            case .notRegularFile: "'\(path)' exists and is not a regular file"
            case .cannotCreate: "cannot create a temporary file beside '\(path)'\(detail)"
            case .cannotWrite: "cannot write '\(path)'\(detail)"
            case .cannotReplace: "cannot replace '\(path)'\(detail)"
            }
        }

        init(_ reason: Reason, _ path: String, errorNumber: Int32 = 0) {
            self.reason = reason
            self.path = path
            self.errorNumber = errorNumber
        }
    }

    /// Writes `bytes` to `path` with mode 0600, replacing the file there (see the type's summary).
    ///
    /// - Throws: a ``Failure``; nothing at `path` has changed then, and no temporary file is left.
    package static func write(_ bytes: [UInt8], to path: String) throws(Failure) {
        guard !path.isEmpty, path.utf8.last != UInt8(ascii: "/") else { throw Failure(.invalidPath, path) }
        var status = stat()
        if lstat(path, &status) == 0 {
            switch status.st_mode & mode_t(S_IFMT) {
            case mode_t(S_IFLNK): throw Failure(.symbolicLink, path)
            case mode_t(S_IFREG): break
            default: throw Failure(.notRegularFile, path)
            }
        }
        let directory = directory(of: path)
        var template = Array(
            (directory == "/" ? "" : directory).utf8CString.dropLast() + Array("/.crm-auth-XXXXXX".utf8CString))
        let descriptor = mkstemp(&template)
        guard descriptor >= 0 else { throw Failure(.cannotCreate, path, errorNumber: errno) }
        var closed = false
        do throws(Failure) {
            // mkstemp already creates 0600; say so explicitly rather than rely on it.
            guard fchmod(descriptor, 0o600) == 0 else { throw Failure(.cannotCreate, path, errorNumber: errno) }
            try writeAll(bytes, to: descriptor, path: path)
            guard fsync(descriptor) == 0 else { throw Failure(.cannotWrite, path, errorNumber: errno) }
            closed = true
            guard close(descriptor) == 0 else { throw Failure(.cannotWrite, path, errorNumber: errno) }
            guard rename(template, path) == 0 else { throw Failure(.cannotReplace, path, errorNumber: errno) }
        } catch {
            if !closed { close(descriptor) }
            unlink(template)
            throw error
        }
    }

    /// The directory part of `path`: "." for a bare name, "/" for a file in the root.
    static func directory(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws(Failure) {
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { throw Failure(.cannotWrite, path, errorNumber: count < 0 ? errno : 0) }
            written += count
        }
    }
}

/// `write(2)`, named apart from ``PrivateFile/write(_:to:)``.
private func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
