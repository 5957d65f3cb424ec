/** Separation of duties, said where the decision buttons would be. */
export function OwnRequestNote() {
  return (
    <p className="rounded-md border border-zinc-200 bg-zinc-50 px-3 py-2 text-sm text-zinc-700">
      Submitted by you — another representative decides.
    </p>
  );
}
