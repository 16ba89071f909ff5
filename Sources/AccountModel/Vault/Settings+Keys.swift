import BackupServices

extension Settings {
    /// The keys of the typed fields, as apps and the `authenticator settings` command name
    /// them: `backupEnabled`, `platform`, `hidesCodes`, `groupsDigits`. Any other key names an
    /// app-defined value in ``custom``.
    public static let knownKeys: [String] = KnownKey.allCases.map(\.rawValue)

    /// The value of the setting named `key` as text: `true`/`false` for switches, `ios`/
    /// `android` for the platform, the stored text for app-defined keys; `nil` when an
    /// app-defined key has no value.
    public func value(forKey key: String) -> String? {
        guard let known = KnownKey(rawValue: key) else { return custom[key] }
        switch known {
        case .backupEnabled: return String(backupEnabled)
        case .platform: return platform.rawValue
        case .hidesCodes: return String(hidesCodes)
        case .groupsDigits: return String(groupsDigits)
        }
    }

    /// Sets the setting named `key` from text. Known keys (``knownKeys``) are validated and
    /// set their typed field; any other key stores `value` in ``custom`` as given.
    ///
    /// - Throws: ``AccountModelError/invalidSettingKey(_:)`` for an empty key;
    ///   ``AccountModelError/invalidSettingValue(key:value:expected:)`` when a known key gets
    ///   a value it cannot take (switches take `true` or `false`, the platform `ios` or
    ///   `android`). Nothing changes when it throws.
    public mutating func setValue(_ value: String, forKey key: String) throws(AccountModelError) {
        guard !key.isEmpty else { throw .invalidSettingKey(key) }
        guard let known = KnownKey(rawValue: key) else {
            custom[key] = value
            return
        }
        switch known {
        case .backupEnabled: backupEnabled = try Self.parseSwitch(value, key: key)
        case .platform:
            guard let parsed = Platform(rawValue: value) else {
                let names = Platform.allCases.map(\.rawValue).joined(separator: " or ")
                throw .invalidSettingValue(key: key, value: value, expected: names)
            }
            platform = parsed
        case .hidesCodes: hidesCodes = try Self.parseSwitch(value, key: key)
        case .groupsDigits: groupsDigits = try Self.parseSwitch(value, key: key)
        }
    }

    /// Every setting as text: the known keys, then the app-defined ones. An app-defined key
    /// spelled like a known key is hidden by the typed field.
    public var allValues: [String: String] {
        var values = custom
        for key in KnownKey.allCases {
            values[key.rawValue] = value(forKey: key.rawValue)
        }
        return values
    }

    /// The typed fields' keys.
    private enum KnownKey: String, CaseIterable {
        case backupEnabled, platform, hidesCodes, groupsDigits
    }

    private static func parseSwitch(_ value: String, key: String) throws(AccountModelError) -> Bool {
        switch value {
        case "true": return true
        case "false": return false
        default: throw .invalidSettingValue(key: key, value: value, expected: "true or false")
        }
    }
}
