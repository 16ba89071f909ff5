import ArgumentParser
import AuthenticatorKit

/// `authenticator verify ID …`: proves who the user is for a restored personal or work or
/// school account; on success the device gets a new credential and the account is active.
struct VerifyCommand: AsyncParsableCommand, DeviceCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a restored account so that this device gets a credential of its own.",
        discussion: """
            Personal accounts, in two steps: `verify ID --password-file F --contact CONTACT` \
            checks the account password and sends a code to CONTACT (an alternate e-mail \
            address or phone number on file, written in full or masked as shown); it prints the \
            masked contact. Without --contact it prints the masked contacts on offer, one a \
            line, and `verify ID --contact CONTACT` sends the code later. Then \
            `verify ID --code CODE` finishes. The verification in progress is kept in \
            <home>/verifications between the steps. Work or school accounts: \
            `verify ID --qr PAYLOAD` with the payload of the organisation's QR code. \
            --qr-file PATH and --code-file PATH read the payload or the code from a file \
            instead (- for standard input), so that it is not on the command line. Prints \
            nothing when the account is verified.
            """
    )

    @Argument(help: ArgumentHelp("The account's identifier.", valueName: "ID"))
    var id: String

    @Option(name: .customLong("password-file"), help: ArgumentHelp("The personal account's password.", valueName: "F"))
    var passwordFile: String?

    @Option(help: ArgumentHelp("Where to send the code: an alternate e-mail address or phone number on file.", valueName: "CONTACT"))
    var contact: String?

    @Option(help: ArgumentHelp("The code that was sent.", valueName: "CODE"))
    var code: String?

    @Option(help: ArgumentHelp("The work or school QR enrolment payload.", valueName: "PAYLOAD"))
    var qr: String?

    @Option(name: .customLong("qr-file"), help: ArgumentHelp("Read the QR enrolment payload from PATH, or from standard input for -.", valueName: "PATH"))
    var qrFile: String?

    @Option(name: .customLong("code-file"), help: ArgumentHelp("Read the code that was sent from PATH, or from standard input for -.", valueName: "PATH"))
    var codeFile: String?

    // The global options (see `DeviceCommand`).
    @Option(help: OptionHelp.home) var home: String?
    @Option(help: OptionHelp.now) var now: Int64?
    @Option(help: OptionHelp.cloud) var cloud: String?
    @Option(help: OptionHelp.services) var services: String?
    @Option(help: OptionHelp.lockTimeout) var lockTimeout: Double?
    @Option(name: .customLong("cloud-url"), help: OptionHelp.cloudURL) var cloudURL: String?
    @Option(name: .customLong("cloud-user"), help: OptionHelp.cloudUser) var cloudUser: String?
    @Option(name: .customLong("cloud-password-file"), help: OptionHelp.cloudPasswordFile) var cloudPasswordFile: String?

    func run() async throws {
        if qr != nil && qrFile != nil { throw ValidationError("--qr and --qr-file cannot be used together") }
        if code != nil && codeFile != nil { throw ValidationError("--code and --code-file cannot be used together") }
        try StandardInput.checkOneReader([
            ("--password-file", passwordFile), ("--qr-file", qrFile), ("--code-file", codeFile),
            ("--cloud-password-file", global.webDAV.passwordFile),
        ])
        let qr = try qr ?? qrFile.map(SecretFile.text(at:))
        let code = try code ?? codeFile.map(SecretFile.text(at:))
        let given = [("--password-file", passwordFile != nil), ("--contact", contact != nil), ("--code", code != nil), ("--qr", qr != nil)]
        if qr != nil, let (name, _) = given.first(where: { $0.1 && $0.0 != "--qr" }) {
            throw ValidationError("--qr cannot be used with \(name)")
        }
        if code != nil, let (name, _) = given.first(where: { $0.1 && $0.0 != "--code" }) {
            throw ValidationError("--code cannot be used with \(name)")
        }
        guard given.contains(where: \.1) else { throw ValidationError("missing --password-file, --contact, --code or --qr") }

        let device = DeviceContext(global)
        let id = AccountID(rawValue: id)
        _ = try await device.loadVault()
        let coordinator = device.verificationCoordinator

        if let qr {
            var flow = try await coordinator.workOrSchoolVerification(for: id)
            try await flow.submitScannedCode(qr)
            guard let proof = flow.proof else { return }
            try await complete(proof, coordinator: coordinator, device: device)
            return
        }

        let snapshots = VerificationSnapshots(home: device.home)
        // The account must (still) wait for a personal verification.
        var flow = try await coordinator.personalVerification(for: id)
        if let passwordFile {
            snapshots.forget(id)
            let password = try InputFile.password(at: passwordFile)
            try await step(&flow, snapshots) { flow throws(VerificationError) in try await flow.submitPassword(password) }
        } else {
            guard let snapshot = try snapshots.snapshot(for: id) else { throw CLIError.noVerificationInProgress(id: id) }
            flow = coordinator.personalVerification(resuming: snapshot)
            if case .locked = flow.step {
                // Still locked: say until when. Lock over: start again with the password.
                try flow.resumeAfterLock()
                try snapshots.keep(flow)
                throw CLIError.noVerificationInProgress(id: id)
            }
        }

        if let contact {
            if case .codeSent = flow.step { try flow.chooseAnotherContact() }
            if case .enterCode = flow.step { try flow.chooseAnotherContact() }
            guard case let .chooseContact(offered) = flow.step else { throw CLIError.noVerificationInProgress(id: id) }
            guard let chosen = flow.offeredContact(matching: contact) else {
                throw CLIError.contactNotOffered(contact: contact, offered: offered.map(\.maskedValue))
            }
            try await step(&flow, snapshots) { flow throws(VerificationError) in
                try await flow.sendCode(to: chosen)
                try flow.continueToCodeEntry()
            }
            Output.writeLine(chosen.maskedValue)
        } else if passwordFile != nil, case let .chooseContact(offered) = flow.step {
            for contact in offered { Output.writeLine(contact.maskedValue) }
        }

        if let code {
            if case .codeSent = flow.step { try flow.continueToCodeEntry() }
            guard case .enterCode = flow.step else { throw CLIError.noVerificationInProgress(id: id) }
            try await step(&flow, snapshots) { flow throws(VerificationError) in try await flow.submitCode(code) }
            guard let proof = flow.proof else { return }
            try await complete(proof, coordinator: coordinator, device: device)
        }
    }

    /// Runs one step of `flow` and keeps (or forgets) the flow for the next process, whether
    /// the step succeeded or not (a lock, or attempts left, must survive).
    private func step(
        _ flow: inout PersonalVerification, _ snapshots: VerificationSnapshots,
        _ body: (inout PersonalVerification) async throws(VerificationError) -> Void
    ) async throws {
        do {
            try await body(&flow)
        } catch {
            try snapshots.keep(flow)
            throw error
        }
        try snapshots.keep(flow)
    }

    /// Mints and enrols this device's credential for the verified account, saves it, and
    /// backs the change up.
    private func complete(_ proof: VerificationProof, coordinator: AccountVerificationCoordinator, device: DeviceContext) async throws {
        _ = try await coordinator.complete(with: proof)
        VerificationSnapshots(home: device.home).forget(proof.accountID)
        await device.backUpAfterChange(try await device.loadVault())
    }
}
