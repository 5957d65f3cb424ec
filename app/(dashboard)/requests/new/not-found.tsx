import Link from 'next/link';
import { Notice } from '../../../_components/notice';

export default function TenantNotFound() {
  return (
    <Notice title="No such tenant">
      <p>This tenant does not exist, or it is not one you manage.</p>
      <p>
        <Link href="/" className="font-medium text-indigo-700 underline-offset-4 hover:underline">
          Back to the dashboard
        </Link>
      </p>
    </Notice>
  );
}
