import Foundation
import PortalCore

/// What `TerminalLoop` drives: the portal's runtime, or a wrapper around it
/// (the kiosk) that decides which messages reach the portal and when.
public protocol LoopRuntime: AnyObject {
    var clock: Clock { get }
    var isFinished: Bool { get }
    /// Whether slow work is under way, so the loop looks for results often.
    var isBusy: Bool { get }
    /// When the screen next changes on its own after `now`.
    func nextTick(after now: Date) -> Date
    func post(_ message: Message)
    @discardableResult func deliverFinishedWork() -> Bool
    func takeTerminalRequests() -> [TerminalRequest]
    func render() -> CellBuffer
    /// The longest the loop may sleep with nothing to do: shorter while the
    /// store announces other portals' changes, so they show within a second.
    var idleWaitMilliseconds: Int { get }
}

extension LoopRuntime {
    public var idleWaitMilliseconds: Int { TerminalLoop.longestWaitMilliseconds }
}

extension PortalRuntime: LoopRuntime {
    public var idleWaitMilliseconds: Int { watchesStore ? 200 : TerminalLoop.longestWaitMilliseconds }

    public func nextTick(after now: Date) -> Date {
        TerminalLoop.nextTick(after: now, every: tickSeconds)
    }
}
