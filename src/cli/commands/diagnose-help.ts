/** The `graph-doctor diagnose --help` text: its own module so that help loads nothing else. */
export const help = `Usage: graph-doctor diagnose [FILE...] [options]

Explains failed Microsoft Graph calls: the most likely cause first, the evidence and the exact fix.
FILE is a HAR capture, a curl -v transcript, a raw HTTP exchange, a token-endpoint error body or an
MSAL error (JSON); - reads stdin. Several files are diagnosed in order. Without FILE, describe one
call with the flags below.

Options:
  --method METHOD           HTTP method of the call (default GET)
  --url URL                 the Graph URL that was called
  --status CODE             the response status, e.g. 403
  --token TOKEN|-           the access token that was sent (- reads it from stdin)
  --header 'Name: value'    a request or response header (repeatable), e.g. WWW-Authenticate
  --body TEXT               the response body
  --request-body TEXT       the request body
  --format text|json|markdown   output format (default text; colour only on a terminal, never with NO_COLOR)
  --now ISO                 judge token lifetimes at this time instead of the exchange time
  --permissions FILE        the Microsoft Graph permissions.json (default: GRAPH_DOCTOR_PERMISSIONS,
                            then the cache filled by graph-doctor data update)
  -h, --help                show this help

Examples:
  graph-doctor diagnose capture.har
  graph-doctor diagnose --format json capture.har | jq '.results[].findings[].id'
  curl -sv https://graph.microsoft.com/v1.0/me -H "Authorization: Bearer $TOKEN" 2>&1 | graph-doctor diagnose -
  graph-doctor diagnose --method GET --url https://graph.microsoft.com/v1.0/users --status 403 --token "$TOKEN"

Exit codes: 0 no error findings, 1 error findings, 2 unusable input or usage.
`
