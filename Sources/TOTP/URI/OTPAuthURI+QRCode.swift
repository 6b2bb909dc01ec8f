extension OTPAuthURI {
    /// The enrollment QR code: ``revealedString`` encoded for an authenticator app to scan.
    ///
    /// ```swift
    /// let code = try uri.qrCode()
    /// let html = code.svg()               // embed in the enrollment page
    /// print(code.terminalText())          // or show it in a terminal
    /// ```
    ///
    /// The symbol carries the secret: show it only to the user who is enrolling, never cache or log
    /// it. A URI with the default parameters, a 160-bit secret and short names needs about version 8
    /// (49 × 49 modules) at level M.
    ///
    /// - Parameter errorCorrection: The level; ``QRCode/ErrorCorrection/medium`` by default.
    /// - Throws: ``TOTPError/qrCodeCapacityExceeded`` if the URI is longer than version 40 holds at
    ///   that level (only possible with very long, heavily percent-encoded names).
    public func qrCode(errorCorrection: QRCode.ErrorCorrection = .medium) throws(TOTPError) -> QRCode {
        try QRCode(encoding: revealedString, errorCorrection: errorCorrection)
    }
}
