/// Counter-based codes (RFC 4226): each code is used once, then the counter moves on.
extension Generator {
    /// The same secret and parameters with the HOTP counter moved on by one: store it (in
    /// the token) once the code of the current counter has been shown or used.
    ///
    /// ```swift
    /// if case let .counter(counter) = token.generator.factor {
    ///     show(token.generator.code(forCounter: counter))
    ///     token.generator = try token.generator.incrementingCounter()
    /// }
    /// ```
    ///
    /// - Throws: ``OTPError/notCounterBased`` for a time-based generator,
    ///   ``OTPError/counterOverflow`` after counter 2⁶⁴ − 1.
    public func incrementingCounter() throws(OTPError) -> Generator {
        guard case let .counter(counter) = factor else { throw .notCounterBased }
        let (next, overflow) = counter.addingReportingOverflow(1)
        guard !overflow else { throw .counterOverflow }
        return replacingFactor(with: .counter(next))
    }
}
