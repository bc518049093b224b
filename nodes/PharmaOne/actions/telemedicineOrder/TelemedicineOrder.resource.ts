import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../operationSelector';
import type { ResourceOperations } from '../types';
import { create } from './create.operation';

export const telemedicineOrderOperations: ResourceOperations = { create };

export const telemedicineOrderDescription: INodeProperties[] = operationSelector(
	'telemedicineOrder',
	telemedicineOrderOperations,
	'create',
);
