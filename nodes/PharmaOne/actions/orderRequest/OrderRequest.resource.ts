import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../operationSelector';
import type { ResourceOperations } from '../types';
import { create } from './create.operation';

export const orderRequestOperations: ResourceOperations = { create };

export const orderRequestDescription: INodeProperties[] = operationSelector('orderRequest', orderRequestOperations, 'create');
