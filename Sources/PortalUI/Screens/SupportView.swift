import Foundation
import PortalCore

/// Help & support: the organization's contacts, privacy statement, terms and About.
enum SupportView {
    static func lines(context: PortalContext, width: Int) -> [StyledLine] {
        let organization = context.organization
        let support = organization.support
        // Contacts the organization left blank are left out, not shown as "—".
        func field(_ label: String, _ value: String, _ role: Role = .text) -> [StyledLine] {
            value.isEmpty ? [] : DetailField.line(label, value, role: role, width: width, labelWidth: 18)
        }
        var lines: [StyledLine] = [
            StyledLine(TextWidth.truncate("Contact \(organization.displayName) IT", to: width), .title),
            StyledLine("Contact your IT department for help with your devices and apps.", .dim),
            .blank,
        ]
        lines += field("Contact", support.contactName)
        lines += field("Phone", support.phoneNumber)
        lines += field("Email", support.emailAddress, .link)
        lines += field("Website", support.websiteName)
        lines += field("", support.websiteUrl, .link)
        if !support.additionalInformation.isEmpty {
            lines.append(.blank)
            lines += StyledLine.wrapped(support.additionalInformation, width: width)
        }
        lines.append(.blank)
        lines.append(StyledLine("Privacy", .accent))
        lines += field("Privacy statement", organization.privacyStatementUrl, .link)
        lines += StyledLine.wrapped("Your organization can never see your call and browsing history, email and text messages, contacts, calendar, passwords, photos or document contents.", role: .dim, width: width)
        lines.append(.blank)
        lines.append(StyledLine("Terms and conditions", .accent))
        let terms = organization.termsAndConditions
        lines += field("Title", terms.title)
        lines += field("Version", String(terms.version))
        lines += field("Summary", terms.summary)
        lines.append(.blank)
        lines.append(StyledLine("About", .accent))
        lines += field("Portal version", context.about.version)
        lines += field("Store", context.about.storeDescription(isDemo: context.isDemo))
        lines += field("Schema version", String(context.about.schemaVersion))
        if let database = context.about.databaseSchemaVersion { lines += field("Database schema", String(database)) }
        lines.append(.blank)
        lines += StyledLine.wrapped("Asked for a diagnostic report? Press d to save one: it holds no password, secret or code.", role: .dim, width: width)
        return lines
    }
}
