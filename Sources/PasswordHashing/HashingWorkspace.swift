/// Per-thread scratch memory for hashing, kept between hashes so large buffers are not faulted in
/// again each time.
///
/// ``PasswordHasher`` keeps at most its configured algorithm's Argon2 memory here after each job: a
/// stored hash that needs more gets a one-off matrix that is freed as soon as it has been verified.
///
/// Not shareable: each hashing thread owns one (see ``HashingPool``).
public final class HashingWorkspace {
    /// Argon2's memory matrix, grown as hashes need and shrunk after each job to what its hasher keeps.
    package let argon2 = Argon2Workspace()

    /// Creates an empty workspace; buffers grow on first use.
    public init() {}
}
