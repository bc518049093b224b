import type { IAuthenticateGeneric, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The External Telemedicine Connector of one pharmacy shop: a shop URL and
 * an API key, sent in the `apikey` header to `POST {shop URL}/api/v1/external-order`. No
 * Manager host, organization ID or token is involved. It is tested by the PharmaOne node
 * (`testedBy`), which can tell "key accepted, incomplete test order refused" from a refused key;
 * a declarative `test` here cannot on every supported n8n (docs/architecture.md, "The Shop
 * Connector credential test").
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
}
