import Foundation
import PortalCore

/// What each step of the walkthrough says, and how the wizard is drawn in
/// the portal's content area: a title with "Step N of M", the step's text
/// (scrolls), its choice or field, and a line for what stops it.
enum EnrollmentWizardView {
    static func view(_ state: EnrollmentWizardState, context: PortalContext, now: Date, in rect: Rect, buffer: inout CellBuffer) {
        let x = rect.x + 1, width = rect.width - 3
        let title = "Enroll a device"
        switch state.phase {
        case .walking, .enrolled:
            buffer.write("\(title) · \(state.progress)", x: x, y: rect.y, role: .title, clip: rect)
            buffer.write(state.session.step.title, x: x, y: rect.y + 1, role: .accent, clip: rect)
        default:
            buffer.write(title, x: x, y: rect.y, role: .title, clip: rect)
        }
        let messageLines = messageLines(state, width: width)
        var bottom = rect.maxY - messageLines.count
        for (index, line) in messageLines.enumerated() {
            buffer.write(line, x: x, y: bottom + index, role: .error, clip: rect)
        }
        let fieldLabel = fieldLabel(state)
        if let fieldLabel {
            bottom -= 2
            let secret = state.session.step == .passcode || state.session.step == .requirements
            Widgets.field(label: fieldLabel, value: state.field.text, secret: secret, focused: true, cursor: state.field.cursor,
                          x: x + 2, y: bottom, labelWidth: 18, fieldWidth: max(8, min(40, width - 22)), buffer: &buffer)
        }
        let body = Rect(x: rect.x, y: rect.y + 3, width: rect.width, height: bodyHeight(state, in: rect))
        Widgets.scrollView(lines(state, context: context, width: width, now: now).map { StyledLine([Span(" ")] + $0.spans) },
                           offset: state.scroll.offset, in: body, buffer: &buffer)
        if fieldLabel == nil { buffer.cursor = nil }
    }

    private static func messageLines(_ state: EnrollmentWizardState, width: Int) -> [String] {
        guard let message = state.message else { return [] }
        return Array(TextWidth.wrap("✗ " + message, width: width).prefix(3))
    }

    /// Rows for the step's text: below the title, above the field and the message.
    static func bodyHeight(_ state: EnrollmentWizardState, in rect: Rect) -> Int {
        let below = messageLines(state, width: rect.width - 3).count + (fieldLabel(state) == nil ? 0 : 2)
        return max(1, rect.height - 3 - below)
    }

    static func fieldLabel(_ state: EnrollmentWizardState) -> String? {
        guard state.phase == .walking else { return nil }
        switch state.session.step {
        case .deviceName: return "Device name"
        case .passcode: return "New \(state.device?.operatingSystem.secretWord ?? "passcode")"
        case .certificate: return "Certificate name"
        case .requirements: return "New PIN"
        default: return nil
        }
    }

    static func lines(_ state: EnrollmentWizardState, context: PortalContext, width: Int, now: Date) -> [StyledLine] {
        let organization = state.facts?.organization.displayName ?? context.organization.displayName
        let page = WizardPage(width: width)
        switch state.phase {
        case .loading:
            return [StyledLine("… Reading what \(organization) allows", .dim)]
        case let .blocked(text):
            return [StyledLine("✗ You cannot enroll a device now", .noncompliant), .blank] + page.para(text)
                + [.blank] + page.para("Press Enter to close.", .dim)
        case .declined:
            return [StyledLine("✗ Terms declined: the device was not enrolled", .noncompliant), .blank]
                + page.para("Without accepting \(organization)'s terms the device cannot be enrolled, so it cannot reach company email, files and apps. Nothing was changed on the device.")
                + [.blank] + page.para("You can start again from Home (press e) whenever you are ready.", .dim)
        case let .enrolled(device, evaluation):
            let again = state.facts?.enrolledDevices.contains { $0.id == device.id } ?? false
            let access = state.facts.map { $0.accessRules.access(user: $0.user, device: device, compliance: evaluation) }
            return result(device, evaluation, again: again, access: access, context: context, width: width, now: now)
                + (state.session.hostFacts.map { unreadLines($0, width: width) } ?? [])
        case .walking:
            break
        }
        var lines: [StyledLine] = []
        if let notice = state.notice { lines += page.para("↻ " + notice, .accent) + [.blank] }
        let device = state.device
        switch state.session.step {
        case .device:
            lines += page.para("Choose the device to enroll. Its model, OS version, passcode and encryption come from \(organization)'s list of simulated devices.")
        case .ownership:
            lines += page.para("Tell \(organization) who owns \(device?.model ?? "this device"). Company devices can be managed more fully than personal ones.")
        case .privacy:
            lines += page.para("\(organization) can never see:", .title)
            lines += page.bullets(["Call and browsing history", "Email and text messages", "Contacts and calendar", "Passwords", "Photos and the contents of documents"])
            lines += page.para("\(organization) can always see:", .title)
            // IMEI and phone number belong to phones and tablets only.
            let mobile = state.isHost ? false : [.iOS, .iPadOS, .android].contains(device?.operatingSystem)
            lines += page.bullets(["Owner and device name", "Serial number, model and manufacturer", "Operating system and version"] + (mobile ? ["IMEI"] : []))
            lines += page.para("\(organization) might see:", .title)
            lines += page.bullets((mobile ? ["Phone number (the last 4 digits on personal devices)"] : [])
                             + ["Storage", "Location of a lost company device", "The managed apps installed"])
        case .terms:
            let terms = state.facts?.organization.termsAndConditions
            if let before = state.facts?.termsAcceptedBefore, !state.session.termsAccepted {
                lines += page.para("\(organization) changed its terms since you accepted version \(before): please read this version.", .warning) + [.blank]
            }
            lines += page.para(terms?.title ?? "Terms and conditions", .title)
            lines += page.para(terms?.summary ?? "", .dim)
            lines.append(.blank)
            lines += page.para(terms?.bodyText ?? "")
            lines.append(.blank)
            if state.session.termsAccepted {
                lines += page.para("Version \(terms?.version ?? 0). You accepted these terms: press Enter to go on.", .dim)
            } else {
                lines += page.para("Version \(terms?.version ?? 0). Accept to go on; declining ends the enrollment.", .dim)
            }
        case .category:
            lines += page.para("Choose the category that fits the device best. \(organization) uses it to give the device the right apps and settings.")
        case .managementProfile:
            let platform = device?.operatingSystem.displayName ?? "the device"
            lines += page.para("\(platform) asks you to install \(organization)'s management profile. Installing it allows \(organization) to:", .title)
            lines += page.bullets(["Install and remove company apps and profiles", "Require a passcode and set its rules",
                              "Lock the device, or remove company data from it", "See the device's model, serial number and OS version",
                              "List the apps it manages"])
            lines.append(.blank)
            lines += state.session.profileInstalled
                ? page.para("✓ Profile installed. Press Enter for Done.", .compliant)
                : page.para("Press i to trust and install the profile.", .warning)
        case .deviceName:
            lines += page.para("Name the device as you will see it under Devices.")
        case .passcode:
            lines += passcodeLines(state, width: width)
        case .deviceManagement:
            lines += page.para("Device management lets \(organization):", .title)
            lines += page.bullets(["Erase all data (factory reset) on a company device", "Change the screen lock and set password rules",
                              "Watch screen-unlock attempts and lock the screen", "Require storage encryption",
                              "Turn off cameras", "Install and remove company apps"])
            lines.append(.blank)
            lines += page.para("Press a to activate device management.", .warning)
        case .certificate:
            lines += page.para("A certificate lets \(organization)'s management service talk securely with the device. Name it, then press Enter to install it.")
        case .requirements:
            lines += requirementLines(state, width: width)
        case .workAccount:
            let user = state.facts?.user.userPrincipalName ?? ""
            lines += page.para("Windows signs in to \(organization) with your work account, \(user), and enrolls the device in management. Press Enter to connect.")
        case .inspecting:
            lines += page.para("… Inspecting this machine: its distribution and version, host name, vendor and model, disk encryption and password policy; then checking it against \(organization)'s compliance policies.", .dim)
        case .checking:
            lines += page.para("… Checking \(device?.model ?? "the device") against \(organization)'s compliance policies.", .dim)
        case .result:
            break
        }
        let options = optionLines(state, width: width)
        if !options.isEmpty { lines += [.blank] + options.flatMap { $0 } }
        return lines
    }

    /// Each answer of a choice step as drawn; they end the step's text.
    static func optionLines(_ state: EnrollmentWizardState, width: Int) -> [[StyledLine]] {
        EnrollmentWizard.options(state).enumerated().map { index, option in
            let selected = index == state.choice.selected
            return StyledLine.wrapped(option, role: selected ? .selection : .text, width: width, indent: 4,
                                      firstPrefix: [Span(selected ? "  › " : "    ", selected ? .selection : .text)])
        }
    }

    /// The answer drawn on this screen row, if any.
    static func option(atRow y: Int, _ state: EnrollmentWizardState, context: PortalContext, size: Size, now: Date) -> Int? {
        let content = PortalLayout(size: size).content
        let width = content.width - 3
        let line = y - (content.y + 3) + state.scroll.offset
        guard y >= content.y + 3, y < content.y + 3 + bodyHeight(state, in: content) else { return nil }
        let options = optionLines(state, width: width)
        var start = lines(state, context: context, width: width, now: now).count - options.reduce(0) { $0 + $1.count }
        for (index, drawn) in options.enumerated() {
            if (start..<start + drawn.count).contains(line) { return index }
            start += drawn.count
        }
        return nil
    }

    private static func passcodeLines(_ state: EnrollmentWizardState, width: Int) -> [StyledLine] {
        guard let facts = state.facts, let device = state.device else { return [] }
        var lines = StyledLine.wrapped("\(facts.organization.displayName) requires a \(device.operatingSystem.secretWord) this device does not have:", width: width)
        for failure in facts.passcodeFailures(device.passcode, on: device) {
            lines += StyledLine.wrapped("\(failure.title): \(failure.expected)", width: width, indent: 4, firstPrefix: [Span("  ✗ ", .noncompliant)])
        }
        if device.operatingSystem == .iOS || device.operatingSystem == .iPadOS {
            lines += StyledLine.wrapped("Set it now, or press F6 to set it later: iOS gives you 60 minutes, and the device is out of compliance until you set it.", role: .dim, width: width)
        }
        return lines
    }

    private static func requirementLines(_ state: EnrollmentWizardState, width: Int) -> [StyledLine] {
        guard let facts = state.facts, let device = state.device else { return [] }
        var lines = StyledLine.wrapped("These must be met before the device is compliant; Android has no grace period.", width: width)
        let pinFailures = facts.passcodeFailures(state.session.passcode ?? device.passcode, on: device)
        let pinText = pinFailures.isEmpty ? "PIN meets the policy" : pinFailures.map { "\($0.title): \($0.expected)" }.joined(separator: "; ")
        lines += StyledLine.wrapped(pinText, width: width, indent: 4,
                                    firstPrefix: [Span(pinFailures.isEmpty ? "  ✓ " : "  ✗ ", pinFailures.isEmpty ? .compliant : .noncompliant)])
        let requiresEncryption = facts.policies(for: device.operatingSystem).contains { $0.storageRequireEncryption == true }
        if requiresEncryption {
            let encrypted = state.session.encrypted || device.isEncrypted == true
            lines += StyledLine.wrapped(encrypted ? "Device encrypted" : "Device must be encrypted: press F5 to encrypt it", width: width, indent: 4,
                                        firstPrefix: [Span(encrypted ? "  ✓ " : "  ✗ ", encrypted ? .compliant : .noncompliant)])
        }
        lines += StyledLine.wrapped("Type a new PIN below if it needs one, then press Enter.", role: .dim, width: width)
        return lines
    }

    /// Every fact the inspection of this machine could not read, with the reason: never guessed.
    private static func unreadLines(_ host: HostFacts, width: Int) -> [StyledLine] {
        let unknown = host.unknownFacts
        guard !unknown.isEmpty else { return [] }
        var lines: [StyledLine] = [.blank, StyledLine("Not read from this machine (reported as unknown):", .warning)]
        for fact in unknown {
            lines += StyledLine.wrapped("\(fact.name): \(fact.reason)", width: width, indent: 4, firstPrefix: [Span("  ? ", .warning)])
        }
        return lines
    }

    /// Enrolled: the compliance state, each failing setting with how to
    /// resolve it, and the grace deadline.
    private static func result(_ device: ManagedDevice, _ evaluation: ComplianceEvaluation, again: Bool, access: DeviceAccess?,
                               context: PortalContext, width: Int, now: Date) -> [StyledLine] {
        let state = evaluation.state
        let headline = again ? "\(device.deviceName) is enrolled again: its device was updated, not added"
            : "\(device.deviceName) is enrolled"
        var lines = StyledLine.wrapped(headline, role: .compliant, width: width, indent: 2, firstPrefix: [Span("✓ ", .compliant)])
        lines += StyledLine.wrapped(evaluation.accessSummary, width: width, indent: 2,
                                    firstPrefix: [Span("\(state.glyph) \(state.label)", state.role), Span(" — ")])
        if let deadline = evaluation.graceDeadline {
            lines += StyledLine.wrapped("Fix the settings below by \(context.dateTime(deadline)) (\(PortalContext.relative(deadline, now: now))) to keep access.",
                                        role: .warning, width: width)
        }
        if let access, let summary = AccessSection.summary(access) {
            lines += StyledLine.wrapped(summary, role: .dim, width: width)
        }
        if state == .compliant {
            lines += StyledLine.wrapped("You can shortly access company email, files and apps from it.", width: width)
        }
        let failures = evaluation.failures
        if !failures.isEmpty {
            lines.append(.blank)
            lines.append(StyledLine("This device is not in compliance:", .noncompliant))
            for failure in failures {
                lines += StyledLine.wrapped(failure.title, role: .title, width: width, indent: 4, firstPrefix: [Span("  ✗ ", .noncompliant)])
                lines += StyledLine.wrapped("Expected: \(failure.expected) · Reported: \(failure.actual)", role: .dim, width: width, indent: 4)
                lines += StyledLine.wrapped("How to resolve this: \(failure.howToResolve)", width: width, indent: 4)
            }
        }
        lines.append(.blank)
        lines += StyledLine.wrapped("It now shows under Devices. Press Enter to see it there.", role: .dim, width: width)
        return lines
    }
}
