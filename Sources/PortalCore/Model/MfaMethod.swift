import Foundation

/// A second-factor method registered for a user (Entra's authentication
/// methods). OATH methods carry their Base32 secret and code settings; the
/// last step a code was accepted for and the token's drift are kept so a code
/// is never accepted twice and a drifting token keeps working.
public struct MfaMethod: Codable, Sendable, Equatable, Identifiable {
    public enum Kind: String, GraphEnum {
        case softwareOath, hardwareOath, microsoftAuthenticator, phone

        public var title: String {
            switch self {
            case .softwareOath: "Authenticator app"
            case .hardwareOath: "Hardware token"
            case .microsoftAuthenticator: "Microsoft Authenticator"
            case .phone: "Phone"
            }
        }
    }

    /// Graph's hardwareOathTokenStatus: an imported token is `assigned`
    /// until its user activates it with a code from it.
    public enum Status: String, GraphEnum {
        case assigned, activated
    }

    public static let nameLimit = 40
    /// Base32 characters of a secret: 80 bits at least (RFC 4226 asks for
    /// 128, tokens in the field ship 80), 128 characters at most (Entra).
    public static let secretLengths = 16...128
    /// How far a token's clock may have drifted, in steps either way.
    public static let allowedDrift = -60...60

    public var id: String
    public var methodType: Kind
    public var displayName: String
    /// Base32, upper case, no spaces.
    public var secretKey: String?
    public var hashFunction: OathAlgorithm?
    public var digits: Int?
    public var timeIntervalInSeconds: Int?
    /// Absent means activated; only imported hardware tokens start `assigned`.
    public var status: Status?
    public var serialNumber: String?
    public var manufacturer: String?
    public var model: String?
    public var createdDateTime: Date?
    public var lastUsedDateTime: Date?
    /// The last time step a code was accepted for; that step and earlier ones are refused.
    public var lastUsedStep: Int64?
    /// Steps between the token's clock and ours, learned at activation.
    public var driftSteps: Int?

    public init(id: String, methodType: Kind, displayName: String, secretKey: String? = nil,
                hashFunction: OathAlgorithm? = nil, digits: Int? = nil, timeIntervalInSeconds: Int? = nil,
                status: Status? = nil, serialNumber: String? = nil, manufacturer: String? = nil, model: String? = nil,
                createdDateTime: Date? = nil) {
        self.id = id
        self.methodType = methodType
        self.displayName = displayName
        self.secretKey = secretKey
        self.hashFunction = hashFunction
        self.digits = digits
        self.timeIntervalInSeconds = timeIntervalInSeconds
        self.status = status
        self.serialNumber = serialNumber
        self.manufacturer = manufacturer
        self.model = model
        self.createdDateTime = createdDateTime
    }

    public var isActivated: Bool { (status ?? .activated) == .activated }

    /// Gives codes the portal can check: phone and push methods need a service it has not.
    public var givesCodes: Bool { secretKey != nil }

    public var canSignIn: Bool { givesCodes && isActivated }

    /// The code settings, with RFC 6238's defaults for what is not stored.
    public var oneTimeCode: OneTimeCode {
        OneTimeCode(algorithm: hashFunction ?? .sha1, digits: digits ?? 6, period: timeIntervalInSeconds ?? 30)
    }

    public var secret: [UInt8]? { secretKey.flatMap(Base32.decode) }
}
