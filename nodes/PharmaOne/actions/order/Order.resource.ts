import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../operationSelector';
import type { ResourceOperations } from '../types';
import { get } from './get.operation';
import { getAll } from './getAll.operation';
import { update } from './update.operation';
import { updateStatus } from './updateStatus.operation';
import { upsert } from './upsert.operation';

export const orderOperations: ResourceOperations = { get, getAll, upsert, update, updateStatus };

export const orderDescription: INodeProperties[] = operationSelector('order', orderOperations, 'get');
