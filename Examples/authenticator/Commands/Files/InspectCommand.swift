import ArgumentParser
import AuthenticatorKit

/// `authenticator inspect FILE [--json]`: a backup's clear-text header; decrypts nothing.
/// The checks are the SDK's (`BackupHeader(inspecting:)`, the format's reading steps 1–6);
/// this command only prints.
struct InspectCommand: AsyncParsableCommand, JSONReporting {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Print a backup file's header without decrypting anything.",
        discussion: """
            Lines `name: value`: version, minimum reader, created, generation, backup id, \
            platform, app version, then one `slot:` line per key slot (escrowKey with its key \
            id, password with its Argon2id parameters, recoveryCode, or unknown with its \
            type). With --json, one object with version, minimumReaderVersion, created, \
            generation, backupID, platform, appVersion and slots (objects with kind and, for a \
            password, kdf, operations and memoryKiB; for an escrow key, keyID; for an unknown \
            slot, type).
            """
    )

    @Argument(help: ArgumentHelp("The backup file (- for standard input).", valueName: "FILE"))
    var file: String

    @Flag(help: "Print one JSON object (and errors as a JSON object).")
    var json = false

    func run() async throws {
        let header = try BackupHeader(inspecting: try InputFile.bytes(at: file, what: "backup file", limit: InputFile.backupFileLimit))
        if json {
            Output.writeLine(JSONObject(members: [
                ("version", .number(header.formatVersion)),
                ("minimumReaderVersion", .number(header.minimumReaderVersion)),
                ("created", .string(AppInfo.text(header.createdAt))),
                ("generation", .number(header.generation)),
                ("backupID", .string(header.backupID.uuidString.lowercased())),
                ("platform", .string(header.platform.rawValue)),
                ("appVersion", .string(header.appVersion)),
                ("slots", .array(header.keySlots.map { .object(Self.json($0)) })),
            ]).text)
            return
        }
        Output.writeLine("version: \(header.formatVersion)")
        Output.writeLine("minimum reader: \(header.minimumReaderVersion)")
        Output.writeLine("created: \(AppInfo.text(header.createdAt))")
        Output.writeLine("generation: \(header.generation)")
        Output.writeLine("backup id: \(header.backupID.uuidString.lowercased())")
        Output.writeLine("platform: \(header.platform.rawValue)")
        Output.writeLine(AccountDescription.tabSeparated(["app version: \(header.appVersion)"]))
        for slot in header.keySlots {
            Output.writeLine(AccountDescription.tabSeparated(["slot: " + Self.text(slot)]))
        }
    }

    private static func text(_ slot: KeySlotSummary) -> String {
        switch slot {
        case let .escrowKey(keyID): return "escrowKey (key id \(keyID))"
        case let .password(parameters): return "password (Argon2id, \(parameters.operations) passes, \(parameters.memoryKiB) KiB)"
        case .recoveryCode: return "recoveryCode"
        case let .unknown(type): return "unknown (type \(type))"
        }
    }

    private static func json(_ slot: KeySlotSummary) -> JSONObject {
        switch slot {
        case let .escrowKey(keyID):
            return JSONObject(members: [("kind", .string("escrowKey")), ("keyID", .string(keyID))])
        case let .password(parameters):
            return JSONObject(members: [
                ("kind", .string("password")), ("kdf", .string("argon2id")),
                ("operations", .number(parameters.operations)), ("memoryKiB", .number(parameters.memoryKiB)),
            ])
        case .recoveryCode:
            return JSONObject(members: [("kind", .string("recoveryCode"))])
        case let .unknown(type):
            return JSONObject(members: [("kind", .string("unknown")), ("type", .number(type))])
        }
    }
}
