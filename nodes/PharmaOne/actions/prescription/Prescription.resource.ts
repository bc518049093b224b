import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../operationSelector';
import type { ResourceOperations } from '../types';
import { create } from './create.operation';
import { get } from './get.operation';
import { getAll } from './getAll.operation';

export const prescriptionOperations: ResourceOperations = { get, getAll, create };

export const prescriptionDescription: INodeProperties[] = operationSelector('prescription', prescriptionOperations, 'getAll');
