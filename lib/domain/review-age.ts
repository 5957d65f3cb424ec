const HOUR_MS = 60 * 60 * 1000;

/** The reps' review target: amber past 24 hours in review, red past 72. */
export const REVIEW_TARGET_HOURS = { amber: 24, red: 72 } as const;

export type ReviewUrgency = 'on_time' | 'amber' | 'red';

export function reviewUrgency(waitingSince: Date, now: Date): ReviewUrgency {
  const hours = (now.getTime() - waitingSince.getTime()) / HOUR_MS;
  if (hours > REVIEW_TARGET_HOURS.red) return 'red';
  if (hours > REVIEW_TARGET_HOURS.amber) return 'amber';
  return 'on_time';
}
