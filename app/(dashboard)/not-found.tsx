import Link from 'next/link';
import { Notice } from '../_components/notice';

export default function DashboardNotFound() {
  return (
    <Notice title="Not found">
      <p>There is nothing here, or you do not have access to it.</p>
      <p>
        <Link href="/" className="font-medium text-indigo-700 underline-offset-4 hover:underline">
          Back to the dashboard
        </Link>
      </p>
    </Notice>
  );
}
