/** What an injected failure answers: Salesforce's status and error code for it. */
export type Fault = { status: number; errorCode: string; message: string };

export const FAULTS = {
  serverError: { status: 500, errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred. Please include this ErrorId if you contact support: 98234-5530 (-81233)' },
  unavailable: { status: 503, errorCode: 'SERVER_UNAVAILABLE', message: 'Server temporarily unavailable, try again later.' },
  rateLimited: { status: 403, errorCode: 'REQUEST_LIMIT_EXCEEDED', message: 'TotalRequests Limit exceeded.' },
  duplicateValue: { status: 400, errorCode: 'DUPLICATE_VALUE', message: 'duplicate value found: SSPM_Request_Id__c duplicates value on record with id: 5005g00000000001AAA' },
} satisfies Record<string, Fault>;

type Rule = { remaining: number; fault: Fault; endpoint?: RegExp };

/**
 * How a call's answer gets lost once Salesforce has applied it: 'hang' answers nothing until the
 * caller hangs up (its timeout, as when Salesforce outlives SSPM's 10 s), 'drop' closes the
 * connection at once (a proxy or the network failing on the way back).
 */
export type AnswerLoss = 'hang' | 'drop';
type LossRule = { remaining: number; how: AnswerLoss; endpoint?: RegExp };

/**
 * Fault injection: fail the next N calls (optionally only those of one endpoint), fail every call
 * until recovery, slow every call down, or apply the next N calls and lose their answers. Session
 * expiry lives with the tokens (server.ts).
 */
export class Faults {
  /**
   * Every call, sign-in included, waits this long before Salesforce handles it, and is handled even
   * if the caller gave up meanwhile: a caller with a shorter timeout sees a failure for a call that
   * is applied afterwards.
   */
  latencyMs = 0;
  private rules: Rule[] = [];
  private losses: LossRule[] = [];
  private always: Fault | null = null;

  failNext(count: number, fault: Fault = FAULTS.serverError, options: { endpoint?: RegExp } = {}): void {
    this.rules.push({ remaining: count, fault, endpoint: options.endpoint });
  }

  failEveryCall(fault: Fault = FAULTS.unavailable): void {
    this.always = fault;
  }

  /**
   * Apply the next N calls (optionally only those of one endpoint; data API calls otherwise), then
   * lose their answers: the caller cannot tell a call that was applied from one that was not.
   */
  loseNextAnswers(count: number, options: { how?: AnswerLoss; endpoint?: RegExp } = {}): void {
    this.losses.push({ remaining: count, how: options.how ?? 'hang', endpoint: options.endpoint });
  }

  recover(): void {
    this.always = null;
    this.rules = [];
    this.losses = [];
    this.latencyMs = 0;
  }

  /**
   * The fault this call meets, if any; each matching rule is used up one call at a time. Rules
   * without an endpoint fail data API calls only: the token endpoint knows no REQUEST_LIMIT_EXCEEDED.
   * An outage (failEveryCall) takes the token endpoint down too.
   */
  take(endpoint: string, options: { signIn?: boolean } = {}): Fault | null {
    if (this.always) return this.always;
    const applies = (rule: Rule) => (rule.endpoint ? rule.endpoint.test(endpoint) : !options.signIn);
    const rule = this.rules.find((candidate) => candidate.remaining > 0 && applies(candidate));
    if (!rule) return null;
    rule.remaining -= 1;
    this.rules = this.rules.filter((candidate) => candidate.remaining > 0);
    return rule.fault;
  }

  /** How this call's answer is lost, if it is; asked once the call has been applied. */
  takeAnswerLoss(endpoint: string, options: { signIn?: boolean } = {}): AnswerLoss | null {
    const applies = (rule: LossRule) => (rule.endpoint ? rule.endpoint.test(endpoint) : !options.signIn);
    const rule = this.losses.find((candidate) => candidate.remaining > 0 && applies(candidate));
    if (!rule) return null;
    rule.remaining -= 1;
    this.losses = this.losses.filter((candidate) => candidate.remaining > 0);
    return rule.how;
  }
}

/** Calls received per endpoint ("PATCH /sobjects/Case/{field}/{value}"), failed ones included. */
export class CallCounter {
  private readonly counts = new Map<string, number>();

  record(endpoint: string): number {
    const count = (this.counts.get(endpoint) ?? 0) + 1;
    this.counts.set(endpoint, count);
    return this.total();
  }

  get(endpoint: string): number {
    return this.counts.get(endpoint) ?? 0;
  }

  total(): number {
    let sum = 0;
    for (const count of this.counts.values()) sum += count;
    return sum;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts].sort(([a], [b]) => a.localeCompare(b)));
  }

  reset(): void {
    this.counts.clear();
  }
}
