import Foundation

/// Drawing helpers shared by every screen, one widget a file.
public enum Widgets {}
