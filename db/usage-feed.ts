import type { UsageSampleBody } from '../lib/validation/usage';
import { DEMO_USAGE_PROFILES, type DemoUsageProfile, demoUsage } from './demo-usage-curve';

/**
 * The demo's live usage feed (issue 13 §8, `npm run usage:feed`, db/usage-feed-cli.ts): what a
 * platform's metrics pipeline does, through the same API. Each minute it posts one sample per demo
 * tenant for the minute that has just ended, from the curve the seed wrote the past with. On
 * start it first fills what it missed: it posts the minutes before now, newest first, a batch at
 * a time, until a batch is all duplicates (the seed's or an earlier run's minutes) or the 35 days
 * the API keeps minutes are reached. Resending is harmless: the API is idempotent.
 */

const MINUTE_MS = 60_000;
/** The API's bounds: 10,000 samples a call, minutes no older than 35 days (with a margin for clocks). */
const MAX_SAMPLES = 10_000;
const OLDEST_MS = 35 * 24 * 60 * MINUTE_MS - 10 * MINUTE_MS;
const BACKOFF_MS = { first: 1_000, max: 60_000 };

/** What one POST answered: a status and, when it was stored, the API's counts; or the connection failed. */
export type PostOutcome = { status: number; body: unknown } | { error: string };
export type Transport = (samples: UsageSampleBody[], signal: AbortSignal) => Promise<PostOutcome>;

export type UsageFeedOptions = {
  post: Transport;
  clock?: () => Date;
  log?: (line: string) => void;
  /** Waits; rejects or resolves early when the signal aborts. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  signal?: AbortSignal;
  /** Asked for a fresh token after a 401 (the demo re-mints it when the app starts on a new database); true when it changed. */
  reloadToken?: () => boolean;
  profiles?: readonly DemoUsageProfile[];
};

/** The API refused the feed in a way waiting will not mend (a token it does not accept, a bad batch). */
export class UsageFeedError extends Error {}

/** The demo's samples of the minutes starting in [from, to), one per tenant and minute, oldest first. */
export function feedSamples(profiles: readonly DemoUsageProfile[], from: number, to: number): UsageSampleBody[] {
  const samples: UsageSampleBody[] = [];
  for (let minute = from; minute < to; minute += MINUTE_MS) {
    const at = new Date(minute + MINUTE_MS).toISOString();
    for (const profile of profiles) {
      const { concurrent, outbound, agentless } = demoUsage(profile, minute);
      samples.push({
        tenantId: profile.tenantId,
        at,
        concurrent,
        ...(outbound === null ? {} : { outbound }),
        ...(agentless === null ? {} : { agentless }),
      });
    }
  }
  return samples;
}

const floorMinute = (at: Date) => Math.floor(at.getTime() / MINUTE_MS) * MINUTE_MS;
const clockTime = (minute: number) => new Date(minute).toISOString().slice(11, 16);

function defaultSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

export class UsageFeed {
  private readonly post: Transport;
  private readonly clock: () => Date;
  private readonly log: (line: string) => void;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly signal: AbortSignal;
  private readonly reloadToken: () => boolean;
  private profiles: DemoUsageProfile[];
  /** Every minute that starts before this one has been posted. */
  private sentUntil: number | null = null;

  constructor(options: UsageFeedOptions) {
    this.post = options.post;
    this.clock = options.clock ?? (() => new Date());
    this.log = options.log ?? ((line) => console.log(line));
    this.sleep = options.sleep ?? defaultSleep;
    this.signal = options.signal ?? new AbortController().signal;
    this.reloadToken = options.reloadToken ?? (() => false);
    this.profiles = [...(options.profiles ?? DEMO_USAGE_PROFILES)];
  }

  /** Minutes per call: as many as keep a call within the API's 10,000 samples. */
  private get minutesPerCall(): number {
    return Math.max(1, Math.floor(MAX_SAMPLES / Math.max(1, this.profiles.length)));
  }

  /** Posts the missed minutes, newest first, until the API already has a whole batch. Answers how many it stored. */
  async backfill(): Promise<number> {
    const now = this.clock();
    const end = floorMinute(now);
    const oldest = Math.ceil((now.getTime() - OLDEST_MS) / MINUTE_MS) * MINUTE_MS;
    let stored = 0;
    for (let to = end; to > oldest && !this.signal.aborted; ) {
      const from = Math.max(oldest, to - this.minutesPerCall * MINUTE_MS);
      const result = await this.send(from, to);
      if (result === null) break;
      stored += result.stored;
      if (result.stored === 0) break;
      to = from;
    }
    this.sentUntil = end;
    return stored;
  }

  /** Posts every minute that has ended since the last post (the one that just ended, unless posts failed). */
  async catchUp(): Promise<void> {
    const end = floorMinute(this.clock());
    this.sentUntil ??= end - MINUTE_MS;
    while (this.sentUntil < end && !this.signal.aborted) {
      const to = Math.min(end, this.sentUntil + this.minutesPerCall * MINUTE_MS);
      if ((await this.send(this.sentUntil, to)) === null) return;
      this.sentUntil = to;
    }
  }

  /** Backfills, then posts each minute as it ends (a second after, aligned to the clock) until the signal aborts. */
  async run(): Promise<void> {
    await this.backfill();
    while (!this.signal.aborted) {
      const now = this.clock().getTime();
      await this.sleep(floorMinute(new Date(now)) + MINUTE_MS + 1_000 - now, this.signal);
      if (this.signal.aborted) break;
      await this.catchUp();
    }
  }

  /**
   * Posts the minutes [from, to), retrying with backoff while the app is down or answers 5xx.
   * Answers the API's counts, or null when the signal aborted first.
   */
  private async send(from: number, to: number): Promise<{ stored: number; duplicates: number } | null> {
    let wait = BACKOFF_MS.first;
    let reloaded = false;
    for (;;) {
      if (this.signal.aborted) return null;
      const samples = feedSamples(this.profiles, from, to);
      const span = `${clockTime(from)}–${clockTime(to)}`;
      const outcome = await this.post(samples, this.signal);
      if (this.signal.aborted) return null;
      if ('error' in outcome || outcome.status >= 500) {
        const why = 'error' in outcome ? outcome.error : `${outcome.status} ${errorCode(outcome.body)}`;
        this.log(`${stamp(this.clock())} POST ${samples.length} samples (${span}) → ${why}; retrying in ${wait / 1000} s`);
        await this.sleep(wait, this.signal);
        wait = Math.min(BACKOFF_MS.max, wait * 2);
        continue;
      }
      const { status, body } = outcome;
      if (status === 200) {
        const { stored, duplicates } = body as { stored: number; duplicates: number };
        this.log(`${stamp(this.clock())} POST ${samples.length} samples (${span}) → 200: stored ${stored}, duplicates ${duplicates}`);
        return { stored, duplicates };
      }
      if (status === 401 && !reloaded && this.reloadToken()) {
        reloaded = true;
        this.log(`${stamp(this.clock())} POST ${samples.length} samples (${span}) → 401; trying the new token`);
        continue;
      }
      if (status === 404 && errorCode(body) === 'unknown_tenants') {
        // A database without some demo tenants: feed the others.
        const unknown = unknownTenants(body, samples);
        this.profiles = this.profiles.filter((profile) => !unknown.has(profile.tenantId));
        this.log(`${stamp(this.clock())} POST ${samples.length} samples (${span}) → 404: no tenant ${[...unknown].join(', ')}; feeding the others`);
        if (unknown.size > 0 && this.profiles.length > 0) continue;
      }
      throw new UsageFeedError(`POST /api/v1/usage answered ${status}: ${JSON.stringify(body)}`);
    }
  }
}

const stamp = (at: Date) => at.toISOString().slice(0, 19).replace('T', ' ');

function errorCode(body: unknown): string {
  const error = (body as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === 'string' ? error.code : '';
}

/** The tenants of a 404's issues, each of which points at a sample naming one (`samples.3.tenantId`). */
function unknownTenants(body: unknown, samples: readonly UsageSampleBody[]): Set<string> {
  const issues = (body as { error?: { issues?: { path?: unknown[] }[] } }).error?.issues ?? [];
  return new Set(issues.flatMap((issue) => samples[Number(issue.path?.[1])]?.tenantId ?? []));
}
