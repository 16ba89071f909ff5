import Testing

@Suite("authenticator settings")
struct SettingsCommandTests {
    @Test func getWithoutKeyPrintsEverySettingKnownKeysFirst() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise("android")
        try await phone.succeed(["settings", "set", "theme", "dark"])
        try await phone.succeed(["settings", "set", "accent", "blue"])
        #expect(try await phone.succeed(["settings", "get"]) == """
            backupEnabled=false
            platform=android
            hidesCodes=false
            groupsDigits=true
            accent=blue
            theme=dark
            """)
    }

    @Test func setChangesATypedSettingAndGetPrintsItsValue() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        #expect(try await phone.succeed(["settings", "get", "hidesCodes"]) == "false")
        #expect(try await phone.succeed(["settings", "set", "hidesCodes", "true"]) == "")
        #expect(try await phone.succeed(["settings", "get", "hidesCodes"]) == "true")
    }

    @Test func badValuesAndKeysAreRefused() async throws {
        let phone = try DeviceWorld().device("phone")
        try await phone.initialise()
        let message = try await phone.fail(["settings", "set", "hidesCodes", "maybe"], caseName: "invalidSettingValue")
        #expect(message == #""maybe" is not a valid value for setting hidesCodes: expected true or false"#)
        try await phone.fail(["settings", "set", "platform", "windows"], caseName: "invalidSettingValue")
        try await phone.fail(["settings", "set", "", "x"], caseName: "invalidSettingKey")
        #expect(try await phone.fail(["settings", "get", "unset"], caseName: "settingNotSet") == "the setting unset has no value")
        #expect(try await phone.succeed(["settings", "get", "hidesCodes"]) == "false")
    }
}
