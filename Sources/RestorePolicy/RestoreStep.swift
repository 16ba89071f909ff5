/// The steps of a restore, in the only order they may happen.
///
/// `startRecovery` comes **before** signing in: the app shows "Start recovery" first, so
/// that a sign-in made for another reason never starts a restore by accident.
public enum RestoreStep: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Nothing has happened yet.
    case notStarted
    /// `startRecovery()` checked the device and found it ready.
    case started
    /// The user signed in to the recovery account.
    case signedIn
    /// The backup was fetched, opened and planned.
    case planned
    /// The plan was written to the device.
    case committed

    private var order: Int {
        switch self {
        case .notStarted: return 0
        case .started: return 1
        case .signedIn: return 2
        case .planned: return 3
        case .committed: return 4
        }
    }

    /// Steps compare by their order in a restore.
    public static func < (lhs: RestoreStep, rhs: RestoreStep) -> Bool { lhs.order < rhs.order }
}
