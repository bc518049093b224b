import type { ResourceOperations } from '../types';
import { adjust } from './adjust.operation';
import { getAll } from './getAll.operation';
import { getHistory } from './getHistory.operation';
import { getLog } from './getLog.operation';
import { setStockLevel } from './setStockLevel.operation';

/** The operations of this resource, each under the name saved in workflows (the Operation value). */
export const inventoryOperations = { getAll, adjust, getLog, getHistory, setStockLevel } satisfies ResourceOperations;
