import type { INodeProperties } from 'n8n-workflow';

export const DEFAULT_KEYS_REMEMBERED = 10000;

/** What Skip Already Sent remembers for one operation: its key's name and what it sends. */
export interface SendOnceSubject {
	/** e.g. "order request", "stock adjustment". */
	what: string;
	/** The parameter the key comes from, e.g. "External Reference". */
	keyLabel: string;
	/** The key's own field, when the operation has none among its regular fields. */
	keyField?: INodeProperties;
}

/** Skip Already Sent and its options, among the fields of the operation that offers it. */
export function skipAlreadySentFields({ what, keyLabel, keyField }: SendOnceSubject): INodeProperties[] {
	const whenOn = { show: { skipAlreadySent: [true] } };
	return [
		{
			displayName: 'Skip Already Sent',
			name: 'skipAlreadySent',
			type: 'boolean',
			default: false,
			description: `Whether to remember the ${keyLabel} of each ${what} PharmaOne accepted, in n8n's database, and skip items whose ${keyLabel} was sent before, so running the workflow again does not send the same ${what} twice`,
		},
		...(keyField ? [{ ...keyField, displayOptions: whenOn }] : []),
		{
			displayName: 'Skip Already Sent Options',
			name: 'skipAlreadySentOptions',
			type: 'collection',
			placeholder: 'Add Option',
			default: {},
			displayOptions: whenOn,
			options: [
				{
					displayName: 'Forget Keys Instead of Sending',
					name: 'forgetKeys',
					type: 'boolean',
					default: false,
					description: `Whether to remove the input items' ${keyLabel} values from n8n's memory and send nothing, e.g. after checking in PharmaOne Manager that a ${what} that failed with a server error did not arrive. Turn it off again, then run to send them.`,
				},
				{
					displayName: 'Keys Remembered',
					name: 'keysRemembered',
					type: 'number',
					typeOptions: { minValue: 1, numberPrecision: 0 },
					default: DEFAULT_KEYS_REMEMBERED,
					description: 'How many keys n8n keeps; beyond this the oldest are forgotten',
				},
				{
					displayName: 'Remember Keys Per',
					name: 'scope',
					type: 'options',
					options: [
						{ name: 'Node', value: 'node', description: 'Only this node skips the keys it sent' },
						{
							name: 'Workflow',
							value: 'workflow',
							description:
								"Every PharmaOne node of this workflow with this option shares its keys (kept with the workflow's Remove Duplicates history)",
						},
					],
					default: 'node',
					description: 'Which sends count as already sent',
				},
			],
		},
	];
}
