import type { ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

/**
 * The signing secret of a PharmaOne webhook subscription, used by the PharmaOne Trigger to
 * verify `X-PharmaOne-Signature` (HMAC-SHA256 of the raw body).
 *
 * There is no `test` request here on purpose: PharmaOne has no API that could confirm a
 * signing secret (it only ever signs deliveries). The credential is tested by the
 * PharmaOne Trigger node instead (`testedBy: 'pharmaOneWebhookSecretTest'`), which checks what
 * can be checked locally and says so.
 */
export class PharmaOneWebhookApi implements ICredentialType {
	name = 'pharmaOneWebhookApi';

	displayName = 'PharmaOne Webhook API';

	icon: Icon = { light: 'file:../icons/pharmaone.svg', dark: 'file:../icons/pharmaone.dark.svg' };

	documentationUrl = 'https://docs.pharmaone.shop/external-api/webhooks/';

	properties: INodeProperties[] = [
		{
			displayName:
				'Create the webhook subscription in PharmaOne Manager → Org Settings → Integrations → Webhook subscriptions. Its signing secret is shown only once, when the subscription is created: copy it into this credential. If it is lost, create a new subscription and use its secret.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
		{
			displayName: 'Signing Secret',
			name: 'signingSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The signing secret of the webhook subscription (Manager → Org Settings → Integrations → Webhook subscriptions; shown once when the subscription is created). Every delivery whose X-PharmaOne-Signature does not match it is refused with HTTP 401.',
		},
	];
}
