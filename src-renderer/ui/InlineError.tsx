/** A failure from the host, shown where the user acted, in the host's own words. */
export function InlineError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p role="alert" className="inline-error">
      {message}
    </p>
  );
}
