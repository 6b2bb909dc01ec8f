import AuthCore
import Testing

@Suite("ConstantTime")
struct ConstantTimeTests {
    @Test("equal and unequal byte strings")
    func equality() {
        #expect(ConstantTime.equals([1, 2, 3], [1, 2, 3]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2, 4]))
        #expect(!ConstantTime.equals([1, 2, 3], [1, 2]))
        #expect(ConstantTime.equals([], []))
    }
}
