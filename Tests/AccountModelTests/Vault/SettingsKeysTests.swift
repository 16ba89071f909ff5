import AccountModel
import Testing

@Suite("Settings by key")
struct SettingsKeysTests {
    @Test func knownKeysNameTheTypedFields() {
        #expect(Settings.knownKeys == ["backupEnabled", "platform", "hidesCodes", "groupsDigits"])
    }

    @Test func defaultsAreBackupOffCodesShownAndGrouped() {
        let settings = Settings(platform: .ios)
        #expect(settings.value(forKey: "backupEnabled") == "false")
        #expect(settings.value(forKey: "platform") == "ios")
        #expect(settings.value(forKey: "hidesCodes") == "false")
        #expect(settings.value(forKey: "groupsDigits") == "true")
        #expect(settings.custom.isEmpty)
    }

    @Test(arguments: ["backupEnabled", "hidesCodes", "groupsDigits"])
    func switchesTakeTrueAndFalse(_ key: String) throws {
        var settings = Settings(platform: .ios)
        try settings.setValue("true", forKey: key)
        #expect(settings.value(forKey: key) == "true")
        try settings.setValue("false", forKey: key)
        #expect(settings.value(forKey: key) == "false")
        #expect(settings.custom.isEmpty)
    }

    @Test func eachSwitchSetsItsOwnTypedField() throws {
        var settings = Settings(platform: .ios, backupEnabled: false, hidesCodes: false, groupsDigits: false)
        try settings.setValue("true", forKey: "backupEnabled")
        #expect(settings.backupEnabled && !settings.hidesCodes && !settings.groupsDigits)
        try settings.setValue("true", forKey: "hidesCodes")
        #expect(settings.hidesCodes && !settings.groupsDigits)
        try settings.setValue("true", forKey: "groupsDigits")
        #expect(settings.groupsDigits)
    }

    @Test(arguments: ["yes", "TRUE", "1", "", "true "])
    func switchesRefuseAnythingButTrueOrFalse(_ value: String) {
        var settings = Settings(platform: .ios)
        #expect(throws: AccountModelError.invalidSettingValue(key: "hidesCodes", value: value, expected: "true or false")) {
            try settings.setValue(value, forKey: "hidesCodes")
        }
        #expect(settings == Settings(platform: .ios))
    }

    @Test func platformTakesIosOrAndroid() throws {
        var settings = Settings(platform: .ios)
        try settings.setValue("android", forKey: "platform")
        #expect(settings.platform == .android)
        #expect(throws: AccountModelError.invalidSettingValue(key: "platform", value: "iOS", expected: "ios or android")) {
            try settings.setValue("iOS", forKey: "platform")
        }
        #expect(settings.platform == .android)
    }

    @Test func otherKeysAreKeptAsGivenInCustom() throws {
        var settings = Settings(platform: .ios)
        try settings.setValue("dark", forKey: "theme")
        try settings.setValue("", forKey: "note")
        try settings.setValue("🔑 värde", forKey: "Ünïcødé")
        #expect(settings.custom == ["theme": "dark", "note": "", "Ünïcødé": "🔑 värde"])
        #expect(settings.value(forKey: "theme") == "dark")
        #expect(settings.value(forKey: "missing") == nil)
    }

    @Test func keysAreCaseSensitive() throws {
        var settings = Settings(platform: .ios)
        try settings.setValue("anything", forKey: "HidesCodes")
        #expect(settings.hidesCodes == false)
        #expect(settings.custom["HidesCodes"] == "anything")
    }

    @Test func emptyKeyIsRefused() {
        var settings = Settings(platform: .ios)
        #expect(throws: AccountModelError.invalidSettingKey("")) { try settings.setValue("x", forKey: "") }
        #expect(settings.custom.isEmpty)
    }

    @Test func allValuesListsKnownAndCustomKeysWithTypedFieldsWinning() {
        let settings = Settings(
            platform: .android, backupEnabled: true, custom: ["theme": "dark", "platform": "shadowed"]
        )
        #expect(settings.allValues == [
            "backupEnabled": "true", "platform": "android", "hidesCodes": "false", "groupsDigits": "true",
            "theme": "dark",
        ])
    }
}
