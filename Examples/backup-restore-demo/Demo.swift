import AuthenticatorKit
import Foundation

/// Runs the story in a fresh world and reports how it ended.
enum Demo {
    /// 0 when every step behaved as it should; 1, with what went wrong on standard error, otherwise.
    static func run() async -> Int32 {
        let world: DemoWorld
        do {
            world = try DemoWorld.make()
        } catch {
            printError("backup-restore-demo: cannot create the temporary folders: \(error)")
            return 1
        }
        var story = Story(world: world)
        do {
            try await story.run()
        } catch {
            printError("\nbackup-restore-demo FAILED: \(describe(error))")
            printError("The demo's files are kept in \(world.root.path) for inspection.")
            return 1
        }
        world.remove()
        print("")
        print("Success: the backup was restored on the new iPhone, every account works on both phones,")
        print("and every reason a backup can be unavailable was shown.")
        return 0
    }

    private static func describe(_ error: any Error) -> String {
        if let failure = error as? DemoFailure { return failure.description }
        if let reportable = error as? any ReportableError { return "\(reportable.caseName): \(reportable.message)" }
        return String(describing: error)
    }

    private static func printError(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
