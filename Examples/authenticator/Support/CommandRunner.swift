import ArgumentParser
import AuthenticatorKit
import Foundation

/// Runs the root command and enforces the error contract: on any failure, nothing more on
/// standard output, exactly one line on standard error, a non-zero exit status. Help
/// (`--help`) goes to standard output with status 0.
enum CommandRunner {
    static func run(_ root: any AsyncParsableCommand.Type) async -> Never {
        var command: any ParsableCommand
        do {
            command = try await root.asyncParseAsRoot(nil)
        } catch {
            reportParsingFailure(error, root: root)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            reportFailure(error, root: root)
        }
        Output.flush()
        exit(ExitStatus.success)
    }

    /// A failure to parse: a usage error, or a request for help or the version.
    private static func reportParsingFailure(_ error: any Error, root: any AsyncParsableCommand.Type) -> Never {
        if root.exitCode(for: error).isSuccess {
            let text = root.fullMessage(for: error, columns: nil)
            Output.write(text.hasSuffix("\n") ? text : text + "\n")
            Output.flush()
            exit(ExitStatus.success)
        }
        Output.reportError(caseName: "usage", message: root.message(for: error))
        exit(ExitStatus.usage)
    }

    /// A failure while running a command.
    private static func reportFailure(_ error: any Error, root: any AsyncParsableCommand.Type) -> Never {
        switch error {
        case let exitCode as ExitCode:
            // The command has already said what it had to (e.g. `no match`).
            exit(exitCode.rawValue)
        case let error as CLIError:
            Output.reportError(caseName: error.caseName, message: error.message)
            exit(error.exitStatus)
        case let error as any ReportableError:
            Output.reportError(caseName: error.caseName, message: error.message)
            exit(ExitStatus.dataError)
        default:
            // A `ValidationError`, or ArgumentParser's own commands (`help`) reporting
            // through errors.
            reportParsingFailure(error, root: root)
        }
    }
}

/// The exit statuses of `authenticator` (the `sysexits.h` values for errors).
enum ExitStatus {
    /// Success.
    static let success: Int32 = 0
    /// `check`: the code matched no step.
    static let noMatch: Int32 = 1
    /// A command-line usage error (EX_USAGE).
    static let usage: Int32 = 64
    /// Bad input data: a secret, URI, code or parameter the SDK rejected (EX_DATAERR).
    static let dataError: Int32 = 65
    /// An input file could not be read (EX_NOINPUT).
    static let noInput: Int32 = 66
}
