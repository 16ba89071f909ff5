import Foundation

/// A concrete `TimeSource` around an existential one, for APIs that take `some TimeSource`.
struct TimeSourceBox: TimeSource {
    let base: any TimeSource

    func now() -> Date { base.now() }
}

/// A concrete `RandomSource` around an existential one, for APIs that take `some RandomSource`.
struct RandomSourceBox: RandomSource {
    let base: any RandomSource

    func fill(_ buffer: UnsafeMutableRawBufferPointer) { base.fill(buffer) }
}
