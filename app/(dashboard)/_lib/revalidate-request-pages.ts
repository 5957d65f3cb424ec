import 'server-only';
import { revalidatePath } from 'next/cache';

/** Every server-rendered page that shows a request or its tenant's limits and open request. */
export function revalidateRequestPages(requestId: string): void {
  revalidatePath('/');
  revalidatePath('/requests');
  revalidatePath(`/requests/${requestId}`);
  revalidatePath('/approvals');
}
