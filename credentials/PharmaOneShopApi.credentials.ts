import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The External Telemedicine Connector of one pharmacy shop: a shop URL and an API key, sent in
 * the `apikey` header to `POST {shop URL}/api/v1/external-order`. No Manager host, organization
 * ID or token is involved.
 */
export class PharmaOneShopApi implements ICredentialType {
	name = 'pharmaOneShopApi';

	displayName = 'PharmaOne Shop Connector API';

	icon: Icon = { light: 'file:../icons/pharmaone.svg', dark: 'file:../icons/pharmaone.dark.svg' };

	documentationUrl = 'https://docs.pharmaone.io/external-api/external-telemedicine-connector/';

	properties: INodeProperties[] = [
		{
			displayName: 'Shop URL',
			name: 'shopUrl',
			type: 'string',
			default: '',
			placeholder: 'https://your-shop.pharmaone.app',
			description:
				'The base URL of the pharmacy shop, without a path. The shop decides the organization and shop of every order sent. Trailing slashes and spaces are ignored.',
			required: true,
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'The connector API key the pharmacy gave you for this shop',
			required: true,
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { apikey: '={{$credentials.apiKey}}' } },
	};

	/**
	 * The connector has a single route and it creates order requests, so no request can succeed
	 * without a side effect. The test therefore sends a probe the shop must refuse:
	 * - an invalid key is refused first (401; the shop checks the key before the body) → the
	 *   rule below reports "API key refused";
	 * - a valid key reaches validation, and the probe breaks the documented rules twice (no
	 *   customer email or name, no line item and no prescription PDF), so the shop answers
	 *   400/422 and creates nothing. n8n reports every non-2xx answer as a failed test, so the
	 *   rules turn that answer into a message saying the key was accepted;
	 * - should a shop ever accept the probe anyway, it is an order *request* that pharmacy staff
	 *   review before anything becomes an order, labelled "n8n-credential-test" so they can
	 *   decline it (n8n-workflow's types allow status rules or body rules, not both, so this
	 *   case cannot get its own message).
	 * `ignoreHttpStatusErrors` is deliberately not used: with it a 401 whose body PharmaOne does not
	 * document, or a wrong Shop URL answering 404, would pass as "Connection successful".
	 */
	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{ String($credentials.shopUrl).trim().replace(/\\/+$/, "") }}',
			url: '/api/v1/external-order',
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: {
				external_reference: 'n8n-credential-test',
				source: 'n8n-credential-test',
				payload: { items: [] },
			},
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message: 'API key refused: the shop answered 401. Check the API Key and that it belongs to this Shop URL.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message: 'API key refused: the shop answered 403. Check the API Key and that it belongs to this Shop URL.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 400,
					message:
						'API key accepted. The shop checked the key and then rejected the deliberately incomplete test order (HTTP 400), so nothing was created. You can save and use this credential.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 422,
					message:
						'API key accepted. The shop checked the key and then rejected the deliberately incomplete test order (HTTP 422), so nothing was created. You can save and use this credential.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No telemedicine connector at this Shop URL (HTTP 404). Check the Shop URL, e.g. https://your-shop.pharmaone.app.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 502,
					message: 'The shop answered 502: it could not reach PharmaOne. Try again later.',
				},
			},
		],
	};
}
