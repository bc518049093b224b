import type {
	IDataObject,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { shopLocator } from '../shared/locators';
import { PharmaOneClient } from '../shared/client';
import { searchShops } from '../shared/listSearch';
import { ORDER_EVENTS, POLL_EVENT_OPTIONS, PRESCRIPTION_EVENTS, STATUS_EVENTS, STOCK_EVENTS } from './helpers/events';
import { pollRecords, pollStock } from './helpers/pollers';
import { sampleEvent } from './helpers/sample';
import { DEFAULT_WATCH_DAYS, readSettings, recordKind } from './helpers/settings';
import type { PollState } from './helpers/state';
import { STATE_VERSION, loadState, saveState, settingsHash } from './helpers/state';

export class PharmaOnePollTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PharmaOne Poll Trigger',
		name: 'pharmaOnePollTrigger',
		icon: { light: 'file:../../icons/pharmaone.svg', dark: 'file:../../icons/pharmaone.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["event"] }}',
		description:
			'Starts the workflow when PharmaOne orders, prescriptions or stock change, by polling the API (no public URL or webhook subscription needed)',
		defaults: { name: 'PharmaOne Poll Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'pharmaOneApi', required: true }],
		properties: [
			{
				displayName:
					'Checks PharmaOne on the schedule set in Poll Times above. The first check only records what exists; later checks start the workflow once per change found (a change undone before the next check is not seen). Needs no public URL and no webhook subscription. For instant events on a public HTTPS URL, use the PharmaOne Trigger instead.',
				name: 'pollNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				noDataExpression: true,
				required: true,
				options: POLL_EVENT_OPTIONS,
				default: 'order_status_updated',
				description: 'The change that starts the workflow. Changing it (or a filter) starts over with a new baseline.',
			},
			shopLocator({
				description: 'Only orders of this shop. Leave empty for all shops of the organization.',
				displayOptions: { show: { event: ORDER_EVENTS } },
			}),
			{
				displayName: 'Only New Statuses',
				name: 'newStatuses',
				type: 'string',
				default: '',
				placeholder: 'e.g. ready_pickup',
				description:
					'Start the workflow only when the new status is one of these (comma-separated, any value PharmaOne uses). Known order statuses: pending, awaiting_packing, ready_pickup. Prescription statuses: new, pending, pending_signature, signed, approved, declined, completed. Empty: every status change.',
				displayOptions: { show: { event: STATUS_EVENTS } },
			},
			{
				displayName: 'Threshold',
				name: 'threshold',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 5,
				description:
					'Start the workflow when a product\'s stock falls to this number or lower. Each product is reported once per crossing and again only after its stock rose above the threshold.',
				displayOptions: { show: { event: ['low_stock'] } },
			},
			{
				displayName: 'Product IDs',
				name: 'productIds',
				type: 'string',
				default: '',
				placeholder: 'e.g. 12345, 12346',
				description: 'Only these products (p1_id, comma-separated). Empty: every product in the organization inventory.',
				displayOptions: { show: { event: STOCK_EVENTS } },
			},
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'All Orders', value: 'all', description: 'Every order PharmaOne lists, however old' },
					{
						name: 'Orders Created in the Last N Days',
						value: 'recent',
						description: 'Only orders created within the number of Days below',
					},
				],
				default: 'recent',
				description:
					'Which orders are watched; changes to orders created earlier are not reported. A check makes about one request per 200 orders watched.',
				displayOptions: { show: { event: ORDER_EVENTS } },
			},
			{
				displayName: 'Watch',
				name: 'watch',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'All Prescriptions', value: 'all', description: 'Every prescription PharmaOne lists, however old' },
					{
						name: 'Prescriptions Created in the Last N Days',
						value: 'recent',
						description: 'Only prescriptions created within the number of Days below',
					},
				],
				default: 'recent',
				description:
					'Which prescriptions are watched; changes to prescriptions created earlier are not reported. PharmaOne shows no update time for prescriptions, so a check reads the whole list: about one request per 100 prescriptions.',
				displayOptions: { show: { event: PRESCRIPTION_EVENTS } },
			},
			{
				displayName: 'Days',
				name: 'watchDays',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: DEFAULT_WATCH_DAYS,
				description: 'How many days back (by creation date) records are watched',
				displayOptions: { show: { event: [...ORDER_EVENTS, ...PRESCRIPTION_EVENTS], watch: ['recent'] } },
			},
		],
	};

	methods = {
		listSearch: { searchShops },
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const settings = readSettings(this);
		const client = new PharmaOneClient(this);
		if (this.getMode() === 'manual') {
			return [this.helpers.returnJsonArray([await sampleEvent(this, client, settings)])];
		}

		const staticData = this.getWorkflowStaticData('node');
		const hash = settingsHash(settings);
		const stored = loadState(staticData, hash);
		const next: PollState = { version: STATE_VERSION, settingsHash: hash };
		const kind = recordKind(settings.event);
		const items: IDataObject[] =
			kind === undefined
				? await pollStock(this, client, settings, stored, next)
				: await pollRecords(this, client, settings, kind, stored, next);
		// Saved only after every request succeeded: a failed poll changes nothing and is retried.
		saveState(staticData, next);
		return items.length === 0 ? null : [this.helpers.returnJsonArray(items)];
	}
}
