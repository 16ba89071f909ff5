import SodiumBridge

extension PasswordHashingCost {
    /// Throws ``BackupFormatError/parametersOutOfBounds(operations:memoryKiB:)`` unless
    /// `isWithinBounds`.
    func checkBounds() throws(BackupFormatError) {
        guard isWithinBounds else { throw .parametersOutOfBounds(operations: operations, memoryKiB: memoryKiB) }
    }
}
