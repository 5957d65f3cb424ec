/** What the rules need to know about a kind of port. */
export type PortDescriptor = {
  /** Exists only where the tenant has Personal Connection (SPEC §2). */
  needsPersonalConnection: boolean;
  /** May not exceed the tenant's concurrent ports. */
  boundedByConcurrent: boolean;
};

/**
 * Every port type, described once: the schema's columns and checks, the validation, the forms and
 * the pages iterate this table, so a new port type is one entry here, its column's migration and its
 * words in the catalogues.
 */
export const PORTS = {
  concurrent: { needsPersonalConnection: false, boundedByConcurrent: false },
  outbound: { needsPersonalConnection: true, boundedByConcurrent: true },
  agentless: { needsPersonalConnection: true, boundedByConcurrent: true },
} as const satisfies Record<string, PortDescriptor>;

export type PortType = keyof typeof PORTS;
export const PORT_TYPES = Object.keys(PORTS) as readonly PortType[];

/** One value per port type, from a function of the type (`{ concurrent: f('concurrent'), … }`). */
export function perPortType<T>(value: (type: PortType) => T): Record<PortType, T> {
  return Object.fromEntries(PORT_TYPES.map((type) => [type, value(type)])) as Record<PortType, T>;
}

export type Limits = Record<PortType, number>;
export type PortChange = { from: number; to: number };
/** Only the port types that actually change appear. */
export type PortChanges = Partial<Record<PortType, PortChange>>;
/** New limits as a client asks for them: absent means "leave as it is". */
export type RequestedLimits = Partial<Record<PortType, number>>;

export const MAX_PORTS = 9999;

export function isPortType(value: unknown): value is PortType {
  return typeof value === 'string' && (PORT_TYPES as readonly string[]).includes(value);
}

/** The port types a tenant has: some exist only where Personal Connection is enabled. */
export function enabledPortTypes(personalConnectionEnabled: boolean): readonly PortType[] {
  return personalConnectionEnabled ? PORT_TYPES : PORT_TYPES.filter((type) => !PORTS[type].needsPersonalConnection);
}

/** The port types that may not exceed the concurrent ports. */
export const BOUNDED_BY_CONCURRENT: readonly PortType[] = PORT_TYPES.filter((type) => PORTS[type].boundedByConcurrent);

export function applyChanges(limits: Limits, changes: PortChanges): Limits {
  const next = { ...limits };
  for (const type of PORT_TYPES) {
    const change = changes[type];
    if (change) next[type] = change.to;
  }
  return next;
}

export function concurrentDelta(changes: PortChanges): number {
  const change = changes.concurrent;
  return change ? change.to - change.from : 0;
}

/** A tenant row's (or view's) limits, one per port type. */
export function limitsOf(tenant: Record<PortType, number>): Limits {
  return perPortType((type) => tenant[type]);
}
