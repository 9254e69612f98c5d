#ifndef PORTAL_CQRENCODE_SHIM_H
#define PORTAL_CQRENCODE_SHIM_H

// libqrencode encodes; the portal only draws what it returns.
#include <qrencode.h>

#endif
