import AuthCore
import Foundation
import FuzzSupport

// User and tenant ids from outside text (a request, a file, a database row) and from JSON: each is
// accepted exactly when it is non-empty, at most 255 bytes of UTF-8 and free of control characters
// (Unicode general category Cc), is kept byte for byte, and reads back from its own JSON.

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzIdentifiers(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text
    let valid =
        !text.isEmpty && text.utf8.count <= 255
        && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }

    let user = try? UserID(text)
    fuzzCheck((user != nil) == valid, "UserID accepted or refused \(text.debugDescription) wrongly")
    fuzzCheck(((try? TenantID(text)) != nil) == valid, "TenantID disagrees with UserID")
    if let user {
        fuzzCheck(Array(user.rawValue.utf8) == Array(text.utf8), "UserID changed the text")
        let json = try! JSONEncoder().encode([user])
        fuzzCheck((try? JSONDecoder().decode([UserID].self, from: json)) == [user], "UserID JSON round trip")
    }

    // The input as a JSON document: decoding is a value or an error, never a crash.
    if let decoded = try? JSONDecoder().decode([TenantID].self, from: Data(bytes: data!, count: size)) {
        fuzzCheck(decoded.allSatisfy { (try? TenantID($0.rawValue)) == $0 }, "decoded an invalid TenantID")
    }
    return 0
}

@main
enum Main {
    static func main() { FuzzMain.run(fuzzIdentifiers) }
}
