import Foundation

/// How the device list is sorted and filtered. Rows arrive sorted by name;
/// every other order breaks ties by that name order, so a list never shuffles.
public struct DeviceListQuery: Sendable, Equatable {
    public enum Sort: String, CaseIterable, Sendable {
        case name, state, lastCheckIn

        public var label: String {
            switch self {
            case .name: "name"
            case .state: "compliance"
            case .lastCheckIn: "last check-in"
            }
        }
    }

    /// Compliance states grouped by what the user has to do.
    public enum StateFilter: String, CaseIterable, Sendable {
        case compliant, inGracePeriod, notCompliant, unknown

        public var label: String {
            switch self {
            case .compliant: "Compliant"
            case .inGracePeriod: "In grace period"
            case .notCompliant: "Not compliant"
            case .unknown: "Unknown"
            }
        }

        /// "None of your devices ... is not compliant".
        var phrase: String {
            switch self {
            case .compliant: "is compliant"
            case .inGracePeriod: "is in its grace period"
            case .notCompliant: "is not compliant"
            case .unknown: "has an unknown state"
            }
        }

        public func matches(_ state: ComplianceState) -> Bool {
            switch self {
            case .compliant: state == .compliant || state == .configManager
            case .inGracePeriod: state == .inGracePeriod
            case .notCompliant: state == .noncompliant || state == .conflict || state == .error
            case .unknown: state == .unknown
            }
        }
    }

    public var sort: Sort = .name
    public var platform: DevicePlatform?
    public var state: StateFilter?

    public init(sort: Sort = .name, platform: DevicePlatform? = nil, state: StateFilter? = nil) {
        self.sort = sort
        self.platform = platform
        self.state = state
    }

    public var isFiltered: Bool { platform != nil || state != nil }

    /// The rows kept by the filters, in the chosen order.
    public func apply(_ rows: [DeviceRow]) -> [DeviceRow] {
        // The usual view shares the rows' storage instead of copying them.
        if !isFiltered && sort == .name { return rows }
        let kept = rows.enumerated().filter { _, row in
            (platform.map { row.device.operatingSystem == $0 } ?? true) && (state.map { $0.matches(row.evaluation.state) } ?? true)
        }
        switch sort {
        case .name:
            return kept.map(\.element)
        case .state:
            // Most urgent first, as Home lists them; in grace, the nearest deadline first.
            return kept.sorted { left, right in
                let l = left.element.evaluation, r = right.element.evaluation
                if l.state.urgency != r.state.urgency { return l.state.urgency < r.state.urgency }
                let ld = l.graceDeadline ?? .distantFuture, rd = r.graceDeadline ?? .distantFuture
                if ld != rd { return ld < rd }
                return left.offset < right.offset
            }.map(\.element)
        case .lastCheckIn:
            // Most recent first; devices that never checked in last.
            return kept.sorted { left, right in
                let ld = left.element.device.lastSyncDateTime ?? .distantPast, rd = right.element.device.lastSyncDateTime ?? .distantPast
                if ld != rd { return ld > rd }
                return left.offset < right.offset
            }.map(\.element)
        }
    }

    /// The next platform filter among the platforms the user's devices have, then all again.
    public func nextPlatform(among platforms: Set<DevicePlatform>) -> DevicePlatform? {
        let present = DevicePlatform.allCases.filter(platforms.contains)
        guard let current = platform, let index = present.firstIndex(of: current) else { return present.first }
        return index + 1 < present.count ? present[index + 1] : nil
    }

    /// The next state filter; every group is offered, so a filter can leave the list empty.
    public var nextState: StateFilter? {
        guard let state, let index = StateFilter.allCases.firstIndex(of: state) else { return StateFilter.allCases.first }
        return index + 1 < StateFilter.allCases.count ? StateFilter.allCases[index + 1] : nil
    }

    public var nextSort: Sort {
        let all = Sort.allCases
        return all[(all.firstIndex(of: sort)! + 1) % all.count]
    }

    /// "Linux · Not compliant", what the filters keep; nil when none is set.
    public var filterDescription: String? {
        let parts = [platform?.displayName, state?.label].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " · ")
    }

    /// Why a filtered list is empty, in one sentence (the caption already
    /// says how many devices there are).
    public var emptyReason: String {
        let phrases = [platform.map { "runs \($0.displayName)" }, state?.phrase].compactMap { $0 }
        guard !phrases.isEmpty else { return "" }
        return "None of your devices \(phrases.joined(separator: " and "))."
    }
}
