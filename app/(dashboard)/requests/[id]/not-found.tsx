import Link from 'next/link';
import { Notice } from '../../../_components/notice';

export default function RequestNotFound() {
  return (
    <Notice title="No such request">
      <p>This request does not exist, or it belongs to a tenant you cannot see.</p>
      <p>
        <Link href="/requests" className="font-medium text-indigo-700 underline-offset-4 hover:underline">
          Back to all requests
        </Link>
      </p>
    </Notice>
  );
}
