import ArgumentParser

/// `authenticator uri`: reading and writing `otpauth://` URIs.
struct URICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uri",
        abstract: "Parse or format otpauth:// URIs.",
        subcommands: [URIParseCommand.self, URIFormatCommand.self]
    )
}
