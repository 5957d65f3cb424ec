import { type DomainError, type Result, ok } from './errors';
import {
  type Limits,
  type PortChanges,
  type PortType,
  type RequestedLimits,
  BOUNDED_BY_CONCURRENT,
  MAX_PORTS,
  PORT_TYPES,
  applyChanges,
  enabledPortTypes,
} from './ports';

export type TenantForRules = {
  monitoringGatewayEnabled: boolean;
  personalConnectionEnabled: boolean;
  limits: Limits;
};

export type ChangeProposal = {
  tenant: TenantForRules;
  requested: RequestedLimits;
  /** The limits the client saw when it built the request (optimistic check). */
  expected?: RequestedLimits;
  revertAt?: Date | null;
  now: Date;
};

export type EvaluatedChange = { changes: PortChanges; resulting: Limits };

export const MAX_REVERT_DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;

function isValidLimit(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= MAX_PORTS;
}

function requestedTypes(requested: RequestedLimits): PortType[] {
  return PORT_TYPES.filter((type) => requested[type] !== undefined);
}

/** Rules about the resulting limits alone; approval re-checks these against the limits of that moment. */
export function checkResultingLimits(
  tenant: Pick<TenantForRules, 'personalConnectionEnabled'>,
  resulting: Limits,
): DomainError[] {
  const errors: DomainError[] = [];
  for (const type of enabledPortTypes(tenant.personalConnectionEnabled)) {
    if (!isValidLimit(resulting[type])) {
      errors.push({ code: 'limit_out_of_range', params: { type, max: MAX_PORTS }, field: type });
    }
  }
  if (errors.length > 0 || !tenant.personalConnectionEnabled) return errors;
  for (const type of BOUNDED_BY_CONCURRENT) {
    if (resulting[type] > resulting.concurrent) {
      errors.push({
        code: 'exceeds_concurrent',
        params: { type, value: resulting[type], concurrent: resulting.concurrent },
        field: type,
      });
    }
  }
  return errors;
}

/**
 * Every rule that still applies when a rep approves a stored request: the tenant may have lost
 * Monitoring Gateway or Personal Connection, or its limits may have moved, since it was submitted.
 */
export function checkApproval(tenant: TenantForRules, changes: PortChanges): DomainError[] {
  if (!tenant.monitoringGatewayEnabled) {
    return [{ code: 'monitoring_gateway_disabled', params: { when: 'approval' } }];
  }
  const enabled = enabledPortTypes(tenant.personalConnectionEnabled);
  const notEnabled = PORT_TYPES.filter((type) => changes[type] && !enabled.includes(type));
  if (notEnabled.length > 0) {
    return notEnabled.map((type) => ({ code: 'port_type_not_enabled' as const, params: { type, when: 'approval' }, field: type }));
  }
  return checkResultingLimits(tenant, applyChanges(tenant.limits, changes));
}

export function checkRevertAt(revertAt: Date | null | undefined, now: Date): DomainError[] {
  if (revertAt === undefined || revertAt === null) return [];
  const time = revertAt.getTime();
  if (Number.isNaN(time) || time <= now.getTime() || time > now.getTime() + MAX_REVERT_DAYS * DAY_MS) {
    return [{ code: 'invalid_revert_at', params: { variant: 'range', maxDays: MAX_REVERT_DAYS }, field: 'revertAt' }];
  }
  return [];
}

/**
 * Every rule of a proposed change, in the order a user should hear about them. Pure: the caller
 * passes the tenant as it is now (read under its row lock when it matters).
 */
export function findViolations(proposal: ChangeProposal): DomainError[] {
  const { tenant, requested, expected, now } = proposal;
  if (!tenant.monitoringGatewayEnabled) {
    return [{ code: 'monitoring_gateway_disabled', params: { when: 'submit' } }];
  }

  const enabled = enabledPortTypes(tenant.personalConnectionEnabled);
  // A client that echoes an unchanged 0 for a port type the tenant lacks is not asking to change it.
  const notEnabled = requestedTypes(requested).filter(
    (type) => !enabled.includes(type) && requested[type] !== tenant.limits[type],
  );
  if (notEnabled.length > 0) {
    return notEnabled.map((type) => ({ code: 'port_type_not_enabled' as const, params: { type, when: 'submit' }, field: type }));
  }

  const outOfRange: DomainError[] = requestedTypes(requested)
    .filter((type) => !isValidLimit(requested[type]!))
    .map((type) => ({ code: 'limit_out_of_range', params: { type, max: MAX_PORTS }, field: type }));
  if (outOfRange.length > 0) return outOfRange;

  if (expected) {
    const stale = requestedTypes(expected).filter((type) => expected[type] !== tenant.limits[type]);
    if (stale.length > 0) {
      // One parameter per port type that moved, its value now: `{ concurrent: 150 }`.
      return [{ code: 'stale_limits', params: Object.fromEntries(stale.map((type) => [type, tenant.limits[type]])) }];
    }
  }

  const changes = changesFrom(tenant.limits, requested);
  if (Object.keys(changes).length === 0) {
    return [{ code: 'no_change' }];
  }

  return [
    ...checkResultingLimits(tenant, applyChanges(tenant.limits, changes)),
    ...checkRevertAt(proposal.revertAt, now),
  ];
}

/** The from → to of every port type whose requested value differs from the current one. */
export function changesFrom(limits: Limits, requested: RequestedLimits): PortChanges {
  const changes: PortChanges = {};
  for (const type of requestedTypes(requested)) {
    const to = requested[type]!;
    if (to !== limits[type]) changes[type] = { from: limits[type], to };
  }
  return changes;
}

export function evaluateChange(proposal: ChangeProposal): Result<EvaluatedChange> {
  const [first] = findViolations(proposal);
  if (first) return { ok: false, error: first };
  const changes = changesFrom(proposal.tenant.limits, proposal.requested);
  return ok({ changes, resulting: applyChanges(proposal.tenant.limits, changes) });
}
