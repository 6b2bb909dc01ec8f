public import AuthCore
import CRMAuthStoreSupport
import GRDB
public import LoginFlow
public import SessionTokens

public import struct Foundation.Date

/// A `RememberedDeviceStore` (LoginFlow) in a ``SQLiteDatabase``: table `remembered_devices`, keyed by
/// the device token's 32-byte SHA-256 digest (never the token), the device id unique, indexed by user.
///
/// How each atomic requirement stays atomic across processes sharing the file:
/// - `insert` runs in one `BEGIN IMMEDIATE` transaction: SQLite's write lock is taken before the
///   duplicate check and the read of the user's unexpired devices, so no other connection or process
///   can insert between the count and the insert; the least recently used devices over the limit (by
///   `last_used_at`, then creation) are deleted and the new one inserted in the same transaction, and a
///   thrown error rolls all of it back.
/// - `touch` is one `UPDATE ... SET last_used_at = MAX(last_used_at, ?) WHERE digest = ?`; `delete` one
///   `DELETE ... WHERE id = ? AND user_id = ?`; `deleteAll` and `purgeExpired` one `DELETE` each.
///
/// A row that cannot be read back throws ``SQLiteStoreError/corruptedRecord`` naming the device id:
/// `device(digest:)` of that device fails, and `devices(userID:)` of its user fails as a whole rather
/// than silently leave a device out of the list a user reviews. `insert` for that user reads only the
/// `id`, `last_used_at` and `expires_at` columns to choose and report evictions, so a damaged label or
/// stamp never blocks the user from remembering a device (a damaged id of an evicted device fails the
/// insert, which then changes nothing). `delete`, `deleteAll` and `purgeExpired` remove it like any other.
public final class SQLiteRememberedDeviceStore: RememberedDeviceStore {
    private let database: SQLiteDatabase

    /// A store over `database`'s `remembered_devices` table.
    /// - Parameter database: the open database.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// See `RememberedDeviceStore.insert(_:digest:limit:)`.
    public func insert(_ device: RememberedDevice, digest: TokenDigest, limit: Int) async throws -> [DeviceID] {
        let arguments = Self.arguments(device, digest: digest)
        let now = device.createdAt.timeIntervalSinceReferenceDate
        return try await database.pool.writeWithoutTransaction { db in
            var evicted: [DeviceID] = []
            try db.inTransaction(.immediate) {
                let taken = try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT EXISTS (SELECT 1 FROM remembered_devices WHERE digest = :digest OR id = CAST(:id AS TEXT))
                        """,
                    arguments: arguments)
                if taken == true {
                    throw LoginFlowError(.duplicate, "a device with this digest or id is stored")
                }
                let live = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT rowid, CAST(id AS BLOB) AS id FROM remembered_devices
                        WHERE user_id = CAST(? AS TEXT) AND expires_at > ?
                        ORDER BY last_used_at, created_at, rowid
                        """,
                    arguments: [device.userID.rawValue.sqlText, now])
                let excess = live.count + 1 - max(limit, 1)
                for row in live.prefix(max(0, excess)) {
                    let reader = RowReader(row, record: recordName("remembered_devices", row))
                    evicted.append(DeviceID(rawValue: try reader.text("id")))
                    try db.execute(sql: "DELETE FROM remembered_devices WHERE rowid = ?", arguments: [row["rowid"]])
                }
                try db.execute(sql: Self.columns.insert(into: "remembered_devices"), arguments: arguments)
                return .commit
            }
            return evicted
        }
    }

    /// See `RememberedDeviceStore.device(digest:)`.
    public func device(digest: TokenDigest) async throws -> RememberedDevice? {
        try await database.pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.columns.select) FROM remembered_devices WHERE digest = ?",
                arguments: [digest.sqlValue]
            )
            .map(Self.device(from:))
        }
    }

    /// See `RememberedDeviceStore.touch(digest:lastUsedAt:)`.
    public func touch(digest: TokenDigest, lastUsedAt: Date) async throws -> Bool {
        try await database.pool.write { db in
            try db.execute(
                sql: "UPDATE remembered_devices SET last_used_at = MAX(last_used_at, ?) WHERE digest = ?",
                arguments: [lastUsedAt.timeIntervalSinceReferenceDate, digest.sqlValue])
            return db.changesCount > 0
        }
    }

    /// See `RememberedDeviceStore.devices(userID:)`.
    public func devices(userID: UserID) async throws -> [RememberedDevice] {
        try await database.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.columns.select) FROM remembered_devices WHERE user_id = CAST(? AS TEXT)",
                arguments: [userID.rawValue.sqlText]
            )
            .map(Self.device(from:))
        }
    }

    /// See `RememberedDeviceStore.delete(id:userID:)`.
    public func delete(id: DeviceID, userID: UserID) async throws -> Bool {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM remembered_devices WHERE id = CAST(? AS TEXT) AND user_id = CAST(? AS TEXT)",
                arguments: [id.rawValue.sqlText, userID.rawValue.sqlText])
            return db.changesCount > 0
        }
    }

    /// See `RememberedDeviceStore.deleteAll(userID:)`.
    public func deleteAll(userID: UserID) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM remembered_devices WHERE user_id = CAST(? AS TEXT)",
                arguments: [userID.rawValue.sqlText])
            return db.changesCount
        }
    }

    /// See `RememberedDeviceStore.purgeExpired(at:)`.
    public func purgeExpired(at date: Date) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM remembered_devices WHERE expires_at <= ?",
                arguments: [date.timeIntervalSinceReferenceDate])
            return db.changesCount
        }
    }

    private static let columns = ColumnList(
        all: ["digest", "id", "user_id", "label", "security_stamp", "created_at", "last_used_at", "expires_at"],
        text: ["id", "user_id", "label", "security_stamp"])

    private static func arguments(_ device: RememberedDevice, digest: TokenDigest) -> StatementArguments {
        [
            "digest": digest.sqlValue,
            "id": device.id.rawValue.sqlText,
            "user_id": device.userID.rawValue.sqlText,
            "label": device.label.sqlText,
            "security_stamp": device.securityStamp.sqlText,
            "created_at": device.createdAt.timeIntervalSinceReferenceDate,
            "last_used_at": device.lastUsedAt.timeIntervalSinceReferenceDate,
            "expires_at": device.expiresAt.timeIntervalSinceReferenceDate,
        ]
    }

    private static func device(from row: Row) throws(SQLiteStoreError) -> RememberedDevice {
        try RememberedDevice.stored(RowReader(row, record: recordName("remembered_devices", row)))
    }
}
