CREATE SEQUENCE "public"."local_case_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1000 CACHE 1;--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid,
	"tenant_id" text,
	"actor" text NOT NULL,
	"action" text NOT NULL,
	"from_state" text,
	"to_state" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_operations" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"payload" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"sent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_operations_kind_valid" CHECK ("case_operations"."kind" in ('open', 'comment', 'close')),
	CONSTRAINT "case_operations_state_valid" CHECK ("case_operations"."state" in ('pending', 'sent', 'failed'))
);
--> statement-breakpoint
CREATE TABLE "change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text NOT NULL,
	"status" text NOT NULL,
	"changes" jsonb NOT NULL,
	"concurrent_delta" integer DEFAULT 0 NOT NULL,
	"reason" text NOT NULL,
	"justification" text,
	"revert_at" timestamp with time zone,
	"requested_by" text NOT NULL,
	"case_id" text,
	"case_number" text,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"decision_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "change_requests_status_valid" CHECK ("change_requests"."status" in ('new', 'pending_info', 'in_review', 'approved', 'rejected', 'cancelled', 'reverted')),
	CONSTRAINT "change_requests_reason_present" CHECK (length(trim("change_requests"."reason")) > 0),
	CONSTRAINT "change_requests_decision_complete" CHECK (("change_requests"."decided_by" is null) = ("change_requests"."decided_at" is null))
);
--> statement-breakpoint
CREATE TABLE "local_cases" (
	"id" text PRIMARY KEY NOT NULL,
	"case_number" text NOT NULL,
	"external_id" text NOT NULL,
	"subject" text NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'New' NOT NULL,
	"origin" text NOT NULL,
	"comments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "local_cases_case_number_unique" UNIQUE("case_number"),
	CONSTRAINT "local_cases_external_id_unique" UNIQUE("external_id")
);
--> statement-breakpoint
CREATE TABLE "role_mappings" (
	"group" text PRIMARY KEY NOT NULL,
	"permissions" text[] NOT NULL,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settings" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"daily_threshold" integer DEFAULT 100 NOT NULL,
	"port_price_cents" integer DEFAULT 0 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "settings_single_row" CHECK ("settings"."id" = 1),
	CONSTRAINT "settings_daily_threshold_range" CHECK ("settings"."daily_threshold" >= 0),
	CONSTRAINT "settings_port_price_range" CHECK ("settings"."port_price_cents" >= 0)
);
--> statement-breakpoint
CREATE TABLE "tenants" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"parent_id" text,
	"monitoring_gateway_enabled" boolean DEFAULT true NOT NULL,
	"personal_connection_enabled" boolean DEFAULT false NOT NULL,
	"account_rep_email" text NOT NULL,
	"concurrent" integer DEFAULT 0 NOT NULL,
	"outbound" integer DEFAULT 0 NOT NULL,
	"agentless" integer DEFAULT 0 NOT NULL,
	"daily_threshold" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "tenants_concurrent_range" CHECK ("tenants"."concurrent" between 0 and 9999),
	CONSTRAINT "tenants_outbound_range" CHECK ("tenants"."outbound" between 0 and 9999),
	CONSTRAINT "tenants_agentless_range" CHECK ("tenants"."agentless" between 0 and 9999),
	CONSTRAINT "tenants_daily_threshold_range" CHECK ("tenants"."daily_threshold" is null or "tenants"."daily_threshold" >= 0)
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"email" text NOT NULL,
	"name" text NOT NULL,
	"home_tenant_id" text,
	"groups" text[] DEFAULT '{}'::text[] NOT NULL,
	"last_sign_in_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_request_id_change_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."change_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_operations" ADD CONSTRAINT "case_operations_request_id_change_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."change_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "change_requests" ADD CONSTRAINT "change_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenants" ADD CONSTRAINT "tenants_parent_id_tenants_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_home_tenant_id_tenants_id_fk" FOREIGN KEY ("home_tenant_id") REFERENCES "public"."tenants"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "audit_events_request_idx" ON "audit_events" USING btree ("request_id","id");--> statement-breakpoint
CREATE INDEX "case_operations_pending_idx" ON "case_operations" USING btree ("next_attempt_at","id") WHERE "case_operations"."state" = 'pending';--> statement-breakpoint
CREATE INDEX "case_operations_request_idx" ON "case_operations" USING btree ("request_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "change_requests_one_open_per_tenant" ON "change_requests" USING btree ("tenant_id") WHERE "change_requests"."status" in ('new', 'pending_info', 'in_review');--> statement-breakpoint
CREATE INDEX "change_requests_tenant_created_idx" ON "change_requests" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "change_requests_created_idx" ON "change_requests" USING btree ("created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "change_requests_status_idx" ON "change_requests" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "change_requests_auto_approved_idx" ON "change_requests" USING btree ("tenant_id","decided_at") WHERE "change_requests"."decided_by" = 'auto';--> statement-breakpoint
CREATE INDEX "tenants_parent_idx" ON "tenants" USING btree ("parent_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_idx" ON "users" USING btree (lower("email"));