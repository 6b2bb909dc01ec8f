#if CRMAUTH_LIBFUZZER
    import CLibFuzzer
#endif
#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fuzz target's `main`: hands the target to libFuzzer, or, in a plain build, replays files.
///
/// SwiftPM links every executable's `main` to the module's own entry point, so a target cannot
/// simply leave `main` to libFuzzer; it calls `LLVMFuzzerRunDriver`, libFuzzer's entry point for
/// programs with their own `main`, which takes the same command line. Fuzz/run.sh builds with
/// `-D CRMAUTH_LIBFUZZER` and `-sanitize=fuzzer,address`; without them (a plain `swift build`) each
/// target runs once on each file named on its command line, to replay a crash under a debugger.
public enum FuzzMain {
    /// A target's entry: the C function libFuzzer calls with each input.
    public typealias Target = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    /// Runs `target` as the command line asks and exits.
    public static func run(_ target: Target) -> Never {
        #if CRMAUTH_LIBFUZZER
            var argc = CommandLine.argc
            var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
            exit(LLVMFuzzerRunDriver(&argc, &argv, target))
        #else
            replay(target)
            exit(0)
        #endif
    }

    private static func replay(_ target: Target) {
        let paths = CommandLine.arguments.dropFirst().filter { !$0.hasPrefix("-") }
        if paths.isEmpty {
            print("usage: \(CommandLine.arguments[0]) FILE...  (a replayer; Fuzz/run.sh builds the fuzzer)")
        }
        for path in paths {
            guard let bytes = read(path) else {
                print("cannot read \(path)")
                exit(2)
            }
            _ = bytes.withUnsafeBufferPointer { target($0.baseAddress, $0.count) }
            print("ran \(path) (\(bytes.count) bytes): no crash")
        }
    }

    private static func read(_ path: String) -> [UInt8]? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var bytes = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = fread(&buffer, 1, buffer.count, file)
            if count == 0 { break }
            bytes += buffer[0..<count]
        }
        return bytes
    }
}
