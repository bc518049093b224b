import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../operationSelector';
import type { ResourceOperations } from '../types';
import { getAll } from './getAll.operation';

export const shopOperations: ResourceOperations = { getAll };

export const shopDescription: INodeProperties[] = operationSelector('shop', shopOperations, 'getAll');
