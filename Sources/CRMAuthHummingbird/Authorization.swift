#if Hummingbird
    public import AuthCore
    public import Hummingbird
    public import HummingbirdAuth
    public import LoginFlow
    public import RBAC

    /// CRMAuth's RBAC as a hummingbird-auth `AuthorizationPolicy`: allowed when the principal's roles
    /// grant ``permission`` (on a resource owned by the user ``owner`` names), by
    /// `AuthFlow.authorize(_:_:owner:)`, which audits every denial.
    ///
    /// It composes with hummingbird-auth's `AuthorizationPolicyMiddleware` and its combinators:
    ///
    /// ```swift
    /// router.group("leads")
    ///     .add(middleware: AuthorizationPolicyMiddleware(
    ///         PermissionPolicy(flow: system.flow, permission: try Permission("leads:read")),
    ///         context: CRMRequestContext.self))
    /// ```
    public struct PermissionPolicy: AuthorizationPolicy {
        public typealias Identity = Principal

        /// The flow that decides and audits.
        public let flow: AuthFlow
        /// What the request wants to do.
        public let permission: Permission
        /// The owner of the resource the request names, for rules scoped to one's own (`nil`: none).
        public let owner: @Sendable (Request) async throws -> UserID?

        /// A policy requiring `permission`.
        /// - Parameters:
        ///   - flow: the flow.
        ///   - permission: the permission (`leads:update`).
        ///   - owner: the owner of the request's resource, if any.
        public init(
            flow: AuthFlow, permission: Permission,
            owner: @escaping @Sendable (Request) async throws -> UserID? = { _ in nil }
        ) {
            self.flow = flow
            self.permission = permission
            self.owner = owner
        }

        /// Whether `identity` may do ``permission`` for `request`.
        public func isAuthorized(identity: Principal, request: Request) async throws -> Bool {
            await flow.authorize(identity, permission, owner: try await owner(request))
        }
    }

    /// A route guard: `401` without a signed-in principal, `403` when the principal lacks
    /// ``permission``, and a `403` saying so when only a second factor is missing (the risk policy
    /// reserves the permission for sessions signed in with one). Denials are audited by the flow.
    public struct RequirePermission<Context: CRMAuthRequestContext>: RouterMiddleware {
        /// The flow that decides and audits.
        public let flow: AuthFlow
        /// The permission every request through this guard needs.
        public let permission: Permission

        /// A guard requiring `permission`.
        public init(_ permission: Permission, flow: AuthFlow) {
            self.flow = flow
            self.permission = permission
        }

        /// Hands on only when the principal holds the permission.
        public func handle(
            _ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response
        ) async throws -> Response {
            try await context.requirePermission(permission, flow: flow)
            return try await next(request, context)
        }
    }

    extension CRMAuthRequestContext {
        /// Throws unless the signed-in principal may do `permission` on a resource owned by `owner`:
        /// for checks inside a handler, once the resource (and so its owner) is known.
        /// - Throws: `HTTPError(.unauthorized)` without a principal; `HTTPError(.forbidden)` when it is
        ///   denied, with a plain message when signing in again with a second factor would allow it.
        public func requirePermission(_ permission: Permission, owner: UserID? = nil, flow: AuthFlow) async throws {
            guard let identity else {
                throw HTTPError(.unauthorized, message: "Please sign in to continue.")
            }
            do {
                try await flow.requirePermission(identity, permission, owner: owner)
            } catch let error as LoginFlowError where error.code == .reauthenticationRequired {
                throw HTTPError(
                    .forbidden,
                    message: "This needs the second step of signing in. Please sign in again with your code.")
            } catch let error as LoginFlowError where error.code == .accessDenied {
                throw HTTPError(.forbidden, message: "You don't have access to this.")
            }
        }
    }
#endif
