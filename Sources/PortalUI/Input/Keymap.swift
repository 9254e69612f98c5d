import Foundation

/// Keys bound to actions, with the words help and the hint bar show for them.
public struct KeyBinding: Sendable {
    public var keys: [(key: Key, action: Action)]
    /// What the help overlay says.
    public var help: String
    /// The hint bar's short label; nil keeps the binding out of the hint bar.
    public var hint: String?
    /// How the hint bar writes a run of keys ("1-4"); by default it is derived.
    private var hintKeysShown: String?

    public init(_ keys: [(Key, Action)], help: String, hint: String? = nil, hintKeys: String? = nil) {
        self.keys = keys.map { (key: $0.0, action: $0.1) }
        self.help = help
        self.hint = hint
        hintKeysShown = hintKeys
    }

    /// Several keys for one action.
    public init(_ keys: [Key], _ action: Action, help: String, hint: String? = nil) {
        self.init(keys.map { ($0, action) }, help: help, hint: hint)
    }

    /// Every key, as help lists them: "↑ ↓ k j".
    public var keyList: String { keys.map(\.key.symbol).joined(separator: " ") }

    /// As the hint bar shows the keys: the first key of each action when
    /// they are one-character symbols ("↑↓"), else the first key ("Tab").
    public var hintKeys: String {
        if let hintKeysShown { return hintKeysShown }
        var seen: [Action] = []
        var symbols: [String] = []
        for (key, action) in keys where !seen.contains(action) {
            seen.append(action)
            symbols.append(key.symbol)
        }
        return symbols.allSatisfy { $0.count == 1 } ? symbols.joined() : symbols.first ?? ""
    }
}

/// The bindings of one screen, in the order help lists them.
public struct Keymap: Sendable {
    public var bindings: [KeyBinding]
    /// What the mouse does on this screen, for help; nil when it does nothing.
    public var mouse: String?

    public init(_ bindings: [KeyBinding], mouse: String? = nil) {
        self.bindings = bindings
        self.mouse = mouse
    }

    public func action(for key: Key) -> Action? {
        for binding in bindings {
            if let match = binding.keys.first(where: { $0.key == key }) { return match.action }
        }
        return nil
    }

    public var hints: [(key: String, label: String)] {
        bindings.compactMap { binding in binding.hint.map { (binding.hintKeys, $0) } }
    }

    /// The key each hint stands for, in the order of `hints`: a click on a hint presses it.
    public var hintPresses: [Key] {
        bindings.compactMap { binding in binding.hint == nil ? nil : binding.keys.first?.key }
    }

    public var helpEntries: [(keys: String, action: String)] { bindings.map { ($0.keyList, $0.help) } }

    public static func + (lhs: Keymap, rhs: Keymap) -> Keymap { Keymap(lhs.bindings + rhs.bindings, mouse: lhs.mouse ?? rhs.mouse) }
}
