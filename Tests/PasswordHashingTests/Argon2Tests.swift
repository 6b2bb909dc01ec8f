import PasswordHashing
import Testing

/// One Argon2 known answer.
struct Argon2Vector: Sendable, CustomTestStringConvertible {
    let variant: Argon2Variant
    let version: UInt32
    let memoryKiB: UInt32
    let iterations: UInt32
    let parallelism: UInt32
    let password: [UInt8]
    let salt: [UInt8]
    let secret: [UInt8]
    let associatedData: [UInt8]
    let tag: String

    init(
        _ variant: Argon2Variant, version: UInt32 = 0x13, m: UInt32, t: UInt32, p: UInt32,
        password: [UInt8], salt: [UInt8], secret: [UInt8] = [], associatedData: [UInt8] = [], tag: String
    ) {
        self.variant = variant
        self.version = version
        memoryKiB = m
        iterations = t
        parallelism = p
        self.password = password
        self.salt = salt
        self.secret = secret
        self.associatedData = associatedData
        self.tag = tag
    }

    var parameters: Argon2Parameters {
        Argon2Parameters(
            variant: variant, memoryKiB: memoryKiB, iterations: iterations, parallelism: parallelism,
            tagLength: tag.utf8.count / 2, version: version
        )
    }

    var testDescription: String {
        "\(variant.rawValue) v=0x\(String(version, radix: 16)) m=\(memoryKiB) t=\(iterations) "
            + "p=\(parallelism) T=\(tag.utf8.count / 2) |P|=\(password.count) |S|=\(salt.count)"
    }
}

/// RFC 9106 §5.1-5.3 inputs: P = 32 × 0x01, S = 16 × 0x02, K = 8 × 0x03, X = 12 × 0x04, m = 32, t = 3, p = 4.
private func rfcVector(_ variant: Argon2Variant, version: UInt32 = 0x13, tag: String) -> Argon2Vector {
    Argon2Vector(
        variant, version: version, m: 32, t: 3, p: 4, password: repeated(0x01, 32), salt: repeated(0x02, 16),
        secret: repeated(0x03, 8), associatedData: repeated(0x04, 12), tag: tag
    )
}

/// The tags of RFC 9106 §5.1 (Argon2d), §5.2 (Argon2i), §5.3 (Argon2id).
private let rfcVectors: [Argon2Vector] = [
    rfcVector(.argon2d, tag: "512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb"),
    rfcVector(.argon2i, tag: "c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8"),
    rfcVector(.argon2id, tag: "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"),
]

/// The RFC 9106 §5 inputs under version 0x10, generated with argon2-cffi 25.1.0 (libargon2 20190702)
/// through `argon2.low_level.core` with an `argon2_context` carrying the secret and associated data.
private let legacyRFCVectors: [Argon2Vector] = [
    rfcVector(.argon2d, version: 0x10, tag: "96a9d4e5a1734092c85e29f410a45914a5dd1f5cbf08b2670da68a0285abf32b"),
    rfcVector(.argon2i, version: 0x10, tag: "87aeedd6517ab830cd9765cd8231abb2e647a5dee08f7c05e02fcb763335d0fd"),
    rfcVector(.argon2id, version: 0x10, tag: "b64615f07789b66b645b67ee9ed3b377ae350b6bfcbb0fc95141ea8f322613c0"),
]

/// Generated with argon2-cffi 25.1.0:
/// `argon2.low_level.hash_secret_raw(password, salt, t, m, p, len(tag), Type.<variant>, version)`.
private let interoperabilityVectors: [Argon2Vector] = [
    Argon2Vector(.argon2id, m: 8, t: 1, p: 1, password: ascii("p"), salt: ascii("saltsalt"), tag: "c6d0449d"),
    Argon2Vector(
        .argon2id, m: 64, t: 2, p: 2, password: ascii("password"), salt: ascii("somesalt"),
        tag: "d3a160f8d20e568917e240d986ec2c1c"
    ),
    Argon2Vector(
        .argon2i, m: 256, t: 2, p: 1, password: ascii("password"), salt: ascii("somesalt"),
        tag: "89e9029f4637b295beb027056a7336c414fadd43f6b208645281cb214a56452f"
    ),
    // m = 100 with p = 3 rounds down to m' = 96.
    Argon2Vector(
        .argon2d, m: 100, t: 3, p: 3, password: ascii("correct horse battery staple"),
        salt: ascii("0123456789abcdef"),
        tag: "034d7bd7d336caaf219692e191d93c81538b633965266528236c9f5017454e67"
            + "e399d0b4feaea873fe7791ec99d71742f8e6b4984fb4d7a46954c8049e7827a4"
    ),
    Argon2Vector(
        .argon2id, m: 1024, t: 1, p: 1, password: ascii("password"), salt: ascii("somesaltsomesalt"),
        tag: "93d162fb317e0c8d7b2b4f21320d4cc7dc010696542e96d74e66e65cf41ab66c"
            + "4c5818b6128d0b764d2a91aa71b68a809833b3dd97408012ed61cff5d91bb33c2a"
    ),
    Argon2Vector(
        .argon2id, m: 37, t: 4, p: 1, password: [UInt8](repeating: 0, count: 10).flatMap { _ in [0x00, 0xFF] },
        salt: repeated(0xAA, 33),
        tag: "48f84548e943bb2144908e0917f6ba816e856478ea0a44da47fcc81747747d82"
            + "97bb21db59db83805fe59e98cd233ef3339c938360bbcdcf061c08363566d3c3"
            + "2ee585a91aa04ad73e924be9aa74afc32caa553873cb3e14d649fe11df2763d7"
            + "b89adb508f11668ab08b53472a15cc162f1183c38b80b4e7a3bdb6d926a31f7d"
    ),
    // 512-block segments: Argon2i needs several address blocks per segment.
    Argon2Vector(
        .argon2i, m: 2048, t: 1, p: 1, password: ascii("address blocks"), salt: ascii("saltsaltsalt"),
        tag: "619b4f22d20b38fe8e36c0617f81c5fb1bff53a04dfed4e602149266fa7d300781f1d415c1408ee9"
    ),
    Argon2Vector(
        .argon2id, m: 4096, t: 2, p: 2, password: ascii("two lanes"), salt: ascii("saltsaltsaltsalt"),
        tag: "c8ead4744cd23e7579666e976dc70307ea437a052e62d32cb4ce0b5b61d3c5d9"
    ),
    Argon2Vector(
        .argon2id, m: 16, t: 1, p: 1, password: [], salt: ascii("emptypasswordsalt"),
        tag: "c725bf9e5a92c99f75c8cc969d29587f8fbc8aa66f764540f7dd61e8db714a7f"
    ),
    Argon2Vector(
        .argon2d, m: 24, t: 2, p: 3, password: repeated(0x78, 200), salt: repeated(0x79, 8),
        tag: "d2e089ffa451fa2abbd1763172e5d356954add5722cdb1199a891c9b23f899e5"
    ),
    Argon2Vector(
        .argon2i, version: 0x10, m: 512, t: 3, p: 2, password: ascii("legacy"), salt: ascii("somesalt"),
        tag: "4c081b607d48eb49f4022ae6405f59fd2076a5d73151dacdefc64ae7cdad4521"
    ),
    Argon2Vector(
        .argon2d, version: 0x10, m: 33, t: 2, p: 1, password: ascii("legacy d"), salt: ascii("saltsalt"),
        tag: "a76e11f1b9e998cf112ab85de2466ac01a4c8bc63d665cd9"
    ),
    Argon2Vector(
        .argon2id, version: 0x10, m: 8, t: 1, p: 1, password: ascii("legacy id"), salt: ascii("saltsaltsalt"),
        tag: "27aa09d7d428c0e1a5a45759521290c4ffd672cfa12d708c4a18b48f7a9d5407"
            + "a4a3f8aa2909fafc5c0af478783cadb2608287c118d435caf9dbcf2101df6346"
            + "f798e196c69746b85db4c4f02eb2067e0f184cfcd7508b7886978ac63f37b9dc"
            + "f2ed2db284f8866c3772f6150fec367c"
    ),
    Argon2Vector(
        .argon2i, version: 0x10, m: 1024, t: 1, p: 1, password: ascii("password"), salt: ascii("somesalt"),
        tag: "421da8994d16b8c49eaba101d6be22287344422cf90a80a26e06b0eeeae33a74"
    ),
    // The OWASP parameters.
    Argon2Vector(
        .argon2id, m: 19_456, t: 2, p: 1, password: ascii("password"), salt: ascii("somesaltsomesalt"),
        tag: "2b5dc4054886ec957ef59c73b661c54dd6fb274590b278f657c6d96aac8fa6d1"
    ),
]

@Suite("Argon2")
struct Argon2Tests {
    @Test("RFC 9106 §5 test vectors", arguments: rfcVectors)
    func rfc(_ vector: Argon2Vector) throws {
        try expectTag(vector)
    }

    @Test("version 0x10 with the RFC 9106 §5 inputs (argon2-cffi)", arguments: legacyRFCVectors)
    func legacyVersion(_ vector: Argon2Vector) throws {
        try expectTag(vector)
    }

    @Test("varied m, t, p, tag and salt lengths (argon2-cffi)", arguments: interoperabilityVectors)
    func interoperability(_ vector: Argon2Vector) throws {
        try expectTag(vector)
    }

    @Test("one workspace reused across differently sized hashes gives the same tags")
    func workspaceReuse() throws {
        let workspace = Argon2Workspace()
        let vectors = interoperabilityVectors.filter { $0.memoryKiB <= 4096 }
        // Large, then small, then large again, twice over: stale blocks must never leak into a result.
        for vector in (vectors.sorted { $0.memoryKiB > $1.memoryKiB } + vectors + rfcVectors) {
            try expectTag(vector, workspace: workspace)
        }
        #expect(workspace.capacityKiB == 4096)
        workspace.shrink(toAtMostKiB: 1024)
        #expect(workspace.capacityKiB == 0)
        try expectTag(rfcVectors[2], workspace: workspace)
    }

    @Test("a workspace with a retention limit frees memory larger than the limit")
    func retentionLimit() throws {
        let workspace = Argon2Workspace(retentionLimitKiB: 1024)
        try expectTag(interoperabilityVectors[4], workspace: workspace)  // m = 1024: kept
        #expect(workspace.capacityKiB == 1024)
        try expectTag(interoperabilityVectors[7], workspace: workspace)  // m = 4096: freed afterwards
        #expect(workspace.capacityKiB == 0)
        workspace.releaseMemory()
        #expect(workspace.capacityKiB == 0)
    }

    @Test("the defaults are the OWASP parameters")
    func defaults() {
        let owasp = Argon2Parameters.owasp
        #expect(owasp == Argon2Parameters())
        #expect(owasp.variant == .argon2id)
        #expect((owasp.memoryKiB, owasp.iterations, owasp.parallelism) == (19_456, 2, 1))
        #expect((owasp.tagLength, owasp.saltLength, owasp.version) == (32, 16, 0x13))
        #expect(Argon2Variant.allCases.map(\.rawValue) == ["argon2d", "argon2i", "argon2id"])
    }

    @Test("out-of-range parameters throw parameterOutOfRange (RFC 9106 §3.1)", arguments: invalidCases)
    func invalid(_ invalid: InvalidArgon2Case) {
        #expect(throws: PasswordHashingError.parameterOutOfRange) {
            _ = try Argon2Engine.hash(
                password: invalid.password, salt: invalid.salt, parameters: invalid.parameters
            )
        }
    }

    private func expectTag(_ vector: Argon2Vector, workspace: Argon2Workspace? = nil) throws {
        let tag = try Argon2Engine.hash(
            password: vector.password, salt: vector.salt, secret: vector.secret,
            associatedData: vector.associatedData, parameters: vector.parameters, workspace: workspace
        )
        #expect(hex(tag) == vector.tag, "\(vector.testDescription)")
    }
}

/// Parameters RFC 9106 §3.1 rules out.
struct InvalidArgon2Case: Sendable, CustomTestStringConvertible {
    let testDescription: String
    var password: [UInt8] = ascii("password")
    var salt: [UInt8] = ascii("somesalt")
    var parameters = Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 1)

    init(_ description: String, _ change: (inout Self) -> Void) {
        testDescription = description
        change(&self)
    }
}

private let invalidCases: [InvalidArgon2Case] = [
    InvalidArgon2Case("m < 8p") {
        $0.parameters.memoryKiB = 31
        $0.parameters.parallelism = 4
    },
    InvalidArgon2Case("m = 0") { $0.parameters.memoryKiB = 0 },
    InvalidArgon2Case("p = 0") { $0.parameters.parallelism = 0 },
    InvalidArgon2Case("p = 2^24") {
        $0.parameters.parallelism = 1 << 24
        $0.parameters.memoryKiB = .max
    },
    InvalidArgon2Case("t = 0") { $0.parameters.iterations = 0 },
    InvalidArgon2Case("salt of 7 bytes") { $0.salt = ascii("saltsal") },
    InvalidArgon2Case("empty salt") { $0.salt = [] },
    InvalidArgon2Case("tag of 3 bytes") { $0.parameters.tagLength = 3 },
    InvalidArgon2Case("negative tag length") { $0.parameters.tagLength = -1 },
    InvalidArgon2Case("tag longer than 2^32-1 bytes") { $0.parameters.tagLength = Int(UInt32.max) + 1 },
    InvalidArgon2Case("version 0x12") { $0.parameters.version = 0x12 },
    InvalidArgon2Case("version 0") { $0.parameters.version = 0 },
    // Invalid t alongside the largest m: validation must reject before allocating anything.
    InvalidArgon2Case("huge m with t = 0") {
        $0.parameters.memoryKiB = .max
        $0.parameters.iterations = 0
    },
    InvalidArgon2Case("huge m with a short salt") {
        $0.parameters.memoryKiB = .max
        $0.salt = [1]
    },
]
