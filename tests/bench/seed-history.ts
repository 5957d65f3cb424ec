// A year of history for the HTTP benchmark, written straight in SQL (generate_series) so that
// 200,000 requests take seconds, not the minutes the use cases would: customer tenants under
// `classics` and `musketeers`, requests spread over them and over the past year, mostly decided,
// with case numbers and the audit events of each transition. Works on PGlite and PostgreSQL alike.
import { sql } from 'drizzle-orm';
import type { Database } from '@/db/client';

export type HistoryShape = {
  /** Customer tenants under each of the two demo partners. */
  customersPerPartner: number;
  /** Requests over all tenants (customers and the demo ones). */
  requests: number;
  /** One tenant in `openEvery` has its newest request still open (in review or waiting for information). */
  openEvery: number;
};

export const DEFAULT_HISTORY: HistoryShape = { customersPerPartner: 1_000, requests: 200_000, openEvery: 10 };

const YEAR_SECONDS = 365 * 24 * 3600;

/**
 * Seeds the history in one transaction. Replica mode skips the triggers (the audit log's time stamp,
 * which would date every event to now, and the foreign-key checks of 600,000 rows); the data is
 * consistent by construction. Everything is at least two days old, so that no seeded automatic
 * approval counts against today's threshold of the tenants the benchmark submits to.
 */
export async function seedHistory(db: Database, shape: HistoryShape = DEFAULT_HISTORY): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local session_replication_role = replica`);
    // The app's pool bounds statements to seconds; seeding is one long statement or three.
    await tx.execute(sql`set local statement_timeout = 0`);
    await tx.execute(sql`
      insert into tenants (id, name, parent_id, monitoring_gateway_enabled, personal_connection_enabled,
                           account_rep_email, concurrent, outbound, agentless)
      select 'bench-' || p.short || '-' || lpad(i::text, 4, '0'), p.label || ' customer ' || lpad(i::text, 4, '0'), p.id,
             i % 7 <> 0, i % 3 <> 0, 'rep@ops.example', 100 + (i % 50) * 10, case when i % 3 <> 0 then 40 else 0 end,
             case when i % 3 <> 0 then 10 else 0 end
        from (values ('classics', 'c', 'Classics'), ('musketeers', 'm', 'Musketeers')) as p(id, short, label),
             generate_series(0, ${shape.customersPerPartner - 1}) as i`);

    // Request g goes to tenant g mod n; its age, status and change are fixed functions of g, so two
    // runs seed the same history (only "now" moves). Times in milliseconds, as the app writes them.
    await tx.execute(sql`
      with t as (
        select t.id, (row_number() over (order by t.id) - 1)::int as k, coalesce(t.parent_id, t.id) as partner
          from tenants t
      ),
      g as (
        select g, (g::bigint * 2654435761 % ${YEAR_SECONDS})::int as age, (g * 37 % 100) as roll,
               10 * (1 + g % 12) as size, g % (select count(*) from tenants)::int as k
          from generate_series(0, ${shape.requests - 1}) as g
      )
      insert into change_requests (tenant_id, status, changes, concurrent_delta, reason, requested_by,
                                   requested_by_user_id, case_id, case_number, decided_by, decided_at,
                                   decision_comment, created_at, updated_at)
      select t.id, s.status,
             jsonb_build_object('concurrent', jsonb_build_object('from', 100, 'to', 100 + g.size)),
             g.size, 'Seasonal peak ' || (g.g % 97), u.email, u.id,
             '500B' || lpad(g.g::text, 14, '0'), lpad((10000000 + g.g)::text, 8, '0'),
             case when s.status = 'cancelled' then null when s.auto then 'auto' else 'rep@ops.example' end,
             case when s.status = 'cancelled' then null else c.created_at + interval '40 minutes' end,
             case when s.auto then 'Within the daily threshold.' when s.status = 'rejected' then 'Not this quarter.' else null end,
             c.created_at, c.created_at + interval '40 minutes'
        from g
        join t on t.k = g.k
        join users u on u.email = case t.partner when 'musketeers' then 'athos@musketeers.example' else 'percy@classics.example' end
        cross join lateral (select date_trunc('milliseconds', now()) - interval '2 days' - g.age * interval '1 second' as created_at) c
        cross join lateral (
          select case when g.roll < 62 then 'approved' when g.roll < 77 then 'rejected'
                      when g.roll < 92 then 'cancelled' else 'reverted' end as status,
                 g.roll < 40 as auto
        ) s`);

    // At most one open request per tenant (the partial unique index holds it): the newest of some.
    await tx.execute(sql`
      update change_requests r
         set status = case when r.concurrent_delta > 60 then 'in_review' else 'pending_info' end,
             decided_by = null, decided_at = null, decision_comment = null,
             justification = case when r.concurrent_delta > 60 then 'Campaign launch.' else null end
        from (select distinct on (tenant_id) id
                from change_requests
               where tenant_id in (select id from (select id, row_number() over (order by id) as k from tenants) t
                                    where k % ${shape.openEvery} = 0)
               order by tenant_id, created_at desc, id desc) newest
       where r.id = newest.id`);

    // The audit trail: submitted, then how it left `new`, then (a rep's decision, a cancellation,
    // a revert) the final transition: two or three events a request.
    await tx.execute(sql`
      insert into audit_events (request_id, tenant_id, actor, action, from_state, to_state, details, at)
      select r.id, r.tenant_id, e.actor, e.action, e.from_state, e.to_state, e.details, e.at
        from change_requests r
        cross join lateral (select r.decided_by = 'auto' as auto, r.status in ('new', 'pending_info', 'in_review') as open) f
        cross join lateral (values
          (true, r.requested_by, 'submitted', null, 'new', jsonb_build_object('changes', r.changes), r.created_at),
          (true, case when f.auto then 'auto' else r.requested_by end,
           case when f.auto then 'auto_approve' when r.status = 'pending_info' then 'request_information' else 'submit_for_review' end,
           'new', case when f.auto then 'approved' when r.status = 'pending_info' then 'pending_info' else 'in_review' end,
           jsonb_build_object('threshold', 100, 'usedToday', 0, 'concurrentIncrease', r.concurrent_delta), r.created_at),
          (not f.auto and not f.open, coalesce(r.decided_by, r.requested_by),
           case r.status when 'approved' then 'approve' when 'rejected' then 'reject' when 'cancelled' then 'cancel' else 'revert' end,
           case r.status when 'reverted' then 'approved' else 'in_review' end, r.status, '{}'::jsonb, r.updated_at)
        ) as e(keep, actor, action, from_state, to_state, details, at)
       where e.keep`);
  });
  await db.execute(sql`analyze`);
}
