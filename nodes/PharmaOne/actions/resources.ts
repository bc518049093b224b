import type { INodeProperties } from 'n8n-workflow';

import { orderDescription, orderOperations } from './order/Order.resource';
import { shopDescription, shopOperations } from './shop/Shop.resource';
import type { ResourceOperations } from './types';

/** Every resource: its dropdown entry, its operations and their fields. */
export const RESOURCES = {
	order: { name: 'Order', operations: orderOperations, description: orderDescription },
	shop: { name: 'Shop', operations: shopOperations, description: shopDescription },
} satisfies Record<string, { name: string; operations: ResourceOperations; description: INodeProperties[] }>;

export type ResourceName = keyof typeof RESOURCES;
