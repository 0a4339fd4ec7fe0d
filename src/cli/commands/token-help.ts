/** The `graph-doctor token --help` text: its own module so that help loads nothing else. */
export const help = `Usage: graph-doctor token <jwt|-> [options]

Decodes an access token WITHOUT verifying it (Graph tokens carry a header nonce that only Graph can
verify) and explains it: resource (aud), v1/v2, delegated or app-only, work or personal account,
tenant, app, user, scopes, app roles, directory roles by name, xms_cc, acrs, amr, and whether it was
valid at --now (default: now), then one line per claim. "Bearer …" is accepted. The token itself and
its signature are never printed: the signature only as its length.

Options:
  --format text|json|markdown   output format (default text)
  --now ISO                     judge iat/nbf/exp at this time, e.g. the time of a failed call
  -h, --help                    show this help

Examples:
  graph-doctor token "$TOKEN"
  pbpaste | graph-doctor token -
  graph-doctor token --now 2026-11-20T10:00:00Z --format json - < token.txt

Exit codes: 0 the token was decoded (whatever its state), 2 not a token or usage.
`
