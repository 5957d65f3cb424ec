-- Revert-blocked reasons become codes (JSON) that each reader's language words; the English sentences
-- stored before are converted: which ports moved is still in them, a broken rule's wording is not.
UPDATE "change_requests" SET "revert_blocked_reason" = CASE
  WHEN "revert_blocked_reason" LIKE '{%' THEN "revert_blocked_reason"
  WHEN "revert_blocked_reason" LIKE '%changed again%' THEN json_build_object(
    'code', 'ports_moved',
    'types', to_json(array_remove(ARRAY[
      CASE WHEN "revert_blocked_reason" LIKE '%Concurrent%' THEN 'concurrent' END,
      CASE WHEN "revert_blocked_reason" LIKE '%Outbound%' THEN 'outbound' END,
      CASE WHEN "revert_blocked_reason" LIKE '%Agentless%' THEN 'agentless' END
    ], NULL))
  )::text
  ELSE '{"code":"rule_unknown"}'
END
WHERE "revert_blocked_reason" IS NOT NULL;
