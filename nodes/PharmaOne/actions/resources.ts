import type { INodeProperties } from 'n8n-workflow';

import { inventoryOperations } from './inventory/Inventory.resource';
import { orderOperations } from './order/Order.resource';
import { orderRequestOperations } from './orderRequest/OrderRequest.resource';
import { prescriptionOperations } from './prescription/Prescription.resource';
import { productOperations } from './product/Product.resource';
import { reportOperations } from './report/Report.resource';
import { shopOperations } from './shop/Shop.resource';
import { telemedicineOrderOperations } from './telemedicineOrder/TelemedicineOrder.resource';
import { operationSelector } from './operationSelector';
import type { ResourceOperations } from './types';

/** A resource: its name in the Resource list, its operations and the one selected first (one of them). */
function resource<Operations extends ResourceOperations>(name: string, operations: Operations, defaultOperation: keyof Operations & string) {
	return { name, operations, defaultOperation };
}

/** Every resource under the name saved in workflows (the Resource value). */
export const RESOURCES = {
	inventory: resource('Inventory', inventoryOperations, 'getAll'),
	order: resource('Order', orderOperations, 'get'),
	orderRequest: resource('Order Request', orderRequestOperations, 'create'),
	prescription: resource('Prescription', prescriptionOperations, 'getAll'),
	product: resource('Product', productOperations, 'get'),
	report: resource('Report', reportOperations, 'getStats'),
	shop: resource('Shop', shopOperations, 'getAll'),
	telemedicineOrder: resource('Telemedicine Order', telemedicineOrderOperations, 'create'),
};

/** The Operation list and the operations' fields of every resource, each shown for its resource only. */
export const OPERATION_PROPERTIES: INodeProperties[] = Object.entries(RESOURCES).flatMap(([key, { operations, defaultOperation }]) =>
	operationSelector(key, operations, defaultOperation),
);
