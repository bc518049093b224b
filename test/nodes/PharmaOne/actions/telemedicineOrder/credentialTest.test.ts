import type { ICredentialType } from 'n8n-workflow';
import nock from 'nock';

import { PharmaOneShopApi } from '../../../../../credentials/PharmaOneShopApi.credentials';
import { PharmaOne } from '../../../../../nodes/PharmaOne/PharmaOne.node';
import { createSandbox } from '../../../../../sandbox/server';
import { testCredentialLikeN8n } from '../../../../harness/credentialTester';
import { EngineHarness } from '../../../../harness/engine';
import { captureBody } from '../../../../harness/fakePharmaOne';
import errors from '../../../../fixtures/errors.json';
import created from '../../../../fixtures/telemedicineOrder/create.json';
import { harness, managerTrap, PATH, SHOP_KEY, SHOP_URL, shopTrap } from './helpers';

describe('PharmaOne node credentials', () => {
	test('the shop credential is used only for Telemedicine Order and tested by the node; the API credential for everything else', () => {
		const node = new PharmaOne();
		expect(node.description.credentials).toEqual([
			{ name: 'pharmaOneApi', required: true, displayOptions: { hide: { resource: ['telemedicineOrder'] } } },
			{
				name: 'pharmaOneShopApi',
				required: true,
				testedBy: 'pharmaOneShopApiTest',
				displayOptions: { show: { resource: ['telemedicineOrder'] } },
			},
		]);
		expect(typeof node.methods.credentialTest.pharmaOneShopApiTest).toBe('function');
	});
});

describe('PharmaOne Shop Connector API credential test (the node\'s testedBy function, as n8n calls it)', () => {
	const PROBE = { external_reference: 'n8n-credential-test', source: 'n8n-credential-test', payload: { items: [] } };

	test('the credential has no declarative test, so n8n uses the node\'s function', () => {
		expect((new PharmaOneShopApi() as ICredentialType).test).toBeUndefined();
	});

	test.each([400, 422])('a key that passed and a probe rejected for validation (%i) is a green test', async (status) => {
		const manager = managerTrap();
		const bodies: unknown[] = [];
		nock(SHOP_URL, { badheaders: ['authorization'] })
			.post(PATH, captureBody(bodies))
			.matchHeader('apikey', SHOP_KEY)
			.reply(status, { error: 'validation_error', message: 'payload.customer_email or payload.customer_name is required' });
		const outcome = await testCredentialLikeN8n(harness(), 'pharmaOneShopApi');
		expect(outcome).toEqual({
			status: 'OK',
			message: `API key accepted: the shop checked it, then refused the deliberately incomplete test order (HTTP ${status}), so nothing was created.`,
		});
		expect(bodies).toEqual([PROBE]);
		expect(manager).toEqual([]);
	});

	test.each([
		[401, errors.kongUnauthorized, 'The shop refused the API key (HTTP 401). The API key is wrong or revoked, or belongs to another shop. Check the Shop URL and API Key in the PharmaOne Shop Connector API credential.'],
		[403, { error: 'forbidden' }, 'The shop refused the API key (HTTP 403). The API key is wrong or revoked, or belongs to another shop. Check the Shop URL and API Key in the PharmaOne Shop Connector API credential.'],
		[404, 'Not Found', 'No telemedicine connector at this Shop URL (HTTP 404). Check the Shop URL, e.g. https://your-shop.pharmaone.app.'],
		[429, { error: 'too_many_requests' }, 'The shop is rate limiting requests (HTTP 429). Wait a minute, then test the credential again.'],
		[502, { error: 'bad_gateway' }, 'The shop could not reach PharmaOne (HTTP 502). Try again later.'],
	])('HTTP %i is a failed test with the node\'s own wording, after one request', async (status, body, message) => {
		const bodies: unknown[] = [];
		nock(SHOP_URL).post(PATH, captureBody(bodies)).times(3).reply(status, body);
		const outcome = await testCredentialLikeN8n(harness(), 'pharmaOneShopApi');
		expect(outcome).toEqual({ status: 'Error', message });
		expect(bodies).toHaveLength(1);
	});

	test('a shop that accepts the probe passes and says where the test request went', async () => {
		nock(SHOP_URL).post(PATH).reply(200, created);
		const outcome = await testCredentialLikeN8n(harness(), 'pharmaOneShopApi');
		expect(outcome.status).toBe('OK');
		expect(outcome.message).toMatch(/n8n-credential-test.*decline/);
	});

	test('an unreachable shop names the shop URL', async () => {
		const closed = createSandbox({ orderCount: 1 });
		const { shopUrl } = await closed.start();
		await closed.stop(); // nothing listens there any more
		const outcome = await testCredentialLikeN8n(harness(), 'pharmaOneShopApi', { shopUrl, apiKey: SHOP_KEY });
		expect(outcome).toEqual({
			status: 'Error',
			message: `Could not reach the shop at ${shopUrl}. Network error: ECONNREFUSED. Check the Shop URL in the PharmaOne Shop Connector API credential and the network between n8n and the shop.`,
		});
	});

	test.each([
		[{ shopUrl: '  ', apiKey: SHOP_KEY }, /^Enter the Shop URL/],
		[{ shopUrl: 'shop1.pharmaone.test', apiKey: SHOP_KEY }, /^Enter the Shop URL/],
		[{ shopUrl: SHOP_URL, apiKey: ' ' }, /^Enter the API key/],
	])('%o fails without a request', async (data, message) => {
		const shop = shopTrap();
		const outcome = await testCredentialLikeN8n(harness(), 'pharmaOneShopApi', data);
		expect(outcome.status).toBe('Error');
		expect(outcome.message).toMatch(message);
		expect(shop).toEqual([]);
	});

	test.each([400, 422] as const)('against the sandbox connector (validation errors answered %i): right key OK, wrong key Error, nothing created', async (connectorInvalidStatus) => {
		const sandbox = createSandbox({ orderCount: 1, apiKey: 'dummy-sandbox-connector-key', connectorInvalidStatus });
		const { shopUrl } = await sandbox.start();
		const apiKey = sandbox.options.apiKey;
		try {
			const good = await testCredentialLikeN8n(new EngineHarness({ pharmaOneShopApi: { shopUrl, apiKey } }), 'pharmaOneShopApi');
			expect(good).toEqual({ status: 'OK', message: expect.stringContaining(`(HTTP ${connectorInvalidStatus})`) });
			const bad = await testCredentialLikeN8n(
				new EngineHarness({ pharmaOneShopApi: { shopUrl, apiKey: 'dummy-wrong-key' } }),
				'pharmaOneShopApi',
			);
			expect(bad).toEqual({ status: 'Error', message: expect.stringMatching(/^The shop refused the API key \(HTTP 401\)/) });
			expect(sandbox.state.orderRequests.size).toBe(0);
		} finally {
			await sandbox.stop();
		}
	});
});
