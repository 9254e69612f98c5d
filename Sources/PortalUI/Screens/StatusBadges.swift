import Foundation
import PortalCore

extension ComplianceState {
    /// The glyph that goes with the color and the word, so state never rests on color.
    public var glyph: String {
        switch self {
        case .compliant: "✓"
        case .noncompliant, .error, .conflict: "✗"
        case .inGracePeriod: "!"
        case .unknown, .configManager: "?"
        }
    }

    public var role: Role {
        switch self {
        case .compliant: .compliant
        case .noncompliant, .error, .conflict: .noncompliant
        case .inGracePeriod: .inGracePeriod
        case .unknown, .configManager: .unknown
        }
    }

    /// "✓ Compliant" in its role.
    public var badge: Span { Span("\(glyph) \(label)", role) }
}

extension SettingResult.Outcome {
    public var badge: Span {
        switch self {
        case .pass: Span("✓ Pass", .compliant)
        case .fail: Span("✗ Fail", .noncompliant)
        case .notReported: Span("? Not reported", .unknown)
        }
    }
}

extension ResultantAppState {
    /// "✓ Installed", "✗ Install failed", "… Installing": glyph and word with the color.
    public var badge: Span {
        switch self {
        case .installed: Span("✓ Installed", .compliant)
        case .failed, .uninstallFailed: Span("✗ \(label)", .noncompliant)
        case .pendingInstall: Span("… Installing", .inGracePeriod)
        case .notInstalled, .notApplicable, .unknown: Span("- \(label)", .dim)
        }
    }
}
