import { type Limits, type PortType, perPortType } from '../lib/domain/ports';
import { DEMO_TENANTS } from './demo-data';

/**
 * The demo's usage (issue 13 §8): how many ports each demo tenant uses in each minute, as a pure
 * function of the tenant and the minute, shared by the seed (db/demo-usage.ts) and the live feed
 * (`npm run usage:feed`), so that both write the same value into the same slot and a re-seed or a
 * resend changes nothing. A contact centre's day: quiet nights, a rise from 07:00 local time, a
 * lunch dip, a fall after 17:00; weekends quieter; each day a little busier or calmer than the
 * last; minute-to-minute noise. The noise is a hash of the tenant and the minute, never
 * Math.random.
 *
 * The League of the Scarlet Pimpernel runs a membership drive: from its start its traffic climbs
 * over five days to just under its 150 concurrent ports, every day of the week, and stays there.
 * Blakeney uses about 20 of its 50; Gascony a modest share; the Nautilus customers vary, most of
 * them comfortably within their limits, a few close to them.
 */

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
const HOUR_MS = 60 * MINUTE_MS;
const DRIVE_RAMP_MS = 5 * DAY_MINUTES * MINUTE_MS;

/** The demo's values for one minute; a port type the tenant does not have is absent (null). */
export type DemoUsage = { concurrent: number; outbound: number | null; agentless: number | null };

/** Shares of each limit, at the top of the day's curve on an ordinary weekday. */
type Level = Record<PortType, number>;

export type DemoUsageProfile = {
  tenantId: string;
  limits: Limits;
  /** Local time, as whole hours from UTC (summer time ignored). */
  utcOffsetHours: number;
  level: Level;
  /** The League's drive: the shares it climbs to. */
  drive?: Level;
  /** Hash seeds: per port type, and one for the day-to-day variation. */
  seeds: Record<PortType | 'day', number>;
};

const NIGHT = 0.05;
// Noise and day-to-day variation, outside and during the drive.
const NOISE = 0.08;
const DRIVE_NOISE = 0.04;
const DAY_VARIATION = { low: 0.9, high: 1.04 };
const DRIVE_DAY_VARIATION = { low: 0.99, high: 1.02 };
// Sunday … Saturday, from the tenant's local day.
const WEEKDAY_FACTOR = [0.18, 1, 1, 1, 1, 1, 0.35];

const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
const smoothstep = (from: number, to: number, x: number) => {
  const t = clamp01((x - from) / (to - from));
  return t * t * (3 - 2 * t);
};
const lerp = (a: number, b: number, t: number) => a + (b - a) * t;

/** The shape of a weekday, per minute of the local day: 1 at the busiest hours, NIGHT at night. */
const DAY_SHAPE: Float64Array = (() => {
  const shape = new Float64Array(DAY_MINUTES);
  for (let minute = 0; minute < DAY_MINUTES; minute++) {
    const h = minute / 60;
    const open = smoothstep(7, 9.5, h) * (1 - smoothstep(16.5, 19.5, h));
    const lunch = 1 - 0.18 * Math.exp(-(((h - 12.75) / 0.6) ** 2));
    const evening = 0.1 * smoothstep(16, 18, h) * (1 - smoothstep(20, 22.5, h));
    shape[minute] = Math.min(1, NIGHT + (1 - NIGHT) * open * lunch + evening);
  }
  return shape;
})();

/** FNV-1a of a string: a tenant's seed. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** A well-mixed number in [0, 1) from a seed and a whole number (murmur3's finaliser). */
function unit(seed: number, n: number): number {
  let h = Math.imul(seed ^ n, 0x9e3779b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4_294_967_296;
}

// Where the demo tenants' people work: the SPEC tenants by their story, Nautilus's customers by town.
const UTC_OFFSETS: Record<string, number> = { classics: 0, league: 0, blakeney: 0, musketeers: 1, gascony: 1, nautilus: 1 };
const TOWNS_ON_UTC = ['aberdeen', 'cork', 'dundee', 'faro', 'porto'];

const SPEC_LEVELS: Record<string, Level> = {
  classics: { concurrent: 0.66, outbound: 0.5, agentless: 0.45 },
  league: { concurrent: 0.62, outbound: 0.55, agentless: 0.45 },
  blakeney: { concurrent: 0.36, outbound: 0, agentless: 0 },
  musketeers: { concurrent: 0.7, outbound: 0.5, agentless: 0.4 },
  gascony: { concurrent: 0.62, outbound: 0, agentless: 0 },
  nautilus: { concurrent: 0.64, outbound: 0.55, agentless: 0.45 },
};

/**
 * The League's drive: the top of its day at 0.929 of 150 with at most +2 % for the day and +4 %
 * noise is at most 147.8, so it never reaches the limit, and the quietest day of the drive still
 * peaks above 95 %.
 */
const LEAGUE_DRIVE: Level = { concurrent: 0.929, outbound: 0.82, agentless: 0.68 };

/** A Nautilus customer's level: most well within their limits, about one in ten close to them. */
function customerLevel(seed: number): Level {
  const pick = unit(seed, 7);
  const concurrent = pick < 0.04 ? 0.93 : pick < 0.1 ? 0.8 : 0.2 + 0.48 * unit(seed, 11);
  return { concurrent, outbound: concurrent * 0.8, agentless: concurrent * 0.7 };
}

function profileOf(tenant: (typeof DEMO_TENANTS)[number]): DemoUsageProfile {
  const id = tenant.id;
  const seed = hashString(id);
  const town = id.split('-')[0]!;
  return {
    tenantId: id,
    limits: { concurrent: tenant.concurrent ?? 0, outbound: tenant.outbound ?? 0, agentless: tenant.agentless ?? 0 },
    utcOffsetHours: UTC_OFFSETS[id] ?? (TOWNS_ON_UTC.includes(town) ? 0 : 1),
    level: SPEC_LEVELS[id] ?? customerLevel(seed),
    drive: id === 'league' ? LEAGUE_DRIVE : undefined,
    seeds: { ...perPortType((type) => (type === 'concurrent' ? seed : hashString(`${id}/${type}`))), day: hashString(`${id}/day`) },
  };
}

/** Every demo tenant's profile, in DEMO_TENANTS's order. */
export const DEMO_USAGE_PROFILES: readonly DemoUsageProfile[] = DEMO_TENANTS.map(profileOf);

/** One hour of a tenant's demo usage: 60 slots per port type (null where the tenant lacks the type), and their peaks. */
export type DemoHour = {
  concurrent: Int16Array;
  outbound: Int16Array | null;
  agentless: Int16Array | null;
  peaks: DemoUsage;
};

/**
 * The demo's usage in the minute that starts at `minuteStart` (ms since the epoch, a whole
 * minute). `driveStart`: when the League's drive began (ms); absent, the drive is under way.
 */
export function demoUsage(profile: DemoUsageProfile, minuteStart: number, driveStart?: number): DemoUsage {
  const hourStart = Math.floor(minuteStart / HOUR_MS) * HOUR_MS;
  const minute = (minuteStart - hourStart) / MINUTE_MS;
  const slot = new Int16Array(1);
  const value = (type: PortType) => (hourValues(profile, type, hourStart, minute, 1, driveStart, slot) === null ? null : slot[0]!);
  return { concurrent: value('concurrent')!, outbound: value('outbound'), agentless: value('agentless') };
}

/** The hour that starts at `hourStart` (a whole hour), minute by minute: what the seed stores. */
export function demoHour(profile: DemoUsageProfile, hourStart: number, driveStart?: number): DemoHour {
  const concurrent = new Int16Array(60);
  const outbound = new Int16Array(60);
  const agentless = new Int16Array(60);
  const peaks: DemoUsage = {
    concurrent: hourValues(profile, 'concurrent', hourStart, 0, 60, driveStart, concurrent)!,
    outbound: hourValues(profile, 'outbound', hourStart, 0, 60, driveStart, outbound),
    agentless: hourValues(profile, 'agentless', hourStart, 0, 60, driveStart, agentless),
  };
  return { concurrent, outbound: peaks.outbound === null ? null : outbound, agentless: peaks.agentless === null ? null : agentless, peaks };
}

/** Each port type's shape of the day; agentless traffic (automated calls) runs flatter. */
const CURVES: Record<PortType, Float64Array> = perPortType((type) => (type === 'agentless' ? DAY_SHAPE.map((shape) => 0.3 + 0.7 * shape) : DAY_SHAPE));

/** What is the same all hour: the scale of its local day (and of the League's drive then), and its noise. */
type HourScale = { first: number; offset: number; scale: number; noise: number };

function hourScale(profile: DemoUsageProfile, type: PortType, hourStart: number, driveStart: number | undefined): HourScale {
  const first = Math.floor(hourStart / MINUTE_MS);
  const local = first + profile.utcOffsetHours * 60;
  const day = Math.floor(local / DAY_MINUTES);
  // Day 0 of the epoch was a Thursday.
  const weekday = (((day + 4) % 7) + 7) % 7;
  const drive = !profile.drive ? 0 : driveStart === undefined ? 1 : smoothstep(driveStart, driveStart + DRIVE_RAMP_MS, hourStart);
  const share = profile.drive ? lerp(profile.level[type], profile.drive[type], drive) : profile.level[type];
  const week = lerp(WEEKDAY_FACTOR[weekday]!, 1, drive);
  const low = lerp(DAY_VARIATION.low, DRIVE_DAY_VARIATION.low, drive);
  const high = lerp(DAY_VARIATION.high, DRIVE_DAY_VARIATION.high, drive);
  return {
    first,
    offset: local - day * DAY_MINUTES,
    scale: profile.limits[type] * share * week * lerp(low, high, unit(profile.seeds.day, day)),
    noise: lerp(NOISE, DRIVE_NOISE, drive),
  };
}

const hasType = (profile: DemoUsageProfile, type: PortType) => type === 'concurrent' || profile.limits[type] > 0;

/**
 * Writes minutes `from` … `from + count − 1` of the hour into `slots` (when given) and answers
 * their peak, or null when the tenant has no ports of the type. Everything but the minute's noise
 * is the hour's: its local day, and how far the League's drive had come when the hour began.
 */
function hourValues(profile: DemoUsageProfile, type: PortType, hourStart: number, from: number, count: number, driveStart: number | undefined, slots: Int16Array | null): number | null {
  if (!hasType(profile, type)) return null;
  const { first, offset, scale, noise } = hourScale(profile, type, hourStart, driveStart);
  const limit = profile.limits[type];
  const curve = CURVES[type];
  const seed = profile.seeds[type];
  let peak = 0;
  for (let i = from; i < from + count; i++) {
    const value = Math.min(limit, Math.round(scale * curve[offset + i]! * (1 + noise * (2 * unit(seed, first + i) - 1))));
    if (slots) slots[i - from] = value;
    if (value > peak) peak = value;
  }
  return peak;
}

/** The highest value of each port type's curve within each local hour. */
const HOUR_TOPS: Record<PortType, Float64Array> = perPortType((type) => hourTops(CURVES[type]));

function hourTops(curve: Float64Array): Float64Array {
  const tops = new Float64Array(24);
  for (let minute = 0; minute < DAY_MINUTES; minute++) tops[Math.floor(minute / 60)] = Math.max(tops[Math.floor(minute / 60)]!, curve[minute]!);
  return tops;
}

/**
 * The peaks of the whole hours from `from` to `to` (ms, whole hours): exactly the highest of
 * demoHour's, found without working out every minute. Each hour's values are bounded by the top of
 * its curve at the most noise: the hours are taken from the highest bound down, and once a bound
 * is no more than the peak found, no later hour can beat it. The seed's daily peaks of the days
 * before its minute rows.
 */
export function demoPeaks(profile: DemoUsageProfile, from: number, to: number, driveStart?: number): DemoUsage {
  return {
    concurrent: peakOf(profile, 'concurrent', from, to, driveStart)!,
    outbound: peakOf(profile, 'outbound', from, to, driveStart),
    agentless: peakOf(profile, 'agentless', from, to, driveStart),
  };
}

function peakOf(profile: DemoUsageProfile, type: PortType, from: number, to: number, driveStart: number | undefined): number | null {
  if (!hasType(profile, type)) return null;
  const limit = profile.limits[type];
  const hours: { start: number; bound: number }[] = [];
  for (let start = from; start < to; start += HOUR_MS) {
    const { offset, scale, noise } = hourScale(profile, type, start, driveStart);
    hours.push({ start, bound: Math.min(limit, Math.round(scale * HOUR_TOPS[type][offset / 60]! * (1 + noise))) });
  }
  hours.sort((a, b) => b.bound - a.bound);
  let best = 0;
  for (const hour of hours) {
    if (hour.bound <= best) break;
    best = Math.max(best, hourValues(profile, type, hour.start, 0, 60, driveStart, null)!);
  }
  return best;
}
