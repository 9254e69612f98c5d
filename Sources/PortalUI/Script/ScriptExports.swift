import Foundation
import PortalCore

/// Writes what replays show: each script's cast (`CAST/NAME.cast`) and each
/// snapshot as a picture (`SVG/NAME.LABEL.svg`). Hand `observe` to a
/// `ScriptRunner`; files are written as each script ends, passed or not.
public final class ScriptExports {
    public let castFolder: URL?
    public let svgFolder: URL?
    public var pace: TimeInterval
    /// Files written, in order, and what could not be written.
    public private(set) var written: [URL] = []
    public private(set) var problems: [String] = []

    private var script: ScreenScript?
    private var theme: Theme?
    private var brand: (UInt8, UInt8, UInt8) = (0, 120, 212)
    private var cast: AsciiCast?

    public init(castFolder: URL?, svgFolder: URL?, pace: TimeInterval = AsciiCast.defaultPace) {
        self.castFolder = castFolder
        self.svgFolder = svgFolder
        self.pace = pace
    }

    /// Creates the folders; a folder that cannot be made is said at once.
    public func prepare() throws(ScriptExportError) {
        for folder in [castFolder, svgFolder].compactMap({ $0 }) {
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw ScriptExportError(message: "cannot make the folder \(InertText.escaped(folder.relativePath)): \(error.localizedDescription)")
            }
        }
    }

    public func observe(_ event: ScriptEvent) {
        switch event {
        case let .started(script, screen, time, brandColor):
            self.script = script
            // The runner has loaded this theme already, so it loads here too.
            theme = try? ThemeCatalog.load(script.theme)
            brand = ColorText.rgb(brandColor) ?? (0, 120, 212)
            cast = castFolder == nil ? nil : theme.map { AsciiCast(theme: $0, brand: brand, first: screen, at: time, pace: pace) }
        case let .input(screen, time):
            cast?.input(screen, at: time)
        case let .snapshot(label, screen):
            guard let svgFolder, let script, let theme else { return }
            let svg = SVGPicture.svg(of: screen, theme: theme, brand: brand, title: "\(script.name) \(label)")
            write(svg, to: svgFolder.appendingPathComponent("\(script.name).\(label).svg"))
        case .finished:
            if let castFolder, let script, let cast {
                write(cast.text, to: castFolder.appendingPathComponent("\(script.name).cast"))
            }
            script = nil
            cast = nil
        }
    }

    private func write(_ text: String, to url: URL) {
        do {
            try text.write(to: url, atomically: true, encoding: .utf8)
            written.append(url)
        } catch {
            problems.append("cannot write \(InertText.escaped(url.relativePath)): \(error.localizedDescription)")
        }
    }
}

public struct ScriptExportError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
