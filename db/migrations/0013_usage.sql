CREATE TABLE "usage_alerts" (
	"tenant_id" text NOT NULL,
	"port_type" text NOT NULL,
	"level" smallint NOT NULL,
	"reached" boolean NOT NULL,
	"notified_on" date,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "usage_alerts_tenant_id_port_type_level_pk" PRIMARY KEY("tenant_id","port_type","level"),
	CONSTRAINT "usage_alerts_level_valid" CHECK ("usage_alerts"."level" in (80, 95, 100)),
	CONSTRAINT "usage_alerts_port_type_valid" CHECK ("usage_alerts"."port_type" in ('concurrent', 'outbound', 'agentless'))
);
--> statement-breakpoint
CREATE TABLE "usage_minutes" (
	"tenant_id" text NOT NULL,
	"hour_start" timestamp with time zone NOT NULL,
	"concurrent" smallint[] NOT NULL,
	"outbound" smallint[] NOT NULL,
	"agentless" smallint[] NOT NULL,
	"rolled" boolean DEFAULT false NOT NULL,
	CONSTRAINT "usage_minutes_tenant_id_hour_start_pk" PRIMARY KEY("tenant_id","hour_start"),
	CONSTRAINT "usage_minutes_concurrent_slots" CHECK (cardinality("usage_minutes"."concurrent") = 60),
	CONSTRAINT "usage_minutes_outbound_slots" CHECK (cardinality("usage_minutes"."outbound") = 60),
	CONSTRAINT "usage_minutes_agentless_slots" CHECK (cardinality("usage_minutes"."agentless") = 60)
) WITH (fillfactor = 70);
--> statement-breakpoint
CREATE TABLE "usage_peaks" (
	"tenant_id" text NOT NULL,
	"bucket" text NOT NULL,
	"start" timestamp with time zone NOT NULL,
	"concurrent" smallint,
	"outbound" smallint,
	"agentless" smallint,
	CONSTRAINT "usage_peaks_tenant_id_bucket_start_pk" PRIMARY KEY("tenant_id","bucket","start") INCLUDE ("concurrent", "outbound", "agentless"),
	CONSTRAINT "usage_peaks_bucket_valid" CHECK ("usage_peaks"."bucket" in ('hour', 'day'))
);
--> statement-breakpoint
ALTER TABLE "change_requests" ADD COLUMN "automatic" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "auto_increase_user_id" uuid;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "auto_increase_since" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "usage_alerts" ADD CONSTRAINT "usage_alerts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_minutes" ADD CONSTRAINT "usage_minutes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_peaks" ADD CONSTRAINT "usage_peaks_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "usage_minutes_unrolled_idx" ON "usage_minutes" USING btree ("tenant_id","hour_start") WHERE not "usage_minutes"."rolled";--> statement-breakpoint
CREATE INDEX "usage_minutes_hour_idx" ON "usage_minutes" USING btree ("hour_start");--> statement-breakpoint
CREATE INDEX "usage_peaks_age_idx" ON "usage_peaks" USING btree ("bucket","start");--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_auto_increase_user_id_users_id_fk" FOREIGN KEY ("auto_increase_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "change_requests_one_automatic_per_day" ON "change_requests" USING btree ("tenant_id",(("created_at" at time zone 'UTC')::date)) WHERE "change_requests"."automatic";--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_auto_increase_complete" CHECK (("tenants"."auto_increase_user_id" is null) = ("tenants"."auto_increase_since" is null));--> statement-breakpoint
-- The default group of the usage feed's service user (issue 13); the access page maps it like the others.
INSERT INTO role_mappings ("group", permissions) VALUES ('sspm-usage-feed', ARRAY['usage:write']) ON CONFLICT ("group") DO NOTHING;
--> statement-breakpoint
-- Slot arithmetic of usage_minutes for set-based writes (the demo seed): a slot once filled keeps its value.
-- usage_merge: the stored slots, with the empty ones taken from the incoming row.
CREATE FUNCTION usage_merge(stored smallint[], incoming smallint[]) RETURNS smallint[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select array_agg(coalesce(u.s, u.n) order by u.i) from unnest(stored, incoming) with ordinality as u(s, n, i)
$$;
--> statement-breakpoint
-- usage_adds: whether the incoming row fills a slot the stored one lacks (else the upsert writes nothing).
CREATE FUNCTION usage_adds(stored smallint[], incoming smallint[]) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select exists (select 1 from unnest(stored, incoming) as u(s, n) where u.s is null and u.n is not null)
$$;
--> statement-breakpoint
-- usage_filled: how many slots hold a sample.
CREATE FUNCTION usage_filled(slots smallint[]) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  select count(v)::int from unnest(slots) as v
$$;
