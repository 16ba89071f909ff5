import Testing

@Suite("authenticator settings")
struct SettingsCommandTests {
    @Test func getWithoutKeyPrintsEverySettingKnownKeysFirst() throws {
        let phone = try DeviceWorld().device("phone")
        try phone.initialise("android")
        try phone.succeed(["settings", "set", "theme", "dark"])
        try phone.succeed(["settings", "set", "accent", "blue"])
        #expect(try phone.succeed(["settings", "get"]) == """
            backupEnabled=false
            platform=android
            hidesCodes=false
            groupsDigits=true
            accent=blue
            theme=dark
            """)
    }

    @Test func setChangesATypedSettingAndGetPrintsItsValue() throws {
        let phone = try DeviceWorld().device("phone")
        try phone.initialise()
        #expect(try phone.succeed(["settings", "get", "hidesCodes"]) == "false")
        #expect(try phone.succeed(["settings", "set", "hidesCodes", "true"]) == "")
        #expect(try phone.succeed(["settings", "get", "hidesCodes"]) == "true")
    }

    @Test func badValuesAndKeysAreRefused() throws {
        let phone = try DeviceWorld().device("phone")
        try phone.initialise()
        let message = try phone.fail(["settings", "set", "hidesCodes", "maybe"], caseName: "invalidSettingValue")
        #expect(message == #""maybe" is not a valid value for setting hidesCodes: expected true or false"#)
        try phone.fail(["settings", "set", "platform", "windows"], caseName: "invalidSettingValue")
        try phone.fail(["settings", "set", "", "x"], caseName: "invalidSettingKey")
        #expect(try phone.fail(["settings", "get", "unset"], caseName: "settingNotSet") == "the setting unset has no value")
        #expect(try phone.succeed(["settings", "get", "hidesCodes"]) == "false")
    }
}
