-- Defaults every deployment starts from (SPEC §3 and §2); Account Representatives and Network
-- Operations change them afterwards.
INSERT INTO settings (id, daily_threshold, port_price_cents) VALUES (1, 100, 0) ON CONFLICT (id) DO NOTHING;
--> statement-breakpoint
INSERT INTO role_mappings ("group", permissions) VALUES
  ('sspm-viewer', ARRAY['monitoring_gateway:view', 'sspm:view']),
  ('sspm-requester', ARRAY['monitoring_gateway:view', 'sspm:view', 'sspm:create']),
  ('sspm-account-rep', ARRAY['account_rep']),
  ('sspm-network-ops', ARRAY['network_ops'])
ON CONFLICT ("group") DO NOTHING;
