import { useTranslations } from 'next-intl';
import type { RequestStatus } from '@/lib/domain/lifecycle';

const TONES: Record<RequestStatus, string> = {
  new: 'bg-zinc-100 text-zinc-700 ring-zinc-300',
  pending_info: 'bg-amber-50 text-amber-800 ring-amber-300',
  in_review: 'bg-sky-50 text-sky-800 ring-sky-300',
  approved: 'bg-emerald-50 text-emerald-800 ring-emerald-300',
  rejected: 'bg-rose-50 text-rose-800 ring-rose-300',
  cancelled: 'bg-zinc-100 text-zinc-600 ring-zinc-300',
  reverted: 'bg-violet-50 text-violet-800 ring-violet-300',
};

export function StatusBadge({ status }: { status: RequestStatus }) {
  const t = useTranslations('common.status');
  return (
    <span
      className={`inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[status]}`}
    >
      {t(status)}
    </span>
  );
}
