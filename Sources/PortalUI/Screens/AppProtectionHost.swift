import Foundation
import PortalCore

/// How the portal hosts the app protection walkthrough: Home starts it
/// (press w) and once an app is registered the portal reads the user's data
/// again so Home lists the registration.
enum AppProtectionHost {
    static func start(_ state: inout PortalState, now: Date) -> [Effect] {
        state.appProtection = AppProtectionWizardState(userId: state.user.id)
        return [.loadAppProtection(userId: state.user.id)]
    }

    /// The walkthrough's share of a message; nil when it is not the walkthrough's.
    static func update(_ state: inout PortalState, _ message: Message, context: PortalContext, size: Size, now: Date) -> [Effect]? {
        switch message {
        case .appProtectionLoaded, .appProtectionChanged, .appProtectionFailed:
            guard state.appProtection != nil else { return [] }
        case .input(.key), .input(.paste), .input(.mouse):
            guard state.appProtection != nil else { return nil }
        case .input(.resize):
            // A taller window shows more of the step's text; never scroll past its end.
            if var wizard = state.appProtection, !size.isBelowMinimum {
                let page = AppProtectionWizardView.page(wizard, context: context, size: size, now: now)
                wizard.scroll.clamp(lines: page.lines, visible: page.visible)
                state.appProtection = wizard
            }
            return nil
        default:
            return nil
        }
        guard var wizard = state.appProtection else { return [] }
        let page = AppProtectionWizardView.page(wizard, context: context, size: size, now: now)
        let effects = AppProtectionWizard.update(&wizard, message, page: page)
        state.appProtection = wizard.closed ? nil : wizard
        return effects
    }
}
