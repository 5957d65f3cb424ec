/** Monthly cost impact of a change of concurrent ports, in integer cents (negative is a saving). */
export function monthlyCostImpactCents(concurrentDelta: number, portPriceCents: number): number {
  return concurrentDelta * portPriceCents;
}

export function formatCents(cents: number, currency = 'USD'): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(cents / 100);
}
