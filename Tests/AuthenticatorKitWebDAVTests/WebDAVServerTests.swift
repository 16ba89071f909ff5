import AuthenticatorKit
import AuthenticatorKitTestSupport
import AuthenticatorKitWebDAV
import Foundation
import Testing

/// The provider against real servers: Apache httpd `mod_dav_fs` and `rclone serve webdav`,
/// each test in a fresh folder of its own. Skipped (with ``WebDAVTestServer/skipReason``)
/// when the servers are not configured; `.ci/run` starts them and fails on a skip.
@Suite(
    "WebDAV provider against real servers",
    .enabled(if: WebDAVTestServer.configured, WebDAVTestServer.skipReason)
)
struct WebDAVServerTests {
    typealias Kind = WebDAVTestServer.Kind

    /// Races per racing test: 20 by default; `AUTHENTICATORKIT_RACE_ROUNDS=200` for the long
    /// run. (Each round lists a chain one state longer, so the cost grows with its square.)
    static var raceRounds: Int {
        ProcessInfo.processInfo.environment["AUTHENTICATORKIT_RACE_ROUNDS"].flatMap(Int.init).map { max(1, $0) } ?? 20
    }

    @Test(arguments: Kind.allCases)
    func meetsTheCloudBackupProviderRequirements(_ kind: Kind) async throws {
        try await OwnThreadExecutor.run("meetsTheCloudBackupProviderRequirements") {
            let server = try WebDAVTestServer.require(kind)
            let lifecycle = try server.provider(for: try await server.freshFolder("lifecycle"))
            try await CloudBackupProviderConformance.checkBackupLifecycle(of: lifecycle)
            let racing = try server.provider(for: try await server.freshFolder("concurrent"))
            try await CloudBackupProviderConformance.checkConcurrentUploads(to: racing)
            let deleting = try server.provider(for: try await server.freshFolder("delete-race"))
            try await CloudBackupProviderConformance.checkDeleteRacingUpload(on: deleting)
        }
    }

    @Test(arguments: Kind.allCases)
    func twoDevicesRacingInOneProcessNeverBothWin(_ kind: Kind) async throws {
        try await OwnThreadExecutor.run("twoDevicesRacingInOneProcessNeverBothWin") {
            let server = try WebDAVTestServer.require(kind)
            let folder = try await server.freshFolder("race-tasks")
            let devices = try [server.provider(for: folder), server.provider(for: folder)]
            let identity = devices[0].configuration.identity
            var latest: UInt64?
            for round in 0..<Self.raceRounds {
                // Each device proposes its own generation, both replacing the same one.
                let proposals = (0..<2).map { (latest ?? 0) + 1 + UInt64($0) }
                let expected = latest
                async let first = Self.outcome { () throws(CloudBackupError) in
                    try await devices[0].uploadBackup(
                        testPayload(100, seed: proposals[0]), generation: proposals[0], replacing: expected, for: identity)
                }
                async let second = Self.outcome { () throws(CloudBackupError) in
                    try await devices[1].uploadBackup(
                        testPayload(100, seed: proposals[1]), generation: proposals[1], replacing: expected, for: identity)
                }
                let outcomes = await [first, second]
                let winners = outcomes.indices.filter { if case .success = outcomes[$0] { true } else { false } }
                try #require(winners.count == 1, "round \(round): \(outcomes)")
                let winner = proposals[winners[0]]
                let loser = outcomes[1 - winners[0]]
                #expect(loser == .failure(.generationConflict(expected: expected, found: winner)), "round \(round)")
                latest = winner
            }
            let stored = try await devices[1].downloadLatestBackup(for: identity)
            #expect(stored.metadata.generation == latest)
            #expect(stored.bytes == testPayload(100, seed: latest ?? 0))
        }
    }

    @Test(arguments: Kind.allCases)
    func twoDevicesRacingAsSeparateProcessesNeverBothWin(_ kind: Kind) async throws {
        try await OwnThreadExecutor.run("twoDevicesRacingAsSeparateProcessesNeverBothWin") {
            let server = try WebDAVTestServer.require(kind)
            let folder = try await server.freshFolder("race-processes")
            let racers = try (0..<2).map { _ in try Racer.start(folder: folder, server: server) }
            defer { for racer in racers { racer.finish() } }
            var latest: UInt64?
            for round in 0..<Self.raceRounds {
                let proposals = (0..<2).map { (latest ?? 0) + 1 + UInt64($0) }
                for (racer, proposal) in zip(racers, proposals) {
                    racer.send("\(latest.map(String.init) ?? "-") \(proposal)")
                }
                var answers: [String] = []
                for racer in racers { answers.append(await racer.readLine() ?? "closed: \(racer.errorOutput())") }
                let winners = answers.indices.filter { answers[$0].hasPrefix("won ") }
                try #require(winners.count == 1, "round \(round): \(answers)")
                let winner = proposals[winners[0]]
                #expect(answers[winners[0]] == "won \(winner)")
                #expect(answers[1 - winners[0]] == "lost \(winner)", "round \(round)")
                latest = winner
            }
            let reader = try server.provider(for: folder)
            let stored = try await reader.downloadLatestBackup(for: reader.configuration.identity)
            #expect(stored.metadata.generation == latest)
        }
    }

    @Test(arguments: Kind.allCases)
    func uploadsLessThanASecondApartAllSucceed(_ kind: Kind) async throws {
        // Apache's ETag stays weak for about a second after a write; nothing here uses it.
        let server = try WebDAVTestServer.require(kind)
        let provider = try server.provider(for: try await server.freshFolder("quick"))
        let identity = provider.configuration.identity
        var expected: UInt64?
        for generation in UInt64(1)...4 {
            let stored = try await provider.uploadBackup(
                testPayload(300, seed: generation), generation: generation, replacing: expected, for: identity)
            #expect(stored.generation == generation)
            expected = generation
        }
        let backup = try await provider.downloadLatestBackup(for: identity)
        #expect(backup.bytes == testPayload(300, seed: 4))
    }

    @Test(arguments: Kind.allCases)
    func oldGenerationsArePrunedButNeverTheLatest(_ kind: Kind) async throws {
        let server = try WebDAVTestServer.require(kind)
        let folder = try await server.freshFolder("prune")
        let provider = try server.provider(for: folder)
        let identity = provider.configuration.identity
        for generation in UInt64(1)...6 {
            _ = try await provider.uploadBackup(
                testPayload(50, seed: generation), generation: generation,
                replacing: generation == 1 ? nil : generation - 1, for: identity)
        }
        // States 1…4 are emptied (their folders stay for a while); 5 and 6 keep their files.
        var files: [String] = []
        for slot in try await server.childNames(of: folder) where slot.hasPrefix("s") {
            let claim = folder.appendingPathComponent(slot, isDirectory: true).appendingPathComponent("c", isDirectory: true)
            files += try await server.childNames(of: claim)
        }
        #expect(files.sorted() == ["g5.backup", "g6.backup"])
        #expect(try await server.childNames(of: folder).filter { $0.hasPrefix("tmp-") } == [])
        #expect(try await provider.downloadLatestBackup(for: identity).metadata.generation == 6)
    }

    @Test(arguments: Kind.allCases)
    func aBackupLargerThanTheReadersLimitIsNotDownloaded(_ kind: Kind) async throws {
        let server = try WebDAVTestServer.require(kind)
        let folder = try await server.freshFolder("limit")
        let writer = try server.provider(for: folder)
        let identity = writer.configuration.identity
        _ = try await writer.uploadBackup(testPayload(5000, seed: 1), generation: 1, replacing: nil, for: identity)
        let reader = try server.provider(for: folder, maximumBackupSize: 4096)
        for operation in ["download", "header"] {
            do {
                if operation == "download" {
                    _ = try await reader.downloadLatestBackup(for: identity)
                } else {
                    _ = try await reader.readLatestBackupHeader(for: identity, maximumLength: 16)
                }
                Issue.record("\(operation) of a backup over the limit succeeded")
            } catch {
                guard case let .storageFailure(reason) = error else {
                    Issue.record("\(operation): \(error)")
                    continue
                }
                #expect(reason.contains("5000 bytes"), "\(reason)")
            }
        }
    }

    @Test(arguments: Kind.allCases)
    func aWrongPasswordIsReportedAsNotSignedIn(_ kind: Kind) async throws {
        let server = try WebDAVTestServer.require(kind)
        let folder = try await server.freshFolder("wrong-password")
        let provider = try server.provider(for: folder, password: "not-" + server.password)
        let identity = provider.configuration.identity
        await #expect(throws: CloudBackupError.notSignedIn) { try await provider.checkConnection() }
        await #expect(throws: CloudBackupError.notSignedIn) {
            try await provider.readLatestBackupHeader(for: identity, maximumLength: 16)
        }
        await #expect(throws: CloudBackupError.notSignedIn) { try await provider.downloadLatestBackup(for: identity) }
        await #expect(throws: CloudBackupError.notSignedIn) {
            try await provider.uploadBackup([1, 2, 3], generation: 1, replacing: nil, for: identity)
        }
        await #expect(throws: CloudBackupError.notSignedIn) { try await provider.deleteBackup(generation: 1, for: identity) }
    }

    @Test func anotherUsersFolderIsRefusedWithTheHTTP403Reason() async throws {
        // Only Apache has per-user folders here (`Require user`); rclone serves one user.
        let server = try WebDAVTestServer.require(.apache)
        let foreign = try #require(WebDAVTestServer.environment["WEBDAV_APACHE_FOREIGN_URL"].flatMap(URL.init(string:)))
        let provider = try server.provider(for: foreign)
        let identity = provider.configuration.identity
        for operation in ["upload", "download", "delete"] {
            do {
                switch operation {
                case "upload": _ = try await provider.uploadBackup([1], generation: 1, replacing: nil, for: identity)
                case "download": _ = try await provider.downloadLatestBackup(for: identity)
                default: try await provider.deleteBackup(generation: 1, for: identity)
                }
                Issue.record("\(operation) in another user's folder succeeded")
            } catch {
                guard case let .storageFailure(reason) = error else {
                    Issue.record("\(operation): \(error)")
                    continue
                }
                #expect(reason.contains("HTTP 403") && reason.contains("another user"), "\(reason)")
            }
        }
    }

    @Test func anHTTPSServerWithAnUntrustedCertificateIsRefused() async throws {
        let server = try WebDAVTestServer.require(.apache)
        let url = try #require(WebDAVTestServer.environment["WEBDAV_APACHE_UNTRUSTED_TLS_URL"].flatMap(URL.init(string:)))
        let provider = try server.provider(for: url)
        do {
            try await provider.checkConnection()
            Issue.record("a self-signed certificate was accepted")
        } catch {
            guard case let .storageFailure(reason) = error else {
                Issue.record("\(error)")
                return
            }
            #expect(reason.contains("TLS"), "\(reason)")
        }
    }

    @Test(arguments: Kind.allCases)
    func aServerStoppedBeforeAnUploadLeavesThePreviousBackupReadable(_ kind: Kind) async throws {
        let server = try WebDAVTestServer.require(kind)
        let folder = try await server.freshFolder("stopped")
        let proxy = try LoopbackProxy(upstreamPort: UInt16(folder.port ?? 80))
        defer { proxy.stop() }
        let device = try server.provider(for: folder, throughPort: proxy.port)
        let identity = device.configuration.identity
        _ = try await device.uploadBackup(testPayload(2000, seed: 1), generation: 1, replacing: nil, for: identity)

        proxy.stop()
        await #expect(throws: CloudBackupError.unreachable) {
            try await device.uploadBackup(testPayload(2000, seed: 2), generation: 2, replacing: 1, for: identity)
        }
        await #expect(throws: CloudBackupError.unreachable) { try await device.downloadLatestBackup(for: identity) }

        try proxy.start()
        let reader = try server.provider(for: folder, throughPort: proxy.port)
        let backup = try await reader.downloadLatestBackup(for: identity)
        #expect(backup.bytes == testPayload(2000, seed: 1) && backup.metadata.generation == 1)
        let retried = try await Self.retryingOnce(device) { () throws(CloudBackupError) in
            try await device.uploadBackup(testPayload(2000, seed: 2), generation: 2, replacing: 1, for: identity)
        }
        #expect(retried.generation == 2)
    }

    @Test(arguments: Kind.allCases)
    func aServerCutDuringAnUploadLeavesTheOldOrTheNewBackupWhole(_ kind: Kind) async throws {
        try await OwnThreadExecutor.run("aServerCutDuringAnUploadLeavesTheOldOrTheNewBackupWhole") {
            let server = try WebDAVTestServer.require(kind)
            let folder = try await server.freshFolder("cut")
            let proxy = try LoopbackProxy(upstreamPort: UInt16(folder.port ?? 80))
            defer { proxy.stop() }
            let device = try server.provider(for: folder, throughPort: proxy.port)
            let identity = device.configuration.identity
            let size = 128 * 1024
            _ = try await device.uploadBackup(testPayload(size, seed: 1), generation: 1, replacing: nil, for: identity)
            let before = proxy.upstreamBytes
            _ = try await device.uploadBackup(testPayload(size, seed: 2), generation: 2, replacing: 1, for: identity)
            let perUpload = proxy.upstreamBytes - before
            var current: UInt64 = 2

            for fraction in [0.03, 0.3, 0.6, 0.85, 0.97, 0.995] {
                let next = current + 1
                proxy.cut(afterUpstreamBytes: Int(Double(perUpload) * fraction))
                let outcome = await Self.outcome { () throws(CloudBackupError) in
                    try await device.uploadBackup(testPayload(size, seed: next), generation: next, replacing: current, for: identity)
                }
                if case let .failure(error) = outcome { #expect(error == .unreachable, "cut at \(fraction): \(error)") }
                proxy.stop()
                try proxy.start()

                // After the restart the folder holds one whole backup: the old one or the new one.
                let reader = try server.provider(for: folder, throughPort: proxy.port)
                let stored = try await reader.downloadLatestBackup(for: identity)
                #expect(stored.metadata.generation == current || stored.metadata.generation == next, "cut at \(fraction)")
                #expect(stored.bytes == testPayload(size, seed: stored.metadata.generation), "cut at \(fraction)")
                if case .success = outcome { #expect(stored.metadata.generation == next, "cut at \(fraction)") }
                if stored.metadata.generation == current {
                    // The interrupted device tries again and succeeds.
                    let retried = try await Self.retryingOnce(device) { () throws(CloudBackupError) in
                        try await device.uploadBackup(
                            testPayload(size, seed: next), generation: next, replacing: current, for: identity)
                    }
                    #expect(retried.generation == next, "cut at \(fraction)")
                }
                current = next
            }
        }
    }

    // MARK: Helpers

    static func outcome(
        _ body: () async throws(CloudBackupError) -> CloudBackupMetadata
    ) async -> Result<CloudBackupMetadata, CloudBackupError> {
        do throws(CloudBackupError) {
            return .success(try await body())
        } catch {
            return .failure(error)
        }
    }

    /// Runs `body`, once more if the first try finds only a connection that died with the
    /// stopped server (URLSession may reuse a pooled connection once).
    static func retryingOnce(
        _ provider: WebDAVCloudProvider, _ body: () async throws(CloudBackupError) -> CloudBackupMetadata
    ) async throws(CloudBackupError) -> CloudBackupMetadata {
        do {
            return try await body()
        } catch {
            guard error == .unreachable else { throw error }
            return try await body()
        }
    }
}
