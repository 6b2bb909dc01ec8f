import FuzzSupport
import PasswordHashing
import PasswordPolicy

// An operator's breached-password file (one password per line, UTF-8, `\n` or `\r\n`): the bytes are
// read as a whole file. Every line of a file that loads must then be found in it.

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzBreachedPasswordFile(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    guard let file = try? BreachedPasswordFile(bytes: input.bytes, source: "fuzz") else { return 0 }
    fuzzCheck(file.entryCount > 0, "a loaded file has no entries")
    var position = 0
    for var line in input.bytes.split(separator: 0x0a, omittingEmptySubsequences: false) {
        if line.last == 0x0d { line.removeLast() }
        guard !line.isEmpty else { continue }
        position += 1
        let text = String(decoding: line, as: UTF8.self)
        guard let rank = file.rank(of: try! NormalizedPassword(text, maximumBytes: .max)) else {
            fuzzCheck(false, "line \(position) is not found in its own file")
            return 0
        }
        fuzzCheck((1...position).contains(rank), "line \(position) has rank \(rank)")
    }
    return 0
}

@main
enum Main {
    static func main() { FuzzMain.run(fuzzBreachedPasswordFile) }
}
