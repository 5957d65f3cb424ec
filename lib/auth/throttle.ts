import 'server-only';
import type { Executor } from '@/db/client';
import { type FailureWindow, recordFailure, secondsBlocked } from '@/lib/data/auth-failures';

/**
 * Failed authentications (bad API tokens, demo and SSO sign-in refusals) are limited per client
 * address and per account. A client address guesses for many accounts, so it gets more room; an
 * account is one person mistyping, or someone guessing at them.
 */
export const THROTTLE_POLICIES = {
  address: { limit: 30, windowMs: 10 * 60_000, blockMs: 10 * 60_000 },
  account: { limit: 10, windowMs: 15 * 60_000, blockMs: 15 * 60_000 },
} as const satisfies Record<string, FailureWindow>;

export type ThrottleSubject = { address: string; account?: string | null };

export const addressKey = (address: string) => `address:${address}`;
export const accountKey = (account: string) => `account:${account.trim().toLowerCase()}`;

export function throttleKeys(subject: ThrottleSubject): string[] {
  return [addressKey(subject.address), ...(subject.account ? [accountKey(subject.account)] : [])];
}

/** Seconds the subject must still wait before another attempt; 0 when it may try now. */
export function retryAfterSeconds(db: Executor, subject: ThrottleSubject, now: Date): Promise<number> {
  return secondsBlocked(db, throttleKeys(subject), now);
}

export async function recordAuthFailure(db: Executor, subject: ThrottleSubject, now: Date): Promise<void> {
  await recordFailure(db, addressKey(subject.address), THROTTLE_POLICIES.address, now);
  if (subject.account) await recordFailure(db, accountKey(subject.account), THROTTLE_POLICIES.account, now);
}

/**
 * The client's address: the first X-Forwarded-For hop, which Vercel and a reverse proxy set and
 * Next's own server fills in from the socket when nothing did. Self-hosted, put SSPM behind a proxy
 * that overwrites the header, or a client can pick its own address (README, Security).
 */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for')?.split(',')[0]?.trim();
  return forwarded || headers.get('x-real-ip')?.trim() || 'unknown';
}
