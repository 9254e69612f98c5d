import PortalUI

// The tmux driver lives in PortalUI, where `screens run --terminal` uses it too.
typealias Tmux = PortalUI.Tmux
typealias TmuxError = PortalUI.TmuxError
typealias StyledScreen = PortalUI.StyledScreen
