// Where the caller's code made a call the SDK's error does not print: the innermost frame outside the SDK,
// its runtime and libraries (Node's GraphError/ODataError stacks, .NET, Java, Python tracebacks).
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { callSite } from '../../../src/core/input/pasted/call-site.js'
import { parseInput } from '../../../src/core/input/index.js'

const KIOTA_TS = `ODataError: Insufficient privileges to complete the operation.
    at Object.createODataErrorFromDiscriminatorValue (/app/node_modules/@microsoft/msgraph-sdk/models/oDataErrors/index.js:19:12)
    at FetchRequestAdapter.throwIfFailedResponse (/app/node_modules/@microsoft/kiota-http-fetchlibrary/dist/es/src/fetchRequestAdapter.js:361:31)
    at async FetchRequestAdapter.send (/app/node_modules/@microsoft/kiota-http-fetchlibrary/dist/es/src/fetchRequestAdapter.js:87:13)
    at async listUsers (/app/src/directory.ts:14:18) {
  error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' },
  responseStatusCode: 403
}`

test('the caller\'s innermost frame, in each runtime\'s stack', () => {
  assert.equal(callSite(KIOTA_TS), 'listUsers at /app/src/directory.ts:14')
  assert.equal(callSite('   at Microsoft.Graph.HttpProvider.SendAsync(HttpRequestMessage request)\n   at Contoso.Users.Sync.<RunAsync>d__4.MoveNext() in C:\\src\\Sync.cs:line 42\n   at Contoso.Program.Main()'), 'Contoso.Users.Sync.RunAsync at C:\\src\\Sync.cs:42')
  assert.equal(callSite('\tat com.microsoft.graph.users.UsersRequestBuilder.get(UsersRequestBuilder.java:101)\n\tat com.contoso.App.main(App.java:25)'), 'com.contoso.App.main at App.java:25')
  const python = 'Traceback (most recent call last):\n  File "/app/main.py", line 30, in <module>\n    asyncio.run(main())\n  File "/usr/lib/python3.12/asyncio/runners.py", line 194, in run\n  File "/app/main.py", line 12, in main\n    users = await fetch()\n  File "/app/.venv/lib/python3.12/site-packages/kiota_http/httpx_request_adapter.py", line 178, in send_async\n'
  assert.equal(callSite(python), 'main at /app/main.py:12')
})

test('near misses: a stack of library frames only, and text without frames, name no call site', () => {
  const library = 'GraphError: Insufficient privileges to complete the operation.\n    at new GraphError (/app/node_modules/@microsoft/microsoft-graph-client/lib/src/GraphError.js:35:28)\n    at processTicksAndRejections (node:internal/process/task_queues:95:5) {\n  statusCode: 403\n}'
  assert.equal(callSite(library), undefined)
  assert.equal(callSite('ODataError: Insufficient privileges to complete the operation.'), undefined)
})

test('a Kiota TypeScript ODataError without a call: the exchange says where it was made, for the answer to ask for that line', () => {
  const [exchange] = parseInput(KIOTA_TS, 'x.txt')
  assert.deepEqual([exchange?.request, exchange?.response?.status], [undefined, 403])
  assert.match(exchange?.unseenCall ?? '', /^The SDK's error does not print the call, but its stack trace shows it was made in listUsers at \/app\/src\/directory\.ts:14: paste that line of code/)
})
