import Foundation

/// One change to an enrollment, applied atomically by the store (the file
/// under its lock, a database in one transaction). `enroll` checks the
/// restrictions again against what is stored at that moment, so two
/// terminals enrolling at once never pass the device limit or add one device twice.
public enum EnrollmentChange: Equatable, Sendable {
    /// Keeps the walkthrough as it is now, to resume it after an interruption.
    case save(EnrollmentSession)
    /// Records the user's acceptance of this version of the terms.
    case acceptTerms(userId: String, version: Int)
    /// Ends the walkthrough without enrolling: Cancel, or terms declined.
    case cancel(userId: String)
    /// Enrolls the session's device and ends the walkthrough.
    case enroll(EnrollmentSession)

    /// Whose walkthrough it is: a database store locks and reads that user's part.
    public var userId: String {
        switch self {
        case let .save(session), let .enroll(session): session.userId
        case let .acceptTerms(userId, _), let .cancel(userId): userId
        }
    }
}

public enum EnrollmentChangeResult: Equatable, Sendable {
    case saved
    case cancelled
    /// The device as stored, and its compliance at enrollment.
    case enrolled(ManagedDevice, ComplianceEvaluation)
}

public enum EnrollmentChangeError: Error, Equatable, Sendable {
    case userNotFound
    case deviceNotFound
    case blocked([EnrollmentRestrictions.Block], organization: String)
    case refused(String)

    public var message: String {
        switch self {
        case .userNotFound: AccountChangeError.userNotFound.message
        case .deviceNotFound: "That device is no longer offered by your organization. Choose another one."
        case let .blocked(blocks, organization): blocks.map { $0.message(organization: organization) }.joined(separator: " ")
        case let .refused(reason): reason
        }
    }
}

extension Tenant {
    /// Applies one change; throws without having changed anything.
    public mutating func apply(_ change: EnrollmentChange, now: Date) throws(EnrollmentChangeError) -> EnrollmentChangeResult {
        switch change {
        case var .save(session):
            guard user(id: session.userId) != nil else { throw .userNotFound }
            session.updatedDateTime = now
            if let index = enrollmentSessions.firstIndex(where: { $0.userId == session.userId }) {
                enrollmentSessions[index] = session
            } else {
                enrollmentSessions.append(session)
            }
            return .saved
        case let .acceptTerms(userId, version):
            guard user(id: userId) != nil else { throw .userNotFound }
            // Accepting again updates the record where it is: a database that
            // reads only this user's records keeps the same order as the file.
            let accepted = TermsAcceptance(userId: userId, version: version, acceptedDateTime: now)
            if let index = termsAcceptances.firstIndex(where: { $0.userId == userId && $0.version == version }) {
                termsAcceptances[index] = accepted
                termsAcceptances.removeAll { $0.userId == userId && $0.version == version && $0 != accepted }
            } else {
                termsAcceptances.append(accepted)
            }
            return .saved
        case let .cancel(userId):
            enrollmentSessions.removeAll { $0.userId == userId }
            return .cancelled
        case let .enroll(session) where session.simulatedDeviceId == HostEnrollment.deviceId:
            return try enrollHost(session, now: now)
        case let .enroll(session):
            return try enroll(session, now: now)
        }
    }

    private mutating func enroll(_ session: EnrollmentSession, now: Date) throws(EnrollmentChangeError) -> EnrollmentChangeResult {
        guard let owner = user(id: session.userId) else { throw .userNotFound }
        guard let simulated = simulatedDevice(id: session.simulatedDeviceId ?? "") else { throw .deviceNotFound }
        if let step = session.unfinishedStep { throw .refused("Finish the step \"\(step.title)\" first.") }
        // The terms accepted, now or before, must still be the current ones.
        if !hasAcceptedCurrentTerms(userId: owner.id) {
            throw .refused("\(organization.displayName) changed its terms since you accepted them. Cancel (F4) and start again to read the new version.")
        }
        // The same device enrolled again (by serial number) updates its record.
        let existing = managedDevices.firstIndex { $0.serialNumber == simulated.serialNumber }
        try refuseIfTaken(existing, by: owner)
        let reenrolling = existing != nil
        let blocks = organization.enrollment.blocks(platform: simulated.operatingSystem, ownership: session.ownership,
                                                    osVersion: simulated.osVersion, enrolledCount: devices(of: owner).count,
                                                    reenrolling: reenrolling)
        if !blocks.isEmpty { throw .blocked(blocks, organization: organization.displayName) }
        let facts = EnrollmentFacts(user: owner, tenant: self)
        guard let (shown, evaluation) = facts.outcome(of: session, now: now) else { throw .deviceNotFound }
        var device = shown
        device.id = existing.map { managedDevices[$0].id } ?? "dev-\(simulated.id)"
        if let existing { device.enrolledDateTime = managedDevices[existing].enrolledDateTime }
        if let existing {
            managedDevices[existing] = device
        } else {
            managedDevices.append(device)
        }
        enrollmentSessions.removeAll { $0.userId == owner.id }
        return .enrolled(device, evaluation)
    }

    /// A device enrolled by someone else stays theirs: enrolling it here
    /// would take it, and their access, away without a word.
    func refuseIfTaken(_ existing: Int?, by owner: User) throws(EnrollmentChangeError) {
        guard let existing, managedDevices[existing].userId != owner.id else { return }
        throw .refused(EnrollmentChangeError.takenMessage(organization: organization.displayName))
    }
}

extension EnrollmentChangeError {
    public static func takenMessage(organization: String) -> String {
        "Another person in \(organization) has this device enrolled. It can be enrolled here only after they remove it under Devices, or after your IT department retires it."
    }
}
