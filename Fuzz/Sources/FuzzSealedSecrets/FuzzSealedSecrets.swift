import AuthCore
import FuzzSupport
import TOTP

// Sealed boxes read back from a store (`version | idLength | id | nonce | ciphertext | tag`), as a
// corrupted or tampered row would present them: the header parser, key lookup and AES-GCM opening,
// through KeyRing and SealedOTPSecret. Sealing the input and opening it must give it back.

let ring = try! KeyRing(
    current: SealingKey(id: "k1", material: Array(repeating: 1, count: 32)),
    older: [SealingKey(id: "k0", material: Array(repeating: 0, count: 32))])

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzSealedSecrets(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput(data, size).bytes

    _ = try? KeyRing.keyID(of: bytes)
    _ = try? ring.needsResealing(bytes)
    _ = try? ring.open(bytes)
    let sealed = SealedOTPSecret(bytes: bytes)
    _ = sealed.description
    _ = try? sealed.keyID
    _ = try? OTPSecret(unsealing: sealed, with: ring, userID: "u")
    _ = try? sealed.resealed(with: ring, userID: "u")

    let box = try? ring.seal(bytes, associatedData: [7])
    fuzzCheck(box.flatMap { try? ring.open($0, associatedData: [7]) } == bytes, "seal/open round trip")
    return 0
}

@main
enum Main {
    static func main() { FuzzMain.run(fuzzSealedSecrets) }
}
