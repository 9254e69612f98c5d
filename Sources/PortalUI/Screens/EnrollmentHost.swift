import Foundation
import PortalCore

/// How the portal hosts the enrollment walkthrough: Home starts it, a
/// sign-in resumes one left unfinished, and once a device is enrolled the
/// portal reads the user's devices again and shows it under Devices.
enum EnrollmentHost {
    static func start(_ state: inout PortalState, now: Date) -> [Effect] {
        state.enrollment = EnrollmentWizardState(userId: state.user.id, now: now)
        return [.loadEnrollment(userId: state.user.id, resume: false)]
    }

    /// The walkthrough's share of a message; nil when it is not the walkthrough's.
    static func update(_ state: inout PortalState, _ message: Message, context: PortalContext, size: Size, now: Date) -> [Effect]? {
        switch message {
        case let .enrollmentLoaded(facts, resume: true):
            // At sign-in: open only when a walkthrough was left unfinished.
            guard state.enrollment == nil, facts?.session != nil else { return [] }
            state.enrollment = EnrollmentWizardState(userId: state.user.id, now: now)
        case let .portalRefreshed(data):
            PortalReload.apply(&state, data, size: size)
            return []
        case .enrollmentLoaded, .enrollmentChanged, .enrollmentFailed, .hostInspected:
            guard state.enrollment != nil else { return [] }
        case .input(.key), .input(.paste), .input(.mouse):
            guard state.enrollment != nil else { return nil }
        case .input(.resize):
            // A taller window shows more of the step's text; never scroll past its end.
            if var wizard = state.enrollment, !size.isBelowMinimum {
                let page = EnrollmentWizard.Page(state: wizard, context: context, size: size, now: now)
                wizard.scroll.clamp(lines: page.lines, visible: page.visible)
                state.enrollment = wizard
            }
            return nil
        default:
            return nil
        }
        guard var wizard = state.enrollment else { return [] }
        let effects = EnrollmentWizard.update(&wizard, message, context: context, size: size, now: now)
        state.enrollment = wizard.closed ? nil : wizard
        if wizard.closed, case let .enrolled(device, _) = wizard.phase { DevicesScreen.show(device.id, &state, now: now) }
        return effects
    }
}
