import Foundation

/// The facts of a ManagedDevice that an inspection of a Linux host decides.
/// Enrolling the same host again applies them to the device it already has,
/// so the device keeps its id, owner and enrollment dates.
public struct HostDeviceFacts: Sendable, Equatable {
    public var osVersion: String
    /// A distribution compliance has no type for (Debian, Fedora, Rocky ...)
    /// is `other` under its own name, never RHEL because its ID_LIKE says so;
    /// nil only when os-release could not be read.
    public var distribution: LinuxDistribution?
    public var isEncrypted: Bool?
    public var passcode: PasscodeFacts?
    public var manufacturer: String
    public var model: String
    public var deviceName: String

    public init(_ facts: HostFacts) {
        osVersion = facts.versionId.value ?? ""
        if let id = facts.distributionId.value, let version = facts.versionId.value {
            distribution = LinuxDistribution(type: LinuxDistribution.Kind(rawValue: id) ?? .other, version: version,
                                             prettyName: facts.prettyName.value)
        } else {
            distribution = nil
        }
        isEncrypted = facts.everyFilesystemEncrypted.value
        passcode = facts.passwordPolicy.pwquality.value.flatMap(Self.weakestPassword)
        manufacturer = facts.vendor.value ?? ""
        model = facts.model.value ?? ""
        deviceName = facts.hostName.value ?? ""
    }

    /// The weakest password the pwquality policy lets a user set, which is
    /// what compliance must judge: a policy is only as strong as that.
    /// libpwquality accepts a password when its length plus its credits
    /// reaches minlen, each class earning one credit a character up to its
    /// credit; so the shortest is minlen less every positive credit, and never
    /// under half of minlen (a character earns at most one). A class is required when its
    /// credit is negative, or when minclass is 4; minclass 2 or 3 requires
    /// no class in particular, so it adds none. Nil when a setting is unknown.
    public static func weakestPassword(_ settings: PwqualitySettings) -> PasscodeFacts? {
        guard let minlen = settings.minlen.value, let dcredit = settings.dcredit.value,
              let ucredit = settings.ucredit.value, let lcredit = settings.lcredit.value,
              let ocredit = settings.ocredit.value, let minclass = settings.minclass.value else { return nil }
        let credits = [dcredit, ucredit, lcredit, ocredit]
        let creditTotal = credits.filter { $0 > 0 }.reduce(0, saturatingSum)
        let everyClass = minclass >= 4 ? 1 : 0
        func required(_ credit: Int) -> Int { max(credit < 0 ? (credit == Int.min ? Int.max : -credit) : 0, everyClass) }
        let digits = required(dcredit), uppercase = required(ucredit), lowercase = required(lcredit), symbols = required(ocredit)
        let classTotal = [digits, uppercase, lowercase, symbols].reduce(0, saturatingSum)
        let (shortened, overflow) = minlen.subtractingReportingOverflow(creditTotal)
        let length = max(overflow ? 0 : shortened, minlen / 2 + minlen % 2, classTotal, 1)
        return PasscodeFacts(isSet: true, length: length, digits: digits, lowercase: lowercase,
                             uppercase: uppercase, symbols: symbols)
    }

    /// Both counts are at least 0 here, so overflow can only go up.
    private static func saturatingSum(_ left: Int, _ right: Int) -> Int {
        let (sum, overflow) = left.addingReportingOverflow(right)
        return overflow ? Int.max : sum
    }

    /// The device with these facts; everything else about it is kept, and so
    /// is its name when the host name could not be read.
    public func applied(to device: ManagedDevice) -> ManagedDevice {
        var device = device
        device.operatingSystem = .linux
        device.osVersion = osVersion
        device.distribution = distribution
        device.isEncrypted = isEncrypted
        device.passcode = passcode
        device.manufacturer = manufacturer
        device.model = model
        if !deviceName.isEmpty { device.deviceName = deviceName }
        return device
    }
}
