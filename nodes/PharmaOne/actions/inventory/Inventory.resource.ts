import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../operationSelector';
import type { ResourceOperations } from '../types';
import { adjust } from './adjust.operation';
import { getAll } from './getAll.operation';
import { getHistory } from './getHistory.operation';
import { getLog } from './getLog.operation';
import { setStockLevel } from './setStockLevel.operation';

export const inventoryOperations: ResourceOperations = { getAll, adjust, getLog, getHistory, setStockLevel };

export const inventoryDescription: INodeProperties[] = operationSelector('inventory', inventoryOperations, 'getAll');
