import Testing

@testable import PasswordHashing

@Suite("PHCString")
struct PHCStringTests {
    @Test("parses and re-encodes an Argon2 string")
    func roundTrip() throws {
        let text = "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG"
        let phc = try PHCString(parsing: text)
        #expect(phc.id == "argon2id")
        #expect(phc.version == 19)
        #expect(phc.parameter("m") == "65536")
        #expect(try phc.requiredInteger("p") == 4)
        #expect(phc.salt == Array("somesalt".utf8))
        #expect(phc.hash?.count == 24)
        #expect(phc.encoded() == text)
    }

    @Test("passlib's adapted alphabet uses . for +")
    func adapted() throws {
        let phc = try PHCString(parsing: "$x$abc$.w", alphabet: .passlibAdapted)
        #expect(phc.hash == [0xfb])
        #expect(phc.encoded(alphabet: .passlibAdapted) == "$x$abc$.w")
    }

    @Test(
        "malformed strings are typed errors",
        arguments: [
            "", "$", "argon2id$v=19", "$ARGON2ID$v=19", "$argon2id$v=019$m=1,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
            "$argon2id$v=19$m=1,,p=1$c2FsdHNhbHQ$aGFzaA", "$argon2id$v=19$m=1,m=2$c2FsdHNhbHQ$aGFzaA",
            "$argon2id$v=19$m=1$c2FsdHNhbHQ$aGFzaA$extra", "$argon2id$v=19$m=1$c2Fsd!NhbHQ$aGFzaA",
            "$argon2id$v=19$m=1$c2FsdHNhbHQ=$aGFzaA", "$argon2id$v=x$m=1", "$argon2id$v=19$m=é",
        ])
    func malformed(text: String) {
        #expect(throws: PasswordHashingError.malformedHash) { try PHCString(parsing: text) }
    }

    @Test("oversized strings are refused before parsing")
    func oversized() {
        let huge = "$argon2id$v=19$m=1,t=1,p=1$" + String(repeating: "A", count: 100_000)
        #expect(throws: PasswordHashingError.self) { try PHCString(parsing: huge) }
    }
}
