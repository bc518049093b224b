import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { OPERATION_PROPERTIES, RESOURCES } from './actions/resources';
import { requestOptions } from './descriptions/requestOptions';
import { router } from './actions/router';
import { pharmaOneShopApiTest } from './methods/credentialTest';
import { searchInventory, searchOrders, searchPrescriptions, searchProducts, searchShops } from '../shared/listSearch';

export class PharmaOne implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'PharmaOne',
		name: 'pharmaOne',
		icon: { light: 'file:../../icons/pharmaone.svg', dark: 'file:../../icons/pharmaone.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Work with PharmaOne pharmacy orders, shops, products, inventory and more',
		defaults: { name: 'PharmaOne' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'pharmaOneApi', required: true, displayOptions: { hide: { resource: ['telemedicineOrder'] } } },
			{
				name: 'pharmaOneShopApi',
				required: true,
				testedBy: 'pharmaOneShopApiTest',
				displayOptions: { show: { resource: ['telemedicineOrder'] } },
			},
		],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: Object.entries(RESOURCES).map(([value, resource]) => ({ name: resource.name, value })),
				default: 'order',
			},
			...OPERATION_PROPERTIES,
			requestOptions,
		],
	};

	methods = {
		listSearch: { searchShops, searchOrders, searchProducts, searchInventory, searchPrescriptions },
		credentialTest: { pharmaOneShopApiTest },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await router.call(this);
	}
}
