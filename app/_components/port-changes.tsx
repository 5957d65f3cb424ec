import { useTranslations } from 'next-intl';
import { PORT_TYPES, type PortChanges } from '@/lib/domain/ports';

/** "Concurrent 150 → 200", one line per changed port type, or on one line when `inline`. */
export function PortChangeList({ changes, inline = false }: { changes: PortChanges; inline?: boolean }) {
  const t = useTranslations('common');
  const lines = PORT_TYPES.flatMap((type) => {
    const change = changes[type];
    return change ? [t('change', { port: t(`port.${type}`), from: change.from, to: change.to })] : [];
  });
  if (lines.length === 0) return <span className="text-zinc-500">{t('noChange')}</span>;
  if (inline) return <span className="tabular-nums">{lines.join(', ')}</span>;
  return (
    <ul className="space-y-0.5">
      {lines.map((line) => (
        <li key={line} className="whitespace-nowrap tabular-nums">
          {line}
        </li>
      ))}
    </ul>
  );
}
