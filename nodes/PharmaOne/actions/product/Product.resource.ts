import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../operationSelector';
import type { ResourceOperations } from '../types';
import { addToInventory } from './addToInventory.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';

export const productOperations: ResourceOperations = { addToInventory, get, getAll, update };

export const productDescription: INodeProperties[] = operationSelector('product', productOperations, 'get');
