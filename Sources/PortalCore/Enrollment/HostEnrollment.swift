import Crypto
import Foundation

/// Enrolling the Linux machine the portal runs on: its facts come from an
/// inspection (HostFacts), not from the store. The device is keyed by an
/// app-specific hash of etc/machine-id kept in `serialNumber` (the model has
/// no better field), so enrolling it again updates the same device and the
/// raw machine id never leaves the host (machine-id(5) asks for that).
public enum HostEnrollment {
    /// The walkthrough's device id for this machine.
    public static let deviceId = "this-linux-machine"
    public static let displayName = "This Linux machine"

    /// The steps: no profile, certificate or work account; the inspection
    /// reads the facts and enrolls, as checking does for a simulated device.
    public static func plan(termsAccepted: Bool) -> [EnrollmentStep] {
        var steps: [EnrollmentStep] = [.device, .ownership, .privacy]
        if !termsAccepted { steps.append(.terms) }
        return steps + [.inspecting, .result]
    }

    /// Whether a device was enrolled as a machine the portal ran on.
    public static func isHostDevice(_ device: ManagedDevice) -> Bool {
        device.operatingSystem == .linux && device.serialNumber.hasPrefix("linux-")
    }

    /// HMAC-SHA256 of a fixed application label keyed by the machine id, as
    /// sd_id128_get_machine_app_specific does; nil when the id is unknown.
    public static func stableId(_ facts: HostFacts) -> String? {
        guard let machineId = facts.machineId.value else { return nil }
        let code = HMAC<SHA256>.authenticationCode(for: Data("portal enrollment".utf8), using: SymmetricKey(data: Data(machineId.utf8)))
        return "linux-" + code.prefix(16).map { String(format: "%02x", $0) }.joined()
    }
}

extension HostFacts {
    /// Every fact the inspection could not read, named as the probe prints it, with the reason.
    public var unknownFacts: [(name: String, reason: String)] {
        let all: [(String, String?)] = [
            ("Distribution", distributionId.unknownReason), ("Version", versionId.unknownReason),
            ("Name", prettyName.unknownReason), ("Host name", hostName.unknownReason),
            ("Vendor", vendor.unknownReason), ("Model", model.unknownReason),
            ("Disk encryption", everyFilesystemEncrypted.unknownReason),
            ("Password policy (pwquality)", passwordPolicy.pwquality.unknownReason),
            ("Password policy (login.defs)", passwordPolicy.loginDefs.unknownReason),
            ("Machine id", machineId.unknownReason),
        ]
        return all.compactMap { name, reason in reason.map { (name, $0) } }
    }
}

extension EnrollmentFacts {
    /// The device this host already is for the user, if enrolled before.
    public func enrolledHost(_ facts: HostFacts) -> ManagedDevice? {
        guard let id = HostEnrollment.stableId(facts) else { return nil }
        return enrolledDevices.first { $0.serialNumber == id }
    }

    /// The host as it would be enrolled now, and its compliance.
    public func hostOutcome(of session: EnrollmentSession, facts host: HostFacts, existing: ManagedDevice?,
                            now: Date) -> (ManagedDevice, ComplianceEvaluation) {
        let base = existing ?? ManagedDevice(
            id: "", userId: user.id, userPrincipalName: user.userPrincipalName, deviceName: HostEnrollment.displayName,
            managedDeviceOwnerType: session.ownership ?? .unknown, enrolledDateTime: now, lastSyncDateTime: now,
            operatingSystem: .linux, osVersion: "", managementAgent: .mdm, deviceEnrollmentType: .userEnrollment,
            deviceRegistrationState: .registered, isEncrypted: nil, model: "", manufacturer: "",
            serialNumber: HostEnrollment.stableId(host) ?? "", passcode: nil)
        var device = HostDeviceFacts(host).applied(to: base)
        device.managedDeviceOwnerType = session.ownership ?? device.managedDeviceOwnerType
        device.lastSyncDateTime = now
        let evaluation = ComplianceEvaluator(validityPeriodDays: organization.complianceValidityPeriodDays)
            .evaluate(device, policies: policies(for: .linux), now: now)
        EnrollmentRecord.record(evaluation, on: &device, now: now)
        return (device, evaluation)
    }
}

extension Tenant {
    /// Enrolls the inspected host under the lock, restrictions checked again.
    mutating func enrollHost(_ session: EnrollmentSession, now: Date) throws(EnrollmentChangeError) -> EnrollmentChangeResult {
        guard let owner = user(id: session.userId) else { throw .userNotFound }
        guard let host = session.hostFacts else { throw .refused("This machine was not inspected yet. Go back and go on again.") }
        guard let stableId = HostEnrollment.stableId(host) else {
            throw .refused("The portal cannot tell this machine apart from others: \(host.machineId.unknownReason ?? "no machine id"). Ask your IT department.")
        }
        if let step = session.unfinishedStep { throw .refused("Finish the step \"\(step.title)\" first.") }
        if !hasAcceptedCurrentTerms(userId: owner.id) {
            throw .refused("\(organization.displayName) changed its terms since you accepted them. Cancel (F4) and start again to read the new version.")
        }
        let existing = managedDevices.firstIndex { $0.serialNumber == stableId }
        try refuseIfTaken(existing, by: owner)
        let reenrolling = existing != nil
        let blocks = organization.enrollment.blocks(platform: .linux, ownership: session.ownership,
                                                    osVersion: host.versionId.value ?? "", enrolledCount: devices(of: owner).count,
                                                    reenrolling: reenrolling)
        if !blocks.isEmpty { throw .blocked(blocks, organization: organization.displayName) }
        let facts = EnrollmentFacts(user: owner, tenant: self)
        let kept = existing.map { managedDevices[$0] }
        var (device, evaluation) = facts.hostOutcome(of: session, facts: host, existing: kept, now: now)
        device.id = existing.map { managedDevices[$0].id } ?? "dev-\(stableId)"
        device.userId = owner.id
        device.userPrincipalName = owner.userPrincipalName
        if let existing { managedDevices[existing] = device } else { managedDevices.append(device) }
        enrollmentSessions.removeAll { $0.userId == owner.id }
        return .enrolled(device, evaluation)
    }
}
