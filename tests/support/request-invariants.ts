/**
 * The consistency a crash, a fault or a race must never break, read straight from the database:
 * what the audit log says happened is what the requests, the tenants' limits and the case outbox
 * say. Returns the violations found (empty when all hold), each a sentence naming the row.
 */
export type Sql = <Row = Record<string, unknown>>(text: string, params?: unknown[]) => Promise<Row[]>;

type Limits = { concurrent: number; outbound: number; agentless: number };
type PortChanges = Partial<Record<keyof Limits, { from: number; to: number }>>;

const FINAL = new Set(['approved', 'rejected', 'cancelled', 'reverted']);
const PORTS = ['concurrent', 'outbound', 'agentless'] as const;

export type InvariantReport = { requests: number; auditEvents: number; tenantsReplayed: number; violations: string[] };

export async function checkRequestInvariants(
  sql: Sql,
  options: {
    /** The tenants' limits before the scenario; their current limits must equal these replayed through the audit log. */
    initialLimits: Map<string, Limits>;
    /** Only these requests (default: all). */
    requestIds?: string[];
  },
): Promise<InvariantReport> {
  const violations: string[] = [];
  const requests = await sql<{ id: string; tenant_id: string; status: string; changes: PortChanges }>(
    'select id, tenant_id, status, changes from change_requests order by created_at, id',
  );
  const events = await sql<{ id: string; request_id: string; tenant_id: string; action: string; from_state: string | null; to_state: string | null; details: Record<string, unknown> }>(
    'select id::text, request_id, tenant_id, action, from_state, to_state, details from audit_events where request_id is not null order by audit_events.id',
  );
  const operations = await sql<{ request_id: string; kind: string; n: string }>(
    'select request_id, kind, count(*)::text as n from case_operations group by request_id, kind',
  );
  const tenants = await sql<{ id: string } & Limits>('select id, concurrent, outbound, agentless from tenants');

  const wanted = options.requestIds ? new Set(options.requestIds) : null;
  const byId = new Map(requests.map((request) => [request.id, request]));
  const eventsOf = new Map<string, typeof events>();
  for (const event of events) eventsOf.set(event.request_id, [...(eventsOf.get(event.request_id) ?? []), event]);
  const opsOf = new Map<string, Record<string, number>>();
  for (const op of operations) opsOf.set(op.request_id, { ...opsOf.get(op.request_id), [op.kind]: Number(op.n) });

  for (const id of wanted ?? byId.keys()) {
    const request = byId.get(id);
    if (!request) {
      violations.push(`request ${id} was answered 201 but is not in the database`);
      continue;
    }
    const history = eventsOf.get(id) ?? [];
    const submitted = history.filter((event) => event.action === 'submitted');
    if (submitted.length !== 1) violations.push(`request ${id} has ${submitted.length} 'submitted' audit events`);
    if (history[0] && (history[0].action !== 'submitted' || history[0].from_state !== null || history[0].to_state !== 'new')) {
      violations.push(`request ${id}: its first audit event is ${history[0].action} ${history[0].from_state} → ${history[0].to_state}`);
    }
    for (let index = 1; index < history.length; index += 1) {
      if (history[index]!.from_state !== history[index - 1]!.to_state) {
        violations.push(`request ${id}: audit event ${history[index]!.action} starts from ${history[index]!.from_state}, the previous one ended in ${history[index - 1]!.to_state}`);
      }
    }
    const last = history.at(-1);
    if (last?.to_state !== request.status) violations.push(`request ${id} is ${request.status} but its audit log ends in ${last?.to_state}`);
    const ops = opsOf.get(id) ?? {};
    if ((ops.open ?? 0) !== 1) violations.push(`request ${id} has ${ops.open ?? 0} 'open' case operations`);
    const closes = ops.close ?? 0;
    if (closes !== (FINAL.has(request.status) ? 1 : 0)) violations.push(`request ${id} is ${request.status} with ${closes} 'close' case operations`);
  }

  // Replay: each tenant's limits are its initial ones with every approval and revert in the audit
  // log applied in order, and nothing else.
  let tenantsReplayed = 0;
  for (const tenant of tenants) {
    const initial = options.initialLimits.get(tenant.id);
    if (!initial) continue;
    tenantsReplayed += 1;
    const limits = { ...initial };
    for (const event of events) {
      if (event.tenant_id !== tenant.id) continue;
      let changes: PortChanges | undefined;
      if (event.action === 'auto_approve' || event.action === 'approve') changes = byId.get(event.request_id)?.changes;
      if (event.action === 'revert') changes = event.details.restored as PortChanges | undefined;
      for (const port of PORTS) if (changes?.[port]) limits[port] = changes[port]!.to;
    }
    const actual = { concurrent: tenant.concurrent, outbound: tenant.outbound, agentless: tenant.agentless };
    if (PORTS.some((port) => limits[port] !== actual[port])) {
      violations.push(`tenant ${tenant.id} has ${JSON.stringify(actual)}, its audit log replays to ${JSON.stringify(limits)}`);
    }
  }
  return { requests: wanted ? wanted.size : requests.length, auditEvents: events.length, tenantsReplayed, violations };
}

/** The limits of the given tenants now (to replay from later). */
export async function limitsOf(sql: Sql, tenantIds?: string[]): Promise<Map<string, Limits>> {
  const rows = await sql<{ id: string } & Limits>('select id, concurrent, outbound, agentless from tenants');
  return new Map(rows.filter((row) => !tenantIds || tenantIds.includes(row.id)).map((row) => [row.id, { concurrent: row.concurrent, outbound: row.outbound, agentless: row.agentless }]));
}
