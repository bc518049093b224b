import { createSandbox } from '../../sandbox/server';
import {
	API_KEY,
	auth,
	baseUrl,
	call,
	hmacHex,
	JWT_KEY,
	newToken,
	sandbox,
	setAuth,
	useSandbox,
	v2,
} from './helpers';

describe('PharmaOne sandbox', () => {
	useSandbox();

	describe('authentication', () => {
		it('accepts the API key in the apikey header, the X-API-Key header and the apikey query', async () => {
			const viaHeader = await call(`${v2}/auth/token`, { method: 'POST', headers: { apikey: API_KEY } });
			const viaXHeader = await call(`${v2}/auth/token`, { method: 'POST', headers: { 'X-API-Key': API_KEY } });
			const viaQuery = await call(`${v2}/auth/token?apikey=${API_KEY}`, { method: 'POST' });
			for (const res of [viaHeader, viaXHeader, viaQuery]) {
				expect(res.status).toBe(200);
				expect(res.body).toEqual({ access_token: expect.any(String), token_type: 'Bearer', expires_in: 3600 });
			}
		});

		it('answers a missing or wrong key with the Kong 401 body', async () => {
			for (const headers of [{}, { apikey: 'dummy-wrong-key' }] as Array<Record<string, string>>) {
				const res = await call(`${v2}/auth/token`, { method: 'POST', headers });
				expect(res.status).toBe(401);
				expect(res.body).toEqual({ message: 'Unauthorized', request_id: expect.stringMatching(/^[0-9a-f]{16,}$/) });
			}
		});

		it('refuses a key used for another organization', async () => {
			const res = await call(`${baseUrl}/api/v2/public/orgs/org2/auth/token`, { method: 'POST', headers: { apikey: API_KEY } });
			expect(res.status).toBe(401);
			expect(res.body).toEqual({ error: 'Invalid or missing API key' });
		});

		it('issues an HS256 JWT with the documented claims, all scopes and a unique jti', async () => {
			const first = await newToken();
			const second = await newToken();
			const [head, payload, signature] = first.split('.');
			expect(JSON.parse(Buffer.from(head, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
			expect(Buffer.from(hmacHex(JWT_KEY, `${head}.${payload}`), 'hex').toString('base64url')).toBe(signature);
			const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
			expect(claims).toMatchObject({ org_id: 'org1', iss: 'pharmaone-integration', sub: 'integration' });
			expect(claims.exp - claims.iat).toBe(3600);
			expect([...claims.scopes].sort()).toEqual(
				[
					'inventory.read',
					'inventory.write',
					'order_requests.write',
					'orders.read',
					'orders.write',
					'prescriptions.read',
					'prescriptions.write',
					'products.read',
					'products.write',
					'reports.read',
				].sort(),
			);
			const secondClaims = JSON.parse(Buffer.from(second.split('.')[1], 'base64url').toString());
			expect(secondClaims.jti).not.toBe(claims.jti);
		});

		it('rejects missing, malformed, expired and revoked tokens with invalid_token', async () => {
			expect((await call(`${v2}/shops`)).body.error).toBe('invalid_token');
			const bad = await call(`${v2}/shops`, { headers: { Authorization: 'Bearer dummy.not.valid' } });
			expect(bad.status).toBe(401);
			expect(bad.body).toEqual({ error: 'invalid_token', message: expect.any(String) });

			sandbox.setFaults({ tokenTtlSeconds: 0 });
			const expired = await newToken();
			sandbox.clearFaults();
			expect((await call(`${v2}/shops`, { headers: { Authorization: `Bearer ${expired}` } })).status).toBe(401);

			const token = await newToken();
			const headers = { Authorization: `Bearer ${token}` };
			expect((await call(`${v2}/shops`, { headers })).status).toBe(200);
			sandbox.revokeTokens();
			const revoked = await call(`${v2}/shops`, { headers });
			expect(revoked.status).toBe(401);
			expect(revoked.body.error).toBe('invalid_token');
			setAuth({ Authorization: `Bearer ${await newToken()}` });
			expect((await call(`${v2}/shops`, { headers: auth })).status).toBe(200);
		});

		it('a revoked API key is refused at the exchange and every token it had is revoked, until restored', async () => {
			const token = await newToken();
			sandbox.revokeKey();
			try {
				expect((await call(`${v2}/shops`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
				const exchange = await call(`${v2}/auth/token`, { method: 'POST', headers: { apikey: API_KEY } });
				expect(exchange.status).toBe(401);
				expect(exchange.body.message).toBe('Unauthorized');
			} finally {
				sandbox.restoreKey();
			}
			setAuth({ Authorization: `Bearer ${await newToken()}` });
			expect((await call(`${v2}/shops`, { headers: auth })).status).toBe(200);
		});

		it('answers org_mismatch when the URL orgId differs from the token org_id', async () => {
			const res = await call(`${baseUrl}/api/v2/public/orgs/org2/shops`, { headers: auth });
			expect(res.status).toBe(403);
			expect(res.body).toEqual({ error: 'org_mismatch', message: 'Token org_id does not match URL orgId' });
		});

		it('answers insufficient_scope when the token lacks the route scope', async () => {
			const limited = createSandbox({ orderCount: 3, scopes: ['orders.read'] });
			try {
				const { baseUrl: limitedBase } = await limited.start();
				const base = `${limitedBase}/api/v2/public/orgs/org1`;
				const token = (await call(`${base}/auth/token`, { method: 'POST', headers: { apikey: API_KEY } })).body
					.access_token;
				const headers = { Authorization: `Bearer ${token}` };
				expect((await call(`${base}/orders`, { headers })).status).toBe(200);
				const res = await call(`${base}/inventory`, { headers });
				expect(res.status).toBe(403);
				expect(res.body).toEqual({ error: 'insufficient_scope', message: 'Missing scope: inventory.read' });
			} finally {
				await limited.stop();
			}
		});
	});
});
