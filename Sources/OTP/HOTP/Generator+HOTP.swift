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
    ///   ``OTPError/counterOverflow`` from counter ``Generator/maximumCounter`` (2⁶⁴ − 2),
    ///   whose successor no generator holds.
    public func incrementingCounter() throws(OTPError) -> Generator {
        guard case let .counter(counter) = factor else { throw .notCounterBased }
        guard counter < Self.maximumCounter else { throw .counterOverflow }
        let next = counter + 1
        return replacingFactor(with: .counter(next))
    }
}
