import Foundation
import FuzzSupport
import RBAC

// RBAC policy documents (JSON from a file an operator edits): decoding gives a whole valid policy or a
// typed error, never a crash, hang or unbounded memory; a decoded policy survives its own document
// unchanged, and compiles.

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPolicyDocument(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(FuzzInput(data, size).bytes)
    guard let policy = try? PolicyDocument.decode(bytes) else { return 0 }
    fuzzCheck((try? policy.validate()) != nil, "a decoded policy does not validate")
    let again = try? PolicyDocument.decode(PolicyDocument.encode(policy))
    fuzzCheck(again == policy, "a decoded policy changed through its own document")
    fuzzCheck((try? CompiledPolicy(policy)) != nil, "a decoded policy does not compile")
    return 0
}

@main
enum Main {
    static func main() { FuzzMain.run(fuzzPolicyDocument) }
}
