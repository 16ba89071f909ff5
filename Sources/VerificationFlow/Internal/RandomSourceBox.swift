import SodiumBridge
import AccountModel

/// A concrete `RandomSource` around an existential one, for APIs that take `some RandomSource`.
struct RandomSourceBox: RandomSource {
    let base: any RandomSource

    func fill(_ buffer: UnsafeMutableRawBufferPointer) {
        base.fill(buffer)
    }
}
