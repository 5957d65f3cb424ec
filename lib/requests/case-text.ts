import { PORT_LABELS, PORT_TYPES, type PortChanges } from '@/lib/domain/ports';

type CaseSubject = {
  tenant: { id: string; name: string };
  changes: PortChanges;
  requestedBy: string;
  reason: string;
  justification?: string | null;
  revertAt?: Date | null;
};

export function describeChanges(changes: PortChanges): string {
  return PORT_TYPES.flatMap((type) => {
    const change = changes[type];
    return change ? [`${PORT_LABELS[type]}: ${change.from} → ${change.to}`] : [];
  }).join('; ');
}

/** What a human at the case desk needs to act on the request without opening SSPM. */
export function caseOpening(subject: CaseSubject): { subject: string; description: string } {
  const lines = [
    `Tenant: ${subject.tenant.name} (${subject.tenant.id})`,
    `Changes: ${describeChanges(subject.changes)}`,
    `Requested by: ${subject.requestedBy}`,
    `Reason: ${subject.reason}`,
    subject.justification ? `Justification: ${subject.justification}` : null,
    subject.revertAt ? `Temporary until: ${subject.revertAt.toISOString()}` : null,
  ];
  return {
    subject: `Port change for ${subject.tenant.name}: ${describeChanges(subject.changes)}`.slice(0, 255),
    description: lines.filter(Boolean).join('\n'),
  };
}
