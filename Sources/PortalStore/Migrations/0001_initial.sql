-- The portal's store in PostgreSQL, one table per collection of the JSON
-- document, named as Microsoft Graph names them. Each row keeps the whole
-- entity in `data` (what the portal decodes); the columns the screens query
-- are generated from it, so they can never disagree with it.
--
-- id is the entity's id, or for collections without one the key the portal
-- gives them (appInstallStates: deviceId/appId). position keeps the
-- document's order, so a store copied in and out is the same file.

CREATE SEQUENCE "storePositions";


CREATE TABLE "organization" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL
);

CREATE TABLE "groups" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL,
    "displayName" text GENERATED ALWAYS AS (data->>'displayName') STORED
);

CREATE TABLE "users" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL,
    "userPrincipalName" text GENERATED ALWAYS AS (data->>'userPrincipalName') STORED,
    "displayName" text GENERATED ALWAYS AS (data->>'displayName') STORED,
    "passwordIterations" bigint GENERATED ALWAYS AS ((data->'password'->>'iterations')::bigint) STORED
);

CREATE TABLE "managedDevices" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL,
    "userId" text GENERATED ALWAYS AS (data->>'userId') STORED,
    "deviceName" text GENERATED ALWAYS AS (data->>'deviceName') STORED,
    "operatingSystem" text GENERATED ALWAYS AS (data->>'operatingSystem') STORED,
    "serialNumber" text GENERATED ALWAYS AS (data->>'serialNumber') STORED,
    "complianceState" text GENERATED ALWAYS AS (data->>'complianceState') STORED
);

CREATE TABLE "compliancePolicies" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL,
    "displayName" text GENERATED ALWAYS AS (data->>'displayName') STORED,
    "platform" text GENERATED ALWAYS AS (data->>'platform') STORED
);

CREATE TABLE "mobileAppCategories" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL,
    "displayName" text GENERATED ALWAYS AS (data->>'displayName') STORED
);

CREATE TABLE "mobileApps" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL,
    "displayName" text GENERATED ALWAYS AS (data->>'displayName') STORED,
    "publisher" text GENERATED ALWAYS AS (data->>'publisher') STORED
);

CREATE TABLE "mobileAppAssignments" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL,
    "appId" text GENERATED ALWAYS AS (data->>'appId') STORED,
    "groupId" text GENERATED ALWAYS AS (data->>'groupId') STORED,
    "intent" text GENERATED ALWAYS AS (data->>'intent') STORED
);

CREATE TABLE "appInstallStates" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL,
    "deviceId" text GENERATED ALWAYS AS (data->>'deviceId') STORED,
    "appId" text GENERATED ALWAYS AS (data->>'appId') STORED,
    "installState" text GENERATED ALWAYS AS (data->>'installState') STORED
);

CREATE TABLE "signInLockouts" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL
);

CREATE TABLE "deviceCategories" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL,
    "displayName" text GENERATED ALWAYS AS (data->>'displayName') STORED
);

CREATE TABLE "simulatedDevices" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL,
    "serialNumber" text GENERATED ALWAYS AS (data->>'serialNumber') STORED
);

CREATE TABLE "enrollmentSessions" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL,
    "userId" text GENERATED ALWAYS AS (data->>'userId') STORED
);

CREATE TABLE "termsAcceptances" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL,
    "userId" text GENERATED ALWAYS AS (data->>'userId') STORED
);

CREATE TABLE "notificationReads" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL,
    "userId" text GENERATED ALWAYS AS (data->>'userId') STORED
);

CREATE TABLE "managedAppProtections" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL,
    "displayName" text GENERATED ALWAYS AS (data->>'displayName') STORED
);

CREATE TABLE "managedAppRegistrations" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL,
    "userId" text GENERATED ALWAYS AS (data->>'userId') STORED
);

CREATE TABLE "conditionalAccessPolicies" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL,
    "displayName" text GENERATED ALWAYS AS (data->>'displayName') STORED
);

CREATE TABLE "cloudApps" (
    id text PRIMARY KEY,
    position bigint NOT NULL DEFAULT nextval('"storePositions"'),
    data jsonb NOT NULL,
    "displayName" text GENERATED ALWAYS AS (data->>'displayName') STORED
);

-- What the screens ask: a user by sign-in name, a user's devices, a device's
-- installs, the apps assigned to a user's groups, a user's sessions and reads.
CREATE INDEX "users_userPrincipalName" ON "users" (lower("userPrincipalName"));
CREATE INDEX "users_passwordIterations" ON "users" ("passwordIterations");
CREATE INDEX "managedDevices_userId" ON "managedDevices" ("userId");
CREATE INDEX "managedDevices_serialNumber" ON "managedDevices" ("serialNumber");
CREATE INDEX "appInstallStates_deviceId" ON "appInstallStates" ("deviceId");
CREATE INDEX "mobileAppAssignments_groupId" ON "mobileAppAssignments" ("groupId", "appId");
CREATE INDEX "enrollmentSessions_userId" ON "enrollmentSessions" ("userId");
CREATE INDEX "termsAcceptances_userId" ON "termsAcceptances" ("userId");
CREATE INDEX "notificationReads_userId" ON "notificationReads" ("userId");
CREATE INDEX "managedAppRegistrations_userId" ON "managedAppRegistrations" ("userId");
