import Foundation

/// A question that guards a step a user could regret: quitting with typed
/// text, or signing out. The safe answer is the default, so Enter on a
/// dialog nobody read does no harm.
public struct Confirmation: Equatable, Sendable {
    public enum Purpose: Equatable, Sendable {
        case quit(reason: String)
        case signOut(organization: String)
        case cancelEnrollment
    }

    public var purpose: Purpose
    /// Which button Enter presses; the cancelling one until the user moves.
    public var confirmChosen = false

    public init(_ purpose: Purpose) { self.purpose = purpose }

    var title: String {
        switch purpose {
        case .quit: "Quit portal?"
        case .signOut: "Sign out?"
        case .cancelEnrollment: "Cancel the enrollment?"
        }
    }

    var message: String {
        switch purpose {
        case let .quit(reason): reason
        case let .signOut(organization):
            "You will leave the \(organization) Company Portal and need your password to sign in again."
        case .cancelEnrollment:
            "Nothing is enrolled and the answers you gave are forgotten. You can start again from Home."
        }
    }

    var confirmLabel: String {
        switch purpose {
        case .quit: "Quit"
        case .signOut: "Sign out"
        case .cancelEnrollment: "Cancel it"
        }
    }

    var cancelLabel: String { "Stay" }
}
