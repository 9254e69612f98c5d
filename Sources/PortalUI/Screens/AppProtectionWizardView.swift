import Foundation
import PortalCore

/// What each step of the app protection walkthrough says, drawn as the
/// enrollment wizard is: a title with "Step N of M", the step's text
/// (scrolls) ending in its answers, and a line for what stops it.
enum AppProtectionWizardView {
    static let title = "Use work apps without enrolling"

    static func view(_ state: AppProtectionWizardState, context: PortalContext, now: Date, in rect: Rect, buffer: inout CellBuffer) {
        let x = rect.x + 1, width = rect.width - 3
        if state.phase == .walking {
            buffer.write("\(title) · \(state.progress)", x: x, y: rect.y, role: .title, clip: rect)
            buffer.write(state.step.title, x: x, y: rect.y + 1, role: .accent, clip: rect)
        } else {
            buffer.write(title, x: x, y: rect.y, role: .title, clip: rect)
        }
        let messages = messageLines(state, width: width)
        for (index, line) in messages.enumerated() {
            buffer.write(line, x: x, y: rect.maxY - messages.count + index, role: .error, clip: rect)
        }
        let body = Rect(x: rect.x, y: rect.y + 3, width: rect.width, height: bodyHeight(state, in: rect))
        Widgets.scrollView(lines(state, context: context, width: width, now: now).map { StyledLine([Span(" ")] + $0.spans) },
                           offset: state.scroll.offset, in: body, buffer: &buffer)
        buffer.cursor = nil
    }

    private static func messageLines(_ state: AppProtectionWizardState, width: Int) -> [String] {
        guard let message = state.message else { return [] }
        return Array(TextWidth.wrap("✗ " + message, width: width).prefix(3))
    }

    static func bodyHeight(_ state: AppProtectionWizardState, in rect: Rect) -> Int {
        max(1, rect.height - 3 - messageLines(state, width: rect.width - 3).count)
    }

    /// The page as update needs it: line count, rows shown, where the answers are.
    static func page(_ state: AppProtectionWizardState, context: PortalContext, size: Size, now: Date) -> AppProtectionWizard.Page {
        let content = PortalLayout(size: size).content
        let width = content.width - 3
        let all = lines(state, context: context, width: width, now: now)
        let options = optionLines(state, width: width)
        var start = all.count - options.reduce(0) { $0 + $1.count }
        var ranges: [Range<Int>] = []
        for drawn in options {
            ranges.append(start..<start + drawn.count)
            start += drawn.count
        }
        return AppProtectionWizard.Page(lines: all.count, visible: bodyHeight(state, in: content), top: content.y + 3,
                                        offset: state.scroll.offset, optionStarts: ranges)
    }

    static func optionLines(_ state: AppProtectionWizardState, width: Int) -> [[StyledLine]] {
        AppProtectionWizard.options(state).enumerated().map { index, option in
            let selected = index == state.choice.selected
            return StyledLine.wrapped(option, role: selected ? .selection : .text, width: width, indent: 4,
                                      firstPrefix: [Span(selected ? "  › " : "    ", selected ? .selection : .text)])
        }
    }

    static func lines(_ state: AppProtectionWizardState, context: PortalContext, width: Int, now: Date) -> [StyledLine] {
        let organization = state.facts?.organization.displayName ?? context.organization.displayName
        let page = WizardPage(width: width)
        switch state.phase {
        case .loading:
            return [StyledLine("… Reading what \(organization) protects", .dim)]
        case let .blocked(text):
            return [StyledLine("✗ There is nothing to register now", .noncompliant), .blank] + page.para(text)
                + [.blank] + page.para("Press Enter to close.", .dim)
        case .walking:
            break
        }
        let device = state.device, app = state.app, policy = state.policy
        let appName = app?.displayName ?? state.registration?.appDisplayName ?? "The app"
        let platform = device.flatMap { ManagedAppPlatform($0.operatingSystem) } ?? policy?.platform ?? .iOS
        var lines: [StyledLine] = []
        switch state.step {
        case .device:
            lines += page.para("Use \(organization)'s work apps on your own phone or tablet without enrolling it: \(organization) protects its data inside the apps and does not manage the device.")
            lines += [.blank] + page.para("Choose the device. Its model, OS version and threat-defense app come from \(organization)'s list of simulated devices.")
        case .app:
            lines += page.para("Which app asks you to sign in with your work account? \(organization) protects these on \(platform.displayName):")
        case .register:
            lines += page.para("\(appName) says: \(organization) protects its data in this app. To go on, register this device.", .title)
            lines.append(.blank)
            if platform == .iOS {
                lines += page.para("On iOS, Microsoft Authenticator is the broker app that registers the device. Get it from the App Store and sign in to it when it asks; then come back to \(appName).")
            } else {
                lines += page.para("On Android, the Company Portal app is the broker app that registers the device. Get it from Google Play; you need not sign in to it. Then come back to \(appName).")
            }
            lines += [.blank] + page.para("Registering:", .title)
            var items = ["applies the policy \"\(policy?.displayName ?? "app protection")\" to \(appName)",
                         "keeps \(organization)'s data inside its protected apps; \(organization) sees and manages nothing else on the device"]
            if let policy, let maximum = policy.maximumAllowedDeviceThreatLevel.maximum {
                items.append("checks the device's health: \(policy.threatDefenseApp.displayName) must report a threat level of \(maximum.rawValue) or below")
            } else {
                items.append("checks the device's health")
            }
            lines += page.bullets(items)
            lines += [.blank] + page.para("Press Enter to register with \(platform.brokerApp).", .warning)
        case .healthCheck:
            lines += healthCheckLines(state, appName: appName, platform: platform, organization: organization, width: width)
        case .result:
            lines += resultLines(state, context: context, appName: appName, organization: organization, width: width)
        }
        let options = optionLines(state, width: width)
        if !options.isEmpty { lines += [.blank] + options.flatMap { $0 } }
        return lines
    }

    private static func healthCheckLines(_ state: AppProtectionWizardState, appName: String, platform: ManagedAppPlatform,
                                         organization: String, width: Int) -> [StyledLine] {
        let page = WizardPage(width: width)
        let model = state.device?.model ?? "the device"
        let policyName = state.policy?.displayName ?? "app protection"
        guard !state.isBusy, let registration = state.registration else {
            let registering = state.registration == nil ? "Registering \(model) with \(platform.brokerApp), then checking" : "Checking"
            return page.para("… \(registering) the device's health against the policy \"\(policyName)\".", .dim)
        }
        let defender = state.policy?.threatDefenseApp ?? .microsoftDefender
        let maximum = state.policy?.maximumAllowedDeviceThreatLevel.maximum?.rawValue ?? "low"
        var lines: [StyledLine] = []
        if registration.healthState == .threatNotReported {
            lines += page.para("? \(defender.displayName) has not reported a threat level for this device yet", .warning)
            lines += [.blank] + page.para("Open \(defender.displayName), finish its setup until it says onboarding completed, then press r to recheck. Syncing between \(defender.displayName) and \(organization) can take a few minutes.")
            return lines
        }
        lines += page.para("✗ The device health check failed: \(defender.displayName) is missing", .noncompliant)
        lines.append(.blank)
        lines += page.para("\(organization) requires \(defender.displayName), its threat-defense app, before \(appName) can open company data. It checks the device for threats and reports its threat level; the policy \"\(policyName)\" allows \(maximum) or below.")
        lines += [.blank] + page.para("How to get it:", .title)
        let steps = ["Open \(platform.storeName) and search for \"\(defender.storeName)\"; install it",
                     "Open it, sign in with your work account and allow the permissions it asks for",
                     "Wait until it says onboarding completed, then come back here"]
        for (index, step) in steps.enumerated() {
            lines += StyledLine.wrapped(step, width: width, indent: 5, firstPrefix: [Span("  \(index + 1). ")])
        }
        lines.append(.blank)
        lines += registration.mobileThreatDefenseAppInstalled
            ? page.para("✓ \(defender.displayName) is installed and set up. Press r to recheck: syncing with \(organization) can take a moment.", .compliant)
            : page.para("Press i once you installed it, then r to recheck.", .warning)
        return lines
    }

    private static func resultLines(_ state: AppProtectionWizardState, context: PortalContext, appName: String,
                                    organization: String, width: Int) -> [StyledLine] {
        let page = WizardPage(width: width)
        guard let registration = state.registration else { return [] }
        let policy = state.policy
        let defender = policy?.threatDefenseApp.displayName ?? "The threat-defense app"
        let apps = policy?.apps.map(\.displayName) ?? [appName]
        let others = apps.filter { $0 != appName }
        let level = registration.reportedThreatLevel?.rawValue ?? "unknown"
        let maximum = policy?.maximumAllowedDeviceThreatLevel.maximum?.rawValue
        let device = registration.deviceName
        var lines: [StyledLine] = []
        switch registration.healthState {
        case .healthy, .warned:
            let warned = registration.healthState == .warned
            lines += page.para(warned ? "! Access granted, with a warning" : "✓ Access granted", warned ? .warning : .compliant)
            lines.append(.blank)
            if let maximum, warned {
                lines += page.para("\(defender) reports threat level \(level) on \(device); the policy \"\(policy?.displayName ?? "app protection")\" allows \(maximum) or below but only warns. Remove the threat in \(defender) soon.", .warning)
            } else if let maximum {
                lines += page.para("\(device) is healthy: \(defender) reports threat level \(level) (\(maximum) or below is allowed).")
            } else {
                lines += page.para("\(device) is registered; \(organization) requires no threat-defense app for it.")
            }
            lines += [.blank] + page.para("\(appName) can open \(organization)'s email, files and chats on \(device). \(organization) protects this data inside its apps:", .title)
            lines += apps.flatMap { StyledLine.wrapped($0, width: width, indent: 4, firstPrefix: [Span("  ✓ ", .compliant)]) }
            if !others.isEmpty {
                lines += page.para("\(Self.list(others)) register the same way the first time you sign in to them.", .dim)
            }
        case .accessBlocked, .dataWiped:
            let wiped = registration.healthState == .dataWiped
            lines += page.para(wiped ? "✗ Company data wiped from \(appName)" : "✗ Access blocked", .noncompliant)
            lines.append(.blank)
            lines += page.para("\(defender) found a threat on \(device): level \(level). The policy \"\(policy?.displayName ?? "app protection")\" allows \(maximum ?? "no threat") or below.")
            lines.append(.blank)
            if wiped {
                lines += page.para("What this means for your data:", .title)
                lines += StyledLine.wrapped("\(organization) removed its company data (work email, files and chats) from \(Self.list(apps)) on this device. Your personal apps, photos and files are untouched, and nothing is lost: the company data is still in your work account.",
                                            width: width, indent: 2)
            } else {
                lines += page.para("What this means for your data:", .title)
                lines += StyledLine.wrapped("\(Self.list(apps)) cannot open \(organization)'s data on this device until it is healthy again. Nothing was removed: the data stays in the apps, out of reach.",
                                            width: width, indent: 2)
            }
            lines += [.blank] + page.para("How to get access back:", .title)
            let steps = ["Open \(defender) and remove the threat it names (often an app to uninstall)",
                         "Press r here to recheck the device's health"] + (wiped ? ["Sign in to \(appName) again: the company data downloads again"] : [])
            for (index, step) in steps.enumerated() {
                lines += StyledLine.wrapped(step, width: width, indent: 5, firstPrefix: [Span("  \(index + 1). ")])
            }
            lines.append(.blank)
            lines += registration.threatRemoved == true
                ? page.para("✓ You removed the threat in \(defender). Press r to recheck.", .compliant)
                : page.para("Press t once you removed the threat, then r to recheck.", .warning)
        case .threatDefenseAppMissing, .threatNotReported:
            lines += page.para(registration.healthState.label, .warning)
        }
        lines += [.blank] + page.para("Checked \(context.dateTime(registration.lastSyncDateTime)). It shows on Home under Work apps without enrolling. Press Enter to close.", .dim)
        return lines
    }

    /// "Outlook, Teams and OneDrive".
    static func list(_ names: [String]) -> String {
        guard let last = names.last else { return "" }
        return names.count == 1 ? last : names.dropLast().joined(separator: ", ") + " and " + last
    }
}
