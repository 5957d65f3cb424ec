import type { PortChanges } from '@/lib/domain/ports';
import { describeChanges } from './format';

export function PortChangeList({ changes }: { changes: PortChanges }) {
  const lines = describeChanges(changes);
  if (lines.length === 0) return <span className="text-zinc-500">No change</span>;
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
