// Shown when the headless host answers 401: this browser has no session cookie yet, and only the
// link with the access token (printed when the server starts) can give it one.
export function AccessNeeded() {
  return (
    <main className="splash access-needed" aria-labelledby="access-title">
      <h1 id="access-title">Access token needed</h1>
      <p>
        Open the link printed by <code>npm run serve</code> (it contains your access token).
      </p>
      <p className="muted">
        The link looks like <code>http://127.0.0.1:&lt;port&gt;/?token=…</code>. Opening it once signs this browser in;
        after that the board opens without it.
      </p>
    </main>
  );
}
