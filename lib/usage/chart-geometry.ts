import { AMBER_FROM_PERCENT, RED_FROM_PERCENT } from '@/lib/domain/usage';
import { localDays } from './usage-series';

/**
 * The geometry of the tenant page's usage charts (issue 13 §4), drawn as SVG on the server: no chart
 * library and no JavaScript in the browser. Pure, so that the scales and paths are tested apart.
 *
 * The plot is a viewBox of CHART_WIDTH × CHART_HEIGHT stretched to its box (preserveAspectRatio
 * "none", strokes that do not scale), so one drawing fits a phone and a wide screen; the words of the
 * axes are HTML placed at the same fractions, so that they keep their size.
 */
export const CHART_WIDTH = 1000;
export const CHART_HEIGHT = 240;

/** A tenth of a unit is finer than a pixel of the widest plot: shorter paths, the same picture. */
const tenth = (value: number) => Math.round(value * 10) / 10;

export type Scale = (value: number) => number;

/** Maps [d0, d1] onto [r0, r1], clamped to the range, to a tenth of a unit. */
export function linearScale([d0, d1]: readonly [number, number], [r0, r1]: readonly [number, number]): Scale {
  const low = Math.min(r0, r1);
  const high = Math.max(r0, r1);
  return (value) => {
    const mapped = d1 === d0 ? r0 : r0 + ((value - d0) / (d1 - d0)) * (r1 - r0);
    return tenth(Math.min(high, Math.max(low, mapped)));
  };
}

/**
 * A value axis from 0 to a round number at or above `max`, about `count` steps of 1, 2 or 5 × 10ⁿ
 * ports (never a fraction of a port). An empty axis still spans one port.
 */
export function niceAxis(max: number, count = 4): { max: number; step: number; ticks: number[] } {
  const target = Math.max(max, 1) / count;
  const magnitude = 10 ** Math.floor(Math.log10(target));
  const step = Math.max(1, [1, 2, 5, 10].map((multiple) => multiple * magnitude).find((candidate) => candidate >= target)!);
  const top = Math.max(step, Math.ceil(max / step) * step);
  return { max: top, step, ticks: Array.from({ length: top / step + 1 }, (_, i) => i * step) };
}

/** The scales of one chart: time (ms) across, ports up. */
export function chartScales(domain: { from: number; to: number }, axisMax: number): { x: Scale; y: Scale } {
  return { x: linearScale([domain.from, domain.to], [0, CHART_WIDTH]), y: linearScale([0, axisMax], [CHART_HEIGHT, 0]) };
}

export type Bucket = { start: number; value: number };

/**
 * Peaks per bucket as steps (a bucket's peak held across the bucket, which is what it means), a line
 * and the area under it. A missing bucket (no sample) breaks both: no data is not zero.
 */
export function stepPaths(points: readonly Bucket[], bucketMs: number, x: Scale, y: Scale): { line: string; area: string } {
  const line: string[] = [];
  const area: string[] = [];
  let runEnd: number | null = null;
  const base = y(0);
  for (const point of points) {
    const end = point.start + bucketMs;
    if (runEnd !== point.start) {
      if (runEnd !== null) area.push(`V${base}Z`);
      line.push(`M${x(point.start)},${y(point.value)}`);
      area.push(`M${x(point.start)},${base}V${y(point.value)}`);
    } else {
      line.push(`V${y(point.value)}`);
      area.push(`V${y(point.value)}`);
    }
    line.push(`H${x(end)}`);
    area.push(`H${x(end)}`);
    runEnd = end;
  }
  if (runEnd !== null) area.push(`V${base}Z`);
  return { line: line.join(''), area: area.join('') };
}

export type Step = { from: number; value: number };

/** The limit as a step line: flat while in force, upright where a request changed it, to the end of the domain. */
export function limitPath(steps: readonly Step[], end: number, x: Scale, y: Scale): string {
  return steps.map((step, i) => (i === 0 ? `M${x(step.from)},${y(step.value)}` : `H${x(step.from)}V${y(step.value)}`)).join('') + (steps.length > 0 ? `H${x(end)}` : '');
}

/**
 * The band between two shares of the limit (80–95 %, 95–100 %), following the limit's steps: one
 * rectangle per step in force. A limit of 0 has no band.
 */
export function bandPath(steps: readonly Step[], end: number, x: Scale, y: Scale, fromPercent: number, toPercent: number): string {
  return steps
    .map((step, i) => {
      if (step.value <= 0) return '';
      const left = x(step.from);
      const right = x(steps[i + 1]?.from ?? end);
      return `M${left},${y((step.value * toPercent) / 100)}H${right}V${y((step.value * fromPercent) / 100)}H${left}Z`;
    })
    .join('');
}

/** The amber and red bands of the utilisation bars, on the chart. */
export function utilisationBands(steps: readonly Step[], end: number, x: Scale, y: Scale): { amber: string; red: string } {
  return {
    amber: bandPath(steps, end, x, y, AMBER_FROM_PERCENT, RED_FROM_PERCENT),
    red: bandPath(steps, end, x, y, RED_FROM_PERCENT, 100),
  };
}

/** Where `at` falls across the domain, in percent of the width (for the HTML placed over the plot). */
export function percentAcross(at: number, domain: { from: number; to: number }): number {
  const share = domain.to === domain.from ? 0 : (at - domain.from) / (domain.to - domain.from);
  return tenth(Math.min(100, Math.max(0, share * 100)));
}

/**
 * Rows for markers placed across the plot (in percent), so that no two on a row are closer than
 * `minGap`: each goes on the first row where it fits. Answers each marker's row, in the given order.
 */
export function markerRows(positions: readonly number[], minGap: number): number[] {
  const lastOnRow: number[] = [];
  const rows = new Array<number>(positions.length);
  const order = positions.map((position, i) => ({ position, i })).sort((a, b) => a.position - b.position || a.i - b.i);
  for (const { position, i } of order) {
    let row = lastOnRow.findIndex((last) => position - last >= minGap);
    if (row === -1) row = lastOnRow.length;
    lastOnRow[row] = position;
    rows[i] = row;
  }
  return rows;
}

/**
 * The days the time axis names: midnights of the reader's time zone inside the domain, at most
 * `maxTicks`, evenly spaced and counted back from the latest, so that the most recent day is named.
 */
export function dayTicks(domain: { from: number; to: number }, timeZone: string, maxTicks = 6): Date[] {
  const midnights = localDays(new Date(domain.from), new Date(domain.to), timeZone)
    .map((day) => day.start)
    .filter((start) => start.getTime() >= domain.from && start.getTime() <= domain.to);
  const every = Math.max(1, Math.ceil(midnights.length / maxTicks));
  return midnights.filter((_, i) => (midnights.length - 1 - i) % every === 0);
}
