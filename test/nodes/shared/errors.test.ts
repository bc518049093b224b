import { describeFailure } from '../../../nodes/shared/errors';
import { ROUTES } from '../../../nodes/shared/routes';
import { startBrokenServer } from '../../harness/brokenServer';
import { EngineHarness } from '../../harness/engine';

const HOST = 'https://manager.sandbox.test';
const byId = (value: string) => ({ __rl: true, mode: 'id', value });

describe('messages of the error translator', () => {
	test.each([
		['1', 'PharmaOne asked to wait 1 second.'],
		['7', 'PharmaOne asked to wait 7 seconds.'],
		['Thu, 26 Nov 2026 12:00:05 GMT', 'PharmaOne asked to wait until Thu, 26 Nov 2026 12:00:05 GMT.'],
	])('429 with Retry-After %s', (retryAfter, text) => {
		const { description } = describeFailure({ status: 429, retryAfter }, { route: ROUTES.order.get, host: HOST });
		expect(description).toMatch(new RegExp(`${text.replace(/[.()]/g, '\\$&')}$`));
	});

	test('a refused connection could not reach PharmaOne, and nothing was sent, so nothing may have been applied', () => {
		const { message, description } = describeFailure({ code: 'ECONNREFUSED' }, { route: ROUTES.inventory.adjust, host: HOST });
		expect(message).toBe(`Could not reach PharmaOne at ${HOST}`);
		expect(description).not.toMatch(/may or may not have applied/);
	});

	test('a connection reset after the request went out does not say "Could not reach"', () => {
		const { message, description } = describeFailure({ code: 'ECONNRESET' }, { route: ROUTES.inventory.adjust, host: HOST });
		expect(message).toBe(`The connection to PharmaOne at ${HOST} broke before an answer arrived`);
		expect(description).toMatch(/^Network error: ECONNRESET\. PharmaOne may or may not have applied this request/);
	});

	test('no message names an error code n8n would replace with its own generic text', () => {
		for (const code of ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ENOTFOUND', 'ECONNABORTED', 'EAI_AGAIN']) {
			for (const route of [ROUTES.order.get, ROUTES.inventory.adjust, ROUTES.telemedicineOrder.create]) {
				expect(describeFailure({ code }, { route, host: HOST }).message).not.toContain(code);
			}
		}
	});
});

describe('a connection that breaks mid-way, in the engine', () => {
	test('an answer cut off after "HTTP 200" on a write: most likely applied, not sent again', async () => {
		const server = await startBrokenServer('cut');
		try {
			const harness = new EngineHarness({ pharmaOneApi: { environment: 'custom', baseUrl: server.baseUrl, organizationId: 'org1', apiKey: 'dummy-k' } });
			const result = await harness.run({
				parameters: { resource: 'inventory', operation: 'adjust', productId: byId('12345'), reason: 'sale', deltaOnHand: -1 },
			});
			expect(result.error?.message).toBe('The connection broke while PharmaOne was sending its answer (HTTP 200)');
			expect(result.error?.description).toMatch(/^PharmaOne answered HTTP 200, so the request was most likely applied/);
			expect(server.requests).toHaveLength(1);
		} finally {
			await server.stop();
		}
	});

	test('an answer cut off on a read is retried, then reported without "Could not reach"', async () => {
		const server = await startBrokenServer('cut');
		try {
			const harness = new EngineHarness({ pharmaOneApi: { environment: 'custom', baseUrl: server.baseUrl, organizationId: 'org1', apiKey: 'dummy-k' } });
			const result = await harness.run({ parameters: { resource: 'order', operation: 'get', orderId: byId('ORD_1') } });
			expect(result.error?.message).toBe('The connection broke while PharmaOne was sending its answer (HTTP 200)');
			expect(server.requests).toHaveLength(4);
		} finally {
			await server.stop();
		}
	});

	test('a connection dropped before an answer on a write: may or may not have applied, not "Could not reach"', async () => {
		const server = await startBrokenServer('drop');
		try {
			const harness = new EngineHarness({ pharmaOneApi: { environment: 'custom', baseUrl: server.baseUrl, organizationId: 'org1', apiKey: 'dummy-k' } });
			const result = await harness.run({
				parameters: { resource: 'inventory', operation: 'adjust', productId: byId('12345'), reason: 'sale', deltaOnHand: -1 },
			});
			expect(result.error?.message).toBe(`The connection to PharmaOne at ${server.baseUrl} broke before an answer arrived`);
			expect(result.error?.description).toMatch(/may or may not have applied/);
			expect(server.requests).toHaveLength(1);
		} finally {
			await server.stop();
		}
	});
});
