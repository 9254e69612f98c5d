-- Portals on one organization hear of each other's changes, and of an
-- administrator's made in SQL, through NOTIFY on portal_changes: the payload
-- is the id of the user whose data changed, catalog when the catalog did
-- (apps, their assignments and categories: each portal reads its user's
-- catalog again, and only then), or * for the rest of the organization's
-- own data (its notifications, the policies). A transaction's notices
-- arrive once, when it commits; failed sign-ins show nowhere and say nothing.
CREATE FUNCTION "portalChangeNotice"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    entity jsonb;
    affected text;
BEGIN
    IF TG_OP = 'TRUNCATE' THEN
        PERFORM pg_notify('portal_changes', '*');
        RETURN NULL;
    END IF;
    entity := CASE WHEN TG_OP = 'DELETE' THEN OLD.data ELSE NEW.data END;
    IF TG_TABLE_NAME = 'signInLockouts' THEN
        RETURN NULL;
    ELSIF TG_TABLE_NAME = 'users' THEN
        affected := entity->>'id';
    ELSIF TG_TABLE_NAME IN ('managedDevices', 'enrollmentSessions', 'termsAcceptances', 'notificationReads', 'managedAppRegistrations') THEN
        affected := entity->>'userId';
    ELSIF TG_TABLE_NAME = 'appInstallStates' THEN
        affected := (SELECT "userId" FROM "managedDevices" WHERE id = entity->>'deviceId');
        -- The device went in the same change: its own notice says whose it was.
        IF affected IS NULL THEN
            RETURN NULL;
        END IF;
    ELSIF TG_TABLE_NAME IN ('mobileApps', 'mobileAppAssignments', 'mobileAppCategories') THEN
        affected := 'catalog';
    ELSE
        affected := '*';
    END IF;
    PERFORM pg_notify('portal_changes', coalesce(affected, '*'));
    RETURN NULL;
END
$$;

CREATE TRIGGER "organization_changed" AFTER INSERT OR UPDATE OR DELETE ON "organization" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "organization_truncated" AFTER TRUNCATE ON "organization" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "groups_changed" AFTER INSERT OR UPDATE OR DELETE ON "groups" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "groups_truncated" AFTER TRUNCATE ON "groups" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "users_changed" AFTER INSERT OR UPDATE OR DELETE ON "users" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "users_truncated" AFTER TRUNCATE ON "users" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "managedDevices_changed" AFTER INSERT OR UPDATE OR DELETE ON "managedDevices" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "managedDevices_truncated" AFTER TRUNCATE ON "managedDevices" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "compliancePolicies_changed" AFTER INSERT OR UPDATE OR DELETE ON "compliancePolicies" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "compliancePolicies_truncated" AFTER TRUNCATE ON "compliancePolicies" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "mobileAppCategories_changed" AFTER INSERT OR UPDATE OR DELETE ON "mobileAppCategories" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "mobileAppCategories_truncated" AFTER TRUNCATE ON "mobileAppCategories" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "mobileApps_changed" AFTER INSERT OR UPDATE OR DELETE ON "mobileApps" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "mobileApps_truncated" AFTER TRUNCATE ON "mobileApps" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "mobileAppAssignments_changed" AFTER INSERT OR UPDATE OR DELETE ON "mobileAppAssignments" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "mobileAppAssignments_truncated" AFTER TRUNCATE ON "mobileAppAssignments" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "appInstallStates_changed" AFTER INSERT OR UPDATE OR DELETE ON "appInstallStates" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "appInstallStates_truncated" AFTER TRUNCATE ON "appInstallStates" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "signInLockouts_changed" AFTER INSERT OR UPDATE OR DELETE ON "signInLockouts" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "signInLockouts_truncated" AFTER TRUNCATE ON "signInLockouts" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "deviceCategories_changed" AFTER INSERT OR UPDATE OR DELETE ON "deviceCategories" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "deviceCategories_truncated" AFTER TRUNCATE ON "deviceCategories" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "simulatedDevices_changed" AFTER INSERT OR UPDATE OR DELETE ON "simulatedDevices" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "simulatedDevices_truncated" AFTER TRUNCATE ON "simulatedDevices" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "enrollmentSessions_changed" AFTER INSERT OR UPDATE OR DELETE ON "enrollmentSessions" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "enrollmentSessions_truncated" AFTER TRUNCATE ON "enrollmentSessions" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "termsAcceptances_changed" AFTER INSERT OR UPDATE OR DELETE ON "termsAcceptances" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "termsAcceptances_truncated" AFTER TRUNCATE ON "termsAcceptances" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "notificationReads_changed" AFTER INSERT OR UPDATE OR DELETE ON "notificationReads" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "notificationReads_truncated" AFTER TRUNCATE ON "notificationReads" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "managedAppProtections_changed" AFTER INSERT OR UPDATE OR DELETE ON "managedAppProtections" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "managedAppProtections_truncated" AFTER TRUNCATE ON "managedAppProtections" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "managedAppRegistrations_changed" AFTER INSERT OR UPDATE OR DELETE ON "managedAppRegistrations" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "managedAppRegistrations_truncated" AFTER TRUNCATE ON "managedAppRegistrations" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "conditionalAccessPolicies_changed" AFTER INSERT OR UPDATE OR DELETE ON "conditionalAccessPolicies" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "conditionalAccessPolicies_truncated" AFTER TRUNCATE ON "conditionalAccessPolicies" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "cloudApps_changed" AFTER INSERT OR UPDATE OR DELETE ON "cloudApps" FOR EACH ROW EXECUTE FUNCTION "portalChangeNotice"();
CREATE TRIGGER "cloudApps_truncated" AFTER TRUNCATE ON "cloudApps" FOR EACH STATEMENT EXECUTE FUNCTION "portalChangeNotice"();
