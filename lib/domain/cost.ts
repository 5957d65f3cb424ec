/** Monthly cost impact of a change of concurrent ports, in integer cents (negative is a saving). */
export function monthlyCostImpactCents(concurrentDelta: number, portPriceCents: number): number {
  return concurrentDelta * portPriceCents;
}

/** The currency of the port price (settings hold the amount); words and format are the reader's. */
export const PORT_PRICE_CURRENCY = 'USD';
