import FuzzSupport
import RBAC

// Permissions and patterns from outside text (a request, a document, a command line): accepted exactly
// when they follow the documented syntax, and read back as written.

private func isName(_ part: Substring) -> Bool {
    !part.isEmpty && part.utf8.count <= 64
        && part.utf8.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == 0x5F || byte == 0x2D || byte == 0x2E
        }
}

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPermissions(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    let isPermission = parts.count == 2 && isName(parts[0]) && isName(parts[1])
    let isPattern = parts.count == 2 && parts.allSatisfy { $0 == "*" || isName($0) }
    let permission = try? Permission(text)
    let pattern = try? PermissionPattern(text)
    fuzzCheck((permission != nil) == isPermission, "Permission accepted or refused \(text.debugDescription) wrongly")
    fuzzCheck((pattern != nil) == isPattern, "PermissionPattern accepted or refused \(text.debugDescription) wrongly")
    if let permission {
        fuzzCheck(permission.description == text, "Permission changed the text")
        fuzzCheck(pattern?.matches(permission) == true, "a permission does not match its own pattern")
    }
    if let pattern { fuzzCheck(pattern.description == text, "PermissionPattern changed the text") }
    return 0
}

@main
enum Main {
    static func main() { FuzzMain.run(fuzzPermissions) }
}
