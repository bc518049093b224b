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
import { settingsFingerprint } from './helpers/memory';
import type { StoredState } from './helpers/state';
import { STATE_VERSION, loadState, saveState } from './helpers/state';
import {
	DEFAULT_MAX_RECORDS,
	pollOrders,
	pollPrescriptions,
	pollStock,
	readSettings,
	sampleEvent,
} from './helpers/pollers';

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
					'Checks PharmaOne on the schedule set in Poll Times above. The first check only records what exists; later checks start the workflow once per change. Needs no public URL and no webhook subscription. For instant events on a public HTTPS URL, use the PharmaOne Trigger instead.',
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
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add option',
				default: {},
				displayOptions: { show: { event: [...ORDER_EVENTS, ...PRESCRIPTION_EVENTS] } },
				options: [
					{
						displayName: 'Max Records per Poll',
						name: 'maxRecords',
						type: 'number',
						typeOptions: { minValue: 1 },
						default: DEFAULT_MAX_RECORDS,
						description:
							'The most orders or prescriptions one check reads. Orders: reading stops earlier once it reaches orders already seen. Prescriptions: the most recent ones up to this number (at most 5,000) are compared each time.',
					},
				],
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
		const fingerprint = settingsFingerprint({
			event: settings.event,
			shopId: settings.shopId,
			newStatuses: settings.newStatuses,
			threshold: settings.threshold,
			products: [...settings.products].sort(),
		});
		const stored = loadState(staticData, fingerprint);
		const next: StoredState = { v: STATE_VERSION, fp: fingerprint };

		let items: IDataObject[];
		if (ORDER_EVENTS.includes(settings.event)) {
			items = await pollOrders(this, client, settings, stored, next);
		} else if (PRESCRIPTION_EVENTS.includes(settings.event)) {
			items = await pollPrescriptions(client, settings, stored, next);
		} else {
			items = await pollStock(client, settings, stored, next);
		}
		// Saved only after every request succeeded: a failed poll changes nothing and is retried.
		saveState(staticData, next);

		if (stored === undefined || items.length === 0) return null;
		return [this.helpers.returnJsonArray(items)];
	}
}
