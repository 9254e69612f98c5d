import Foundation
import PortalCore
import PortalStore
import Testing
@testable import PortalUI

/// Seeded random keys, clicks, wheel turns, resizes and clock ticks against
/// the headless program. It checks invariants, not what a key means, so it
/// holds while key bindings and screens change. PORTAL_MONKEY_EVENTS and
/// PORTAL_MONKEY_SEED change the run.
@Suite("Monkey")
struct MonkeyTests {
    static let accounts = [
        ("adele.vance@contoso.com", "Contoso-Adele-1"), ("alex.wilber@contoso.com", "Contoso-Alex-2"),
        ("megan.bowen@contoso.com", "Contoso-Megan-3"), ("lee.gu@contoso.com", "Contoso-Lee-4"),
        ("zoe.angstrom@contoso.com", "Contoso-Zoe-5"), ("hanako.yamada@contoso.com", "Contoso-Hanako-6"),
    ]

    static let namedKeys: [Key] = [
        .enter, .tab, .backTab, .escape, .backspace, .delete, .insert, .up, .down, .left, .right,
        .pageUp, .pageDown, .home, .end, .function(1), .function(5), .function(10), .function(12),
    ]
    /// Letters, digits, signs, wide text, and scalars that join the cluster
    /// before them (combining marks, skin tones, ZWJ, variation selectors,
    /// regional indicators, Hangul jamo), which once crashed the text field.
    static let characters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ?!@#/.-_1234jkhlgGé山")
        + ["\u{301}", "\u{1F3FD}", "\u{200D}", "\u{FE0F}", "\u{1F1FA}", "\u{1161}", "\u{2066}", "👍"].map { Character($0) }

    struct Coverage {
        var screens: Set<String> = []
        var restarts = 0
        var signIns = 0
        var belowMinimum = 0
    }

    static func randomEvent(_ random: inout SeededGenerator, size: Size) -> Message {
        switch Int.random(in: 0..<100, using: &random) {
        case 0..<40:
            return .input(.key(.character(random.pick(characters))))
        case 40..<70:
            return .input(.key(random.pick(namedKeys)))
        case 70..<72:
            // Ctrl+C quits at once; keep it rare so runs get far between restarts.
            return .input(.key(.control(random.pick(Array("abcdefghijklmnopqrstuvwxyz")))))
        case 72..<88:
            let kind = random.pick([MouseEvent.Kind.click, .click, .click, .click, .scrollUp, .scrollDown])
            // Mostly on screen, sometimes just off it, as a terminal can report during a resize.
            let x = Int.random(in: -1...size.width, using: &random), y = Int.random(in: -1...size.height, using: &random)
            return .input(.mouse(MouseEvent(kind: kind, x: x, y: y)))
        case 88..<95:
            let sizes = [Size(width: 80, height: 24), Size(width: 132, height: 43), Size(width: 100, height: 30),
                         Size(width: 79, height: 24), Size(width: 80, height: 23), Size(width: 40, height: 10)]
            let size = random.chance(50) ? random.pick(sizes)
                : Size(width: Int.random(in: 1...220, using: &random), height: Int.random(in: 1...70, using: &random))
            return .input(.resize(size))
        default:
            return .tick
        }
    }

    /// Signs in through the form; if the form's keys changed, through the
    /// message the form sends on success, so the run still covers the portal.
    static func signIn(_ runtime: PortalRuntime, tenant: Tenant, _ random: inout SeededGenerator) {
        let (account, password) = random.pick(accounts)
        for character in account { runtime.send(.input(.key(.character(character)))) }
        runtime.send(.input(.key(.tab)))
        for character in password { runtime.send(.input(.key(.character(character)))) }
        runtime.send(.input(.key(.enter)))
        if !runtime.state.isPortal, let user = tenant.users.first(where: { $0.userPrincipalName == account }) {
            runtime.send(.portalOpened(UserPortalData(user: user, tenant: tenant)))
        }
    }

    /// What must hold after every event, whatever the keys mean.
    static func checkInvariants(_ runtime: PortalRuntime, size: Size, context: String) -> [String] {
        var problems: [String] = []
        let state = runtime.state
        if state.size != size { problems.append("state size \(state.size), last resize \(size)") }
        let screen = runtime.render()
        if screen.size != size { problems.append("frame size \(screen.size), terminal \(size)") }
        if let cursor = screen.cursor, !(0..<size.width).contains(cursor.x) || !(0..<size.height).contains(cursor.y) {
            problems.append("cursor \(cursor.x),\(cursor.y) outside \(size)")
        }
        // Newlines only separate rows; any other control character would reach the terminal raw.
        if screen.text.unicodeScalars.contains(where: { $0 != "\n" && InertText.isUnsafe($0) }) {
            problems.append("a control character in the frame")
        }
        if case let .portal(portal) = state.screen {
            func list(_ name: String, _ list: ListState, count: Int) {
                if count == 0 {
                    if list.selected != 0 || list.offset != 0 { problems.append("\(name): \(list) in an empty list") }
                } else if !(0..<count).contains(list.selected) || list.offset < 0 || list.offset > list.selected {
                    problems.append("\(name): selected \(list.selected), offset \(list.offset) for \(count) rows")
                }
            }
            list("devices", portal.deviceList, count: portal.myDevices.count)
            list("apps", portal.appList, count: portal.catalog.count)
            for (name, scroll) in [("home", portal.homeScroll), ("support", portal.supportScroll), ("detail", portal.detailScroll)]
            where scroll.offset < 0 {
                problems.append("\(name) scroll offset \(scroll.offset)")
            }
            switch portal.detail {
            case let .device(id) where !portal.myDevices.contains { $0.id == id }:
                problems.append("detail of device \(id), not the user's")
            case let .app(id) where !portal.catalog.contains { $0.app.id == id }:
                problems.append("detail of app \(id), not in the catalog")
            default: break
            }
        }
        return problems.map { "\(context): \($0)" }
    }

    /// A name per kind of screen, for the coverage line. Written without
    /// exhaustive switches, so new screens and dialogs do not break it.
    static func screenName(_ state: AppState) -> String {
        if state.size.isBelowMinimum { return "too small" }
        if let overlay = state.overlay { return overlay == .help ? "help" : "dialog" }
        guard case let .portal(portal) = state.screen else { return "sign-in" }
        switch portal.detail {
        case nil: return portal.section.title
        case .device?: return "device"
        default: return "detail"
        }
    }

    /// Plays `events` seeded events on a store read from a file, restarting
    /// the program whenever it quits; returns the problems seen.
    static func play(seed: UInt64, events: Int, signedIn: Bool, coverage: inout Coverage) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("portal-monkey-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let storeURL = folder.appendingPathComponent("portal.json")
        try JSONStore(url: storeURL).create(DemoOrganization.make(now: testNow, random: SeededRandomSource(seed: seed), iterations: PasswordHash.allowedIterations.lowerBound))
        let before = try Data(contentsOf: storeURL)
        let tenant = try JSONStore(url: storeURL).load()

        var random = SeededGenerator(seed: seed)
        let clock = VirtualClock(start: testNow)
        var size = Size(width: 80, height: 24)
        func start() -> PortalRuntime {
            let runtime = PortalRuntime(context: PortalContext(tenant: tenant, timeZone: TimeZone(identifier: "UTC")!),
                                        clock: clock, size: size)
            runtime.send(.input(.resize(size)))
            return runtime
        }
        var runtime = start()
        var problems: [String] = []
        for index in 0..<events {
            if runtime.isFinished {
                coverage.restarts += 1
                runtime = start()
            }
            if signedIn, !runtime.state.isPortal, !size.isBelowMinimum {
                coverage.signIns += 1
                signIn(runtime, tenant: tenant, &random)
            }
            let event = randomEvent(&random, size: size)
            switch event {
            case let .input(.resize(newSize)): size = newSize
            case .tick: clock.advance(by: Double(Int.random(in: 1...7_200, using: &random)))
            default: break
            }
            runtime.send(event)
            coverage.screens.insert(screenName(runtime.state))
            if size.isBelowMinimum { coverage.belowMinimum += 1 }
            problems += checkInvariants(runtime, size: size, context: "seed \(seed) event \(index) \(event)")
            if problems.count > 20 { break }
        }
        if try Data(contentsOf: storeURL) != before { problems.append("seed \(seed): the store file changed") }
        return problems
    }

    @Test(.timeLimit(.minutes(10)), arguments: [true, false])
    func randomInputKeepsEveryInvariant(signedIn: Bool) throws {
        let events = environmentCount("PORTAL_MONKEY_EVENTS", default: 20_000)
        let seed = UInt64(environmentCount("PORTAL_MONKEY_SEED", default: signedIn ? 1 : 2))
        var coverage = Coverage()
        let problems = try Self.play(seed: seed, events: events, signedIn: signedIn, coverage: &coverage)
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
        #expect(coverage.belowMinimum > 0)
        if signedIn { #expect(coverage.signIns > 0 && coverage.screens.count > 3, "\(coverage.screens)") }
        print("monkey \(signedIn ? "signed in" : "from the form"): \(events) events, seed \(seed), \(coverage.restarts) restarts, \(coverage.signIns) sign-ins, screens \(coverage.screens.sorted())")
    }
}

extension AppState {
    var isPortal: Bool {
        if case .portal = screen { return true }
        return false
    }
}
