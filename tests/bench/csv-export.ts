// The CSV export's figure of `npm run bench` (issue 12): GET /api/v1/requests.csv of all of Percy's
// requests (about 100,000 of the 200,000 seeded) from the production server, read as it streams,
// with the server's resident memory (/proc) before and at its highest while streaming.
import { readFileSync } from 'node:fs';

export type CsvExportFigure = {
  rows: number;
  megabytes: number;
  seconds: number;
  rowsPerSecond: number;
  /** Time to the first bytes of the body: the export starts before it has read every row. */
  firstBytesMs: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  /** Highest resident memory while streaming, over the resident memory before it. */
  rssGrowthMb: number;
};

const residentMb = (pid: number) =>
  Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) / 1024;

export async function measureCsvExport(baseUrl: string, serverPid: number, cookie: string): Promise<CsvExportFigure> {
  const rssBeforeMb = residentMb(serverPid);
  let rssPeakMb = rssBeforeMb;
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/v1/requests.csv`, { headers: { cookie } });
  if (response.status !== 200 || !response.body) throw new Error(`GET /api/v1/requests.csv answered ${response.status}`);
  let bytes = 0;
  let lines = 0;
  let firstBytesMs = 0;
  const reader = response.body.getReader();
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    if (bytes === 0) firstBytesMs = performance.now() - started;
    bytes += next.value.byteLength;
    for (let i = next.value.indexOf(0x0a); i !== -1; i = next.value.indexOf(0x0a, i + 1)) lines += 1;
    rssPeakMb = Math.max(rssPeakMb, residentMb(serverPid));
  }
  const seconds = (performance.now() - started) / 1000;
  // One line per request (the seeded reasons hold no line break), and the header.
  const rows = lines - 1;
  return {
    rows,
    megabytes: bytes / 2 ** 20,
    seconds,
    rowsPerSecond: rows / seconds,
    firstBytesMs,
    rssBeforeMb,
    rssPeakMb,
    rssGrowthMb: rssPeakMb - rssBeforeMb,
  };
}
