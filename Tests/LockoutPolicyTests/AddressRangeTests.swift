import LockoutPolicy
import Testing

@Suite("AddressRange: CIDR blocks for trusted proxies")
struct AddressRangeTests {
    func address(_ text: String) throws -> SourceAddress { try SourceAddress(parsing: text) }

    @Test("IPv4 and IPv6 blocks contain exactly their addresses, and each family only its own")
    func contains() throws {
        let private10 = try AddressRange(parsing: "10.0.0.0/8")
        #expect(private10.contains(try address("10.255.0.1")))
        #expect(!private10.contains(try address("11.0.0.1")))
        #expect(private10.contains(try address("::ffff:10.1.2.3")), "an IPv4-mapped address is IPv4")
        let documentation = try AddressRange(parsing: "2001:db8::/32")
        #expect(documentation.contains(try address("2001:db8:ffff::1")))
        #expect(!documentation.contains(try address("2001:db9::1")))
        #expect(!documentation.contains(try address("10.0.0.1")))
        let everything = try AddressRange(parsing: "0.0.0.0/0")
        #expect(everything.contains(try address("203.0.113.9")))
        #expect(!everything.contains(try address("::1")))
        let odd = try AddressRange(parsing: "2001:db8:0:0:8000::/65")
        #expect(odd.contains(try address("2001:db8::ffff:0:0:1")))
        #expect(!odd.contains(try address("2001:db8::7fff:0:0:1")))
    }

    @Test("a lone address is a block of one, and prints with its length")
    func single() throws {
        let loopback = try AddressRange(parsing: "::1")
        #expect(loopback.prefixLength == 128)
        #expect(loopback.contains(try address("::1")))
        #expect(!loopback.contains(try address("::2")))
        #expect(try AddressRange(parsing: "192.0.2.7").description == "192.0.2.7/32")
    }

    @Test(
        "bad ranges are typed errors",
        arguments: [
            "", "/8", "10.0.0.0/", "10.0.0.0/33", "10.0.0.1/8", "10.0.0.0/08", "10.0.0.0/+8", "10.0.0.0/8/8",
            "::/129", "2001:db8::1/32", "10.0.0.0/ 8", "example.com/8",
        ])
    func refused(_ text: String) {
        #expect(throws: LockoutError.invalidAddress) { try AddressRange(parsing: text) }
    }
}
