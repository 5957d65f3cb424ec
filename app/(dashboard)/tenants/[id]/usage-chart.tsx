import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { HOUR_MS } from '@/lib/domain/usage';
import {
  CHART_HEIGHT,
  CHART_WIDTH,
  chartScales,
  dayTicks,
  limitPath,
  markerRows,
  niceAxis,
  percentAcross,
  stepPaths,
  utilisationBands,
} from '@/lib/usage/chart-geometry';
import { wholePercent } from '@/lib/usage/recent-peaks';
import type { PortUsageView, TenantUsageView } from '@/lib/usage/tenant-usage-view';

/** Markers closer than this (percent of the plot's width) go on separate rows: 24 px targets on a phone. */
const MARKER_GAP_PERCENT = 10;
const MARKER_ROW_PX = 28;

const MARKER_TONES = {
  applied: { badge: 'bg-emerald-700 text-white', line: 'stroke-emerald-600 dark:stroke-emerald-400' },
  reverted: { badge: 'bg-violet-700 text-white', line: 'stroke-violet-600 dark:stroke-violet-400' },
};

/** A label placed across the plot, kept inside it at the edges. */
function across(percent: number): string {
  if (percent < 6) return 'translate-x-0';
  if (percent > 94) return '-translate-x-full';
  return '-translate-x-1/2';
}

/**
 * One port type's 30 days, as server-rendered SVG: hourly peaks as an area, the limit as it was at
 * each moment as a step line, the 80–95 % and 95–100 % bands of that limit, and a marker per
 * approved or reverted request, each a link to it. The chart is an image with a summary for screen
 * readers; the same figures per day are in a table below it.
 */
export function UsageChart({ port, window, timeZone }: { port: PortUsageView; window: TenantUsageView['window']; timeZone: string }) {
  const t = useTranslations('usage.chart');
  const tCommon = useTranslations('common');
  const format = useFormatter();
  const ids = { title: `usage-${port.type}-title`, summary: `usage-${port.type}-summary` };
  const domain = { from: Date.parse(window.from), to: Date.parse(window.to) };
  const steps = port.limits.map((step) => ({ from: Date.parse(step.from), value: step.limit }));
  const currentLimit = port.lastDay.limit;
  // Room above the highest line, so that a peak at the limit does not sit on the frame.
  const axis = niceAxis(Math.max(port.highest?.peak ?? 0, ...steps.map((step) => step.value)) * 1.1);
  const { x, y } = chartScales(domain, axis.max);
  const peak = stepPaths(
    port.series.map((point) => ({ start: Date.parse(point.start), value: point.peak })),
    HOUR_MS,
    x,
    y,
  );
  const bands = utilisationBands(steps, domain.to, x, y);
  const ticks = dayTicks(domain, timeZone);
  const markers = port.markers.map((marker) => ({ ...marker, across: percentAcross(Date.parse(marker.at), domain) }));
  const rows = markerRows(
    markers.map((marker) => marker.across),
    MARKER_GAP_PERCENT,
  );
  const rowCount = markers.length === 0 ? 0 : Math.max(...rows) + 1;
  const portName = tCommon(`portsOf.${port.type}`);

  const summary = port.highest
    ? t('summary', {
        peak: port.highest.peak,
        limit: port.highest.limit,
        percent: wholePercent(port.highest.percent ?? 0),
        at: format.dateTime(new Date(port.highest.start), 'dateTime'),
        current: currentLimit,
        changes: markers.length,
      })
    : t('summaryNoData', { current: currentLimit, changes: markers.length });

  return (
    <figure aria-labelledby={ids.title} className="rounded-lg border border-zinc-200 bg-white p-4 text-zinc-900 dark:border-zinc-700 dark:bg-zinc-900 dark:text-zinc-100">
      <h3 id={ids.title} className="text-base font-semibold">
        {portName}
      </h3>
      <p id={ids.summary} className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
        {summary}
      </p>

      <div className="mt-4 flex gap-2">
        <div aria-hidden="true" className="flex w-10 shrink-0 flex-col">
          <div style={{ height: rowCount * MARKER_ROW_PX }} />
          <div className="relative h-48 text-right text-xs tabular-nums text-zinc-600 sm:h-56 dark:text-zinc-400">
            {axis.ticks.map((tick) => (
              <span key={tick} className="absolute right-0 -translate-y-1/2 leading-none" style={{ top: `${100 - (tick / axis.max) * 100}%` }}>
                {format.number(tick)}
              </span>
            ))}
          </div>
        </div>

        <div className="min-w-0 flex-1">
          {markers.length > 0 ? (
            <ol aria-label={t('markers', { port: port.type })} className="relative" style={{ height: rowCount * MARKER_ROW_PX }}>
              {markers.map((marker, i) => {
                const label = t('marker', {
                  direction: marker.direction,
                  from: marker.from,
                  to: marker.to,
                  at: format.dateTime(new Date(marker.at), 'dateTime'),
                });
                return (
                  <li key={`${marker.requestId}-${marker.direction}`} className={`absolute ${across(marker.across)}`} style={{ left: `${marker.across}%`, top: rows[i]! * MARKER_ROW_PX }}>
                    <Link
                      href={`/requests/${marker.requestId}`}
                      title={label}
                      className={`flex h-6 w-6 items-center justify-center rounded-full text-xs font-bold ring-2 ring-white hover:ring-indigo-400 dark:ring-zinc-900 ${MARKER_TONES[marker.direction].badge}`}
                    >
                      <span aria-hidden="true">{marker.direction === 'reverted' ? '↺' : marker.to > marker.from ? '↑' : '↓'}</span>
                      <span className="sr-only">{label}</span>
                    </Link>
                  </li>
                );
              })}
            </ol>
          ) : null}

          <div className="relative h-48 sm:h-56">
            <svg
              role="img"
              aria-labelledby={`${ids.title} ${ids.summary}`}
              viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`}
              preserveAspectRatio="none"
              className="absolute inset-0 h-full w-full overflow-visible"
            >
              {axis.ticks.map((tick) => (
                <line key={tick} x1={0} x2={CHART_WIDTH} y1={y(tick)} y2={y(tick)} className="stroke-zinc-200 dark:stroke-zinc-700" vectorEffect="non-scaling-stroke" />
              ))}
              <path d={bands.amber} className="fill-amber-400/30 dark:fill-amber-400/20" />
              <path d={bands.red} className="fill-rose-500/30 dark:fill-rose-500/25" />
              <path d={peak.area} className="fill-indigo-500/25 dark:fill-indigo-400/25" />
              <path d={peak.line} fill="none" strokeWidth={1.5} className="stroke-indigo-700 dark:stroke-indigo-300" vectorEffect="non-scaling-stroke" />
              <path d={limitPath(steps, domain.to, x, y)} fill="none" strokeWidth={2} className="stroke-zinc-900 dark:stroke-zinc-100" vectorEffect="non-scaling-stroke" />
              {markers.map((marker) => (
                <line
                  key={`${marker.requestId}-${marker.direction}`}
                  x1={x(Date.parse(marker.at))}
                  x2={x(Date.parse(marker.at))}
                  y1={0}
                  y2={CHART_HEIGHT}
                  strokeDasharray="4 3"
                  className={MARKER_TONES[marker.direction].line}
                  vectorEffect="non-scaling-stroke"
                />
              ))}
            </svg>
            {port.series.length === 0 ? (
              <p className="absolute inset-0 flex items-center justify-center text-sm text-zinc-600 dark:text-zinc-400">{t('noData')}</p>
            ) : null}
          </div>

          <div aria-hidden="true" className="relative mt-1 h-5 text-xs text-zinc-600 dark:text-zinc-400">
            {ticks.map((tick, i) => {
              const position = percentAcross(tick.getTime(), domain);
              // Phones name every other day of the axis.
              const onPhones = (ticks.length - 1 - i) % 2 === 0;
              return (
                <span key={tick.toISOString()} className={`absolute top-0 whitespace-nowrap ${across(position)} ${onPhones ? '' : 'max-sm:hidden'}`} style={{ left: `${position}%` }}>
                  {format.dateTime(tick, { day: 'numeric', month: 'short' })}
                </span>
              );
            })}
          </div>
        </div>
      </div>

      <Legend />
      <DailyTable port={port} portName={portName} timeZone={timeZone} />
    </figure>
  );
}

function Legend() {
  const t = useTranslations('usage.chart.legend');
  const item = 'inline-flex items-center gap-1.5';
  return (
    <ul className="mt-3 flex flex-wrap gap-x-4 gap-y-1 text-xs text-zinc-700 dark:text-zinc-300">
      <li className={item}>
        <span aria-hidden="true" className="h-3 w-4 rounded-sm border-t-2 border-indigo-700 bg-indigo-500/25 dark:border-indigo-300" />
        {t('peak')}
      </li>
      <li className={item}>
        <span aria-hidden="true" className="h-0.5 w-4 bg-zinc-900 dark:bg-zinc-100" />
        {t('limit')}
      </li>
      <li className={item}>
        <span aria-hidden="true" className="h-3 w-4 rounded-sm bg-amber-400/40" />
        {t('amber')}
      </li>
      <li className={item}>
        <span aria-hidden="true" className="h-3 w-4 rounded-sm bg-rose-500/40" />
        {t('red')}
      </li>
      <li className={item}>
        <span aria-hidden="true" className={`flex h-4 w-4 items-center justify-center rounded-full text-[0.6rem] font-bold ${MARKER_TONES.applied.badge}`}>
          ↑
        </span>
        {t('approved')}
      </li>
      <li className={item}>
        <span aria-hidden="true" className={`flex h-4 w-4 items-center justify-center rounded-full text-[0.6rem] font-bold ${MARKER_TONES.reverted.badge}`}>
          ↺
        </span>
        {t('reverted')}
      </li>
    </ul>
  );
}

/** The chart's figures as a table: a row per day of the reader's calendar. Opened on demand, with no script. */
function DailyTable({ port, portName, timeZone }: { port: PortUsageView; portName: string; timeZone: string }) {
  const t = useTranslations('usage.chart.table');
  const format = useFormatter();
  const cell = 'px-3 py-1.5';
  return (
    <details className="mt-3 text-sm">
      <summary className="cursor-pointer font-medium text-indigo-700 underline-offset-4 hover:underline dark:text-indigo-300">{t('show')}</summary>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-left tabular-nums">
          <caption className="mb-1 text-left text-xs text-zinc-600 dark:text-zinc-400">{t('caption', { port: portName, timeZone })}</caption>
          <thead className="border-b border-zinc-200 text-xs text-zinc-600 dark:border-zinc-700 dark:text-zinc-400">
            <tr>
              <th scope="col" className={cell}>
                {t('day')}
              </th>
              <th scope="col" className={`${cell} text-right`}>
                {t('peak')}
              </th>
              <th scope="col" className={`${cell} text-right`}>
                {t('limit')}
              </th>
              <th scope="col" className={`${cell} text-right`}>
                {t('utilisation')}
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-zinc-100 dark:divide-zinc-800">
            {port.days.toReversed().map((day) => (
              <tr key={day.day}>
                <th scope="row" className={`${cell} whitespace-nowrap font-normal`}>
                  {/* Noon UTC of the calendar day names that day in any zone's words. */}
                  {format.dateTime(new Date(`${day.day}T12:00:00Z`), { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short' })}
                </th>
                <td className={`${cell} text-right`}>{day.peak === null ? t('noData') : format.number(day.peak)}</td>
                <td className={`${cell} text-right`}>{format.number(day.limit)}</td>
                <td className={`${cell} text-right ${day.band === 'red' ? 'font-semibold' : ''}`}>
                  {day.percent === null ? t('noData') : t('percent', { percent: wholePercent(day.percent), band: day.band ?? 'green' })}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
