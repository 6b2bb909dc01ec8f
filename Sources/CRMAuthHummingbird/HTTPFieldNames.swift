#if Hummingbird
    import HTTPTypes

    /// The request fields the middleware reads that HTTPTypes does not name.
    extension HTTPField.Name {
        /// `X-Forwarded-For`: the client chain a proxy reports (``ClientContextMiddleware``).
        static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
        /// `X-CSRF-Token`: the anti-forgery token of script requests (``CSRFMiddleware``).
        static let xCSRFToken = HTTPField.Name("X-CSRF-Token")!
        /// `Sec-Fetch-Site`: where the browser says a request comes from (``CSRFMiddleware``).
        static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
    }
#endif
