import type { Caller } from '@/lib/auth/caller';
import { type ListedRequestRow, type RequestCursor, cursorOf, listRequests } from '@/lib/data/requests';
import { type CsvValue, csvRow } from '@/lib/domain/csv';
import { PORT_TYPES, type PortType } from '@/lib/domain/ports';
import { DEFAULT_REQUEST_SORT } from '@/lib/domain/request-list';
import type { UseCaseContext } from '@/lib/use-case-context';
import type { ExportRequestsQuery } from '@/lib/validation/request';
import { listTimeZone, requestListFilters, requireView } from './read-requests';

/** Rows read from the database per query while exporting: big enough to be quick, small enough to hold. */
export const EXPORT_BATCH_SIZE = 1_000;

/**
 * The export's columns, in order: what a request is, language-neutral (codes, e-mails, ISO instants
 * in UTC, plain numbers). Only the header row is in the reader's words (`heading`).
 */
export type RequestCsvColumn =
  | { id: 'id' | 'caseNumber' | 'tenantId' | 'tenantName' | 'status' | 'createdAt' | 'updatedAt' | 'requestedBy' | 'reason' | 'justification' }
  | { id: 'revertAt' | 'decidedBy' | 'decidedAt' | 'decisionComment' }
  | { id: 'portFrom' | 'portTo'; port: PortType };

const iso = (date: Date | null) => date?.toISOString() ?? null;

const COLUMNS: { column: RequestCsvColumn; value: (row: ListedRequestRow) => CsvValue }[] = [
  { column: { id: 'id' }, value: (row) => row.id },
  { column: { id: 'caseNumber' }, value: (row) => row.caseNumber },
  { column: { id: 'tenantId' }, value: (row) => row.tenantId },
  { column: { id: 'tenantName' }, value: (row) => row.tenantName },
  { column: { id: 'status' }, value: (row) => row.status },
  { column: { id: 'createdAt' }, value: (row) => iso(row.createdAt) },
  { column: { id: 'updatedAt' }, value: (row) => iso(row.updatedAt) },
  { column: { id: 'requestedBy' }, value: (row) => row.requestedBy },
  ...PORT_TYPES.flatMap((port) => [
    { column: { id: 'portFrom' as const, port }, value: (row: ListedRequestRow) => row.changes[port]?.from },
    { column: { id: 'portTo' as const, port }, value: (row: ListedRequestRow) => row.changes[port]?.to },
  ]),
  { column: { id: 'reason' }, value: (row) => row.reason },
  { column: { id: 'justification' }, value: (row) => row.justification },
  { column: { id: 'revertAt' }, value: (row) => iso(row.revertAt) },
  { column: { id: 'decidedBy' }, value: (row) => row.decidedBy },
  { column: { id: 'decidedAt' }, value: (row) => iso(row.decidedAt) },
  { column: { id: 'decisionComment' }, value: (row) => row.decisionComment },
];

export const REQUEST_CSV_COLUMNS: readonly RequestCsvColumn[] = COLUMNS.map(({ column }) => column);

export type RequestExport = {
  /** The CSV, UTF-8, produced as it is read. */
  body: ReadableStream<Uint8Array>;
  /** `requests-2026-11-26.csv`: the UTC day of the export. */
  filename: string;
};

// A byte-order mark, so that spreadsheets open the UTF-8 as UTF-8 (Excel reads "Ação" as "AÃ§Ã£o" without it).
const BYTE_ORDER_MARK = '\uFEFF';

/**
 * The caller's requests as CSV, with the list's filters and sort, every matching row. The body is
 * a pull stream: each read asks the database for the next batch after the last row written (keyset
 * pagination, as the list pages), so memory holds one batch whatever the export's size, and a slow
 * reader slows the queries instead of filling memory (back-pressure). No transaction is held open
 * while the reader downloads: a row changed meanwhile can move in a sort on a changing column, as in
 * the list's pages; the default newest-first order is stable. The first batch is read before the
 * answer starts, so that an unreachable database is a 503 rather than a cut download.
 */
export async function exportVisibleRequests(
  ctx: UseCaseContext,
  caller: Caller,
  query: Partial<ExportRequestsQuery>,
  options: { heading: (column: RequestCsvColumn) => string; timeZone?: string | null; batchSize?: number },
): Promise<RequestExport> {
  requireView(caller);
  const sort = query.sort ?? DEFAULT_REQUEST_SORT;
  const filters = requestListFilters(query, listTimeZone(caller, options.timeZone));
  const limit = options.batchSize ?? EXPORT_BATCH_SIZE;
  const readBatch = (cursor: RequestCursor | undefined) =>
    listRequests(ctx.db, caller.scope, { ...filters, sort, cursor, limit }, { inIndexOrder: true });

  // The first batch is read now; each later one when the reader pulls for it, after the last row written.
  let pending: Awaited<ReturnType<typeof readBatch>> | null = await readBatch(undefined);
  let after: RequestCursor | null = null;
  let headerWritten = false;
  // The reader went away (a closed tab, a dropped connection): nothing more is read or written.
  let cancelled = false;
  const encoder = new TextEncoder();

  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          if (!pending && after) pending = await readBatch(after);
          if (cancelled) return;
          if (!pending) {
            controller.close();
            return;
          }
          const { rows, next } = pending;
          pending = null;
          let text = headerWritten ? '' : BYTE_ORDER_MARK + csvRow(REQUEST_CSV_COLUMNS.map(options.heading));
          headerWritten = true;
          for (const row of rows) text += csvRow(COLUMNS.map(({ value }) => value(row)));
          const last = rows.at(-1);
          after = next && last ? cursorOf(last, sort) : null;
          controller.enqueue(encoder.encode(text));
          if (!after) controller.close();
        } catch (error) {
          if (cancelled) return;
          // The status line is gone: all that is left is to cut the download and say why in the log.
          console.error('requests export failed mid-stream:', error);
          controller.error(error);
        }
      },
      cancel() {
        cancelled = true;
        pending = null;
        after = null;
      },
    },
    // Nothing is read ahead of the reader: a batch is queried only when the reader pulls for it.
    { highWaterMark: 0 },
  );
  return { body, filename: `requests-${ctx.clock().toISOString().slice(0, 10)}.csv` };
}
