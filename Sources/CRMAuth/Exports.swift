// One import for an app: `import CRMAuth` brings every library module in, as if each were imported.
// CRMAuthTesting is left out: it links Swift Testing, which an app's server binary should not carry;
// tests import it themselves.
@_exported public import AuditLog
@_exported public import AuthCore
@_exported public import LockoutPolicy
@_exported public import LoginFlow
@_exported public import PasswordHashing
@_exported public import PasswordPolicy
@_exported public import RBAC
@_exported public import SessionTokens
@_exported public import TOTP
