import type { PortChanges } from './ports';

/**
 * Monthly cost impact of a change of concurrent ports, in integer cents (negative is a saving).
 * The port price is in hundredths of the configured currency (PORT_PRICE_CURRENCY); only concurrent
 * ports are priced.
 */
export function monthlyCostImpactCents(concurrentDelta: number, portPriceCents: number): number {
  return concurrentDelta * portPriceCents;
}

/** How many concurrent ports a request adds (negative: removes); 0 when it leaves them as they are. */
export function concurrentDelta(changes: PortChanges): number {
  const change = changes.concurrent;
  return change ? change.to - change.from : 0;
}

/** The monthly cost impact of a stored request's changes, in integer cents. */
export function requestMonthlyCostCents(changes: PortChanges, portPriceCents: number): number {
  return monthlyCostImpactCents(concurrentDelta(changes), portPriceCents);
}

/** Whether prices are shown at all: Network Operations set the price to 0 to hide the cost. */
export function costIsShown(portPriceCents: number): boolean {
  return portPriceCents > 0;
}
