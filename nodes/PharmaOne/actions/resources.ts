import type { INodeProperties } from 'n8n-workflow';

import { inventoryDescription, inventoryOperations } from './inventory/Inventory.resource';
import { orderDescription, orderOperations } from './order/Order.resource';
import { orderRequestDescription, orderRequestOperations } from './orderRequest/OrderRequest.resource';
import { prescriptionDescription, prescriptionOperations } from './prescription/Prescription.resource';
import { productDescription, productOperations } from './product/Product.resource';
import { reportDescription, reportOperations } from './report/Report.resource';
import { shopDescription, shopOperations } from './shop/Shop.resource';
import { telemedicineOrderDescription, telemedicineOrderOperations } from './telemedicineOrder/TelemedicineOrder.resource';
import type { ResourceOperations } from './types';

/** Every resource: its dropdown entry, its operations and their fields. */
export const RESOURCES = {
	inventory: { name: 'Inventory', operations: inventoryOperations, description: inventoryDescription },
	order: { name: 'Order', operations: orderOperations, description: orderDescription },
	orderRequest: { name: 'Order Request', operations: orderRequestOperations, description: orderRequestDescription },
	prescription: { name: 'Prescription', operations: prescriptionOperations, description: prescriptionDescription },
	product: { name: 'Product', operations: productOperations, description: productDescription },
	report: { name: 'Report', operations: reportOperations, description: reportDescription },
	shop: { name: 'Shop', operations: shopOperations, description: shopDescription },
	telemedicineOrder: {
		name: 'Telemedicine Order',
		operations: telemedicineOrderOperations,
		description: telemedicineOrderDescription,
	},
} satisfies Record<string, { name: string; operations: ResourceOperations; description: INodeProperties[] }>;
