import { useFormatter } from 'next-intl';

/**
 * A moment in the reader's language and time zone, with the UTC instant on hover and in the
 * machine-readable `dateTime`. Works in server and client components alike.
 */
export function LocalTime({ iso, format = 'dateTime' }: { iso: string; format?: 'dateTime' | 'date' | 'time' }) {
  const formatter = useFormatter();
  const date = new Date(iso);
  return (
    <time dateTime={iso} title={formatter.dateTime(date, 'instant')}>
      {formatter.dateTime(date, format)}
    </time>
  );
}
