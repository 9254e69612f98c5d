#ifndef PORTAL_CLIBPQ_SHIM_H
#define PORTAL_CLIBPQ_SHIM_H

// libpq speaks PostgreSQL's protocol and reads credentials (URL, PGPASSFILE,
// ~/.pgpass, PG* variables); the portal only sends SQL through it.
#include <libpq-fe.h>

#endif
