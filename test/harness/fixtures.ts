/** Dummy values only: nothing here is a real PharmaOne secret. */
export const BASE_URL = 'https://manager.sandbox.test';
export const ORG_ID = 'org1';
export const DUMMY_API_KEY = 'dummy-api-key-for-tests';

/** A JWT-shaped dummy token: header {"alg":"HS256","typ":"JWT"}, claims of the docs, fake signature. */
export function dummyJwt(n: number): string {
	const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
	const header = encode({ alg: 'HS256', typ: 'JWT' });
	const claims = encode({ org_id: ORG_ID, scopes: ['orders.read'], iss: 'pharmaone-integration', sub: 'integration', n });
	return `${header}.${claims}.dummy-signature-${n}`;
}

export const CUSTOM_CREDENTIALS = {
	environment: 'custom',
	baseUrl: `${BASE_URL}/ `,
	organizationId: ` ${ORG_ID} `,
	apiKey: DUMMY_API_KEY,
};

export const V2 = `/api/v2/public/orgs/${ORG_ID}`;
