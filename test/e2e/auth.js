'use strict';

// Tokens, a refused key and rate limits in a real n8n (run.js; on every n8n version of the matrix).
// Each check runs a workflow with `n8n execute` against the sandbox, changes the sandbox while it runs and
// counts what PharmaOne received:
//  - a token revoked with Parallel Requests' 128 reads (of 1,000) in flight: 0 failed items, exactly 1 key exchange;
//  - tokens that live 2 seconds during a multi-second run: 0 failed items, at most one exchange per expiry;
//  - a revoked API key: every item says the key was refused (HTTP 401), after exactly 1 exchange attempt;
//  - a 429 with Retry-After: 2 is waited out (the node takes at least 2 s and succeeds); a Retry-After of
//    120 s fails at once with advice.
// Figures are printed with a `# auth` prefix for the compatibility table.

const assert = require('node:assert/strict');
const local = require('../../scripts/lib/n8n-local');

const WORKFLOWS = { burst: 'e2eAuthBurst0001', few: 'e2eAuthFew000001', one: 'e2eAuthOne000001' };
const COUNTS = { burst: 1000, few: 5, one: 1 };
const READ = 'Get product';
const byId = (value) => ({ __rl: true, mode: 'id', value });

/**
 * Manual Trigger → Code (`count` items) → PharmaOne Product → Get (a small answer, so that `n8n execute` can
 * print a thousand of them), failures as error items.
 */
function readWorkflow(id, count) {
	return {
		id,
		name: `E2E auth: ${count} product reads`,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: `${id}-start`, name: 'Run', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: `${id}-ids`,
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [240, 0],
				parameters: { jsCode: `return Array.from({ length: ${count} }, (_, n) => ({ json: { n } }));` },
			},
			{
				id: `${id}-read`,
				name: READ,
				type: 'n8n-nodes-pharmaone.pharmaOne',
				typeVersion: 1,
				position: [480, 0],
				onError: 'continueRegularOutput',
				parameters: { resource: 'product', operation: 'get', shopId: byId('shop1'), productId: byId('12345') },
				credentials: { pharmaOneApi: { id: local.CREDENTIAL_IDS.api, name: 'PharmaOne Sandbox API' } },
			},
		],
		connections: {
			Run: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: READ, type: 'main', index: 0 }]] },
		},
	};
}

function authWorkflows() {
	return Object.entries(WORKFLOWS).map(([kind, id]) => ({ file: `e2e-auth-${kind}.json`, workflow: readWorkflow(id, COUNTS[kind]) }));
}

/** Runs a workflow of this file; returns its read node's items, errors and time in n8n. */
async function runReads(ctx, kind) {
	const execution = await local.executeWorkflow(ctx.runtime, ctx.cliEnv, WORKFLOWS[kind]);
	const run = execution?.data?.resultData?.runData?.[READ]?.[0];
	assert.ok(run, `the "${READ}" node did not run`);
	const items = (run.data?.main?.[0] ?? []).map((item) => item.json);
	return { items, failed: items.filter((item) => item.error !== undefined), ms: run.executionTime, nodeError: run.error };
}

const productReads = (sandbox) => sandbox.stats().requests['GET /products/{p1Id}'] ?? 0;

async function waitUntil(what, check, timeoutMs = 120000) {
	const deadline = Date.now() + timeoutMs;
	while (!check()) {
		if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
}

function report(ctx, figures) {
	ctx.authFigures = { ...(ctx.authFigures ?? {}), ...figures };
	console.log(`# auth ${JSON.stringify(figures)}`);
}

function authTests(ctx) {
	const sandbox = () => ctx.sandbox;
	return [
		[
			'a token revoked with 128 reads in flight: 0 failed items, one key exchange for all of them',
			async () => {
				sandbox().setFaults({ latencyMs: 60 });
				try {
					const readsBefore = productReads(sandbox());
					const running = runReads(ctx, 'burst');
					let revokedAt;
					let readsAtRevocation = 0;
					let settled = false;
					running.finally(() => (settled = true)).catch(() => undefined);
					await waitUntil('300 reads', () => settled || productReads(sandbox()) - readsBefore >= 300);
					if (!settled) {
						revokedAt = sandbox().stats().tokenExchanges;
						readsAtRevocation = productReads(sandbox()) - readsBefore;
						sandbox().revokeTokens();
					}
					const { items, failed } = await running;
					assert.ok(revokedAt !== undefined, 'the run ended before 300 reads: the token was never revoked mid-run');
					const exchanges = sandbox().stats().tokenExchanges - revokedAt;
					report(ctx, { revokedMidRun: { items: items.length, failedItems: failed.length, exchangesAfterRevocation: exchanges, readsBeforeRevocation: readsAtRevocation } });
					assert.equal(items.length, COUNTS.burst);
					assert.deepEqual(failed.slice(0, 3), []);
					assert.equal(exchanges, 1);
				} finally {
					sandbox().clearFaults();
				}
			},
		],
		[
			'tokens that live 2 seconds during a longer run: 0 failed items, at most one exchange per expiry',
			async () => {
				sandbox().setFaults({ latencyMs: 400, tokenTtlSeconds: 2 });
				try {
					sandbox().revokeTokens();
					const before = sandbox().stats().tokenExchanges;
					const { items, failed, ms } = await runReads(ctx, 'burst');
					const seconds = ms / 1000;
					const exchanges = sandbox().stats().tokenExchanges - before;
					// One for the revoked token the run starts with, then one per 2-second lifetime.
					const bound = 2 + Math.floor(seconds / 2);
					report(ctx, { twoSecondTokens: { items: items.length, failedItems: failed.length, exchanges, nodeSeconds: Number(seconds.toFixed(1)), bound } });
					assert.equal(items.length, COUNTS.burst);
					assert.deepEqual(failed.slice(0, 3), []);
					assert.ok(exchanges >= 2, `expected the 2-second tokens to expire during the run (${exchanges} exchange)`);
					assert.ok(exchanges <= bound, `${exchanges} exchanges in ${seconds.toFixed(1)} s: more than one per expiry (${bound})`);
				} finally {
					sandbox().clearFaults();
				}
			},
		],
		[
			'a revoked API key: every item says PharmaOne refused the key (HTTP 401), after one exchange attempt',
			async () => {
				sandbox().revokeKey();
				try {
					const before = sandbox().stats().tokenExchanges;
					const requestsBefore = sandbox().stats().requests;
					const { items, failed } = await runReads(ctx, 'few');
					const attempts = (sandbox().stats().requests['POST /auth/token'] ?? 0) - (requestsBefore['POST /auth/token'] ?? 0);
					report(ctx, { revokedKey: { items: items.length, failedItems: failed.length, exchangeAttempts: attempts, message: failed[0]?.error } });
					assert.equal(sandbox().stats().tokenExchanges, before, 'a revoked key must not get a token');
					assert.equal(failed.length, COUNTS.few);
					for (const item of failed) assert.match(String(item.error), /^PharmaOne refused the API key \(HTTP 401\)/);
					assert.match(String(failed[0].description), /External API keys/);
					assert.equal(attempts, 1);
				} finally {
					sandbox().restoreKey();
				}
			},
		],
		[
			'a 429 with Retry-After: 2 is waited out; a Retry-After of 120 seconds fails at once with advice',
			async () => {
				await runReads(ctx, 'one'); // a token for the credential, so the fault meets the read
				sandbox().setFaults({ failNextRequests: { count: 1, status: 429, retryAfterSeconds: 2 } });
				const waited = await runReads(ctx, 'one');
				sandbox().setFaults({ failNextRequests: { count: 1, status: 429, retryAfterSeconds: 120 } });
				const far = await runReads(ctx, 'one');
				sandbox().clearFaults();
				report(ctx, { retryAfter: { askedSeconds: 2, nodeMs: waited.ms, failedItems: waited.failed.length, farAskedSeconds: 120, farNodeMs: far.ms, farMessage: far.failed[0]?.error } });
				assert.deepEqual(waited.failed, []);
				assert.ok(waited.ms >= 2000, `the node took ${waited.ms} ms: Retry-After: 2 was not waited out`);
				assert.equal(far.failed.length, 1);
				assert.match(String(far.failed[0].error), /rate limiting requests \(HTTP 429\)/);
				assert.match(String(far.failed[0].description), /wait 120 seconds/);
				assert.ok(far.ms < 10000, `a far Retry-After took ${far.ms} ms to fail`);
			},
		],
	];
}

module.exports = { authTests, authWorkflows, WORKFLOWS };
