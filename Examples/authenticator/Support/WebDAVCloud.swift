import ArgumentParser
import AuthenticatorKit
import AuthenticatorKitWebDAV
import Foundation

/// The global options that make the device's cloud a WebDAV folder instead of the `--cloud`
/// folder: `--cloud-url URL`, `--cloud-user USER`, `--cloud-password-file F`, as
/// ``GlobalOptions`` parsed them. (``GlobalOptions`` declares the options itself rather than
/// nesting an `@OptionGroup`: ArgumentParser validates every option group on each parse in
/// debug builds, and the cost multiplies with each level of nesting; see ``OptionHelp``.)
struct WebDAVCloudOptions {
    /// `--cloud-url`.
    var url: String?
    /// `--cloud-user`.
    var user: String?
    /// `--cloud-password-file`.
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
