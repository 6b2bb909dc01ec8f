#if canImport(Glibc)
    public import Glibc
#elseif canImport(Darwin)
    public import Darwin
#endif

/// A child process started with `posix_spawn`, for tests that drive a built executable.
///
/// The tests do not use Foundation's `Process` on Linux: in swift-corelibs-foundation up to Swift 6.3.1,
/// `Process.run()` reads past a `dirent` while it lists `/proc/self/fd` and crashes now and then
/// (swift-corelibs-foundation pull request 5472), more often the more descriptors the test process
/// holds open (database files, connection pools), which is the case here.
public struct ChildProcess: Sendable {
    /// Where a standard stream of the child goes.
    public enum Stream: Sendable {
        /// `/dev/null`.
        case null
        /// A file, created or truncated (for output) or read (for input).
        case file(String)
        /// A pipe whose other end ``ChildProcess/output`` holds (standard output only).
        case pipe
    }

    /// How the child ended.
    public enum Termination: Sendable, Equatable {
        /// It exited with this status.
        case exited(Int32)
        /// A signal ended it.
        case signaled(Int32)
    }

    /// A failure to start the child.
    public struct SpawnError: Error, CustomStringConvertible {
        /// What failed, with the system's error number.
        public let description: String

        /// A failure described by `description`.
        public init(description: String) {
            self.description = description
        }
    }

    /// The child's process id.
    public let pid: pid_t
    /// The read end of the child's standard output when it is ``Stream/pipe``; the caller closes it.
    public let output: Int32?

    /// Starts `executable` with `arguments` and exactly `environment`.
    /// - Parameters:
    ///   - executable: the program's path.
    ///   - arguments: its arguments, without the program name.
    ///   - environment: its whole environment.
    ///   - input: where standard input comes from.
    ///   - output: where standard output goes.
    ///   - error: where standard error goes (``Stream/pipe`` is not supported here).
    /// - Throws: ``SpawnError`` if a pipe, a file action or the spawn fails.
    public static func start(
        _ executable: String, arguments: [String], environment: [String: String], input: Stream = .null,
        output: Stream = .null, error: Stream = .null
    ) throws -> ChildProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var pipeEnds: [Int32] = [-1, -1]
        func add(_ stream: Stream, _ target: Int32, writing: Bool) throws {
            switch stream {
            case .null:
                posix_spawn_file_actions_addopen(&actions, target, "/dev/null", writing ? O_WRONLY : O_RDONLY, 0)
            case .file(let path):
                let flags = writing ? O_WRONLY | O_CREAT | O_TRUNC : O_RDONLY
                posix_spawn_file_actions_addopen(&actions, target, path, flags, 0o600)
            case .pipe:
                guard writing, target == 1 else { throw SpawnError(description: "only standard output can be a pipe") }
                let made = pipeEnds.withUnsafeMutableBufferPointer { pipe($0.baseAddress!) }
                guard made == 0 else { throw SpawnError(description: "pipe failed: errno \(errno)") }
                // Neither end leaks into other children; dup2 gives the child's copy of the write end
                // no close-on-exec flag.
                _ = fcntl(pipeEnds[0], F_SETFD, FD_CLOEXEC)
                _ = fcntl(pipeEnds[1], F_SETFD, FD_CLOEXEC)
                posix_spawn_file_actions_adddup2(&actions, pipeEnds[1], 1)
            }
        }
        try add(input, 0, writing: false)
        try add(output, 1, writing: true)
        try add(error, 2, writing: true)

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid = pid_t()
        let status = posix_spawn(&pid, executable, &actions, nil, argv, envp)
        if pipeEnds[1] >= 0 { close(pipeEnds[1]) }
        guard status == 0 else {
            if pipeEnds[0] >= 0 { close(pipeEnds[0]) }
            throw SpawnError(description: "posix_spawn of \(executable) failed: errno \(status)")
        }
        return ChildProcess(pid: pid, output: pipeEnds[0] >= 0 ? pipeEnds[0] : nil)
    }

    /// Sends `signal` to the child.
    /// - Parameter signal: the signal number (`SIGKILL`).
    public func send(_ signal: Int32) {
        kill(pid, signal)
    }

    /// Waits for the child to end and says how.
    /// - Returns: its exit status or the signal that ended it.
    public func wait() -> Termination {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { return .exited(-1) }
        }
        // The wait(2) macros, spelled out: Swift does not import them.
        let signal = status & 0x7f
        if signal == 0 { return .exited((status >> 8) & 0xff) }
        return .signaled(signal)
    }
}
