DROP INDEX "change_requests_tenant_created_idx";--> statement-breakpoint
DROP INDEX "change_requests_created_idx";--> statement-breakpoint
DROP INDEX "notifications_recipient_idx";--> statement-breakpoint
CREATE INDEX "tenants_name_idx" ON "tenants" USING btree ("name","id");--> statement-breakpoint
CREATE INDEX "change_requests_tenant_created_idx" ON "change_requests" USING btree ("tenant_id","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "change_requests_created_idx" ON "change_requests" USING btree ("created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "notifications_recipient_idx" ON "notifications" USING btree ("recipient","created_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);