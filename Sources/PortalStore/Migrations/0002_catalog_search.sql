-- Search of the catalog by name and publisher, as the Apps screen's search
-- asks it: case-insensitive, by prefix or word.
CREATE INDEX "mobileApps_displayName" ON "mobileApps" (lower("displayName") text_pattern_ops);
CREATE INDEX "mobileApps_publisher" ON "mobileApps" (lower("publisher") text_pattern_ops);
