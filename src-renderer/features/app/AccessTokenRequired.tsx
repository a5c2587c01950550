/** Web mode without a valid token: nothing works, so say plainly how to get in. */
export function AccessTokenRequired() {
  return (
    <main className="full-page-message" aria-labelledby="access-token-title">
      <h1 id="access-token-title">Access token required</h1>
      <p>
        This page needs the link with its access token printed by <code>npm run web</code>.
      </p>
      <p className="muted">
        Open that link (it ends in <code>?token=…</code>) in this browser. If Braid was restarted, it printed a new one.
      </p>
    </main>
  );
}
