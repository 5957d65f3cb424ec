-- A notification becomes its kind and the facts it tells (`params`), worded in each reader's language
-- when it is read or e-mailed (STYLE §16). `subject` and `body` held English text: they are no longer
-- written nor read (except for a row with neither parameters nor request), become nullable with ''
-- as default (so that the previous release, rolled back to, still reads a string in new rows), and
-- are dropped in a later release, once no deployment that reads them can come back.
ALTER TABLE "notifications" ALTER COLUMN "subject" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "subject" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "body" SET DEFAULT '';--> statement-breakpoint
ALTER TABLE "notifications" ALTER COLUMN "body" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "notifications" ADD COLUMN "params" jsonb NOT NULL DEFAULT '{}'::jsonb;--> statement-breakpoint
-- The rows written before: their facts from their request and tenant as they are now (the sentences
-- cannot be parsed back; what they told is still on the request). Revert-blocked reasons are JSON
-- codes since 0009; anything else there reads as a reason no longer known.
UPDATE "notifications" AS n SET "params" = jsonb_build_object(
  'tenantName', t."name",
  'changes', r."changes",
  'requestedBy', r."requested_by",
  'reason', r."reason",
  'justification', r."justification",
  'decidedBy', r."decided_by",
  'decisionComment', r."decision_comment",
  'revertAt', to_char(r."revert_at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
  'revertBlockedReason', CASE
    WHEN r."revert_blocked_reason" IS NULL THEN NULL
    WHEN r."revert_blocked_reason" LIKE '{%}' THEN r."revert_blocked_reason"::jsonb
    ELSE '{"code":"rule_unknown"}'::jsonb
  END
)
FROM "change_requests" AS r
JOIN "tenants" AS t ON t."id" = r."tenant_id"
WHERE r."id" = n."request_id" AND n."params" = '{}'::jsonb;
