import ArgumentParser
import AuthenticatorKit
import Foundation

/// Runs the root command and enforces the error contract: on any failure, nothing on
/// standard output (except, for a command given `--json`, one JSON object
/// `{"error": "<case>", …}`), exactly one line on standard error, a non-zero exit status.
/// Help (`--help`) goes to standard output with status 0.
enum CommandRunner {
    /// Runs the command line of this process and exits with its status.
    static func run(_ root: any AsyncParsableCommand.Type) async -> Never {
        exit(await execute(root, arguments: Array(CommandLine.arguments.dropFirst())))
    }

    /// Parses and runs `arguments` (without the program name) and returns the exit status.
    /// The tests call it inside their process (see `Invocation`).
    static func execute(_ root: any AsyncParsableCommand.Type, arguments: [String]) async -> Int32 {
        var command: any ParsableCommand
        do {
            command = try await root.asyncParseAsRoot(try GlobalOptionPlacement.arguments(arguments, root: root))
        } catch {
            return reportParsingFailure(error, root: root, json: arguments.contains("--json"))
        }
        let json = (command as? any JSONReporting)?.json ?? false
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            return reportFailure(error, root: root, json: json)
        }
        Output.flush()
        return ExitStatus.success
    }

    /// A failure to parse: a usage error, or a request for help or the version.
    private static func reportParsingFailure(_ error: any Error, root: any AsyncParsableCommand.Type, json: Bool) -> Int32 {
        if root.exitCode(for: error).isSuccess {
            let text = root.fullMessage(for: error, columns: Invocation.helpColumns)
            Output.write(text.hasSuffix("\n") ? text : text + "\n")
            Output.flush()
            return ExitStatus.success
        }
        return report(ErrorReport(caseName: "usage", message: root.message(for: error), exitStatus: ExitStatus.usage), json: json)
    }

    /// A failure while running a command.
    private static func reportFailure(_ error: any Error, root: any AsyncParsableCommand.Type, json: Bool) -> Int32 {
        if let exitCode = error as? ExitCode {
            // The command has already said what it had to (e.g. `no match`).
            Output.discard()
            return exitCode.rawValue
        }
        guard let report = ErrorReport(error) else {
            // A `ValidationError`, or ArgumentParser's own commands (`help`) reporting
            // through errors.
            return reportParsingFailure(error, root: root, json: json)
        }
        return self.report(report, json: json)
    }

    /// Reports a failure: whatever the command queued for standard output is dropped, the
    /// error line goes to standard error and, with `--json`, the error object to standard
    /// output.
    private static func report(_ report: ErrorReport, json: Bool) -> Int32 {
        Output.discard()
        Output.reportError(caseName: report.caseName, message: report.line)
        if json {
            Output.writeLine(report.json.text)
            Output.flush()
        }
        return report.exitStatus
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
    /// An output file could not be created (EX_CANTCREAT).
    static let cannotCreate: Int32 = 73
}

/// A command with a `--json` flag: its failures are also reported as one JSON object on
/// standard output.
protocol JSONReporting {
    /// Whether `--json` was given.
    var json: Bool { get }
}
