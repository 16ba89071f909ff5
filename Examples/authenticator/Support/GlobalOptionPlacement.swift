import ArgumentParser

/// Lets the global options come anywhere on the command line, as they always could:
/// `authenticator --home DIR --now 59 code ID` runs as `authenticator code --home DIR --now 59 ID`.
///
/// Each device command declares the global options itself (``DeviceCommand``); the root
/// command declares none, because ArgumentParser gives a parent command's options to the
/// parent wherever they appear, so that the subcommand would never see them. Before parsing,
/// the global options are therefore taken from wherever they are (before a `--`) and put
/// just after the names of the device command. For any other command line (no command,
/// `help`, a command group, or a command that takes no global options, such as `uri parse`)
/// they are parsed as ``GlobalOptions``, so that a bad value is reported as before, and left
/// out, as the root command used to parse and ignore them.
///
/// A global option is `--name value`, `--name=value`, or a `--name` whose value is missing
/// or looks like an option (ArgumentParser then reports it, in its words).
enum GlobalOptionPlacement {
    /// `arguments` (without the program name) with the global options moved after the names
    /// of the device command of `root`, or left out when it is no device command.
    /// - Throws: ArgumentParser's error for global options that are left out and do not parse
    ///   (a missing or invalid value, WebDAV options that do not go together).
    static func arguments(_ arguments: [String], root: any ParsableCommand.Type) throws -> [String] {
        var global: [String] = []
        var rest: [String] = []
        var index = 0
        while index < arguments.count, arguments[index] != "--" {
            if let length = globalOptionLength(in: arguments, at: index) {
                global += arguments[index..<index + length]
                index += length
            } else {
                rest.append(arguments[index])
                index += 1
            }
        }
        guard !global.isEmpty else { return arguments }
        rest += arguments[index...]
        var command = root
        var names = 0
        while names < rest.count, let subcommand = subcommand(of: command, named: rest[names]) {
            command = subcommand
            names += 1
        }
        if command is any DeviceCommand.Type {
            return Array(rest[..<names] + global + rest[names...])
        }
        _ = try GlobalOptions.parse(global)
        return rest
    }

    /// How many arguments the global option at `index` takes up: 1 for `--name=value`, 2 for
    /// `--name value`, 1 for a `--name` followed by nothing or by what looks like an option;
    /// `nil` when no global option starts there.
    private static func globalOptionLength(in arguments: [String], at index: Int) -> Int? {
        let argument = arguments[index]
        if let equals = argument.firstIndex(of: "=") {
            return GlobalOptions.names.contains(String(argument[..<equals])) ? 1 : nil
        }
        guard GlobalOptions.names.contains(argument) else { return nil }
        guard index + 1 < arguments.count else { return 1 }
        let value = arguments[index + 1]
        return value.hasPrefix("-") && value != "-" ? 1 : 2
    }

    /// The subcommand of `command` called `name` (or one of its aliases).
    private static func subcommand(of command: any ParsableCommand.Type, named name: String) -> (any ParsableCommand.Type)? {
        command.configuration.subcommands.first { subcommand in
            subcommand._commandName == name || subcommand.configuration.aliases.contains(name)
        }
    }
}
