/// Scripts `screens run --terminal` does not play, each with the reason a
/// real terminal cannot show what the headless run checks.
public enum TerminalSkips {
    public static let reasons: [String: String] = [:]
}
