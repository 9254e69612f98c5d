import Foundation
import PortalCore

/// Runs the program: feeds messages to update, performs the effects update
/// asks for, and feeds their results back until nothing is pending. Screen
/// scripts and the terminal loop both drive the program through it.
public final class PortalRuntime {
    public private(set) var state: AppState
    public let context: PortalContext
    public let clock: Clock

    public init(context: PortalContext, clock: Clock, size: Size) {
        self.context = context
        self.clock = clock
        state = AppState(size: size, now: clock.now())
    }

    public var isFinished: Bool { state.isFinished }

    /// Sends a message and drains every effect it causes. `beforeEffects` runs
    /// once effects are due, so a front can show "Signing in…" during slow work.
    public func send(_ message: Message, beforeEffects: (() -> Void)? = nil) {
        var queue = [message]
        var announced = false
        while !queue.isEmpty {
            let next = queue.removeFirst()
            state.now = clock.now()
            let effects = PortalApp.update(&state, next, context: context)
            if !effects.isEmpty && !announced {
                announced = true
                beforeEffects?()
            }
            for effect in effects {
                if let result = perform(effect) { queue.append(result) }
            }
        }
    }

    public func render() -> CellBuffer {
        PortalApp.view(state, context: context)
    }

    private func perform(_ effect: Effect) -> Message? {
        switch effect {
        case let .authenticate(userPrincipalName, password):
            switch Authenticator().authenticate(userPrincipalName: userPrincipalName, password: password, in: context.tenant) {
            case let .success(user): return .signInSucceeded(user)
            case let .failure(failure): return .signInFailed(failure)
            }
        case .quit:
            state.isFinished = true
            return nil
        }
    }
}
