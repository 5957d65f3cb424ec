export const PORT_TYPES = ['concurrent', 'outbound', 'agentless'] as const;
export type PortType = (typeof PORT_TYPES)[number];

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

/** Outbound and agentless ports exist only where Personal Connection is enabled. */
export function enabledPortTypes(personalConnectionEnabled: boolean): readonly PortType[] {
  return personalConnectionEnabled ? PORT_TYPES : ['concurrent'];
}

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
