// A child process for the FileAccountStore tests: writes to a vault directory from another
// process, to show that the lock keeps writers from interleaving and that a writer killed
// in the middle of a save leaves the previous vault readable.
//
//   AccountStoreWriter add DIR KEYFILE PREFIX COUNT [pause]
//       adds COUNT third-party accounts named PREFIX-0 … to the vault, one save each, and
//       prints "saved N" (N from 1) once the Nth save is done, so that a test can kill it
//       after a known number of saves without guessing how long they take; with `pause`,
//       then waits to be killed instead of exiting (a test that kills it asks for a few saves
//       more than it waits for: the kill lands somewhere in those, and the child never runs
//       on while the test's task waits for a thread)
//   AccountStoreWriter hang-before-rename DIR KEYFILE USERNAME
//       adds one account, writes the new version to its temporary file, prints "ready",
//       and waits there forever (to be killed) instead of renaming it into place
#if canImport(Glibc)
import SodiumBridge
import OTP
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import AccountModel
import Foundation

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(1)
}

func account(named userName: String) -> Account {
    let secret = SecureBytes(copying: Hash.blake2b(Array("Example/\(userName)".utf8), outputLength: 20))
    guard let generator = try? Generator(factor: .timer(period: 30), secret: secret) else {
        fail("cannot make a generator")
    }
    return Account(token: Token(issuer: "Example", account: userName, generator: generator), createdAt: Date())
}

let arguments = CommandLine.arguments
guard arguments.count >= 5 else { fail("usage: AccountStoreWriter add|hang-before-rename DIR KEYFILE …") }
let directory = URL(fileURLWithPath: arguments[2])
let keys = FileKeyProvider(file: URL(fileURLWithPath: arguments[3]))

switch arguments[1] {
case "add":
    guard arguments.count == 6 || (arguments.count == 7 && arguments[6] == "pause"), let count = Int(arguments[5]) else {
        fail("usage: add DIR KEYFILE PREFIX COUNT [pause]")
    }
    let store = FileAccountStore(directory: directory, keyProvider: keys, lockTimeout: .seconds(60))
    for index in 0..<count {
        let new = account(named: "\(arguments[4])-\(index)")
        do {
            try await store.modifyVault(attempts: 10_000) { vault in try vault.add(new) }
        } catch {
            fail("\(error)")
        }
        FileHandle.standardOutput.write(Data("saved \(index + 1)\n".utf8))
    }
    if arguments.count == 7 {
        while true { pause() }
    }
case "hang-before-rename":
    var store = FileAccountStore(directory: directory, keyProvider: keys)
    store.afterWritingTemporaryFile = { _ in
        FileHandle.standardOutput.write(Data("ready\n".utf8))
        while true { pause() }
    }
    let new = account(named: arguments[4])
    do {
        try await store.modifyVault { vault in try vault.add(new) }
    } catch {
        fail("\(error)")
    }
    fail("the save finished, but it was meant to hang")
default:
    fail("unknown command \(arguments[1])")
}
