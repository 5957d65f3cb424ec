import type { PortChanges } from '@/lib/domain/ports';
import { describeChanges } from './format';

/** "Concurrent 150 → 200", one line per changed port type, or on one line when `inline`. */
export function PortChangeList({ changes, inline = false }: { changes: PortChanges; inline?: boolean }) {
  const lines = describeChanges(changes);
  if (lines.length === 0) return <span className="text-zinc-500">No change</span>;
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
