/// Per-thread scratch memory for hashing, kept between hashes so large buffers are not faulted in
/// again each time.
///
/// Not shareable: each hashing thread owns one (see ``HashingPool``).
public final class HashingWorkspace {
    /// Argon2's memory matrix, grown to the largest hash seen.
    let argon2 = Argon2Workspace()

    /// Creates an empty workspace; buffers grow on first use.
    public init() {}
}
