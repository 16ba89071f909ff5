import ArgumentParser
import AuthenticatorKit
import AuthenticatorKitWebDAV
import Foundation

/// The global options that make the device's cloud a WebDAV folder instead of the `--cloud`
/// folder: `--cloud-url URL`, `--cloud-user USER`, `--cloud-password-file F`.
struct WebDAVCloudOptions: ParsableArguments {
    @Option(
        name: .customLong("cloud-url"),
        help: ArgumentHelp("A WebDAV folder (Nextcloud, ownCloud, a NAS) to use as the cloud instead of --cloud.", valueName: "URL"))
    var url: String?

    @Option(name: .customLong("cloud-user"), help: ArgumentHelp("The WebDAV user (with --cloud-url).", valueName: "USER"))
    var user: String?

    @Option(
        name: .customLong("cloud-password-file"),
        help: ArgumentHelp("The file holding the WebDAV user's password (with --cloud-url).", valueName: "F"))
    var passwordFile: String?

    /// Whether the device's cloud is a WebDAV folder.
    var isWebDAV: Bool { url != nil }

    /// Whether the WebDAV options are given together.
    func validate() throws {
        if url == nil, user != nil || passwordFile != nil {
            throw ValidationError("--cloud-user and --cloud-password-file need --cloud-url")
        }
        if url != nil, user == nil || passwordFile == nil {
            throw ValidationError("--cloud-url needs --cloud-user and --cloud-password-file")
        }
    }

    /// The WebDAV provider for a device of `platform`, or `nil` without `--cloud-url`.
    /// - Throws: `CLIError.unreadableSecretFile` for the password file,
    ///   `WebDAVConfigurationError` for the URL.
    func provider(platform: Platform) throws -> WebDAVCloudProvider? {
        guard let url, let user, let passwordFile else { return nil }
        guard let folder = URL(string: url) else { throw WebDAVConfigurationError.unsupportedScheme(url) }
        let password = try InputFile.password(at: passwordFile)
        let configuration = try WebDAVConfiguration(folder: folder, userName: user, password: password, devicePlatform: platform)
        return try WebDAVCloudProvider(configuration: configuration)
    }
}
