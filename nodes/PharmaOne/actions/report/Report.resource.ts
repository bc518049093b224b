import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../operationSelector';
import type { ResourceOperations } from '../types';
import { getPharmaOneFees } from './getPharmaOneFees.operation';
import { getProductPerformance } from './getProductPerformance.operation';
import { getProductSales } from './getProductSales.operation';
import { getStats } from './getStats.operation';

export const reportOperations: ResourceOperations = { getStats, getProductPerformance, getProductSales, getPharmaOneFees };

export const reportDescription: INodeProperties[] = operationSelector('report', reportOperations, 'getStats');
