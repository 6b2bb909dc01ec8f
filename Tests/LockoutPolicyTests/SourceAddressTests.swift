import Foundation
import LockoutPolicy
import Testing

@Suite("SourceAddress")
struct SourceAddressTests {
    @Test(
        "IPv4 addresses parse and count as themselves",
        arguments: [
            ("0.0.0.0", "0.0.0.0"), ("203.0.113.7", "203.0.113.7"), ("255.255.255.255", "255.255.255.255"),
            ("::ffff:203.0.113.7", "203.0.113.7"), ("::FFFF:cb00:7107", "203.0.113.7"),
            ("0:0:0:0:0:ffff:203.0.113.7", "203.0.113.7"),
        ])
    func ipv4(text: String, prefix: String) throws {
        let address = try SourceAddress(parsing: text)
        #expect(address.isIPv4)
        #expect(address.prefix.description == prefix)
    }

    @Test(
        "IPv6 addresses count by their /64 (RFC 4291 §2.2 text forms)",
        arguments: [
            ("2001:db8::1", "2001:db8:0:0::/64"), ("2001:DB8:0:0:1:2:3:4", "2001:db8:0:0::/64"),
            ("2001:db8:aa:bb::", "2001:db8:aa:bb::/64"), ("::", "0:0:0:0::/64"), ("::1", "0:0:0:0::/64"),
            ("1:2:3:4:5:6:7::", "1:2:3:4::/64"), ("1::8", "1:0:0:0::/64"),
            ("ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255", "ffff:ffff:ffff:ffff::/64"),
            ("::1.2.3.4", "0:0:0:0::/64"), ("64:ff9b::192.0.2.33", "64:ff9b:0:0::/64"),
        ])
    func ipv6(text: String, prefix: String) throws {
        let address = try SourceAddress(parsing: text)
        #expect(!address.isIPv4)
        #expect(address.prefix.description == prefix)
    }

    @Test(
        "malformed addresses are refused",
        arguments: [
            "", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.04", "1..2.3", "1.2.3.4 ", " 1.2.3.4",
            "+1.2.3.4", "0x7f.0.0.1", "1.2.3.-4", ":", ":::", "1::2::3", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:",
            "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", "12345::", "g::1", "fe80::1%eth0", "[::1]", "::1:80]",
            "1.2.3.4::", "::1.2.3", "::256.1.1.1", "1.2.3.4:80", "::ffff:1.2.3.4:5", "1:2:3:4:5:6:7:8::",
            "1:2:3:4:5:6:7::8", String(repeating: "1", count: 46), "١.٢.٣.٤",
        ])
    func malformed(text: String) {
        #expect(throws: LockoutError.invalidAddress) { try SourceAddress(parsing: text) }
    }

    @Test("two addresses of one /64 share a prefix; the next /64 does not")
    func sameNetwork() throws {
        let first = try SourceAddress(parsing: "2001:db8:1:2::1")
        let second = try SourceAddress(parsing: "2001:db8:1:2:ffff:ffff:ffff:ffff")
        let neighbour = try SourceAddress(parsing: "2001:db8:1:3::1")
        #expect(first.prefix == second.prefix)
        #expect(first.prefix != neighbour.prefix)
        #expect(first != second, "the addresses themselves differ")
    }

    @Test("an IPv4 address and its IPv4-mapped IPv6 form are one source")
    func mapped() throws {
        #expect(try SourceAddress(parsing: "::ffff:192.0.2.1") == SourceAddress(parsing: "192.0.2.1"))
        #expect(try SourceAddress(parsing: "192.0.2.1") == SourceAddress(ipv4: 0xC000_0201))
        #expect(SourceAddress(ipv6High: 0, low: 0xFFFF_C000_0201).isIPv4)
    }

    @Test("prefixes encode as text and decode back; other text is refused")
    func prefixCoding() throws {
        for text in ["203.0.113.7", "2001:db8::1", "::ffff:10.0.0.1"] {
            let prefix = try SourceAddress(parsing: text).prefix
            let data = try JSONEncoder().encode([prefix])
            #expect(try JSONDecoder().decode([SourcePrefix].self, from: data) == [prefix])
        }
        for bad in ["\"2001:db8::1\"", "\"2001:db8::1/64\"", "\"1.2.3.4/64\"", "\"x\""] {
            #expect(throws: DecodingError.self) {
                try JSONDecoder().decode([SourcePrefix].self, from: Data("[\(bad)]".utf8))
            }
        }
    }

    @Test("addresses print in their usual forms")
    func descriptions() throws {
        #expect(try SourceAddress(parsing: "::ffff:10.0.0.1").description == "10.0.0.1")
        #expect(try SourceAddress(parsing: "2001:db8::1").description == "2001:db8:0:0:0:0:0:1")
    }
}
