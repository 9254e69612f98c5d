import Foundation

/// How an enrolled device is written: Graph's fields as Intune fills them
/// when a user enrolls a device through the Company Portal.
public enum EnrollmentRecord {
    public static func device(_ simulated: SimulatedDevice, session: EnrollmentSession?, user: User, id: String,
                              categoryName: String, now: Date) -> ManagedDevice {
        let name = session?.deviceName.flatMap { $0.isEmpty ? nil : $0 } ?? simulated.suggestedName
        var encrypted = simulated.isEncrypted
        if session?.encrypted == true { encrypted = true }
        return ManagedDevice(
            id: id, userId: user.id, userPrincipalName: user.userPrincipalName, deviceName: name,
            managedDeviceOwnerType: session?.ownership ?? .unknown, enrolledDateTime: now, lastSyncDateTime: now,
            operatingSystem: simulated.operatingSystem, osVersion: simulated.osVersion, jailBroken: simulated.jailBroken,
            managementAgent: .mdm, deviceEnrollmentType: .userEnrollment, deviceRegistrationState: .registered,
            deviceCategoryDisplayName: categoryName, isEncrypted: encrypted, isSupervised: false,
            model: simulated.model, manufacturer: simulated.manufacturer, serialNumber: simulated.serialNumber,
            imei: simulated.imei, partnerReportedThreatState: simulated.partnerReportedThreatState,
            passcode: session?.passcode ?? simulated.passcode)
    }

    /// Stores what the evaluator decided, as the first check-in would.
    public static func record(_ evaluation: ComplianceEvaluation, on device: inout ManagedDevice, now: Date) {
        device.complianceState = evaluation.state
        device.complianceGracePeriodExpirationDateTime = evaluation.graceDeadline
        device.noncompliantSinceDateTime = evaluation.failures.isEmpty ? nil : now
    }
}
