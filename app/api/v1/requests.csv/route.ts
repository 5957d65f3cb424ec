// GET /api/v1/requests.csv: the caller's requests as CSV, with the list's filters and sort (tenantId,
// status, q, from, to, sort), every matching row, streamed a batch at a time. The header row is in
// the reader's language; the values are not (codes, ISO instants in UTC, plain numbers).
import { apiRoute, readQuery } from '@/lib/http/api-route';
import type { Translator } from '@/lib/i18n/translate';
import { type RequestCsvColumn, exportVisibleRequests } from '@/lib/requests/export-requests';
import { exportRequestsQuerySchema } from '@/lib/validation/request';

function heading(t: Translator, column: RequestCsvColumn): string {
  if (column.id === 'portFrom' || column.id === 'portTo') {
    return t(`requestList.csv.${column.id}`, { ports: t(`common.portsOf.${column.port}`) });
  }
  return t(`requestList.csv.${column.id}`);
}

export const GET = apiRoute(async ({ request, caller, ctx, reader, t }) => {
  const query = readQuery(request, exportRequestsQuerySchema);
  const { body, filename } = await exportVisibleRequests(ctx, caller, query, {
    heading: (column) => heading(t, column),
    timeZone: reader.timeZone,
  });
  return new Response(body, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${filename}"`,
    },
  });
});
