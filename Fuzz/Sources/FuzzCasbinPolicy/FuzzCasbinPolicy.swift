import FuzzSupport
import RBAC

// Casbin policy files (CSV p and g lines): importing gives a valid policy or a typed error naming a
// line, never a crash; an imported policy survives its policy document unchanged.

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzCasbinPolicy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text
    do {
        let policy = try CasbinPolicyImporter.importPolicy(text)
        fuzzCheck((try? PolicyDocument.decode(PolicyDocument.encode(policy))) == policy, "document round trip")
        fuzzCheck(policy.rules.allSatisfy { $0.tenant != nil }, "a Casbin rule lost its tenant")
        fuzzCheck(
            policy.rules.allSatisfy { !$0.permissions.coversEveryResource && !$0.permissions.coversEveryAction },
            "a Casbin line became a wildcard")
    } catch {
        let named = error.reason.hasPrefix("line ") || error.code == .cycle
        fuzzCheck(named, "an import error names no line: \(error)")
    }
    return 0
}

@main
enum Main {
    static func main() { FuzzMain.run(fuzzCasbinPolicy) }
}
