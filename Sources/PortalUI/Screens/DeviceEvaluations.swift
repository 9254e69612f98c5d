import Foundation
import PortalCore

/// Each of the user's devices evaluated once a minute (compliance follows the
/// clock), shared by Home and the notifications: for a user with 1,000
/// devices one pass costs about 16 ms, and sign-in used to run two.
public struct DeviceEvaluations: Equatable, Sendable {
    private var minute: Int?
    private var byId: [String: ComplianceEvaluation] = [:]

    public init() {}

    mutating func refresh(_ data: UserPortalData, now: Date) {
        let current = DocumentLines.minute(of: now)
        guard current != minute else { return }
        minute = current
        byId = Dictionary(data.devices.map { ($0.id, data.evaluate($0, now: now)) }, uniquingKeysWith: { first, _ in first })
    }

    /// The evaluation of this minute, or one made now for a device it lacks.
    func evaluation(of device: ManagedDevice, data: UserPortalData, now: Date) -> ComplianceEvaluation {
        byId[device.id] ?? data.evaluate(device, now: now)
    }
}
