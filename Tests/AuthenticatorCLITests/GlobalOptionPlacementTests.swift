import ArgumentParser
@testable import authenticator
import Foundation
import Testing

/// The global options anywhere on the command line: moved to the device command before
/// parsing, or parsed and left out for any other command (`GlobalOptionPlacement`), and
/// declared by every device command (`DeviceCommand`).
@Suite("authenticator global options: placement")
struct GlobalOptionPlacementTests {
    private func placed(_ arguments: [String]) throws -> [String] {
        try GlobalOptionPlacement.arguments(arguments, root: Authenticator.self)
    }

    @Test func globalOptionsBeforeTheCommandMoveAfterItsNames() throws {
        #expect(try placed(["--home", "D", "--now=59", "backup", "status", "--json"]) == ["backup", "status", "--home", "D", "--now=59", "--json"])
        #expect(try placed(["--home", "D", "code", "ID"]) == ["code", "--home", "D", "ID"])
    }

    @Test func globalOptionsAfterTheCommandOrBetweenItsNamesMoveTheSameWay() throws {
        #expect(try placed(["code", "ID", "--home", "D"]) == ["code", "--home", "D", "ID"])
        #expect(try placed(["backup", "--home", "D", "status"]) == ["backup", "status", "--home", "D"])
    }

    @Test func aCommandLineWithoutGlobalOptionsIsUnchanged() throws {
        let arguments = ["add", "--issuer", "A", "--account", "b", "--secret", "JBSWY3DPEHPK3PXP"]
        #expect(try placed(arguments) == arguments)
    }

    @Test func argumentsAfterADoubleDashAreValuesAndStayWhereTheyAre() throws {
        #expect(try placed(["--home", "D", "settings", "set", "--", "k", "--now"]) == ["settings", "set", "--home", "D", "--", "k", "--now"])
    }

    @Test func anOptionWithoutItsValueMovesAloneForTheCommandToReport() throws {
        #expect(try placed(["list", "--now", "-5"]) == ["list", "--now", "-5"])
        #expect(try placed(["list", "--home"]) == ["list", "--home"])
        // Before a value that is no command's name, it is reported at once.
        #expect(throws: (any Error).self) { try placed(["--now", "-5", "list"]) }
        // `-` (standard input) is a value.
        #expect(try placed(["--cloud-password-file", "-", "list"]) == ["list", "--cloud-password-file", "-"])
    }

    @Test func beforeACommandWithoutGlobalOptionsTheyAreCheckedAndLeftOut() throws {
        #expect(try placed(["--home", "D", "uri", "parse", "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP"]) == ["uri", "parse", "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP"])
        #expect(try placed(["check", "--code", "1", "--home", "D"]) == ["check", "--code", "1"])
        #expect(try placed(["--home", "D", "help", "list"]) == ["help", "list"])
        #expect(try placed(["--home", "D"]) == [])
        #expect(throws: (any Error).self) { try placed(["--now", "soon", "uri", "parse", "x"]) }
        #expect(throws: (any Error).self) { try placed(["--cloud-user", "u", "uri", "parse", "x"]) }
    }

    @Test func aBadGlobalValueBeforeACommandWithoutThemIsStillAUsageError() async throws {
        let result = try await CLI.run(["--now", "soon", "uri", "parse", "otpauth://totp/A:b?secret=JBSWY3DPEHPK3PXP"])
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr == "error: usage: The value 'soon' is invalid for '--now <UNIX>'\n")
    }

    @Test func theNamesAreTheOptionsGlobalOptionsDeclares() throws {
        #expect(Mirror(reflecting: GlobalOptions()).children.count == GlobalOptions.names.count)
        let parsed = try GlobalOptions.parse(GlobalOptions.names.sorted().flatMap { [$0, "1"] })
        #expect([parsed.home, parsed.cloud, parsed.services, parsed.cloudURL, parsed.cloudUser, parsed.cloudPasswordFile] == Array(repeating: "1", count: 6))
        #expect(parsed.now == 1 && parsed.lockTimeout == 1)
    }

    @Test func everyDeviceCommandDeclaresEveryGlobalOption() throws {
        var commands: [any ParsableCommand.Type] = [Authenticator.self]
        var deviceCommands = 0
        while let command = commands.popLast() {
            commands += command.configuration.subcommands
            guard command is any DeviceCommand.Type else { continue }
            deviceCommands += 1
            let help = command.helpMessage(columns: 1000)
            for name in GlobalOptions.names {
                #expect(help.contains("\(name) <"), "\(command) \(name)")
            }
        }
        #expect(deviceCommands == 28)
    }

    @Test func aDeviceCommandHoldsTheGlobalOptionsItParsed() throws {
        let global = try ListCommand.parse([
            "--home", "H", "--now", "59", "--cloud", "C", "--services", "S", "--lock-timeout", "2.5",
            "--cloud-url", "https://dav.example/f/", "--cloud-user", "U", "--cloud-password-file", "P",
        ]).global
        #expect(
            [global.home, global.cloud, global.services, global.cloudURL, global.cloudUser, global.cloudPasswordFile]
                == ["H", "C", "S", "https://dav.example/f/", "U", "P"])
        #expect(global.now == 59 && global.lockTimeout == 2.5)
    }

    @Test func theSetUpOpensTheDeviceTheCommandsOpen() throws {
        let device = try DeviceWorld().device("phone")
        let parsed = try GlobalOptions.parse(device.options(for: []))
        let built = device.setUpOptions
        #expect(parsed.homeDirectory == built.homeDirectory)
        #expect(parsed.cloudDirectory == built.cloudDirectory)
        #expect(parsed.servicesDirectory == built.servicesDirectory)
        #expect(parsed.now == built.now && parsed.lockTimeout == built.lockTimeout && parsed.cloudURL == built.cloudURL)
    }
}
