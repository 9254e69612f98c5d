import PortalUI

/// The portal's version, written once in PortalUI so About and the
/// diagnostic report show it in scripts too.
let portalVersion = PortalAbout.currentVersion
