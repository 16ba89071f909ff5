import AuthenticatorKitTestSupport
import Testing

/// The executor the waiting-heavy tests run on (`OwnThreadExecutor`).
@Suite("Own-thread executor")
struct OwnThreadExecutorTests {
    @Test func theBodyAndItsChildTasksRunOnTheExecutorAndTheirResultsComeBack() async throws {
        let executor = OwnThreadExecutor(label: "test")
        #expect(!executor.isCurrent)
        let (body, child, group) = await executor.run {
            async let child = executor.isCurrent
            let group = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<4 { group.addTask { executor.isCurrent } }
                return await group.reduce(true) { $0 && $1 }
            }
            return (executor.isCurrent, await child, group)
        }
        #expect(body && child && group)
        #expect(!executor.isCurrent)
    }

    @Test func anErrorOfTheBodyIsThrownByRun() async {
        struct Failure: Error, Equatable {}
        await #expect(throws: Failure()) {
            try await OwnThreadExecutor.run("failing") { () throws(Failure) in throw Failure() }
        }
    }
}
