-- The platform owners' actions on their packages (issue 21) are recorded beside those on clinics: such a row names
-- no clinic.
ALTER TABLE cura_platform_actions ALTER COLUMN organization_id DROP NOT NULL;
