/// The portal's version: the one place it is written.
let portalVersion = "0.1.0"
