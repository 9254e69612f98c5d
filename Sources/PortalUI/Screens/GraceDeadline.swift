import Foundation
import PortalCore

/// A grace deadline in the user's terms: the time alone today, "tomorrow"
/// and the time, else the full date; and the time left.
enum GraceDeadline {
    /// "until 14:30, 52 minutes left"
    static func until(_ deadline: Date, now: Date, context: PortalContext) -> String {
        "until \(when(deadline, now: now, context: context)), \(left(deadline, now: now))"
    }

    static func when(_ deadline: Date, now: Date, context: PortalContext) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = context.timeZone
        let time = String(context.dateTime(deadline).dropFirst(11).prefix(5))
        if calendar.isDate(deadline, inSameDayAs: now) { return time }
        if let tomorrow = calendar.date(byAdding: .day, value: 1, to: now), calendar.isDate(deadline, inSameDayAs: tomorrow) {
            return "tomorrow \(time)"
        }
        return context.dateTime(deadline)
    }

    /// "52 minutes left"; under a minute, "less than a minute left".
    static func left(_ deadline: Date, now: Date) -> String {
        guard deadline.timeIntervalSince(now) >= 60 else { return "less than a minute left" }
        return String(PortalContext.relative(deadline, now: now).dropFirst(3)) + " left"
    }
}
